package org.m3cvc.codec.keyframe;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.codec.frame.Frame;
import org.m3cvc.codec.pack.ModelPack;
import org.m3cvc.codec.runtime.Device;
import org.m3cvc.codec.runtime.PackSessions;
import org.m3cvc.codec.testpack.TestPackBuilder;
import org.m3cvc.container.header.SamplerId;
import org.m3cvc.container.keyframe.IndexPlane;

/** The keyframe codec end to end on the test pack (512x320, plane 32x20) with real ONNX Runtime sessions. */
class KeyframeCodecTest {
    static final int W = 512, H = 320, PW = 32, PH = 20;
    static final SamplingParams DDIM_8 = new SamplingParams(SamplerId.DDIM, 8, 256, 0x1234_5678_9ABC_DEF0L);
    @TempDir static Path dir;
    static ModelPack pack;

    @BeforeAll
    static void writePack() throws Exception {
        pack = new TestPackBuilder(W, H).write(dir);
    }

    /** Each 16x16 block a palette colour, index (p * 37 + 11) mod 256 at plane position p. */
    static int[] blockIndices() {
        int[] idx = new int[PW * PH];
        for (int p = 0; p < idx.length; p++) idx[p] = (p * 37 + 11) % 256;
        return idx;
    }

    static Frame paletteFrame(int[] indices) {
        float[] pal = TestPackBuilder.palette();
        byte[] rgb = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = indices[(y / 16) * PW + x / 16];
                for (int c = 0; c < 3; c++) rgb[(y * W + x) * 3 + c] = (byte) Pixels.toPixel(pal[i * 4 + c]);
            }
        }
        return new Frame(W, H, 0, rgb);
    }

    /** Smooth colour gradients over the whole frame. */
    static Frame smoothFrame() {
        byte[] rgb = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double r = 128 + 110 * Math.sin(2 * Math.PI * x / W + 0.3);
                double g = 128 + 100 * Math.cos(2 * Math.PI * y / H * 1.5);
                double b = 128 + 90 * Math.sin(2 * Math.PI * (x + 2 * y) / 700.0);
                int o = (y * W + x) * 3;
                rgb[o] = (byte) Math.round(r);
                rgb[o + 1] = (byte) Math.round(g);
                rgb[o + 2] = (byte) Math.round(b);
            }
        }
        return new Frame(W, H, 0, rgb);
    }

    /** PSNR of {@code f} against the 16x16 block means of {@code original} (in double, not rounded). */
    static double psnrAgainstBlockMeans(Frame original, Frame f) {
        double se = 0;
        for (int by = 0; by < H / 16; by++) {
            for (int bx = 0; bx < W / 16; bx++) {
                for (int c = 0; c < 3; c++) {
                    double mean = 0;
                    for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++) mean += original.at(bx * 16 + x, by * 16 + y, c);
                    mean /= 256;
                    for (int y = 0; y < 16; y++) {
                        for (int x = 0; x < 16; x++) {
                            double d = f.at(bx * 16 + x, by * 16 + y, c) - mean;
                            se += d * d;
                        }
                    }
                }
            }
        }
        return 10 * Math.log10(255.0 * 255.0 / (se / (W * H * 3.0)));
    }

    @Test
    void flatPaletteBlocksEncodeToTheirIndices() throws Exception {
        int[] idx = blockIndices();
        try (PackSessions s = PackSessions.open(pack, Device.CPU, 1)) {
            IndexPlane plane = new KeyframeEncoder(s).encode(paletteFrame(idx));
            assertEquals(PW, plane.width());
            assertEquals(PH, plane.height());
            assertArrayEquals(idx, plane.indices());
        }
    }

    @Test
    void decodingAPlaneGivesItsPaletteColours() throws Exception {
        int[] idx = blockIndices();
        try (PackSessions s = PackSessions.open(pack, Device.CPU, 1)) {
            Frame f = new KeyframeDecoder(s).decode(new IndexPlane(PW, PH, idx), 0, 7, DDIM_8, null);
            assertEquals(7, f.index());
            byte[] want = paletteFrame(idx).rgb();
            int maxDiff = 0;
            for (int i = 0; i < want.length; i++) maxDiff = Math.max(maxDiff, Math.abs((want[i] & 0xFF) - (f.rgb()[i] & 0xFF)));
            assertTrue(maxDiff <= 1, "largest difference to the palette rendering: " + maxDiff);
        }
    }

    @Test
    void roundTripOfASmoothFrameIsBitExactAcrossRunsAndThreads() throws Exception {
        Frame original = smoothFrame();
        IndexPlane plane, plane2;
        Frame one, again, two;
        long encodeNs, decodeNs;
        try (PackSessions s = PackSessions.open(pack, Device.CPU, 1)) {
            KeyframeEncoder enc = new KeyframeEncoder(s);
            KeyframeDecoder dec = new KeyframeDecoder(s);
            plane = enc.encode(original); // warm-up: sessions load on first use
            one = dec.decode(plane, 3, 0, DDIM_8, null);
            long t0 = System.nanoTime();
            IndexPlane p = enc.encode(original);
            long t1 = System.nanoTime();
            again = dec.decode(p, 3, 0, DDIM_8, null);
            long t2 = System.nanoTime();
            encodeNs = t1 - t0;
            decodeNs = t2 - t1;
            assertEquals(plane, p);
        }
        try (PackSessions s = PackSessions.open(pack, Device.CPU, 2)) {
            plane2 = new KeyframeEncoder(s).encode(original);
            two = new KeyframeDecoder(s).decode(plane2, 3, 0, DDIM_8, null);
        }
        assertEquals(plane, plane2, "1 vs 2 threads: same plane");
        assertArrayEquals(one.rgb(), again.rgb(), "run to run");
        assertArrayEquals(one.rgb(), two.rgb(), "1 vs 2 threads");
        double psnr = psnrAgainstBlockMeans(original, one);
        System.out.printf("keyframe round trip 512x320: PSNR %.2f dB vs 16x16 block means; encode %.1f ms, "
                + "decode (DDIM 8) %.1f ms, 1 thread%n", psnr, encodeNs / 1e6, decodeNs / 1e6);
        // The palette's level spacing (51 for R and B, 42.5 for G) bounds the quantisation error: ~25 dB for colours
        // spread evenly over the cube; a failed diffusion (noise instead of the condition) gives under 10 dB.
        assertTrue(psnr >= 25.0, "PSNR " + psnr);
    }

    @Test
    void ddim8AndDdpm20BothRecoverTheCondition() throws Exception {
        try (PackSessions s = PackSessions.open(pack, Device.CPU, 1)) {
            KeyframeDecoder dec = new KeyframeDecoder(s);
            float[] cond = dec.condition(new IndexPlane(PW, PH, blockIndices()));
            assertEquals(4 * 40 * 64, cond.length);
            for (SamplingParams p : new SamplingParams[] {DDIM_8, new SamplingParams(SamplerId.DDPM, 20, 256, 99),
                    new SamplingParams(SamplerId.DDIM, 8, 512, 5)}) {
                float[] z = dec.sample(cond, 1, p, null);
                double max = 0;
                for (int i = 0; i < z.length; i++) max = Math.max(max, Math.abs(z[i] - cond[i]));
                System.out.printf("%s %d steps guidance %d/256: max |z - condition| = %.3g%n", p.sampler(), p.steps(),
                        p.guidanceScaleQ8(), max);
                assertTrue(max < 1e-4, p + ": max error " + max);
            }
        }
    }

    @Test
    void conditionIsTheCodebookVectorsUpsampled() throws Exception {
        int[] idx = blockIndices();
        try (PackSessions s = PackSessions.open(pack, Device.CPU, 1)) {
            KeyframeDecoder dec = new KeyframeDecoder(s);
            float[] cond = dec.condition(new IndexPlane(PW, PH, idx));
            for (int k = 0; k < 4; k++) {
                for (int y = 0; y < 40; y++) {
                    for (int x = 0; x < 64; x++) {
                        assertEquals(dec.codebook().component(idx[(y / 2) * PW + x / 2], k),
                                cond[(k * 40 + y) * 64 + x], "(" + k + ", " + y + ", " + x + ")");
                    }
                }
            }
        }
    }

    @Test
    void misuseIsRefused() throws Exception {
        try (PackSessions s = PackSessions.open(pack, Device.CPU, 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new KeyframeEncoder(s).encode(new Frame(256, 160, 0, new byte[256 * 160 * 3])));
            assertTrue(e.getMessage().contains("frame 256x160"), e.getMessage());
            KeyframeDecoder dec = new KeyframeDecoder(s);
            e = assertThrows(IllegalArgumentException.class,
                    () -> dec.decode(new IndexPlane(64, 64, new int[64 * 64]), 0, 0, DDIM_8, null));
            assertTrue(e.getMessage().contains("plane 64x64"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> dec.decode(new IndexPlane(PW, PH, new int[PW * PH]), 0, 0, DDIM_8, new float[10]));
            assertTrue(e.getMessage().contains("expected 384"), e.getMessage());
        }
    }

    @Test
    void pixelConversionInvertsExactly() {
        for (int p = 0; p < 256; p++) {
            Frame f = new Frame(1, 1, 0, new byte[] {(byte) p, (byte) p, (byte) p});
            assertEquals(p, Pixels.toPixel(Pixels.toTensor(f)[0]));
        }
        assertEquals(0, Pixels.toPixel(Float.NaN));
        assertEquals(0, Pixels.toPixel(-3f));
        assertEquals(255, Pixels.toPixel(3f));
        assertEquals(128, Pixels.toPixel(0f), "127.5 rounds half up");
    }
}
