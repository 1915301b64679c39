package org.m3cvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.container.chunk.ChunkType;
import org.m3cvc.container.chunk.RawChunk;

/** On a format error probe prints what it read, then an error section, in every format (ffprobe -show_error). */
class ProbeErrorTest {
    @TempDir Path dir;
    Path bad;
    long crcOffset;

    @BeforeEach
    void breakKeyframe2() throws IOException {
        Path valid = TestStreams.reference(dir.resolve("ref.m3c"), true, true);
        RawChunk k2 = TestStreams.chunks(valid, ChunkType.KEYFRAME.code()).get(2);
        bad = TestStreams.flipByte(valid, dir.resolve("bad.m3c"), k2.payloadOffset() + 5);
        crcOffset = k2.offset() + k2.totalBytes() - 4;
    }

    @Test
    void jsonHoldsEverythingReadThenTheError() {
        Cli r = Cli.run("probe", "--of", "json", "--show-chunks", "--show-bits", bad.toString());
        assertEquals(ExitCodes.NONCONFORMING, r.exit(), r.toString());
        JsonNode j = r.json();
        assertTrue(j.has("file_header") && j.has("stream_header") && j.has("seek_index"));
        JsonNode clips = j.get("clips");
        assertEquals(3, clips.size());
        assertTrue(clips.get(1).has("bits"), "clip 1 is complete");
        JsonNode c2 = clips.get(2);
        assertEquals(2, c2.get("clip_header").get("clip_index").intValue());
        assertFalse(c2.has("keyframe"), "clip 2's keyframe is the broken chunk");
        assertFalse(c2.has("bits"));
        assertNull(j.get("trailing_keyframe"));
        assertNull(j.get("bit_accounting"), "whole-file results describe whole files only");
        assertNull(j.get("decoded_syntax"));
        assertEquals(10, j.get("chunks").size(), "the chunks before the broken one");
        JsonNode e = j.get("error");
        assertEquals(bad.toString(), e.get("file").textValue());
        assertEquals(crcOffset, e.get("offset").longValue());
        assertEquals(0, e.get("bit").intValue());
        assertEquals("/keyframe/chunk_crc", e.get("element").textValue());
        assertTrue(e.get("expected").textValue().startsWith("0x"));
        assertTrue(e.get("found").textValue().startsWith("0x"));
        assertEquals("CK-3", e.get("requirement").textValue());
        assertEquals("corrupted", e.get("kind").textValue());
        assertEquals(r.err(), e.get("message").textValue() + "\n", "the same line on standard error");
        List<String> keys = List.copyOf(iterable(j.fieldNames()));
        assertEquals("error", keys.get(keys.size() - 1));
    }

    @Test
    void textEndsWithTheErrorSection() {
        Cli r = Cli.run("probe", bad.toString());
        assertEquals(ExitCodes.NONCONFORMING, r.exit());
        String[] lines = r.out().split("\n");
        assertEquals("error:", lines[lines.length - 10]);
        assertEquals("  requirement: CK-3", lines[lines.length - 3]);
        assertEquals("  kind: corrupted", lines[lines.length - 2]);
    }

    @Test
    void csvEndsWithAnErrorRow() throws IOException {
        Cli r = Cli.run("probe", "--of", "csv", bad.toString());
        assertEquals(ExitCodes.NONCONFORMING, r.exit());
        List<Map<String, String>> rows = csvRows(r.out());
        Map<String, String> last = rows.get(rows.size() - 1);
        assertEquals("error", last.get("section"));
        assertEquals("CK-3", last.get("requirement"));
        assertEquals(Long.toString(crcOffset), last.get("offset"));
        assertEquals("clip[2].clip_header", rows.get(rows.size() - 2).get("section"));
    }

    @Test
    void missingFileGivesAnIoErrorSection() {
        Path missing = dir.resolve("none.m3c");
        Cli r = Cli.run("probe", "--of", "json", missing.toString());
        assertEquals(ExitCodes.IO_ERROR, r.exit());
        JsonNode e = r.json().get("error");
        assertEquals("io_error", e.get("kind").textValue());
        assertEquals(missing + ": no such file", e.get("message").textValue());
        assertFalse(e.has("requirement"));
        assertFalse(r.json().get("input").has("file_size_bytes"));
    }

    @Test
    void unsupportedStreamGivesKindUnsupported() throws IOException {
        Path v2 = TestStreams.withVersions(dir.resolve("ref.m3c"), dir.resolve("v2.m3c"), 2, 2);
        Cli r = Cli.run("probe", "--of", "json", v2.toString());
        assertEquals(ExitCodes.UNSUPPORTED, r.exit());
        assertEquals("unsupported", r.json().get("error").get("kind").textValue());
        assertEquals("FH-3", r.json().get("error").get("requirement").textValue());
    }

    static List<Map<String, String>> csvRows(String csv) throws IOException {
        CsvMapper m = new CsvMapper();
        try (MappingIterator<Map<String, String>> it = m.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            return it.readAll();
        }
    }

    static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> l = new java.util.ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }
}
