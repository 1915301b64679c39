package org.m3cvc.codec.pack;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.container.header.StreamHeader;

class ModelPackTest {
    @TempDir Path dir;
    static final ObjectMapper OM = new ObjectMapper();

    /** Writes a complete small pack; {@code change} may alter the manifest before it is written. */
    ObjectNode writePack(Consumer<ObjectNode> change) throws IOException {
        ObjectNode m = OM.createObjectNode();
        m.put("format", "m3cvc-model-pack").put("manifest_version", 1).put("name", "test-pack").put("version", "1.0");
        ArrayNode files = m.putArray("files");
        ObjectNode roles = m.putObject("roles");
        for (PackRole r : PackRole.values()) {
            if (r == PackRole.MOTION_ESTIMATOR) continue; // optional: left out on purpose
            String file = r.manifestName() + ".onnx";
            addFile(files, file, ("fake network " + r).getBytes(StandardCharsets.UTF_8));
            ObjectNode spec = roles.putObject(r.manifestName()).put("file", file);
            spec.putArray("inputs").addObject().put("name", "x").put("dtype", "float32").putArray("shape").add(1).add(-1);
            spec.putArray("outputs").addObject().put("name", "y").put("dtype", "float32").putArray("shape").add(1).add(4);
        }
        addFile(files, "codebook.f32", new byte[256 * 4 * 4]);
        m.putObject("codebook").put("file", "codebook.f32").put("vectors", 256).put("dimension", 4);
        m.putArray("planes").addObject().put("width", 32).put("height", 20);
        m.putObject("latent").put("channels", 4).put("height", 40).put("width", 64);
        m.putObject("noise_schedule").put("kind", "scaled_linear").put("timesteps", 1000).put("beta_start", "0.00085")
                .put("beta_end", "0.012");
        addFile(files, "tokenizer.json", "{}".getBytes(StandardCharsets.UTF_8));
        m.put("tokenizer", "tokenizer.json");
        m.putObject("keyframe_selection").put("lambda1", "1.0").put("lambda2", "0.05").put("threshold", "0.3")
                .put("max_clip_frames", 16);
        change.accept(m);
        Files.write(dir.resolve("manifest.json"), OM.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
        return m;
    }

    void addFile(ArrayNode files, String path, byte[] content) throws IOException {
        Files.write(dir.resolve(path), content);
        files.addObject().put("path", path).put("sha256", HexFormat.of().formatHex(ModelPack.sha256(content)))
                .put("size_bytes", content.length);
    }

    @Test
    void opensAValidPackAndExposesItsContract() throws IOException {
        writePack(m -> {});
        ModelPack p = ModelPack.open(dir);
        assertEquals("test-pack", p.name());
        assertEquals(256, p.codebook().vectors());
        assertNull(p.file(PackRole.MOTION_ESTIMATOR));
        assertEquals(dir.resolve("denoiser.onnx"), p.file(PackRole.DENOISER));
        assertEquals(new java.math.BigDecimal("0.00085"), p.noiseSchedule().betaStart());
        assertEquals(64, p.identityHex().length());
    }

    @Test
    void identityIgnoresLayoutButNotValues() throws IOException {
        ObjectNode m = writePack(x -> {});
        String id = ModelPack.open(dir).identityHex();
        // Same manifest, compact and with members in another order: same identity.
        ObjectNode reordered = OM.createObjectNode();
        java.util.List<String> keys = new java.util.ArrayList<>();
        m.fieldNames().forEachRemaining(keys::add);
        java.util.Collections.reverse(keys);
        for (String k : keys) reordered.set(k, m.get(k));
        Files.write(dir.resolve("manifest.json"), OM.writeValueAsBytes(reordered));
        assertEquals(id, ModelPack.open(dir).identityHex());
        // One value changed: another identity.
        reordered.put("version", "1.1");
        Files.write(dir.resolve("manifest.json"), OM.writeValueAsBytes(reordered));
        assertNotEquals(id, ModelPack.open(dir).identityHex());
    }

    @Test
    void canonicalFormIsSortedCompactAndIntegerOnly() throws IOException {
        assertEquals("{\"a\":[1,\"x\\\"y\",true,null],\"b\":{\"c\":\"é\"}}",
                CanonicalJson.of(OM.readTree("{ \"b\": {\"c\": \"é\"}, \"a\": [1, \"x\\\"y\", true, null] }")));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.of(OM.readTree("{\"a\": 0.5}")));
    }

    @Test
    void alteredFileIsRefusedByName() throws IOException {
        writePack(m -> {});
        Files.write(dir.resolve("denoiser.onnx"), "fake network DENOISEX".getBytes(StandardCharsets.UTF_8));
        PackException e = assertThrows(PackException.class, () -> ModelPack.open(dir));
        assertEquals("denoiser.onnx", e.where());
        assertTrue(e.getMessage().contains("expected sha256 "), e.getMessage());
    }

    @Test
    void manifestErrorsNameTheField() throws IOException {
        expect("/roles/denoiser", m -> ((ObjectNode) m.get("roles")).remove("denoiser"));
        expect("/roles/denoisr", m -> ((ObjectNode) m.get("roles")).set("denoisr", m.get("roles").get("upsampler")));
        expect("/files/0/path", m -> ((ObjectNode) m.get("files").get(0)).put("path", "../etc/passwd"));
        expect("/codebook", m -> ((ObjectNode) m.get("codebook")).put("dimension", 8));
        expect("/noise_schedule/beta_end", m -> ((ObjectNode) m.get("noise_schedule")).put("beta_end", 0.012));
        expect("/manifest_version", m -> m.put("manifest_version", 2));
        expect("/planes/0/width", m -> ((ObjectNode) m.get("planes").get(0)).put("width", 300));
        expect("/roles/clip_generator/inputs/0/dtype", m -> ((ObjectNode) m.get("roles").get("clip_generator")
                .get("inputs").get(0)).put("dtype", "float128"));
        expect("/tokenizer", m -> m.remove("tokenizer"));
        expect("/sampling/steps", m -> m.putObject("sampling").put("steps", 0));
        expect("/sampling/steps", m -> m.putObject("sampling").put("steps", 1001));
        expect("/sampling/steps", m -> m.putObject("sampling").put("steps", "1"));
    }

    @Test
    void samplerStepsAreThePacksWhenItDeclaresThem() throws IOException {
        writePack(m -> {});
        assertEquals(0, ModelPack.open(dir).samplerSteps(), "none declared");
        writePack(m -> m.putObject("sampling").put("steps", 3));
        assertEquals(3, ModelPack.open(dir).samplerSteps());
        // No more steps than the schedule has timesteps.
        writePack(m -> {
            ((ObjectNode) m.get("noise_schedule")).put("timesteps", 50);
            m.putObject("sampling").put("steps", 51);
        });
        PackException e = assertThrows(PackException.class, () -> ModelPack.open(dir));
        assertEquals("/sampling/steps", e.where(), e.getMessage());
    }

    /** A second plane with its own post-encoder and upsampler (spec/model-pack.md 3.1). */
    static void finePlane(ObjectNode m) {
        ((ArrayNode) m.get("planes")).addObject().put("width", 64).put("height", 40);
        ObjectNode roles = (ObjectNode) m.get("roles");
        roles.set("post_encoder.64x40", roles.get("post_encoder").deepCopy());
        roles.set("upsampler.64x40", roles.get("upsampler").deepCopy());
        ((ObjectNode) roles.get("upsampler.64x40")).put("file", "denoiser.onnx");
    }

    @Test
    void planeOwnNetworksAreFoundByPlaneAndOthersFallBack() throws IOException {
        writePack(ModelPackTest::finePlane);
        ModelPack p = ModelPack.open(dir);
        ModelPack.PlaneSize coarse = new ModelPack.PlaneSize(32, 20), fine = new ModelPack.PlaneSize(64, 40);
        assertEquals(java.util.List.of(coarse, fine), p.planes());
        assertEquals("upsampler", p.role(PackRole.UPSAMPLER, coarse).key());
        assertEquals("upsampler.64x40", p.role(PackRole.UPSAMPLER, fine).key());
        assertEquals(dir.resolve("denoiser.onnx"), p.file(p.role(PackRole.UPSAMPLER, fine)));
        assertEquals("post_encoder.64x40", p.role(PackRole.POST_ENCODER, fine).key());
        // Other roles serve every plane.
        assertEquals("denoiser", p.role(PackRole.DENOISER, fine).key());
        assertEquals(java.util.Set.of("post_encoder.64x40", "upsampler.64x40"), p.planeRoles().keySet());
        assertEquals(fine, ModelPack.PlaneSize.parse("64x40"));
        for (String bad : new String[] {"64x", "x40", "064x40", "64x40x2", "64X40", "5000x40", ""}) {
            assertNull(ModelPack.PlaneSize.parse(bad), bad);
        }
    }

    @Test
    void planeOwnNetworkErrorsNameTheRole() throws IOException {
        // A plane the pack does not list.
        expect("/roles/post_encoder.64x40", m -> {
            ObjectNode roles = (ObjectNode) m.get("roles");
            roles.set("post_encoder.64x40", roles.get("post_encoder").deepCopy());
        });
        // Only the post-encoder and the upsampler depend on the plane size.
        expect("/roles/denoiser.64x40", m -> {
            finePlane(m);
            ObjectNode roles = (ObjectNode) m.get("roles");
            roles.set("denoiser.64x40", roles.get("denoiser").deepCopy());
        });
        expect("/roles/upsampler.64by40", m -> {
            ObjectNode roles = (ObjectNode) m.get("roles");
            roles.set("upsampler.64by40", roles.get("upsampler").deepCopy());
        });
        expect("/roles/upsampler.", m -> {
            ObjectNode roles = (ObjectNode) m.get("roles");
            roles.set("upsampler.", roles.get("upsampler").deepCopy());
        });
    }

    private void expect(String where, Consumer<ObjectNode> change) throws IOException {
        writePack(change);
        PackException e = assertThrows(PackException.class, () -> ModelPack.open(dir), where);
        assertEquals(where, e.where(), e.getMessage());
    }

    @Test
    void streamMustNameThisPackUnlessForced() throws IOException {
        writePack(m -> {});
        ModelPack p = ModelPack.open(dir);
        StreamHeader mine = StreamHeader.builder().pack("test-pack", p.identity()).build();
        p.checkStream(mine, false);
        StreamHeader other = StreamHeader.builder().pack("other", new byte[32]).build();
        PackException e = assertThrows(PackException.class, () -> p.checkStream(other, false));
        assertTrue(e.getMessage().contains("\"other\" 0000"), e.getMessage());
        p.checkStream(other, true);
        StreamHeader plane64 = StreamHeader.builder().pack("test-pack", p.identity()).plane(64, 40, 256).build();
        assertEquals("/planes", assertThrows(PackException.class, () -> p.checkStream(plane64, true)).where());
    }

    @Test
    void missingManifestAndGarbage() throws IOException {
        assertEquals("manifest.json", assertThrows(PackException.class, () -> ModelPack.open(dir)).where());
        Files.writeString(dir.resolve("manifest.json"), "{not json");
        assertEquals("manifest.json", assertThrows(PackException.class, () -> ModelPack.open(dir)).where());
        Files.writeString(dir.resolve("manifest.json"), "[]");
        assertThrows(PackException.class, () -> ModelPack.open(dir));
    }
}
