package org.m3cvc.container.text;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.container.ClipGroup;
import org.m3cvc.container.M3cReader;

/** {@link TextRewriter} refuses what would not conform, and then writes nothing. */
class TextRewriterTest {
    /** Surefire runs in the module directory. */
    static final Path REFERENCE = Path.of("../conformance/streams/valid/v02_reference_32x20.m3c");

    @TempDir Path dir;

    void assertNothingWritten(Path out) throws Exception {
        assertFalse(Files.exists(out));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.toList(), "no temporary file left");
        }
    }

    @Test
    void noReplacementsCopiesTheStream() throws Exception {
        Path out = dir.resolve("same.m3c");
        TextRewriter.Summary s = TextRewriter.rewrite(REFERENCE, out, Map.of());
        assertArrayEquals(Files.readAllBytes(REFERENCE), Files.readAllBytes(out));
        assertEquals(Files.size(REFERENCE), s.bytesOut());
        assertEquals(6, s.textChunks());
    }

    @Test
    void aSecondDescriptionOfOneTargetIsRefused() throws Exception {
        Path out = dir.resolve("tx8.m3c");
        List<TextChunk> twice = List.of(
                TextChunk.of(TextRole.KEYFRAME_DESCRIPTION, 0, TextCoder.LZW, "en", "a"),
                TextChunk.of(TextRole.KEYFRAME_DESCRIPTION, 0, TextCoder.RAW, "de", "b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextRewriter.rewrite(REFERENCE, out, Map.of(0, twice)));
        assertTrue(e.getMessage().contains("TX-8"), e.getMessage());
        assertNothingWritten(out);
    }

    @Test
    void unknownClipsAndTooManyTextsAreRefused() throws Exception {
        Path out = dir.resolve("x.m3c");
        assertThrows(IllegalArgumentException.class, () -> TextRewriter.rewrite(REFERENCE, out, Map.of(3, List.of())));
        List<TextChunk> many = java.util.Collections.nCopies(17,
                TextChunk.of(TextRole.OTHER, 0, TextCoder.RAW, "en", "x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextRewriter.rewrite(REFERENCE, out, Map.of(1, many)));
        assertTrue(e.getMessage().contains("CL-6"), e.getMessage());
        assertNothingWritten(out);
    }

    @Test
    void replacedGroupGetsExactlyTheNewTexts() throws Exception {
        Path out = dir.resolve("r.m3c");
        TextChunk t = TextChunk.of(TextRole.CLIP_DESCRIPTION, 1, TextCoder.LZW, "fr", "Le héron marche.");
        TextRewriter.rewrite(REFERENCE, out, Map.of(1, List.of(t)));
        try (M3cReader r = M3cReader.open(Files.newInputStream(out), "r.m3c")) {
            r.nextClip();
            ClipGroup g = r.nextClip();
            assertEquals(1, g.clip().clipTextCount());
            assertEquals("Le héron marche.", g.texts().get(0).text());
            assertEquals("fr", g.texts().get(0).textLanguage());
            ClipGroup last = r.nextClip();
            assertEquals(2, last.texts().size(), "other groups keep theirs");
            assertNull(r.nextClip(), "valid through end_of_stream");
        }
    }
}
