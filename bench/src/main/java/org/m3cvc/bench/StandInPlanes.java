package org.m3cvc.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.m3cvc.container.keyframe.IndexPlane;

/**
 * Stand-ins for VQ index planes. There is no trained VQ model yet, so nothing here is what the real encoder will
 * produce; these planes only give the coders realistic-looking spatial statistics:
 * <ul>
 *   <li>{@link #smooth}: two octaves of bilinear value noise quantised to codebook_size levels, index = level (so
 *   neighbouring indices are numerically close, which a real codebook's arbitrary order does not give);</li>
 *   <li>{@link #regions}: Voronoi cells with random labels and 3% isolated noise: flat regions with edges;</li>
 *   <li>{@link Photos}: real photographs, each cell the mean colour of the matching 8x8 block of the photo scaled to
 *   8*width x 8*height, quantised with a k = 256 k-means colour codebook fitted here on those photos: a crude VQ with
 *   the spatial statistics of real images but not the richness of a learned 8x8-patch codebook.</li>
 * </ul>
 * Everything is deterministic for given seeds and files.
 */
final class StandInPlanes {
    private StandInPlanes() {}

    static List<IndexPlane> smooth(int w, int h, int codebook, int count, long seed) {
        Random rng = new Random(seed);
        List<IndexPlane> out = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            double[] coarse = valueNoise(rng, w, h, 8);
            double[] fine = valueNoise(rng, w, h, 3);
            int[] k = new int[w * h];
            for (int i = 0; i < k.length; i++) {
                double v = 0.8 * coarse[i] + 0.2 * fine[i];
                k[i] = Math.min(codebook - 1, (int) (v * codebook));
            }
            out.add(new IndexPlane(w, h, k));
        }
        return out;
    }

    /** Bilinear interpolation of a random lattice with spacing {@code cell}, values in [0, 1). */
    private static double[] valueNoise(Random rng, int w, int h, int cell) {
        int gw = w / cell + 2, gh = h / cell + 2;
        double[] g = new double[gw * gh];
        for (int i = 0; i < g.length; i++) g[i] = rng.nextDouble();
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double fx = (double) x / cell, fy = (double) y / cell;
                int x0 = (int) fx, y0 = (int) fy;
                double tx = fx - x0, ty = fy - y0;
                double top = g[y0 * gw + x0] * (1 - tx) + g[y0 * gw + x0 + 1] * tx;
                double bottom = g[(y0 + 1) * gw + x0] * (1 - tx) + g[(y0 + 1) * gw + x0 + 1] * tx;
                out[y * w + x] = top * (1 - ty) + bottom * ty;
            }
        }
        return out;
    }

    static List<IndexPlane> regions(int w, int h, int codebook, int count, long seed) {
        Random rng = new Random(seed);
        List<IndexPlane> out = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            int cells = Math.max(2, w * h / 40);
            int[] sx = new int[cells], sy = new int[cells], label = new int[cells];
            for (int c = 0; c < cells; c++) {
                sx[c] = rng.nextInt(w);
                sy[c] = rng.nextInt(h);
                label[c] = rng.nextInt(codebook);
            }
            int[] k = new int[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int best = 0;
                    long bestD = Long.MAX_VALUE;
                    for (int c = 0; c < cells; c++) {
                        long d = (long) (x - sx[c]) * (x - sx[c]) + (long) (y - sy[c]) * (y - sy[c]);
                        if (d < bestD) {
                            bestD = d;
                            best = c;
                        }
                    }
                    k[y * w + x] = rng.nextInt(100) < 3 ? rng.nextInt(codebook) : label[best];
                }
            }
            out.add(new IndexPlane(w, h, k));
        }
        return out;
    }

    /** Photographs turned into index planes through a k-means colour codebook (see the class comment). */
    static final class Photos {
        static final int CODEBOOK = 256;
        /** Plane sizes whose cells train the codebook (the reference 32x20 and the larger 64x40). */
        static final int[][] TRAINING_SIZES = {{32, 20}, {64, 40}};
        private static final int MAX_TRAINING_POINTS = 30_000;
        private static final int MAX_ITERATIONS = 30;

        final List<Path> files;
        /** Cell mean colours per photograph, by plane size "WxH"; the pixels themselves are not kept. */
        private final List<java.util.Map<String, List<double[]>>> means = new ArrayList<>();
        /** CODEBOOK x 3 (R, G, B). */
        final double[][] codebook;
        final int iterations;
        final double trainingRmse;

        private Photos(List<Path> files, long seed, int[][] extraSizes) throws IOException {
            this.files = files;
            for (Path f : files) {
                BufferedImage img = ImageIO.read(f.toFile());
                if (img == null) throw new IOException("ImageIO cannot read " + f);
                int w = img.getWidth(), h = img.getHeight();
                int[] px = img.getRGB(0, 0, w, h, null, 0, w);
                java.util.Map<String, List<double[]>> m = new java.util.HashMap<>();
                for (int[][] sizes : new int[][][] {TRAINING_SIZES, extraSizes}) {
                    for (int[] s : sizes) m.put(s[0] + "x" + s[1], cellMeans(px, w, h, s[0], s[1]));
                }
                means.add(m);
            }
            List<double[]> points = new ArrayList<>();
            for (java.util.Map<String, List<double[]>> m : means) {
                for (int[] s : TRAINING_SIZES) points.addAll(m.get(s[0] + "x" + s[1]));
            }
            Random rng = new Random(seed);
            java.util.Collections.shuffle(points, rng);
            List<double[]> train = points.subList(0, Math.min(points.size(), MAX_TRAINING_POINTS));
            double[][] cb = kMeansPlusPlus(train, CODEBOOK, rng);
            int it = 0;
            int[] assign = new int[train.size()];
            java.util.Arrays.fill(assign, -1);
            while (it < MAX_ITERATIONS) {
                it++;
                boolean changed = false;
                for (int p = 0; p < train.size(); p++) {
                    int a = nearest(cb, train.get(p));
                    if (a != assign[p]) {
                        assign[p] = a;
                        changed = true;
                    }
                }
                if (!changed) break;
                double[][] sum = new double[cb.length][3];
                int[] n = new int[cb.length];
                for (int p = 0; p < train.size(); p++) {
                    double[] v = train.get(p);
                    for (int c = 0; c < 3; c++) sum[assign[p]][c] += v[c];
                    n[assign[p]]++;
                }
                for (int k = 0; k < cb.length; k++) {
                    // An empty cluster keeps its centre: with 256 colours over tens of thousands of cells it is rare.
                    if (n[k] > 0) for (int c = 0; c < 3; c++) cb[k][c] = sum[k][c] / n[k];
                }
            }
            double se = 0;
            for (double[] v : points) se += dist2(cb[nearest(cb, v)], v);
            this.codebook = cb;
            this.iterations = it;
            this.trainingRmse = Math.sqrt(se / points.size() / 3);
        }

        /**
         * The photographs (*.jpg, *.jpeg, *.png but {@link #NOT_PHOTOGRAPHS}) in {@code dir} in name order, or null
         * when there are none. Default dir: -Dm3cvc.images, else /usr/share/backgrounds (Debian package
         * lomiri-wallpapers-16.04).
         *
         * @param extraSizes plane sizes {w, h} wanted besides {@link #TRAINING_SIZES}
         */
        static Photos load(Path dir, long seed, int[]... extraSizes) throws IOException {
            List<Path> files = list(dir);
            return files.isEmpty() ? null : new Photos(files, seed, extraSizes);
        }

        /**
         * Files of lomiri-wallpapers-16.04 that are not photographs (looked at, not guessed): a digital colour
         * gradient and a noise texture. Left out so that the photo rows describe photographs.
         */
        static final java.util.Set<String> NOT_PHOTOGRAPHS =
                java.util.Set.of("umang_by_Abhishek_Mudgal.jpg", "analogpattern_by_Peter_Nerlich.jpg");

        static List<Path> list(Path dir) throws IOException {
            if (dir == null) dir = Path.of(System.getProperty("m3cvc.images", "/usr/share/backgrounds"));
            if (!Files.isDirectory(dir)) return List.of();
            try (Stream<Path> s = Files.list(dir)) {
                return s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png)"))
                        .filter(p -> !NOT_PHOTOGRAPHS.contains(p.getFileName().toString()))
                        .sorted().toList();
            }
        }

        /**
         * One plane per photograph, {@code w} x {@code h} (a training size or one given to {@link #load}), each index
         * the nearest codebook colour.
         */
        List<IndexPlane> planes(int w, int h) {
            List<IndexPlane> out = new ArrayList<>();
            for (java.util.Map<String, List<double[]>> m : means) {
                List<double[]> cells = m.get(w + "x" + h);
                if (cells == null) throw new IllegalArgumentException(w + "x" + h + " was not asked of load()");
                int[] k = new int[w * h];
                for (int j = 0; j < k.length; j++) k[j] = nearest(codebook, cells.get(j));
                out.add(new IndexPlane(w, h, k));
            }
            return out;
        }

        /**
         * {@link #planes} through a cache file in java.io.tmpdir, keyed by the photographs (names, sizes, times), the
         * size and the seed, so that each JMH fork does not decode the photographs again. Null without photographs.
         */
        static List<IndexPlane> cachedPlanes(int w, int h, long seed) throws IOException {
            List<Path> files = list(null);
            if (files.isEmpty()) return null;
            StringBuilder key = new StringBuilder("stand-in-planes v2 ").append(w).append('x').append(h)
                    .append(" seed ").append(seed);
            for (Path f : files) {
                key.append('\n').append(f).append(' ').append(Files.size(f)).append(' ')
                        .append(Files.getLastModifiedTime(f).toMillis());
            }
            String hash = java.util.HexFormat.of().formatHex(BenchInputs.sha256(key.toString())).substring(0, 16);
            Path cache = Path.of(System.getProperty("java.io.tmpdir"), "m3cvc-bench-planes-" + hash + ".bin");
            if (Files.isRegularFile(cache)) {
                try (var in = new java.io.DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(cache)))) {
                    int n = in.readInt();
                    List<IndexPlane> out = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        int[] k = new int[w * h];
                        for (int j = 0; j < k.length; j++) k[j] = in.readUnsignedShort();
                        out.add(new IndexPlane(w, h, k));
                    }
                    return out;
                }
            }
            List<IndexPlane> planes = load(null, seed, new int[] {w, h}).planes(w, h);
            Path tmp = Files.createTempFile(cache.getParent(), "m3cvc-bench-planes-", ".tmp");
            try (var out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeInt(planes.size());
                for (IndexPlane p : planes) for (int v : p.indices()) out.writeShort(v);
            }
            Files.move(tmp, cache, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return planes;
        }

        /**
         * Mean colours of a {@code w} x {@code h} grid over the largest centred crop, with the grid's aspect ratio, of
         * an {@code iw} x {@code ih} image: the 8x8 block means of the crop box-filtered to 8w x 8h, computed directly.
         */
        private static List<double[]> cellMeans(int[] px, int iw, int ih, int w, int h) {
            int cw = iw, ch = (int) ((long) iw * h / w);
            if (ch > ih) {
                ch = ih;
                cw = (int) ((long) ih * w / h);
            }
            int ox = (iw - cw) / 2, oy = (ih - ch) / 2;
            List<double[]> out = new ArrayList<>(w * h);
            for (int y = 0; y < h; y++) {
                int y0 = oy + (int) ((long) y * ch / h), y1 = oy + (int) ((long) (y + 1) * ch / h);
                for (int x = 0; x < w; x++) {
                    int x0 = ox + (int) ((long) x * cw / w), x1 = ox + (int) ((long) (x + 1) * cw / w);
                    double r = 0, g = 0, b = 0;
                    for (int yy = y0; yy < y1; yy++) {
                        for (int xx = x0; xx < x1; xx++) {
                            int c = px[yy * iw + xx];
                            r += (c >>> 16) & 0xFF;
                            g += (c >>> 8) & 0xFF;
                            b += c & 0xFF;
                        }
                    }
                    double n = (double) (y1 - y0) * (x1 - x0);
                    out.add(new double[] {r / n, g / n, b / n});
                }
            }
            return out;
        }

        private static double[][] kMeansPlusPlus(List<double[]> pts, int k, Random rng) {
            double[][] cb = new double[k][];
            cb[0] = pts.get(rng.nextInt(pts.size())).clone();
            double[] d = new double[pts.size()];
            java.util.Arrays.fill(d, Double.MAX_VALUE);
            for (int c = 1; c < k; c++) {
                double total = 0;
                for (int p = 0; p < pts.size(); p++) {
                    d[p] = Math.min(d[p], dist2(cb[c - 1], pts.get(p)));
                    total += d[p];
                }
                double r = rng.nextDouble() * total;
                int pick = pts.size() - 1;
                for (int p = 0; p < pts.size(); p++) {
                    r -= d[p];
                    if (r <= 0) {
                        pick = p;
                        break;
                    }
                }
                cb[c] = pts.get(pick).clone();
            }
            return cb;
        }

        private static int nearest(double[][] cb, double[] v) {
            int best = 0;
            double bestD = Double.MAX_VALUE;
            for (int k = 0; k < cb.length; k++) {
                double d = dist2(cb[k], v);
                if (d < bestD) {
                    bestD = d;
                    best = k;
                }
            }
            return best;
        }

        private static double dist2(double[] a, double[] b) {
            double dr = a[0] - b[0], dg = a[1] - b[1], db = a[2] - b[2];
            return dr * dr + dg * dg + db * db;
        }
    }
}
