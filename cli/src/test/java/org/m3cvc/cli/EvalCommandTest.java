package org.m3cvc.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.codec.frame.FfmpegFrameSink;
import org.m3cvc.codec.frame.Frame;
import org.m3cvc.codec.frame.VideoFormat;
import org.m3cvc.codec.onnx.OnnxModelWriter;
import org.m3cvc.codec.onnx.OnnxModelWriter.Attribute;

/**
 * {@code m3cvc eval} end to end on a tiny synthetic clip with the hand-built test pack: m3cvc always; x264 and x265
 * when the system ffmpeg has them (scripts/setup installs it, so CI runs them).
 */
class EvalCommandTest {
    @TempDir static Path dir;
    static Path pack;
    static Path clip;

    /** 24 frames at 24 fps, 256x160 (8 frames at 8 fps): a gradient that moves, then a cut at frame 12. */
    @BeforeAll
    static void setUp() throws Exception {
        pack = SyntheticClip.testPack(dir);
        clip = dir.resolve("synthetic clip.mkv");
        try (FfmpegFrameSink sink = new FfmpegFrameSink(clip, new VideoFormat(256, 160, 24, 1),
                FfmpegFrameSink.Encoder.FFV1_LOSSLESS)) {
            for (int i = 0; i < 24; i++) {
                byte[] rgb = new byte[256 * 160 * 3];
                for (int y = 0; y < 160; y++) {
                    for (int x = 0; x < 256; x++) {
                        int p = (y * 256 + x) * 3;
                        boolean first = i < 12;
                        rgb[p] = (byte) (first ? x + i * 6 : 30 + (x * y) % 50);
                        rgb[p + 1] = (byte) (first ? y : 200 - y);
                        rgb[p + 2] = (byte) (first ? 60 + ((x / 16 + y / 16) % 2) * 80 : x / 2 + 100 + i);
                    }
                }
                sink.write(new Frame(256, 160, i, rgb));
            }
            sink.finish();
        }
    }

    /** An "LPIPS" of the LPIPS contract at 256x160: mean |reference - distorted| in [-1, 1]. */
    static Path lpipsModel() throws Exception {
        return Files.write(dir.resolve("lpips.onnx"), new OnnxModelWriter().input("ref", -1, 3, 160, 256)
                .input("dist", -1, 3, 160, 256).output("d", -1)
                .node("Sub", new String[] {"ref", "dist"}, new String[] {"diff"})
                .node("Abs", new String[] {"diff"}, new String[] {"abs"})
                .node("ReduceMean", new String[] {"abs"}, new String[] {"d"}, Attribute.ints("axes", 1, 2, 3),
                        Attribute.integer("keepdims", 0)).toBytes());
    }

    /** A "CLIP image encoder" at 224x224 whose embedding is each channel's mean. */
    static Path clipModel() throws Exception {
        return Files.write(dir.resolve("clip.onnx"), new OnnxModelWriter().input("image", -1, 3, 224, 224)
                .output("embedding", -1, 3)
                .node("ReduceMean", new String[] {"image"}, new String[] {"embedding"}, Attribute.ints("axes", 2, 3),
                        Attribute.integer("keepdims", 0)).toBytes());
    }

    static List<Map<String, String>> csv(Path file) throws Exception {
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            return it.readAll();
        }
    }

    static boolean ffmpegHas(String encoder) {
        try {
            Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-encoders").redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 && s.contains(" " + encoder + " ");
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void m3cvcAgainstX264AndX265() throws Exception {
        boolean ffmpeg = ffmpegHas("libx264") && ffmpegHas("libx265");
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of("eval", clip.toString(), "--pack", pack.toString(), "--out",
                out.toString(), "--size", "256x160", "--bpp", "0.002,0.004,0.008,0.016", "--x264-crf", "51,38,26",
                "--x265-crf", "51,38,26", "--codecs", ffmpeg ? "m3cvc,x264,x265" : "m3cvc", "-q",
                "--lpips", lpipsModel().toString(), "--clip", clipModel().toString()));
        Cli r = Cli.run(args.toArray(new String[0]));
        assertEquals(0, r.exit(), r.toString());
        List<Map<String, String>> points = csv(out.resolve("points.csv"));
        assertEquals(ffmpeg ? 10 : 4, points.size(), points.toString());
        for (Map<String, String> p : points) {
            assertEquals("synthetic_clip", p.get("clip"));
            assertEquals("8", p.get("frames"), "1 s at 8 fps");
            // bpp is the real size of the stream on disk.
            String ext = switch (p.get("codec")) { case "m3cvc" -> "m3c"; case "x264" -> "h264"; default -> "hevc"; };
            Path stream = out.resolve("work/synthetic_clip").resolve(p.get("codec")).resolve(p.get("point") + "." + ext);
            assertEquals(Files.size(stream), Long.parseLong(p.get("bytes")), stream.toString());
            assertEquals(Files.size(stream) * 8.0 / (256 * 160 * 8), Double.parseDouble(p.get("bpp")), 1e-8);
            double ms = Double.parseDouble(p.get("msssim"));
            assertTrue(ms > 0 && ms <= 1, p.toString());
        }
        List<Map<String, String>> frames = csv(out.resolve("frames.csv"));
        assertEquals(8 * points.size(), frames.size());
        // --lpips and --clip: per frame, and their means per point.
        for (Map<String, String> p : points) {
            double lpips = Double.parseDouble(p.get("lpips")), clipSim = Double.parseDouble(p.get("clip_sim"));
            assertTrue(lpips > 0 && lpips < 1, p.toString());
            // The test pack decodes far from the clip (about 10 dB): any cosine but exactly 1.
            assertTrue(clipSim >= -1 && clipSim < 1, p.toString());
            double sum = 0;
            for (Map<String, String> f : frames) {
                if (f.get("codec").equals(p.get("codec")) && f.get("point").equals(p.get("point"))) {
                    sum += Double.parseDouble(f.get("lpips"));
                    assertFalse(f.get("clip_sim").isEmpty(), f.toString());
                }
            }
            assertEquals(sum / 8, lpips, 1e-6, p.toString());
        }
        assertTrue(Files.size(out.resolve("rd_synthetic_clip_lpips.svg")) > 1000);

        // The recorded m3cvc command is exact: rerun, it writes the same bytes.
        Map<String, String> m = points.get(0);
        assertEquals("bpp0.002", m.get("point"));
        Path again = dir.resolve("again.m3c");
        String cmd = m.get("command").replace(out.resolve("work/synthetic_clip/m3cvc/bpp0.002.m3c").toString(),
                again.toString());
        assertTrue(cmd.startsWith("m3cvc encode '" + clip + "' "), cmd);
        List<String> words = new ArrayList<>(Arrays.asList(cmd.substring("m3cvc encode '".length() + clip.toString().length() + 2).split(" ")));
        words.add(0, clip.toString());
        words.add(0, "encode");
        Cli rerun = Cli.run(words.toArray(new String[0]));
        assertEquals(0, rerun.exit(), rerun.toString());
        assertArrayEquals(Files.readAllBytes(out.resolve("work/synthetic_clip/m3cvc/bpp0.002.m3c")), Files.readAllBytes(again));

        for (String f : List.of("rd_synthetic_clip_msssim.svg", "rd_synthetic_clip_msssim.png", "rd_synthetic_clip_psnr.svg",
                "rd_synthetic_clip_psnr.png")) {
            assertTrue(Files.size(out.resolve(f)) > 1000, f);
        }
        List<Map<String, String>> bd = csv(out.resolve("bdrate.csv"));
        if (!ffmpeg) {
            assertEquals(List.of(), bd, "no anchor, no BD-rate");
            return;
        }
        // x264 and x265 at CRF 26 come close to the reference (4:2:0 of this saturated pattern caps them near 32 dB):
        // a wrong colour range or matrix between reference.y4m and the decode would cost far more.
        for (Map<String, String> p : points) {
            if (p.get("point").equals("crf26")) {
                assertTrue(Double.parseDouble(p.get("psnr")) > 30, p.toString());
                assertTrue(Double.parseDouble(p.get("msssim")) > 0.95, p.toString());
                assertTrue(p.get("command").contains("-preset veryslow -crf 26"), p.get("command"));
            }
        }
        assertEquals(4, bd.size(), bd.toString());
        for (Map<String, String> row : bd) {
            assertEquals("x265", row.get("anchor"));
            assertTrue(row.get("bd_rate_percent").isEmpty() != row.get("note").isEmpty(), row.toString());
        }
        assertTrue(r.out().contains("BD-rate against x265 (pchip):"), r.out());
        List<Map<String, String>> targets = csv(out.resolve("targets.csv"));
        assertEquals(1, targets.size(), targets.toString());
        Map<String, String> points265 = points.stream().filter(p -> p.get("codec").equals("x265") && p.get("point").equals("crf51"))
                .findFirst().orElseThrow();
        assertEquals(points265.get("bpp"), targets.get(0).get("x265_lowest_bpp"));
    }

    /**
     * Without --pack, m3cvc gets the commands' own default (models/reference), not a pack named "null": that pack codes
     * 512x320 only, so a 256x160 eval is a clean usage error naming it.
     */
    @Test
    void withoutPackTheDefaultPackIsUsed() {
        Assumptions.assumeTrue(System.getenv("M3CVC_PACK") == null, "M3CVC_PACK is set");
        Cli r = Cli.run("eval", clip.toString(), "--out", dir.resolve("nopack").toString(), "--size", "256x160",
                "--codecs", "m3cvc", "-q");
        // The nested encode reports on the process's stderr, which Cli does not capture: the exit code tells.
        assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
    }

    @Test
    void usageErrors() throws Exception {
        Cli none = Cli.run("eval", "--out", dir.resolve("u").toString());
        assertEquals(ExitCodes.USAGE, none.exit(), none.toString());
        assertTrue(none.err().contains("no clips"), none.err());
        Cli bpp = Cli.run("eval", clip.toString(), "--out", dir.resolve("u").toString(), "--bpp", "0.001,-1");
        assertEquals(ExitCodes.USAGE, bpp.exit(), bpp.toString());
        assertTrue(bpp.err().contains("--bpp -1"), bpp.err());
        Cli ff = Cli.run("eval", clip.toString(), "--out", dir.resolve("u").toString(), "--codecs", "x265",
                "--ffmpeg", dir.resolve("no-such-ffmpeg").toString());
        assertEquals(ExitCodes.USAGE, ff.exit(), ff.toString());
        assertTrue(ff.err().contains("x265: ") && ff.err().contains("cannot run"), ff.err());
        // A model of the other contract: the CLIP encoder has one input, LPIPS needs two. Refused before anything runs.
        Path clipOnnx = clipModel();
        Cli lpips = Cli.run("eval", clip.toString(), "--out", dir.resolve("u").toString(), "--codecs", "m3cvc",
                "--lpips", clipOnnx.toString());
        assertEquals(ExitCodes.USAGE, lpips.exit(), lpips.toString());
        assertTrue(lpips.err().contains("--lpips " + clipOnnx + " (LPIPS contract): expected 2 inputs"), lpips.err());
        Path absent = dir.resolve("absent.onnx");
        Cli noClip = Cli.run("eval", clip.toString(), "--out", dir.resolve("u").toString(), "--codecs", "m3cvc",
                "--clip", absent.toString());
        assertEquals(ExitCodes.USAGE, noClip.exit(), noClip.toString());
        assertTrue(noClip.err().contains("--clip " + absent + ": not a readable file"), noClip.err());
        assertFalse(Files.exists(dir.resolve("u")), "nothing written");
        Cli missing = Cli.run("eval", dir.resolve("missing.mp4").toString(), "--out", dir.resolve("u").toString());
        assertEquals(ExitCodes.IO_ERROR, missing.exit(), missing.toString());
    }
}
