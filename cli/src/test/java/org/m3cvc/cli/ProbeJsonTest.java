package org.m3cvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.container.ChunkEvent;
import org.m3cvc.container.M3cReader;
import org.m3cvc.container.chunk.RawChunk;
import org.m3cvc.container.keyframe.Keyframe;

/** probe --of json against syntax.json and against what the reader parses. */
class ProbeJsonTest {
    @TempDir static Path dir;
    static Path stream;
    static JsonNode all;

    @BeforeAll
    static void probe() throws IOException {
        stream = TestStreams.reference(dir.resolve("ref.m3c"), true, true);
        Cli r = Cli.run("probe", "--of", "json", "--show-chunks", "--show-bits", "--show-planes", "--show-data",
                stream.toString());
        assertEquals(0, r.exit(), r.toString());
        all = r.json();
    }

    static void assertHasElements(JsonNode node, String section, String where) {
        assertNotNull(node, where + " missing");
        for (String e : SyntaxJson.elements(section)) {
            assertTrue(node.has(e), where + " lacks element " + section + "/" + e + ": " + node);
        }
    }

    @Test
    void everyStreamHeaderElementIsPrintedUnderItsSpecName() throws IOException {
        JsonNode sh = all.get("stream_header");
        assertHasElements(sh, "stream_header", "stream_header");
        // Also in the default output, without any --show option.
        JsonNode plain = Cli.run("probe", "--of", "json", stream.toString()).json().get("stream_header");
        assertHasElements(plain, "stream_header", "default stream_header");
    }

    @Test
    void everyClipKeyframeTextAndSeekElementIsPrinted() {
        assertHasElements(all.get("file_header"), "file_header", "file_header");
        // seek_entry_count in the section, the repeated elements in each entry.
        List<String> seek = SyntaxJson.elements("seek_index");
        JsonNode si = all.get("seek_index");
        assertTrue(si.has(seek.get(0)), si.toString());
        assertEquals(3, si.get("seek_entries").size());
        for (JsonNode e : si.get("seek_entries")) {
            for (String name : seek.subList(1, seek.size())) assertTrue(e.has(name), name + " in " + e);
        }
        assertEquals(3, all.get("clips").size());
        int texts = 0;
        for (JsonNode c : all.get("clips")) {
            assertHasElements(c.get("clip_header"), "clip_header", "clip");
            assertHasElements(c.get("keyframe"), "keyframe", "clip keyframe");
            for (JsonNode t : c.get("texts")) {
                assertHasElements(t, "text", "text");
                texts++;
            }
        }
        assertEquals(4, texts);
        assertHasElements(all.get("trailing_keyframe"), "keyframe", "trailing_keyframe");
        for (JsonNode c : all.get("chunks")) assertHasElements(c, "chunk", "chunk");
    }

    @Test
    void everySyntaxNameAppearsWithoutShowData() {
        // What the conformance suite checks over its streams: every element (and section but chunk, whose instances
        // are the entries of the chunks array) is a key of probe --of json --show-chunks.
        JsonNode j = Cli.run("probe", "--of", "json", "--show-chunks", "--bitexact", stream.toString()).json();
        java.util.Set<String> keys = new java.util.TreeSet<>();
        collectKeys(j, keys);
        for (JsonNode s : SyntaxJson.ROOT.get("sections")) {
            if (!s.get("name").asText().equals("chunk")) assertTrue(keys.contains(s.get("name").asText()), s.toString());
            for (JsonNode e : s.get("elements")) assertTrue(keys.contains(e.get("name").asText()), e.toString());
        }
    }

    static void collectKeys(JsonNode n, java.util.Set<String> keys) {
        if (n.isObject()) {
            for (var f : n.properties()) {
                keys.add(f.getKey());
                collectKeys(f.getValue(), keys);
            }
        } else if (n.isArray()) {
            for (JsonNode c : n) collectKeys(c, keys);
        }
    }

    @Test
    void seekIndexElementsAreAbsentWithoutOne() throws IOException {
        Path noIndex = TestStreams.reference(dir.resolve("noindex.m3c"), false, false);
        JsonNode si = Cli.run("probe", "--of", "json", noIndex.toString()).json().get("seek_index");
        assertFalse(si.get("seek_index_present").asBoolean());
        assertFalse(si.has("seek_entry_count"));
        assertTrue(all.get("seek_index").get("seek_index_present").asBoolean());
        assertEquals(3, all.get("seek_index").get("seek_entry_count").asInt());
    }

    @Test
    void valuesAreTheElementsTheReaderParses() throws IOException {
        List<ChunkEvent> events = new ArrayList<>();
        try (M3cReader r = M3cReader.open(Files.newInputStream(stream), "x")) {
            ChunkEvent e;
            while ((e = r.next()) != null) events.add(e);
        }
        var h = events.get(0);
        var sh = (org.m3cvc.container.header.StreamHeader) h.syntax();
        JsonNode j = all.get("stream_header");
        assertEquals(sh.codedWidth(), j.get("coded_width").intValue());
        assertEquals(60, j.get("display_width").intValue());
        assertEquals(30000, j.get("frame_rate_num").intValue());
        assertEquals(1001, j.get("frame_rate_den").intValue());
        assertEquals(sh.packSha256Hex(), j.get("pack_sha256").textValue());
        assertEquals("test-pack-ü", j.get("pack_name").textValue());
        assertEquals(0, j.get("sampler_id").intValue());
        assertEquals("ddpm", j.get("sampler_id_name").textValue());
        assertEquals(SyntaxJson.enumName("text_coder", j.get("text_coder").intValue()),
                j.get("text_coder_name").textValue());
        assertEquals(384, j.get("guidance_scale_q8").intValue());
        assertTrue(j.get("noise_seed").isBigInteger() || j.get("noise_seed").isIntegralNumber());
        assertEquals(new BigInteger(Long.toUnsignedString(TestStreams.NOISE_SEED)), j.get("noise_seed").bigIntegerValue());
        // Derived decimals are JSON numbers with their fixed scale.
        assertTrue(j.get("frame_rate").isNumber());
        assertEquals("29.970030", j.get("frame_rate").decimalValue().toPlainString());
        assertEquals("0.667333", j.get("duration_seconds").decimalValue().toPlainString());
        assertEquals("1.50000000", j.get("guidance_scale").decimalValue().toPlainString());
        assertEquals(6, j.get("raw_index_bits").intValue());

        JsonNode c0 = all.get("clips").get(0);
        JsonNode h0 = c0.get("clip_header");
        assertEquals("interpolation", h0.get("clip_mode_name").textValue());
        assertEquals("prediction", all.get("clips").get(1).get("clip_header").get("clip_mode_name").textValue());
        assertEquals(SyntaxJson.enumName("clip_mode", h0.get("clip_mode").intValue()), h0.get("clip_mode_name").textValue());
        JsonNode t0 = c0.get("texts").get(0);
        assertEquals(TestStreams.NON_ASCII_TEXT, t0.get("text").textValue());
        assertEquals("keyframe_description", t0.get("text_role_name").textValue());
        assertEquals("lzw", t0.get("text_coder_name").textValue());
        assertEquals("de", t0.get("text_language").textValue());
        assertEquals(TestStreams.NON_ASCII_TEXT.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                t0.get("text_size").intValue());
        assertEquals(TestStreams.ESCAPED_TEXT, c0.get("texts").get(1).get("text").textValue());
        assertEquals("other", all.get("clips").get(2).get("texts").get(1).get("text_role_name").textValue());

        Keyframe k1 = events.stream().map(ChunkEvent::syntax).filter(s -> s instanceof Keyframe)
                .map(s -> (Keyframe) s).toList().get(1);
        JsonNode kf1 = all.get("clips").get(1).get("keyframe");
        assertEquals("raw", kf1.get("plane_coding_name").textValue());
        assertEquals(k1.planeData().length, kf1.get("plane_data").get("size_bytes").intValue());
        assertEquals(java.util.HexFormat.of().formatHex(k1.planeData()), kf1.get("plane_data").get("hex").textValue());
        JsonNode plane = kf1.get("plane");
        assertEquals(TestStreams.PLANE_H, plane.size());
        for (int y = 0; y < TestStreams.PLANE_H; y++) {
            for (int x = 0; x < TestStreams.PLANE_W; x++) {
                assertEquals(k1.plane().at(x, y), plane.get(y).get(x).intValue());
            }
        }
        // Raw coding of a 64-vector codebook: exactly 6 bits per index.
        assertEquals("6.000000", kf1.get("bits_per_index").decimalValue().toPlainString());
        JsonNode trailing = all.get("trailing_keyframe");
        assertEquals(3, trailing.get("keyframe_index").intValue());
        assertEquals(19, trailing.get("keyframe_frame").intValue());
    }

    @Test
    void histogramEntropyAndDistinctCountDescribeThePlane() {
        for (JsonNode c : all.get("clips")) {
            JsonNode k = c.get("keyframe");
            JsonNode plane = k.get("plane");
            int[] counts = new int[TestStreams.CODEBOOK];
            int n = 0;
            for (JsonNode row : plane) for (JsonNode v : row) { counts[v.intValue()]++; n++; }
            int distinct = 0;
            double h = 0;
            List<Integer> seen = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) continue;
                distinct++;
                seen.add(i);
                double p = (double) counts[i] / n;
                h -= p * Math.log(p) / Math.log(2);
            }
            assertEquals(distinct, k.get("distinct_indices").intValue());
            assertEquals(h, k.get("entropy_bits_per_index").doubleValue(), 1e-6);
            JsonNode hist = k.get("histogram");
            assertEquals(distinct, hist.size());
            for (int i = 0; i < hist.size(); i++) {
                assertEquals(seen.get(i).intValue(), hist.get(i).get("codebook_index").intValue());
                assertEquals(counts[seen.get(i)], hist.get(i).get("index_count").intValue());
            }
        }
    }

    @Test
    void chunksListEveryChunkInFileOrder() throws IOException {
        List<RawChunk> chunks = TestStreams.chunks(stream);
        JsonNode list = all.get("chunks");
        assertEquals(chunks.size(), list.size());
        for (int i = 0; i < chunks.size(); i++) {
            RawChunk c = chunks.get(i);
            JsonNode j = list.get(i);
            assertEquals(c.offset(), j.get("offset").longValue());
            assertEquals(c.type(), j.get("chunk_type").intValue());
            assertEquals(c.name(), j.get("chunk_name").textValue());
            assertEquals(c.payload().length, j.get("chunk_size").intValue());
            assertEquals(String.format("0x%08X", c.crc()), j.get("chunk_crc").textValue());
            assertEquals("ok", j.get("crc_status").textValue());
            assertEquals(8 * c.totalBytes(), j.get("chunk_bits").longValue());
            assertEquals(c.payload().length, j.get("chunk_payload").get("size_bytes").intValue());
            assertEquals(java.util.HexFormat.of().formatHex(c.payload()), j.get("chunk_payload").get("hex").textValue());
        }
        JsonNode anc = list.get(6);
        assertEquals(TestStreams.ANCILLARY_TYPE, anc.get("chunk_type").intValue());
        assertEquals("chunk_0xC1", anc.get("chunk_name").textValue());
        assertEquals("other", anc.get("category").textValue());
        assertEquals("index", list.get(1).get("category").textValue());
        assertEquals("index_planes", list.get(3).get("category").textValue());
        assertEquals("texts", list.get(4).get("category").textValue());
    }

    @Test
    void optionalSectionsAppearOnlyWithTheirOption() throws IOException {
        JsonNode plain = Cli.run("probe", "--of", "json", stream.toString()).json();
        assertNull(plain.get("chunks"));
        JsonNode c0 = plain.get("clips").get(0);
        assertNull(c0.get("bits"));
        assertNull(c0.get("keyframe").get("plane"));
        assertNull(c0.get("keyframe").get("histogram"));
        assertEquals(1, c0.get("keyframe").get("plane_data").size(), "hex needs --show-data");
        assertNull(c0.get("keyframe").get("plane_data").get("hex"));
        assertNull(c0.get("texts").get(0).get("text_data").get("hex"));
        assertNotNull(plain.get("program"));
        assertNull(plain.get("error"));
        assertNotNull(all.get("chunks"));
        assertNotNull(all.get("clips").get(0).get("bits"));
    }

    @Test
    void decodedSyntaxMd5IsTheCanonicalOne() throws IOException {
        try (M3cReader r = M3cReader.open(Files.newInputStream(stream), "x")) {
            assertEquals(org.m3cvc.container.DecodedSyntax.md5(r),
                    all.get("decoded_syntax").get("decoded_syntax_md5").textValue());
        }
    }
}
