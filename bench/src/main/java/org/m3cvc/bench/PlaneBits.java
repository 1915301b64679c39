package org.m3cvc.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.m3cvc.container.keyframe.IndexPlane;
import org.m3cvc.container.plane.ContextPlaneCoder;
import org.m3cvc.container.plane.RawPlaneCoder;
import org.tukaani.xz.FinishableWrapperOutputStream;
import org.tukaani.xz.LZMA2Options;

/**
 * Compression report (not JMH): bits per index of each plane coder against the planes' own entropy and xz, on the
 * stand-in planes of {@link StandInPlanes}. Prints a Markdown table.
 *
 * <p>Columns, each in bits per index over all planes of a set:
 * <ul>
 *   <li>raw: plane_coding raw (clause 8.3), ceil(log2(codebook_size)) bits plus padding;</li>
 *   <li>context_range: plane_coding context_range (clause 8.4), each plane coded alone as in a keyframe;</li>
 *   <li>H0 plane: the zeroth-order empirical entropy of each plane's own index histogram (a bound for any coder
 *   that codes indices independently with a per-plane model known for free);</li>
 *   <li>H0 set: the same over the pooled histogram of the set (a static model of index frequencies);</li>
 *   <li>xz -9 alone / all: the planes as bytes (8-bit indices, 16-bit big-endian above 256 vectors) compressed by
 *   xz preset 9 (the default CRC64 check) through Commons Compress, each plane alone and all planes of the set concatenated; the .xz container
 *   (headers, CRC64, index) is included, as the xz command writes it;</li>
 *   <li>lzma2 alone: each plane as a raw LZMA2 stream, preset 9, no container: xz's coder without its framing.</li>
 * </ul>
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.m3cvc.bench.PlaneBits [IMAGE_DIR]}.
 */
public final class PlaneBits {
    private static final int CODEBOOK = 256;
    private static final int SYNTHETIC_PLANES = 16;
    /** Seed of the k-means initialisation; {@link PlaneBench} uses the same. */
    static final long PHOTO_SEED = 13;

    private PlaneBits() {}

    record Row(String set, int planes, long indices, double raw, double context, double h0Plane, double h0Set,
               double xzAlone, double xzAll, double lzma2Alone) {}

    public static void main(String[] args) throws IOException {
        Path imageDir = args.length > 0 ? Path.of(args[0]) : null;
        List<Row> rows = new ArrayList<>();
        for (int[] s : new int[][] {{32, 20}, {64, 40}}) {
            rows.add(measure("synthetic smooth " + s[0] + "x" + s[1],
                    StandInPlanes.smooth(s[0], s[1], CODEBOOK, SYNTHETIC_PLANES, 11)));
            rows.add(measure("synthetic regions " + s[0] + "x" + s[1],
                    StandInPlanes.regions(s[0], s[1], CODEBOOK, SYNTHETIC_PLANES, 12)));
        }
        long t0 = System.nanoTime();
        StandInPlanes.Photos photos = StandInPlanes.Photos.load(imageDir, PHOTO_SEED);
        if (photos != null) {
            for (int[] s : StandInPlanes.Photos.TRAINING_SIZES) {
                rows.add(measure("photos " + s[0] + "x" + s[1], photos.planes(s[0], s[1])));
            }
        }
        System.out.println("# Bits per index of stand-in index planes (codebook_size " + CODEBOOK + ")");
        System.out.println();
        System.out.println("| set | planes | indices | raw | context_range | H0 plane | H0 set | xz -9 alone "
                + "| xz -9 all | lzma2 alone | context_range / H0 plane | context_range / xz -9 all |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.2f | %.2f |%n",
                    r.set, r.planes, r.indices, r.raw, r.context, r.h0Plane, r.h0Set, r.xzAlone, r.xzAll,
                    r.lzma2Alone, r.context / r.h0Plane, r.context / r.xzAll);
        }
        System.out.println();
        System.out.println("Stand-ins, not model output: there is no trained VQ model yet (see StandInPlanes).");
        if (photos == null) {
            System.out.println("No photographs found (pass IMAGE_DIR or -Dm3cvc.images=DIR): photo rows left out.");
        } else {
            System.out.printf(Locale.ROOT, "Photo planes: %d photographs, k-means codebook of %d mean colours fitted "
                    + "on their 32x20 and 64x40 cells (%d Lloyd iterations, RMS error %.1f per 8-bit channel, "
                    + "%.1f s):%n", photos.files.size(), StandInPlanes.Photos.CODEBOOK, photos.iterations,
                    photos.trainingRmse, (System.nanoTime() - t0) / 1e9);
            for (Path f : photos.files) System.out.println("  " + f);
        }
    }

    static Row measure(String set, List<IndexPlane> planes) {
        long indices = 0, rawBits = 0, ctxBits = 0, xzAloneBits = 0, lzmaBits = 0;
        double h0PlaneBits = 0;
        long[] pooled = new long[CODEBOOK];
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (IndexPlane p : planes) {
            int n = p.indices().length;
            indices += n;
            rawBits += 8L * RawPlaneCoder.INSTANCE.encode(p, CODEBOOK).length;
            ctxBits += 8L * ContextPlaneCoder.INSTANCE.encode(p, CODEBOOK).length;
            long[] hist = new long[CODEBOOK];
            for (int v : p.indices()) {
                hist[v]++;
                pooled[v]++;
            }
            h0PlaneBits += n * entropy(hist, n);
            byte[] b = bytes(p);
            xzAloneBits += 8L * xz(b).length;
            lzmaBits += 8L * lzma2(b).length;
            all.writeBytes(b);
        }
        double xzAll = 8.0 * xz(all.toByteArray()).length / indices;
        return new Row(set, planes.size(), indices, (double) rawBits / indices, (double) ctxBits / indices,
                h0PlaneBits / indices, entropy(pooled, indices), (double) xzAloneBits / indices, xzAll,
                (double) lzmaBits / indices);
    }

    static double entropy(long[] hist, long n) {
        double h = 0;
        for (long c : hist) {
            if (c > 0) {
                double q = (double) c / n;
                h -= q * Math.log(q) / Math.log(2);
            }
        }
        return h;
    }

    /** Indices as bytes: 8 bits each up to 256 vectors, else 16 bits big-endian. */
    static byte[] bytes(IndexPlane p) {
        int[] k = p.indices();
        if (CODEBOOK <= 256) {
            byte[] b = new byte[k.length];
            for (int i = 0; i < k.length; i++) b[i] = (byte) k[i];
            return b;
        }
        byte[] b = new byte[2 * k.length];
        for (int i = 0; i < k.length; i++) {
            b[2 * i] = (byte) (k[i] >>> 8);
            b[2 * i + 1] = (byte) k[i];
        }
        return b;
    }

    static byte[] xz(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XZCompressorOutputStream xz = XZCompressorOutputStream.builder().setOutputStream(out)
                .setLzma2Options(new LZMA2Options(9)).get()) {
            xz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] lzma2(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            var enc = new LZMA2Options(9).getOutputStream(new FinishableWrapperOutputStream(out));
            enc.write(data);
            enc.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
