package org.m3cvc.cli.eval;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.codec.frame.Frame;
import org.m3cvc.codec.onnx.OnnxModelWriter;
import org.m3cvc.codec.onnx.OnnxModelWriter.Attribute;

/**
 * LPIPS and CLIP similarity through tiny ONNX models that follow the contracts of docs/eval.md with known results: an
 * "LPIPS" that is the mean absolute difference of its inputs, a "CLIP" whose embedding is the mean of each channel.
 */
class LearnedMetricsTest {
    @TempDir Path dir;

    /** mean |a - b| over C, H, W: [N]. */
    static byte[] lpips(long h, long w) {
        return new OnnxModelWriter("lpips").input("ref", -1, 3, h, w).input("dist", -1, 3, h, w).output("d", -1)
                .node("Sub", new String[] {"ref", "dist"}, new String[] {"diff"})
                .node("Abs", new String[] {"diff"}, new String[] {"abs"})
                .node("ReduceMean", new String[] {"abs"}, new String[] {"d"}, Attribute.ints("axes", 1, 2, 3),
                        Attribute.integer("keepdims", 0))
                .toBytes();
    }

    /** Global average pool: [N, 3]. */
    static byte[] clip(long h, long w) {
        return new OnnxModelWriter("clip").input("image", -1, 3, h, w).output("embedding", -1, 3)
                .node("ReduceMean", new String[] {"image"}, new String[] {"embedding"}, Attribute.ints("axes", 2, 3),
                        Attribute.integer("keepdims", 0))
                .toBytes();
    }

    Path write(String name, byte[] model) throws IOException {
        return Files.write(dir.resolve(name), model);
    }

    static Frame pattern(int w, int h, int seed) {
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < rgb.length; i++) rgb[i] = (byte) ((i * 37 + seed * 101 + (i / 7) * seed) % 256);
        return new Frame(w, h, 0, rgb);
    }

    static Frame uniform(int w, int h, int r, int g, int b) {
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = (byte) r;
            rgb[i + 1] = (byte) g;
            rgb[i + 2] = (byte) b;
        }
        return new Frame(w, h, 0, rgb);
    }

    @Test
    void lpipsIsZeroForIdenticalFramesAndTheMeanDifferenceInMinusOneToOneOtherwise() throws Exception {
        Frame a = pattern(24, 16, 1), b = pattern(24, 16, 2);
        double expected = 0;
        for (int i = 0; i < a.rgb().length; i++) expected += Math.abs((a.rgb()[i] & 0xFF) - (b.rgb()[i] & 0xFF)) / 127.5;
        expected /= a.rgb().length;
        assertTrue(expected > 0.1, "the frames differ");
        try (LpipsModel m = LpipsModel.open(write("lpips.onnx", lpips(16, 24)), 1)) {
            assertEquals(0, m.distance(a, a));
            assertEquals(expected, m.distance(a, b), 1e-5);
            // A larger frame is scaled to the declared 24x16: uniform frames stay uniform, |200 - 100| / 127.5.
            assertEquals(100 / 127.5, m.distance(uniform(48, 32, 200, 200, 200), uniform(48, 32, 100, 100, 100)), 1e-5);
        }
    }

    @Test
    void clipSimilarityIsOneForIdenticalFramesAndTheCosineOfNormalisedMeansOtherwise() throws Exception {
        try (ClipModel m = ClipModel.open(write("clip.onnx", clip(224, 224)), 1)) {
            Frame f = pattern(64, 40, 3);
            assertEquals(1, m.similarity(f, f), 1e-6);
            int[] x = {250, 20, 90}, y = {30, 200, 120};
            float[] ex = new float[3], ey = new float[3];
            for (int c = 0; c < 3; c++) {
                ex[c] = (x[c] / 255f - ClipModel.MEAN[c]) / ClipModel.STD[c];
                ey[c] = (y[c] / 255f - ClipModel.MEAN[c]) / ClipModel.STD[c];
            }
            double expected = ClipModel.cosine(ex, ey);
            assertTrue(expected < 0.5, "far apart: " + expected);
            assertEquals(expected, m.similarity(uniform(64, 40, x[0], x[1], x[2]), uniform(64, 40, y[0], y[1], y[2])), 1e-5);
        }
    }

    /** Without the models, no lpips or clip_sim column: the tables stay as they were. */
    @Test
    void columnsOnlyWithTheModels() {
        double[] one = {30};
        PointResult without = new PointResult("c", "x265", "crf51", 1, 10, 0.1, 30, 0.9, 1, 1, "", "", one,
                new double[] {0.9}, Double.NaN, Double.NaN, null, null);
        PointResult with = new PointResult("c", "m3cvc", "bpp0.1", 1, 10, 0.1, 30, 0.9, 1, 1, "", "", one,
                new double[] {0.9}, 0.25, 0.75, new double[] {0.25}, new double[] {0.75});
        EvalReport plain = new EvalReport(java.util.List.of(without), java.util.List.of("x265"), BdRate.Method.PCHIP);
        assertEquals(java.util.List.of(Metric.PSNR, Metric.MSSSIM), plain.metrics());
        assertEquals(6, plain.frames().rows().get(0).length);
        EvalReport learned = new EvalReport(java.util.List.of(without, with), java.util.List.of("x265", "m3cvc"),
                BdRate.Method.PCHIP);
        assertEquals(java.util.List.of(Metric.PSNR, Metric.MSSSIM, Metric.LPIPS, Metric.CLIP_SIM), learned.metrics());
        Object[] row = learned.points().rows().get(1);
        assertEquals("0.250000", row[8].toString());
        assertEquals("0.750000", row[9].toString());
        assertNull(learned.points().rows().get(0)[8], "not measured: empty");
    }

    @Test
    void planarIsTheIdentityAtTheFramesOwnSize() {
        Frame f = pattern(7, 5, 4);
        float[] p = Planar.of(f, 7, 5, new float[] {0, 0, 0}, new float[] {1, 1, 1});
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                for (int c = 0; c < 3; c++) assertEquals(f.at(x, y, c) / 255f, p[c * 35 + y * 7 + x], 1e-6f);
            }
        }
    }

    @Test
    void modelsOutsideTheContractAreRefusedNamingTheFile() throws Exception {
        Path one = write("one-input.onnx", new OnnxModelWriter().input("x", -1, 3, 16, 24).output("d", -1)
                .node("ReduceMean", new String[] {"x"}, new String[] {"d"}, Attribute.ints("axes", 1, 2, 3),
                        Attribute.integer("keepdims", 0)).toBytes());
        IOException e = assertThrows(IOException.class, () -> LpipsModel.open(one, 1));
        assertTrue(e.getMessage().startsWith(one + " (LPIPS contract): expected 2 inputs"), e.getMessage());

        // An LPIPS model is no CLIP image encoder: two inputs.
        Path two = write("lpips.onnx", lpips(16, 24));
        e = assertThrows(IOException.class, () -> ClipModel.open(two, 1));
        assertTrue(e.getMessage().startsWith(two + " (CLIP image encoder contract): expected 1 input"), e.getMessage());

        // A CLIP whose output keeps H and W is not an embedding [N, D].
        Path rank4 = write("rank4.onnx", new OnnxModelWriter().input("image", -1, 3, 224, 224).output("e", -1, 3, 1, 1)
                .node("ReduceMean", new String[] {"image"}, new String[] {"e"}, Attribute.ints("axes", 2, 3)).toBytes());
        e = assertThrows(IOException.class, () -> ClipModel.open(rank4, 1));
        assertTrue(e.getMessage().contains("expected output float32 [N, D], found e float32[-1, 3, 1, 1]"), e.getMessage());

        // Grey input: one channel.
        Path grey = write("grey.onnx", new OnnxModelWriter().input("image", -1, 1, 224, 224).output("e", -1, 1)
                .node("ReduceMean", new String[] {"image"}, new String[] {"e"}, Attribute.ints("axes", 2, 3),
                        Attribute.integer("keepdims", 0)).toBytes());
        e = assertThrows(IOException.class, () -> ClipModel.open(grey, 1));
        assertTrue(e.getMessage().contains("float32 [N, 3, H, W]"), e.getMessage());

        Path garbage = write("garbage.onnx", new byte[] {1, 2, 3, 4});
        e = assertThrows(IOException.class, () -> LpipsModel.open(garbage, 1));
        assertTrue(e.getMessage().startsWith(garbage + ": expected an ONNX model"), e.getMessage());
        Path missing = dir.resolve("missing.onnx");
        e = assertThrows(IOException.class, () -> ClipModel.open(missing, 1));
        assertEquals(missing + ": not a readable file", e.getMessage());
    }
}
