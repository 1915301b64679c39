package org.m3cvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.cli.schema.ProbeSchema;
import org.m3cvc.container.DecodedSyntax;

/** The text and CSV renderings of the same document as JSON. */
class FormatTest {
    @TempDir static Path dir;
    static Path stream;
    static final String[] OPTS = {"--show-chunks", "--show-bits", "--show-planes", "--show-data", "--bitexact"};

    @BeforeAll
    static void write() throws IOException {
        stream = TestStreams.reference(dir.resolve("ref.m3c"), true, true);
    }

    static Cli probe(String format) {
        String[] a = new String[OPTS.length + 4];
        a[0] = "probe";
        a[1] = "--of";
        a[2] = format;
        System.arraycopy(OPTS, 0, a, 3, OPTS.length);
        a[a.length - 1] = stream.toString();
        Cli r = Cli.run(a);
        assertEquals(0, r.exit(), r.toString());
        return r;
    }

    @Test
    void textIsOneNameValuePerLineWithEscapedStrings() {
        String out = probe("text").out();
        for (String line : out.split("\n", -1)) {
            if (line.isEmpty()) continue;
            assertTrue(line.matches("( {2})*[a-z][a-z0-9_]*:( .+)?") || line.matches("( {2})+\\d+( \\d+)*"),
                    "line: " + line);
        }
        assertTrue(out.endsWith("\n"));
        assertTrue(out.contains("\n    text: " + DecodedSyntax.quote(TestStreams.ESCAPED_TEXT) + "\n"), out);
        assertTrue(out.contains("\n    text: \"" + TestStreams.NON_ASCII_TEXT + "\"\n"));
        assertTrue(out.contains("\n    text_data:\n      size_bytes: "));
        assertTrue(out.contains("\n  sampler_id: 0\n  sampler_id_name: ddpm\n"));
        assertTrue(out.contains("\n  frame_rate: 29.970030\n"));
        assertTrue(out.contains("\nclip:\n  clip_header:\n    offset: "));
        assertTrue(out.contains("\n  keyframe:\n    offset: "));
        assertTrue(out.contains("\n    plane:\n      "));
        assertTrue(out.contains("\ntrailing_keyframe:\n"));
    }

    @Test
    void csvHasOneRowPerSectionInstanceAndTheSameColumnsAlways() throws IOException {
        String out = probe("csv").out();
        List<Map<String, String>> rows = ProbeErrorTest.csvRows(out);
        String header = out.substring(0, out.indexOf('\n'));
        assertEquals("section," + String.join(",", ProbeSchema.ROOT.allFieldNames()), header);
        assertEquals(header, Cli.run("probe", "--of", "csv", stream.toString()).out().split("\n")[0],
                "columns do not depend on options");
        List<String> sections = rows.stream().map(r -> r.get("section")).toList();
        assertEquals("input", sections.get(0));
        assertTrue(sections.containsAll(List.of("file_header", "stream_header", "seek_index",
                "seek_index.seek_entry[2]", "clip[0].clip_header", "clip[0].keyframe", "clip[0].keyframe.plane_data", "clip[0].keyframe.histogram_bin[0]",
                "clip[0].text[1]", "clip[0].bits", "clip[2].text[0]", "trailing_keyframe", "end_of_stream",
                "chunk[15]", "chunk[15].chunk_payload", "bit_accounting", "decoded_syntax")), sections.toString());
        JsonNode json = probe("json").json();
        assertTrue(!sections.contains("clip[0]"), "a clip group has no fields of its own");
        Map<String, String> clip1 = rows.get(sections.indexOf("clip[1].clip_header"));
        assertEquals("prediction", clip1.get("clip_mode_name"));
        assertEquals(json.get("clips").get(1).get("clip_header").get("offset").asText(), clip1.get("offset"));
        assertEquals("", clip1.get("coded_width"), "fields of other sections stay empty");
        Map<String, String> text = rows.get(sections.indexOf("clip[0].text[1]"));
        assertEquals(TestStreams.ESCAPED_TEXT, text.get("text"));
        Map<String, String> kf = rows.get(sections.indexOf("clip[1].keyframe"));
        String plane = kf.get("plane");
        assertEquals(TestStreams.PLANE_H, plane.split(";").length);
        assertEquals(json.get("clips").get(1).get("keyframe").get("plane").get(0).get(3).asText(),
                plane.split(";")[0].split(" ")[3]);
        assertEquals(json.get("bit_accounting").get("bits_per_pixel").decimalValue().toPlainString(),
                rows.get(sections.indexOf("bit_accounting")).get("bits_per_pixel"));
    }

    @Test
    void sectionsListingIsTheSameTableInEveryFormat() throws IOException {
        JsonNode json = Cli.run("probe", "--sections", "--of", "json").json().get("sections");
        List<Map<String, String>> csv = ProbeErrorTest.csvRows(Cli.run("probe", "--sections", "--of", "csv").out());
        long sectionRows = csv.stream().filter(r -> r.get("section").matches("section\\[\\d+]")).count();
        assertEquals(json.size(), sectionRows);
        String text = Cli.run("probe", "--sections").out();
        for (JsonNode s : json) assertTrue(text.contains("section_path: " + s.get("section_path").textValue() + "\n"));
    }
}
