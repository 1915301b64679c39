package org.m3cvc.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.m3cvc.cli.codec.DecodeCommand;
import org.m3cvc.cli.codec.EncodeCommand;
import org.m3cvc.codec.frame.Frame;
import org.m3cvc.codec.frame.FrameSink;
import org.m3cvc.codec.frame.FrameSource;
import org.m3cvc.codec.frame.VideoFormat;
import org.m3cvc.codec.testpack.TestPackBuilder;

import picocli.CommandLine;

/**
 * The pixel streams of the suite: small clips of a synthetic moving pattern, encoded by the real encoder with the
 * hand-built test pack ({@link TestPackBuilder}, at the stream's size) and decoded on CPU with it. The manifest gives
 * each one's {@code frames_md5}: the MD5 of every decoded frame in display order as packed RGB24 (width x height x 3
 * bytes, rows top to bottom, no padding; what FFmpeg's {@code framemd5} muxer hashes per frame with
 * {@code -pix_fmt rgb24}) and {@code frames_md5_all}, the MD5 of all those frames' bytes concatenated.
 */
final class PixelCases {
    /**
     * One pixel stream.
     *
     * @param args encoder options besides the input, output, pack and size
     */
    record PixelCase(String name, String description, int width, int height, int frames, List<String> args) {}

    private PixelCases() {}

    static List<PixelCase> all() {
        return List.of(
                new PixelCase("v33_testpack_ddim_interpolation", "Test pack (m3cvc testpack --size 128x80), 20 "
                        + "frames of a synthetic moving pattern at 128x80 8 fps, clips of at most 8 frames "
                        + "interpolated between keyframes, DDIM in 4 steps, seed 7", 128, 80, 20,
                        List.of("--max-clip-frames", "8", "--sampler", "ddim", "--steps", "4", "--seed", "7")),
                new PixelCase("v34_testpack_ddpm_prediction", "Test pack (m3cvc testpack --size 128x80), 16 frames "
                        + "of a synthetic moving pattern at 128x80 8 fps, every clip (at most 6 frames) predicted "
                        + "from its keyframe, DDPM in 3 steps, guidance 2, seed 3", 128, 80, 16,
                        List.of("--max-clip-frames", "6", "--prediction", "--sampler", "ddpm", "--steps", "3",
                                "--guidance", "2", "--seed", "3")),
                new PixelCase("v35_testpack_ddim_64x48", "Test pack (m3cvc testpack --size 64x48), 12 frames of a "
                        + "synthetic moving pattern at 64x48 8 fps, a threshold no frame reaches: an interpolated "
                        + "clip of 11 frames ending on the keyframe of a last, one-frame clip (prediction), "
                        + "DDIM in 2 steps, no seek index", 64, 48, 12,
                        List.of("--max-clip-frames", "11", "--threshold", "1000000", "--sampler", "ddim", "--steps", "2",
                                "--no-seek-index")));
    }

    /** Writes the test pack for {@code c}'s size under {@code dir}. */
    static Path pack(PixelCase c, Path dir) throws IOException {
        Path p = dir.resolve("pack-" + c.width() + "x" + c.height());
        if (!Files.exists(p.resolve("manifest.json"))) new TestPackBuilder(c.width(), c.height()).write(p);
        return p;
    }

    /** Encodes {@code c} with the test pack in {@code work} (a scratch directory); returns the stream's bytes. */
    static byte[] encode(PixelCase c, Path work) throws Exception {
        Path pack = pack(c, work);
        Path out = work.resolve(c.name() + ".m3c");
        List<String> a = new ArrayList<>(List.of("synthetic", "-o", out.toString(), "--pack", pack.toString(),
                "--size", c.width() + "x" + c.height(), "--fps", "8", "--threads", "1", "-q"));
        a.addAll(c.args());
        EncodeCommand enc = new EncodeCommand();
        new CommandLine(enc).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(a.toArray(new String[0]));
        enc.encode(fmt -> new Synthetic(fmt, c.frames()));
        return Files.readAllBytes(out);
    }

    /**
     * Decodes {@code stream} on CPU with the pack at {@code pack} and {@code threads} intra-op threads.
     *
     * @return the per-frame MD5s in display order, then the MD5 of all frames
     */
    static List<String> decodeAll(Path stream, Path pack, int threads) throws Exception {
        DecodeCommand dec = new DecodeCommand();
        new CommandLine(dec).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(stream.toString(), "-o",
                stream + ".y4m", "--pack", pack.toString(), "--device", "cpu", "--threads",
                Integer.toString(threads), "-q");
        List<String> md5s = new ArrayList<>();
        MessageDigest all = md();
        dec.decode(fmt -> new FrameSink() {
            @Override public void write(Frame f) {
                md5s.add(md5(f.rgb()));
                all.update(f.rgb());
            }
            @Override public void finish() {}
            @Override public void close() {}
        });
        md5s.add(HexFormat.of().formatHex(all.digest()));
        return md5s;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    static String md5(byte[] b) {
        return HexFormat.of().formatHex(md().digest(b));
    }

    private static MessageDigest md() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A deterministic synthetic clip: a diagonal colour gradient drifting right, a bright square moving across it
     * and, half way through, a change of background hue (a scene cut for the keyframe selector).
     */
    static final class Synthetic implements FrameSource {
        private final VideoFormat fmt;
        private final int count;
        private int n;

        Synthetic(VideoFormat fmt, int count) {
            this.fmt = fmt;
            this.count = count;
        }

        @Override public VideoFormat format() { return fmt; }

        @Override
        public Frame next() {
            if (n >= count) return null;
            int w = fmt.width(), h = fmt.height();
            byte[] rgb = new byte[w * h * 3];
            boolean cut = n >= count / 2;
            int sq = Math.max(8, h / 4), sx = (n * 5) % Math.max(1, w - sq), sy = h / 3 + (n % 4);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = (y * w + x) * 3;
                    int g = ((x + 3 * n) * 255 / w + y * 255 / h) / 2;
                    int r = cut ? 255 - g : g, gg = cut ? g / 2 : 255 - g, b = cut ? 200 : (x * 7 + y * 3) & 0xFF;
                    if (x >= sx && x < sx + sq && y >= sy && y < sy + sq) { r = 250; gg = 240; b = 40; }
                    rgb[i] = (byte) r;
                    rgb[i + 1] = (byte) gg;
                    rgb[i + 2] = (byte) b;
                }
            }
            return new Frame(w, h, n++, rgb);
        }

        @Override public void close() {}
    }
}
