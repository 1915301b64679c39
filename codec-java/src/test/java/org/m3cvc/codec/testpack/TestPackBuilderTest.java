package org.m3cvc.codec.testpack;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.codec.pack.ModelPack;
import org.m3cvc.codec.pack.PackRole;
import org.m3cvc.codec.runtime.Device;
import org.m3cvc.codec.runtime.PackSessions;

class TestPackBuilderTest {
    @TempDir Path dir;

    @Test
    void writesAPackThatOpensAndWhoseNetworksMatchTheManifest() throws Exception {
        ModelPack p = new TestPackBuilder().write(dir);
        assertEquals(TestPackBuilder.NAME, p.name());
        assertEquals(new ModelPack.LatentShape(4, 40, 64), p.latent());
        assertEquals(java.util.List.of(new ModelPack.PlaneSize(32, 20)), p.planes());
        assertEquals(new ModelPack.Codebook("codebook.f32", 256, 4), p.codebook());
        assertEquals("scaled_linear", p.noiseSchedule().kind());
        assertEquals(0, p.noiseSchedule().betaStart().compareTo(new java.math.BigDecimal("0.00085")));
        assertEquals(16, p.keyframeSelection().maxClipFrames());
        assertNull(p.tokenizer());
        try (PackSessions s = PackSessions.open(ModelPack.open(dir), Device.CPU, 1)) {
            for (PackRole role : PackRole.values()) {
                if (role.required()) assertNotNull(s.session(role), role.toString());
                else assertNull(s.session(role), role.toString());
            }
        }
    }

    @Test
    void identityIsReproducibleAndDependsOnTheSize(@TempDir Path other, @TempDir Path small) throws Exception {
        String a = new TestPackBuilder().write(dir).identityHex();
        assertEquals(a, new TestPackBuilder().write(other).identityHex(), "same bytes, same identity");
        ModelPack s = new TestPackBuilder(64, 32).write(small);
        assertNotEquals(a, s.identityHex());
        assertEquals(new ModelPack.PlaneSize(4, 2), s.planes().get(0));
    }

    @Test
    void clipGeneratorInterpolates() throws Exception {
        ModelPack p = new TestPackBuilder(32, 16).write(dir);
        int n = 3 * 16 * 32;
        float[] first = new float[n], last = new float[n];
        for (int i = 0; i < n; i++) {
            first[i] = (i % 7) / 7f - 0.5f;
            last[i] = -(i % 5) / 5f;
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {1, 3, 16, 32};
        try (PackSessions s = PackSessions.open(p, Device.CPU, 1);
             OnnxTensor f = OnnxTensor.createTensor(env, FloatBuffer.wrap(first), shape);
             OnnxTensor l = OnnxTensor.createTensor(env, FloatBuffer.wrap(last), shape);
             OnnxTensor pos = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {0.25f}), new long[] {1});
             OrtSession.Result r = s.session(PackRole.CLIP_GENERATOR).run(Map.of(TestPackBuilder.CLIP_FIRST, f,
                     TestPackBuilder.CLIP_LAST, l, TestPackBuilder.CLIP_POSITION, pos))) {
            float[] out = new float[n];
            ((OnnxTensor) r.get(0)).getFloatBuffer().get(out);
            for (int i = 0; i < n; i++) assertEquals(first[i] * 0.75f + last[i] * 0.25f, out[i], 1e-6f, "at " + i);
        }
    }

    @Test
    void paletteIsACubePlusGreysWithLumaAndDistinct() {
        float[] p = TestPackBuilder.palette();
        assertEquals(256 * 4, p.length);
        // index r*42 + g*6 + b: r = 5, g = 3, b = 0 -> (1, 0, -1)
        int i = 5 * 42 + 3 * 6;
        assertEquals(1f, p[i * 4]);
        assertEquals(0f, p[i * 4 + 1]);
        assertEquals(-1f, p[i * 4 + 2]);
        assertEquals(0.299f - 0.114f, p[i * 4 + 3], 1e-6f);
        assertEquals(-0.6f, p[252 * 4], 1e-6f);
        assertEquals(p[255 * 4], p[255 * 4 + 1]);
        java.util.Set<java.util.List<Float>> seen = new java.util.HashSet<>();
        for (int k = 0; k < 256; k++) {
            assertTrue(seen.add(java.util.List.of(p[k * 4], p[k * 4 + 1], p[k * 4 + 2])), "duplicate colour " + k);
        }
    }

    @Test
    void mainWritesThePackAndSizesMustBeMultiplesOf16() throws Exception {
        TestPackBuilder.main(new String[] {dir.toString(), "48", "32"});
        assertTrue(Files.isRegularFile(dir.resolve("manifest.json")));
        assertEquals(new ModelPack.LatentShape(4, 4, 6), ModelPack.open(dir).latent());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TestPackBuilder(520, 320));
        assertTrue(e.getMessage().contains("multiples of 16"), e.getMessage());
    }
}
