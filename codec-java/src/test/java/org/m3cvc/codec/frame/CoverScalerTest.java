package org.m3cvc.codec.frame;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class CoverScalerTest {
    @Test
    void theTargetSizeIsCopiedUnchangedWhateverTheStride() {
        int w = 5, h = 3, stride = 20;
        byte[] in = new byte[stride * h];
        for (int i = 0; i < in.length; i++) in[i] = (byte) (i * 37);
        byte[] out = new CoverScaler(w, h, w, h).scale(in, stride);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w * 3; x++) assertEquals(in[y * stride + x], out[y * w * 3 + x]);
        }
    }

    @Test
    void aFlatPictureStaysFlatAtAnySize() {
        int[][] sizes = {{720, 404, 512, 320}, {320, 240, 512, 320}, {64, 64, 512, 320}, {1920, 1080, 64, 48}};
        for (int[] s : sizes) {
            byte[] in = new byte[s[0] * s[1] * 3];
            for (int i = 0; i < in.length; i += 3) { in[i] = 10; in[i + 1] = (byte) 200; in[i + 2] = (byte) 255; }
            byte[] out = new CoverScaler(s[0], s[1], s[2], s[3]).scale(in, s[0] * 3);
            assertEquals(s[2] * s[3] * 3, out.length);
            for (int i = 0; i < out.length; i += 3) {
                assertEquals(10, out[i] & 0xFF);
                assertEquals(200, out[i + 1] & 0xFF);
                assertEquals(255, out[i + 2] & 0xFF);
            }
        }
    }

    /** A wider input is scaled to the target height and its centre kept: its side bands are cropped away. */
    @Test
    void coversAndCropsTheCentre() {
        int w = 800, h = 200; // to 100x100: scaled to 400x100, the centre 100 columns kept (input 300..500)
        byte[] in = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = x < 380 || x >= 420 ? 0 : 255; // a white band in the middle
                for (int c = 0; c < 3; c++) in[(y * w + x) * 3 + c] = (byte) v;
            }
        }
        byte[] out = new CoverScaler(w, h, 100, 100).scale(in, w * 3);
        for (int y = 0; y < 100; y++) {
            assertEquals(0, out[(y * 100 + 10) * 3] & 0xFF, "left band");
            assertEquals(255, out[(y * 100 + 50) * 3] & 0xFF, "centre");
            assertEquals(0, out[(y * 100 + 90) * 3] & 0xFF, "right band");
        }
    }

    @Test
    void shrinkingAveragesFineDetail() {
        int w = 64, h = 64;
        byte[] in = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = ((x + y) & 1) == 0 ? 0 : 255; // a one-pixel checkerboard
                for (int c = 0; c < 3; c++) in[(y * w + x) * 3 + c] = (byte) v;
            }
        }
        byte[] out = new CoverScaler(w, h, 8, 8).scale(in, w * 3);
        for (byte b : out) assertEquals(128, b & 0xFF, 2, "an 8x shrink of a checkerboard is mid grey, not aliasing");
    }
}
