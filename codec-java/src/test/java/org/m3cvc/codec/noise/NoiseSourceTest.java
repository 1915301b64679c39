package org.m3cvc.codec.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NoiseSourceTest {

    /** SplitMix64's published first outputs for seed 0 (state before the first add = 0). */
    @Test
    void splitMixMatchesReferenceVectors() {
        NoiseSource n = new NoiseSource(-NoiseSource.KEYFRAME_STRIDE, 0); // state = 0 for keyframe 0
        assertEquals(0xE220A8397B1DCDAFL, n.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, n.nextLong());
        assertEquals(0x06C45D188009454FL, n.nextLong());
    }

    /** Spec clause 8.5.3 test vector: seed 42, keyframe 0, first samples as exact float bit patterns. */
    @Test
    void specTestVector() {
        NoiseSource n = new NoiseSource(42, 0);
        float[] s = new float[4];
        n.fill(s);
        NoiseSource again = new NoiseSource(42, 0);
        for (float v : s) assertEquals(Float.floatToIntBits(v), Float.floatToIntBits(again.nextGaussian()));
        assertEquals(SpecVectors.SEED42_KEYFRAME0_BITS.length, 4);
        for (int i = 0; i < 4; i++) {
            assertEquals(SpecVectors.SEED42_KEYFRAME0_BITS[i], Float.floatToIntBits(s[i]), "sample " + i);
        }
    }

    @Test
    void momentsAreStandardNormal() {
        NoiseSource n = new NoiseSource(7, 3);
        int count = 200_000;
        double sum = 0, sq = 0, quad = 0;
        for (int i = 0; i < count; i++) {
            double v = n.nextGaussian();
            sum += v;
            sq += v * v;
            quad += v * v * v * v;
        }
        double mean = sum / count, var = sq / count - mean * mean;
        assertTrue(Math.abs(mean) < 0.01, "mean " + mean);
        assertTrue(Math.abs(var - 1) < 0.01, "variance " + var);
        double kurt = quad / count / (var * var) - 3;
        assertTrue(Math.abs(kurt + 0.1) < 0.05, "excess kurtosis " + kurt);
    }

    @Test
    void keyframesGetDifferentStreams() {
        assertTrue(new NoiseSource(1, 0).nextLong() != new NoiseSource(1, 1).nextLong());
    }
}
