package org.m3cvc.codec.diffusion;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.m3cvc.codec.noise.NoiseSource;
import org.m3cvc.container.header.SamplerId;

class SamplerTest {
    static final Schedule SD = Schedule.of("scaled_linear", 1000, new BigDecimal("0.00085"), new BigDecimal("0.012"));

    @Test
    void stableDiffusionScheduleValues() {
        // Stable Diffusion's alphas_cumprod: the first is 1 - 0.00085, the last about 0.0047.
        assertEquals(0.99915, SD.alphaBar(0), 1e-12);
        assertEquals(0.0046, SD.alphaBar(999), 1e-4);
        assertEquals(1.0, SD.alphaBar(-1));
        Schedule lin = Schedule.of("linear", 1000, new BigDecimal("0.0001"), new BigDecimal("0.02"));
        assertEquals(0.9999, lin.alphaBar(0), 1e-12);
        assertEquals(4.0358e-5, lin.alphaBar(999), 1e-8); // the DDPM paper's schedule
    }

    @Test
    void stepsAreEvenlySpreadFromTheNoisiest() {
        assertArrayEquals(new int[] {999, 874, 749, 624, 499, 374, 249, 124}, SD.steps(8));
        assertArrayEquals(new int[] {999}, SD.steps(1));
        assertEquals(1000, SD.steps(1000).length);
        assertEquals(0, SD.steps(1000)[999]);
        assertArrayEquals(new int[] {999, 665, 332}, SD.steps(3));
    }

    /** With the true ε of a known x0, both samplers land on x0 whatever the number of steps. */
    @ParameterizedTest
    @EnumSource(SamplerId.class)
    void oracleDenoiserRecoversTheCleanLatent(SamplerId kind) throws Exception {
        int n = 500;
        float[] x0 = new float[n];
        Random r = new Random(3);
        for (int i = 0; i < n; i++) x0[i] = (float) r.nextGaussian();
        Denoiser oracle = (x, t, cond) -> {
            double ab = SD.alphaBar(t);
            float[] e = new float[x.length];
            for (int i = 0; i < x.length; i++) e[i] = (float) ((x[i] - Math.sqrt(ab) * x0[i]) / Math.sqrt(1 - ab));
            return e;
        };
        for (int steps : new int[] {1, 4, 8, 50}) {
            float[] out = new Sampler(kind, SD, steps, 256).sample(oracle, new NoiseSource(1, 0), n);
            for (int i = 0; i < n; i++) assertEquals(x0[i], out[i], 2e-3, kind + " steps " + steps + " i " + i);
        }
    }

    /** Clause 8.6.5 test vectors: MD5 of the output bits for a closed-form denoiser. */
    @ParameterizedTest
    @EnumSource(SamplerId.class)
    void specTestVectors(SamplerId kind) throws Exception {
        Denoiser fake = (x, t, cond) -> {
            float[] e = new float[x.length];
            float s = cond ? 0.5f : 0.25f;
            for (int i = 0; i < x.length; i++) e[i] = s * x[i];
            return e;
        };
        float[] out = new Sampler(kind, SD, 8, 512).sample(fake, new NoiseSource(42, 0), 64);
        ByteBuffer b = ByteBuffer.allocate(out.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : out) b.putFloat(f);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b.array()));
        assertEquals(kind == SamplerId.DDIM ? SpecVectors.DDIM_MD5 : SpecVectors.DDPM_MD5, md5, kind.toString());
    }

    static final class SpecVectors {
        static final String DDIM_MD5 = "60e2f70df66e81ddbd07074f56a1fb8f";
        static final String DDPM_MD5 = "6bd4477f87b987616a316d7f88c8796a";
    }
}
