package org.m3cvc.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.m3cvc.container.ChunkEvent;
import org.m3cvc.container.M3cReader;
import org.m3cvc.container.chunk.ChunkType;
import org.m3cvc.container.chunk.ChunkWriter;
import org.m3cvc.container.clip.ClipHeader;

/** {@code m3cvc text export} and {@code import} on the conformance streams. */
class TextCommandTest {
    /** Surefire runs in the module directory. */
    static final Path VALID = Path.of("../conformance/streams/valid");
    static final Path REFERENCE = VALID.resolve("v02_reference_32x20.m3c");

    @TempDir Path dir;

    static Stream<Path> validStreams() throws IOException {
        try (Stream<Path> s = Files.list(VALID)) {
            return s.filter(p -> p.toString().endsWith(".m3c")).sorted().toList().stream();
        }
    }

    /** One chunk as it lies in the file. */
    record Chunk(int type, byte[] bytes) {
        boolean sameAs(Chunk o) { return type == o.type && java.util.Arrays.equals(bytes, o.bytes); }

        @Override
        public String toString() { return ChunkType.nameOf(type) + " (" + bytes.length + " bytes)"; }
    }

    static List<Chunk> chunks(Path f) throws IOException {
        List<Chunk> out = new ArrayList<>();
        try (M3cReader r = M3cReader.open(Files.newInputStream(f), f.toString())) {
            ChunkEvent e;
            while ((e = r.next()) != null) out.add(new Chunk(e.raw().type(), ChunkWriter.frame(e.raw().type(), e.raw().payload())));
        }
        return out;
    }

    static List<Chunk> without(List<Chunk> l, int... types) {
        List<Chunk> out = new ArrayList<>();
        next:
        for (Chunk c : l) {
            for (int t : types) if (c.type() == t) continue next;
            out.add(c);
        }
        return out;
    }

    static void assertSameChunks(List<Chunk> a, List<Chunk> b) {
        assertEquals(a.size(), b.size(), a + " vs " + b);
        for (int i = 0; i < a.size(); i++) assertTrue(a.get(i).sameAs(b.get(i)), "chunk " + i + ": " + a.get(i));
    }

    ObjectNode export(Path m3c) {
        Cli ex = Cli.run("text", "export", m3c.toString());
        assertEquals(0, ex.exit(), ex.toString());
        return (ObjectNode) ex.json();
    }

    Path write(String name, JsonNode json) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, json.toPrettyString(), StandardCharsets.UTF_8);
        return p;
    }

    @ParameterizedTest
    @MethodSource("validStreams")
    void exportThenImportUnchangedGivesTheSameBytes(Path stream) throws IOException {
        Path texts = write("t.json", export(stream));
        Path out = dir.resolve("out.m3c");
        Cli im = Cli.run("text", "import", stream.toString(), texts.toString(), "-o", out.toString());
        assertEquals(0, im.exit(), im.toString());
        assertArrayEquals(Files.readAllBytes(stream), Files.readAllBytes(out), stream + " rewritten differs");
    }

    @Test
    void exportListsEveryTextWithItsId() {
        JsonNode j = export(REFERENCE);
        assertEquals(1, j.get("m3cvc_texts").intValue());
        assertEquals("lzw", j.get("text_coder").textValue());
        assertEquals(3, j.get("clips").size());
        List<String> ids = new ArrayList<>();
        for (JsonNode t : j.get("texts")) ids.add(t.get("id").textValue());
        assertTrue(ids.contains("clip0/keyframe_description/0"), ids.toString());
        assertTrue(ids.contains("clip2/clip_description/2"), ids.toString());
        JsonNode v17 = export(VALID.resolve("v17_max_texts_trailing_description.m3c"));
        int last = v17.get("clips").size() - 1;
        assertTrue(v17.toString().contains("\"clip" + last + "/keyframe_description/" + (last + 1) + "\""),
                "the trailing keyframe's description lives in the last group: " + v17);
        assertTrue(v17.toString().contains("\"clip" + last + "/other/1\""), "others are numbered: " + v17);
        JsonNode first = j.get("texts").get(0);
        assertEquals(0, first.get("clip_index").intValue());
        assertTrue(first.get("text").isTextual());
        // -o writes the same JSON to a file.
        Path f = dir.resolve("x.json");
        assertEquals(0, Cli.run("text", "export", REFERENCE.toString(), "-o", f.toString()).exit());
        assertTrue(Files.exists(f));
    }

    @Test
    void editRemoveAddRewritesOnlyTexts() throws IOException {
        ObjectNode j = export(REFERENCE);
        ArrayNode texts = (ArrayNode) j.get("texts");
        int before = texts.size();
        ((ObjectNode) texts.get(0)).put("text", "Ein völlig neuer Text: a kite over a field at dusk.");
        ((ObjectNode) texts.get(1)).putNull("text");
        texts.addObject().put("clip_index", 1).put("text_role", "other").put("text_language", "en")
                .put("text", "credits: test");
        Path out = dir.resolve("edited.m3c");
        Cli im = Cli.run("text", "import", REFERENCE.toString(), write("e.json", j).toString(), "-o", out.toString());
        assertEquals(0, im.exit(), im.toString());
        assertTrue(im.out().contains("1 texts changed, 1 added, 1 removed"), im.out());

        Cli ver = Cli.run("verify", out.toString());
        assertEquals(0, ver.exit(), ver.toString());
        Cli probe = Cli.run("probe", "--of", "json", out.toString());
        assertEquals(0, probe.exit(), probe.toString());
        String probed = probe.out();
        assertTrue(probed.contains("Ein völlig neuer Text: a kite over a field at dusk."), probed);
        assertTrue(probed.contains("credits: test"), probed);
        JsonNode after = export(out);
        assertEquals(before, after.get("texts").size());
        JsonNode added = null;
        for (JsonNode t : after.get("texts")) if (t.get("id").textValue().equals("clip1/other/0")) added = t;
        assertNotNull(added, after.toPrettyString());
        assertEquals("credits: test", added.get("text").textValue());
        assertEquals("raw", added.get("text_coder").textValue(), "shorter than LZW: stored raw (TX-3)");

        // Every chunk but texts, clip headers whose count changed, and the seek index: byte for byte, in order.
        List<Chunk> a = chunks(REFERENCE), b = chunks(out);
        int[] skip = {ChunkType.TEXT.code(), ChunkType.SEEK_INDEX.code(), ChunkType.CLIP_HEADER.code()};
        assertSameChunks(without(a, skip), without(b, skip));
        List<Chunk> ha = without(a, ChunkType.TEXT.code(), ChunkType.SEEK_INDEX.code(), ChunkType.KEYFRAME.code(),
                ChunkType.STREAM_HEADER.code(), ChunkType.END_OF_STREAM.code());
        List<Chunk> hb = without(b, ChunkType.TEXT.code(), ChunkType.SEEK_INDEX.code(), ChunkType.KEYFRAME.code(),
                ChunkType.STREAM_HEADER.code(), ChunkType.END_OF_STREAM.code());
        assertEquals(3, ha.size());
        // Group 0 lost a text and group 1 gained one; group 2's header is untouched.
        assertFalse(ha.get(0).sameAs(hb.get(0)));
        assertFalse(ha.get(1).sameAs(hb.get(1)));
        assertTrue(ha.get(2).sameAs(hb.get(2)));
        assertEquals(a.get(0).bytes().length, b.get(0).bytes().length);
        assertTrue(a.get(0).sameAs(b.get(0)), "stream header");
        // Texts that were not edited keep their bytes.
        List<Chunk> ta = without(a, ChunkType.STREAM_HEADER.code(), ChunkType.SEEK_INDEX.code(),
                ChunkType.CLIP_HEADER.code(), ChunkType.KEYFRAME.code(), ChunkType.END_OF_STREAM.code());
        List<Chunk> tb = without(b, ChunkType.STREAM_HEADER.code(), ChunkType.SEEK_INDEX.code(),
                ChunkType.CLIP_HEADER.code(), ChunkType.KEYFRAME.code(), ChunkType.END_OF_STREAM.code());
        for (int i = 2; i < ta.size(); i++) {
            Chunk t = ta.get(i);
            assertTrue(tb.stream().anyMatch(t::sameAs), "text " + i + " unchanged");
        }
    }

    @Test
    void ancillaryChunksStayInPlaceAndStreamsWithoutIndexStayWithout() throws IOException {
        for (String name : new String[] {"v18_unknown_ancillary.m3c", "v19_no_seek_index.m3c", "v13_raw_texts.m3c"}) {
            Path in = VALID.resolve(name);
            ObjectNode j = export(in);
            ArrayNode texts = (ArrayNode) j.get("texts");
            for (JsonNode t : texts) ((ObjectNode) t).put("text", "rewritten " + t.get("id").textValue());
            texts.addObject().put("clip_index", 0).put("text_role", "other").put("text_language", "en").put("text", "x");
            Path out = dir.resolve(name);
            Cli im = Cli.run("text", "import", in.toString(), write(name + ".json", j).toString(), "-o", out.toString());
            assertEquals(0, im.exit(), name + ": " + im);
            assertEquals(0, Cli.run("verify", out.toString()).exit(), name);
            int[] skip = {ChunkType.TEXT.code(), ChunkType.SEEK_INDEX.code(), ChunkType.CLIP_HEADER.code()};
            assertSameChunks(without(chunks(in), skip), without(chunks(out), skip));
            assertEquals(chunks(in).stream().anyMatch(c -> c.type() == ChunkType.SEEK_INDEX.code()),
                    chunks(out).stream().anyMatch(c -> c.type() == ChunkType.SEEK_INDEX.code()), name);
            for (JsonNode t : export(out).get("texts")) {
                if (!t.get("text").textValue().equals("x")) {
                    assertEquals("rewritten " + t.get("id").textValue(), t.get("text").textValue());
                }
            }
        }
    }

    @Test
    void inPlaceImportReplacesTheInput() throws IOException {
        Path copy = dir.resolve("copy.m3c");
        Files.copy(REFERENCE, copy);
        ObjectNode j = export(copy);
        ((ObjectNode) j.get("texts").get(0)).put("text", "short");
        assertEquals(0, Cli.run("text", "import", copy.toString(), write("i.json", j).toString(), "-o",
                copy.toString(), "-q").exit());
        assertEquals("short", export(copy).get("texts").get(0).get("text").textValue());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(".")).toList(), "no temp left");
        }
    }

    /** Runs an import that must fail with {@code code} and a message holding {@code parts}; no output appears. */
    void importFails(Path in, String json, int code, String... parts) throws IOException {
        Path t = dir.resolve("bad.json");
        Files.writeString(t, json, StandardCharsets.UTF_8);
        Path out = dir.resolve("never.m3c");
        Cli r = Cli.run("text", "import", in.toString(), t.toString(), "-o", out.toString());
        assertEquals(code, r.exit(), r.toString());
        assertEquals(1, r.errLines().length, r.toString());
        for (String p : parts) assertTrue(r.err().contains(p), "'" + p + "' in " + r.err());
        assertFalse(Files.exists(out), "no output");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(".")).toList(), "no temp left");
        }
    }

    @Test
    void badTextsFilesAreUsageErrorsNamingFilePointerAndExpectation() throws IOException {
        importFails(REFERENCE, "{\"texts\": [", ExitCodes.USAGE, "bad.json: line ", "expected JSON");
        importFails(REFERENCE, "[]", ExitCodes.USAGE, "bad.json: (root): expected a JSON object, found an array");
        importFails(REFERENCE, "{}", ExitCodes.USAGE, "bad.json: /texts: expected an array of texts, found nothing");
        importFails(REFERENCE, "{\"texts\":[{\"id\":\"clip9/keyframe_description/9\",\"text\":\"x\"}]}",
                ExitCodes.USAGE, "bad.json: /texts/0/id: expected the id of a text of", "clip0/keyframe_description/0",
                "found \"clip9/keyframe_description/9\"");
        importFails(REFERENCE, "{\"texts\":[{\"id\":\"clip0/keyframe_description/0\",\"text\":\"a\"},"
                + "{\"id\":\"clip0/keyframe_description/0\",\"text\":\"b\"}]}", ExitCodes.USAGE,
                "/texts/1/id: expected each id once");
        importFails(REFERENCE, "{\"texts\":[{\"id\":\"clip0/keyframe_description/0\",\"txt\":\"a\"}]}",
                ExitCodes.USAGE, "/texts/0/txt: expected no member of that name");
        importFails(REFERENCE, "{\"texts\":[{\"id\":\"clip0/keyframe_description/0\",\"text\":5}]}",
                ExitCodes.USAGE, "/texts/0/text: expected a string (or null to remove the text), found 5");
        importFails(REFERENCE, "{\"texts\":[{\"id\":\"clip0/keyframe_description/0\",\"text\":\"a\",\"text_coder\":\"zstd\"}]}",
                ExitCodes.USAGE, "/texts/0/text_coder: expected \"raw\" or \"lzw\"");
        importFails(REFERENCE, "{\"texts\":[{\"id\":\"clip0/keyframe_description/0\",\"text\":\"a\",\"clip_index\":1}]}",
                ExitCodes.USAGE, "/texts/0/clip_index: expected 0");
        importFails(REFERENCE, "{\"texts\":[{\"clip_index\":3,\"text_role\":\"other\",\"text_language\":\"en\",\"text\":\"a\"}]}",
                ExitCodes.USAGE, "/texts/0/clip_index: expected the clip_index of a clip of", "(0..2)", "found 3");
        importFails(REFERENCE, "{\"texts\":[{\"clip_index\":0,\"text_role\":\"kf\",\"text_language\":\"en\",\"text\":\"a\"}]}",
                ExitCodes.USAGE, "/texts/0/text_role: expected keyframe_description, clip_description or other");
        importFails(REFERENCE, "{\"texts\":[{\"clip_index\":0,\"text_role\":\"keyframe_description\",\"text_language\":"
                + "\"en\",\"text\":\"a\"}]}", ExitCodes.USAGE, "/texts/0: expected no second keyframe_description of "
                + "keyframe 0 (TX-8), found one already at clip0/keyframe_description/0");
        importFails(REFERENCE, "{\"texts\":[{\"clip_index\":1,\"text_role\":\"clip_description\",\"text_target\":2,"
                + "\"text_language\":\"en\",\"text\":\"a\"}]}", ExitCodes.USAGE, "/texts/0/text_target: expected 1 (TX-2)");
        importFails(REFERENCE, "{\"texts\":[{\"clip_index\":1,\"text_role\":\"other\",\"text_language\":\"en us\","
                + "\"text\":\"a\"}]}", ExitCodes.USAGE, "/texts/0/text_language: expected a BCP 47 tag");
        importFails(REFERENCE, "{\"texts\":[{\"clip_index\":1,\"text_role\":\"other\",\"text\":\"a\"}]}",
                ExitCodes.USAGE, "/texts/0/text_language: expected a BCP 47 tag such as \"en\" for a new text");
        importFails(REFERENCE, "{\"texts\":[{\"clip_index\":1,\"text_role\":\"other\",\"text_language\":\"en\","
                + "\"text\":\"" + "a".repeat(65537) + "\"}]}", ExitCodes.USAGE, "/texts/0/text: expected at most 65536 bytes");
        // Group 0 of v17 holds max_clip_text_count texts already.
        Path full = VALID.resolve("v17_max_texts_trailing_description.m3c");
        String last = "{\"texts\":[{\"clip_index\":LAST,\"text_role\":\"other\",\"text_language\":\"en\",\"text\":\"a\"}]}";
        int clips = export(full).get("clips").size();
        importFails(full, last.replace("LAST", Integer.toString(clips - 1)), ExitCodes.USAGE,
                "expected at most 16 texts in clip " + (clips - 1));
    }

    @Test
    void streamAndFileFaultsKeepTheirExitCodes() throws IOException {
        // A damaged stream: its format error, exit 1, nothing written.
        byte[] b = Files.readAllBytes(REFERENCE);
        b[b.length - 20] ^= 0x40;
        Path bad = dir.resolve("damaged.m3c");
        Files.write(bad, b);
        importFails(bad, "{\"texts\":[]}", ExitCodes.NONCONFORMING, "damaged.m3c: offset 0x", "CK-3");
        Cli ex = Cli.run("text", "export", bad.toString());
        assertEquals(ExitCodes.NONCONFORMING, ex.exit());
        assertEquals("", ex.out(), "no partial JSON");
        // A texts file that does not exist: I/O error.
        Cli missing = Cli.run("text", "import", REFERENCE.toString(), dir.resolve("none.json").toString(), "-o",
                dir.resolve("o.m3c").toString());
        assertEquals(ExitCodes.IO_ERROR, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("none.json: no such file"), missing.err());
        Cli noDir = Cli.run("text", "export", REFERENCE.toString(), "-o", dir.resolve("no/such/t.json").toString());
        assertEquals(ExitCodes.IO_ERROR, noDir.exit(), noDir.toString());
        assertTrue(noDir.err().contains("no such directory"), noDir.err());
        // No output option, no subcommand: usage.
        assertEquals(ExitCodes.USAGE, Cli.run("text", "import", REFERENCE.toString(), "x.json").exit());
        assertEquals(ExitCodes.USAGE, Cli.run("text").exit());
    }

    @Test
    void clipHeaderCountFollowsTheTexts() throws IOException {
        ObjectNode j = export(REFERENCE);
        for (JsonNode t : j.get("texts")) ((ObjectNode) t).putNull("text");
        Path out = dir.resolve("none.m3c");
        assertEquals(0, Cli.run("text", "import", REFERENCE.toString(), write("n.json", j).toString(), "-o",
                out.toString(), "-q").exit());
        assertEquals(0, Cli.run("verify", out.toString()).exit());
        try (M3cReader r = M3cReader.open(Files.newInputStream(out), "none.m3c")) {
            ChunkEvent e;
            while ((e = r.next()) != null) {
                assertNotEquals(ChunkType.TEXT.code(), e.raw().type());
                if (e.syntax() instanceof ClipHeader h) assertEquals(0, h.clipTextCount());
            }
        }
        assertTrue(Files.size(out) < Files.size(REFERENCE));
    }

    /** Issue 7.4: --text-coder re-codes every text and the stream header; the decoded texts and pictures stay. */
    @Test
    void importWithTextCoderOrder2RecodesEveryTextAndNothingElse() throws IOException {
        ObjectNode j = export(REFERENCE);
        Path out = dir.resolve("order2.m3c");
        Cli im = Cli.run("text", "import", REFERENCE.toString(), write("t.json", j).toString(), "-o", out.toString(),
                "--text-coder", "order2");
        assertEquals(0, im.exit(), im.toString());
        assertEquals(0, Cli.run("verify", out.toString()).exit());
        JsonNode after = export(out);
        assertEquals("order2", after.get("text_coder").textValue());
        for (int i = 0; i < j.get("texts").size(); i++) {
            assertEquals(j.get("texts").get(i).get("text"), after.get("texts").get(i).get("text"));
            assertEquals("order2", after.get("texts").get(i).get("text_coder").textValue(), after.toString());
        }
        assertTrue(Files.size(out) < Files.size(REFERENCE), Files.size(out) + " vs " + Files.size(REFERENCE));
        assertSameChunks(without(chunks(REFERENCE), ChunkType.STREAM_HEADER.code(), ChunkType.SEEK_INDEX.code(),
                ChunkType.TEXT.code()), without(chunks(out), ChunkType.STREAM_HEADER.code(),
                ChunkType.SEEK_INDEX.code(), ChunkType.TEXT.code()));
        Cli probe = Cli.run("probe", "--of", "json", out.toString());
        assertTrue(probe.out().contains("\"text_coder_name\": \"order2\"") || probe.out().contains("\"text_coder_name\":\"order2\""),
                probe.out());
        // Back to lzw: the same decoded syntax as the original.
        Path back = dir.resolve("back.m3c");
        assertEquals(0, Cli.run("text", "import", out.toString(), write("b.json", export(out)).toString(), "-o",
                back.toString(), "--text-coder", "lzw").exit());
        assertEquals(Cli.run("syntax", "--md5", REFERENCE.toString()).out(), Cli.run("syntax", "--md5", back.toString()).out());
    }
}
