package org.m3cvc.codec.runtime;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import ai.onnxruntime.OnnxTensor;
import org.m3cvc.codec.onnx.OnnxModelWriter;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.codec.pack.ModelPack;
import org.m3cvc.codec.pack.PackException;
import org.m3cvc.codec.pack.PackRole;

/** Real ONNX Runtime sessions on a pack of tiny linear networks with known weights. */
class PackSessionsTest {
    static final int IN = 64, OUT = 48;
    static final ObjectMapper OM = new ObjectMapper();
    @TempDir Path dir;
    float[] w = new float[IN * OUT];
    float[] b = new float[OUT];

    @BeforeEach
    void weights() {
        Random r = new Random(9);
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian() * 0.1f;
        for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
    }

    byte[] linearModel(String input) {
        return new OnnxModelWriter().input(input, -1, IN).output("y", -1, OUT)
                .initializer("w", w, IN, OUT).initializer("b", b, OUT)
                .node("MatMul", new String[] {input, "w"}, new String[] {"xw"})
                .node("Add", new String[] {"xw", "b"}, new String[] {"y"}).toBytes();
    }

    ModelPack writePack(String declaredInput) throws Exception {
        ObjectNode m = OM.createObjectNode();
        m.put("format", "m3cvc-model-pack").put("manifest_version", 1).put("name", "tiny").put("version", "1");
        ArrayNode files = m.putArray("files");
        ObjectNode roles = m.putObject("roles");
        for (PackRole role : PackRole.values()) {
            if (!role.required()) continue;
            String file = role.manifestName() + ".onnx";
            add(files, file, linearModel("x"));
            ObjectNode s = roles.putObject(role.manifestName()).put("file", file);
            s.putArray("inputs").addObject().put("name", declaredInput).put("dtype", "float32").putArray("shape")
                    .add(-1).add(IN);
            s.putArray("outputs").addObject().put("name", "y").put("dtype", "float32").putArray("shape").add(-1).add(OUT);
        }
        add(files, "codebook.f32", new byte[256 * 4 * 4]);
        m.putObject("codebook").put("file", "codebook.f32").put("vectors", 256).put("dimension", 4);
        m.putArray("planes").addObject().put("width", 32).put("height", 20);
        m.putObject("latent").put("channels", 4).put("height", 40).put("width", 64);
        m.putObject("noise_schedule").put("kind", "linear").put("timesteps", 1000).put("beta_start", "0.0001")
                .put("beta_end", "0.02");
        m.putObject("keyframe_selection").put("lambda1", "1").put("lambda2", "0.1").put("threshold", "0.3")
                .put("max_clip_frames", 16);
        Files.write(dir.resolve("manifest.json"), OM.writeValueAsBytes(m));
        return ModelPack.open(dir);
    }

    void add(ArrayNode files, String path, byte[] content) throws Exception {
        Files.write(dir.resolve(path), content);
        files.addObject().put("path", path).put("sha256", HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(content))).put("size_bytes", content.length);
    }

    float[] run(OrtSession s, float[] x, int rows) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {rows, IN});
             OrtSession.Result r = s.run(Map.of("x", t))) {
            float[][] y = (float[][]) r.get(0).getValue();
            float[] flat = new float[rows * OUT];
            for (int i = 0; i < rows; i++) System.arraycopy(y[i], 0, flat, i * OUT, OUT);
            return flat;
        }
    }

    @Test
    void runsAPackNetworkAndMatchesAJavaReference() throws Exception {
        ModelPack pack = writePack("x");
        int rows = 33;
        float[] x = new float[rows * IN];
        Random r = new Random(4);
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        try (PackSessions s = PackSessions.open(pack, Device.AUTO, 1)) {
            assertEquals(Device.CPU, s.device(), "the CPU artifact has no CUDA provider");
            float[] y = run(s.session(PackRole.DENOISER), x, rows);
            for (int i = 0; i < rows; i++) {
                for (int o = 0; o < OUT; o++) {
                    double ref = b[o];
                    for (int k = 0; k < IN; k++) ref += (double) x[i * IN + k] * w[k * OUT + o];
                    assertEquals(ref, y[i * OUT + o], 1e-4, "row " + i + " col " + o);
                }
            }
            assertSame(s.session(PackRole.DENOISER), s.session(PackRole.DENOISER), "one session per role");
            assertNull(s.session(PackRole.MOTION_ESTIMATOR), "optional role left out");
        }
    }

    @Test
    void outputIsBitExactRunToRunAndAcrossThreadCounts() throws Exception {
        ModelPack pack = writePack("x");
        int rows = 256;
        float[] x = new float[rows * IN];
        Random r = new Random(5);
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        float[] one, again, two;
        try (PackSessions s = PackSessions.open(pack, Device.CPU, 1)) {
            one = run(s.session(PackRole.IMAGE_DECODER), x, rows);
            again = run(s.session(PackRole.IMAGE_DECODER), x, rows);
        }
        try (PackSessions s = PackSessions.open(pack, Device.CPU, 2)) {
            two = run(s.session(PackRole.IMAGE_DECODER), x, rows);
        }
        assertArrayEquals(one, again);
        assertArrayEquals(one, two, "1 thread vs 2 threads");
    }

    @Test
    void manifestThatDisagreesWithTheNetworkIsRefused() throws Exception {
        ModelPack pack = writePack("image");
        try (PackSessions s = PackSessions.open(pack, Device.CPU, 1)) {
            PackException e = assertThrows(PackException.class, () -> s.session(PackRole.UPSAMPLER));
            assertEquals("/roles/upsampler/inputs/0/name", e.where());
            assertTrue(e.getMessage().contains("expected one of [x], found image"), e.getMessage());
        }
    }

    @Test
    void cudaOnTheCpuBuildIsAClearErrorAndClosedSessionsRefuseUse() throws Exception {
        ModelPack pack = writePack("x");
        PackException e = assertThrows(PackException.class, () -> PackSessions.open(pack, Device.CUDA, 1));
        assertTrue(e.getMessage().contains("CUDA execution provider"), e.getMessage());
        PackSessions s = PackSessions.open(pack, Device.CPU, 1);
        s.session(PackRole.DENOISER);
        s.close();
        s.close();
        assertThrows(IllegalStateException.class, () -> s.session(PackRole.DENOISER));
    }
}
