package org.m3cvc.conformance;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.m3cvc.container.text.Order2;

/** The order2 table (spec 8.7.1): rebuilt from the corpus, it equals the shipped resource and the spec's SHA-256. */
class Order2TableTest {
    static final Path TEXTS = Path.of("texts");

    @Test
    void tableRebuildsFromTheTrainingCorpus() throws IOException {
        byte[] built = Order2TableBuilder.build(Order2TableBuilder.training(TEXTS));
        byte[] shipped;
        try (InputStream in = Order2.class.getResourceAsStream(Order2.TABLE_RESOURCE)) {
            shipped = in.readAllBytes();
        }
        assertArrayEquals(shipped, built, "rerun Order2TableBuilder (scripts/regenerate-conformance)");
        assertEquals(Order2.TABLE_SHA256, Order2.sha256(built));
        assertTrue(Files.readString(SpecDocumentTest.DOC).contains("\n" + Order2.TABLE_SHA256 + "\n"),
                "spec/m3c.md 8.7.1 states the table's SHA-256");
    }

    @Test
    void corpusSplitIsTheDocumentedOne() throws IOException {
        List<String> held = Order2TableBuilder.lines(TEXTS, true);
        List<String> training = Order2TableBuilder.training(TEXTS);
        assertEquals(53, held.size());
        assertEquals(216, training.size());
        assertTrue(held.size() + training.size() >= 200);
        for (String h : held) assertFalse(training.contains(h), "held-out text also in training: " + h);
    }
}
