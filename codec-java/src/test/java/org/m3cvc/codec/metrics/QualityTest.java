package org.m3cvc.codec.metrics;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.m3cvc.codec.frame.Frame;

class QualityTest {
    static Frame textured(int w, int h, long seed) {
        Random r = new Random(seed);
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    double v = 128 + 60 * Math.sin(x * 0.07 + c) * Math.cos(y * 0.05) + r.nextGaussian() * 5;
                    rgb[(y * w + x) * 3 + c] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
        }
        return new Frame(w, h, 0, rgb);
    }

    static Frame noisy(Frame f, double sigma, long seed) {
        Random r = new Random(seed);
        byte[] out = f.rgb().clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Math.max(0, Math.min(255, Math.round((out[i] & 0xFF) + r.nextGaussian() * sigma)));
        }
        return new Frame(f.width(), f.height(), 0, out);
    }

    @Test
    void psnrOfAKnownError() {
        Frame a = textured(64, 40, 1);
        byte[] shifted = a.rgb().clone();
        for (int i = 0; i < shifted.length; i++) shifted[i] = (byte) Math.min(255, (shifted[i] & 0xFF) + 1);
        Frame b = new Frame(64, 40, 0, shifted);
        // Every sample off by one except those already at 255 (none here): MSE 1, PSNR 48.13 dB.
        assertEquals(20 * Math.log10(255), Quality.psnr(a, b), 1e-9);
        assertEquals(Quality.PSNR_CAP, Quality.psnr(a, a));
    }

    @Test
    void msSsimIsOneForIdenticalFramesAndFallsWithNoise() {
        Frame a = textured(512, 320, 2);
        assertEquals(1.0, Quality.msSsim(a, a), 1e-12);
        double light = Quality.msSsim(a, noisy(a, 5, 3)), heavy = Quality.msSsim(a, noisy(a, 40, 3));
        assertTrue(light < 1 && light > 0.9, "sigma 5: " + light);
        assertTrue(heavy < light - 0.1, "sigma 40: " + heavy + " vs " + light);
        assertEquals(Quality.msSsim(a, noisy(a, 40, 3)), Quality.msSsim(noisy(a, 40, 3), a), 1e-12, "symmetric");
    }

    /**
     * Reference values from torchmetrics 1.9.0 (local PyPI mirror) on the same pair written as PNG:
     * {@code multiscale_structural_similarity_index_measure(d, r, data_range=255.0)} and
     * {@code peak_signal_noise_ratio(d, r, data_range=255.0)} on float64 RGB tensors.
     */
    @Test
    void matchesTorchmetrics() {
        Frame r = textured(512, 320, 2);
        Frame d = noisy(r, 20, 3);
        assertEquals(0.815060, Quality.msSsim(r, d), 1e-6);
        assertEquals(22.103415, Quality.psnr(r, d), 1e-5);
    }

    @Test
    void uniformBlurLowersMsSsimLessThanShufflingStructure() {
        Frame a = textured(256, 192, 4);
        Frame other = textured(256, 192, 5);
        byte[] mix = a.rgb().clone();
        // Same content, different noise realisation: structure kept.
        double sameContent = Quality.msSsim(a, other);
        // Content shifted by 32 pixels: structure broken.
        for (int y = 0; y < 192; y++) {
            System.arraycopy(a.rgb(), (y * 256) * 3, mix, (y * 256 + 32) * 3, (256 - 32) * 3);
        }
        double shifted = Quality.msSsim(a, new Frame(256, 192, 0, mix));
        assertTrue(sameContent > shifted, sameContent + " vs " + shifted);
    }
}
