package org.m3cvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.m3cvc.cli.format.JsonFormatter;
import org.m3cvc.cli.format.SectionWriter;
import org.m3cvc.cli.schema.FieldDef;
import org.m3cvc.cli.schema.Origin;
import org.m3cvc.cli.schema.ProbeSchema;
import org.m3cvc.cli.schema.SectionDef;

/** The field table against spec/syntax.json, and the checks of {@link SectionWriter}. */
class SchemaTest {
    static List<SectionDef> allSections() {
        List<SectionDef> out = new ArrayList<>();
        walk(ProbeSchema.ROOT, out, new IdentityHashMap<>());
        return out;
    }

    private static void walk(SectionDef s, List<SectionDef> out, Map<SectionDef, Boolean> seen) {
        if (seen.put(s, true) != null) return;
        out.add(s);
        for (SectionDef c : s.children()) walk(c, out, seen);
    }

    @Test
    void specFieldsAreElementsOfSyntaxJson() {
        Set<String> elements = new HashSet<>(SyntaxJson.allElements());
        for (SectionDef s : allSections()) {
            for (FieldDef f : s.fields()) {
                if (f.origin() == Origin.SPEC) {
                    assertTrue(elements.contains(f.name()), s + "." + f.name() + " is marked spec but is not in "
                            + "syntax.json");
                } else {
                    assertFalse(elements.contains(f.name()), s + "." + f.name() + " is derived but named like a "
                            + "syntax element");
                }
            }
        }
    }

    @Test
    void everyElementOfThePrintedSectionsHasASpecField() {
        Map<String, SectionDef> bySpecSection = Map.of(
                "file_header", ProbeSchema.FILE_HEADER, "stream_header", ProbeSchema.STREAM_HEADER,
                "clip_header", ProbeSchema.CLIP_HEADER, "keyframe", ProbeSchema.KEYFRAME, "text", ProbeSchema.TEXT,
                "chunk", ProbeSchema.CHUNK);
        for (var e : bySpecSection.entrySet()) {
            for (String name : SyntaxJson.elements(e.getKey())) {
                FieldDef f = e.getValue().field(name);
                boolean byteString = e.getValue().children().stream().anyMatch(c -> c.name().equals(name));
                assertTrue(byteString || f != null && f.origin() == Origin.SPEC, e.getKey() + "/" + name
                        + " missing from " + e.getValue());
            }
        }
        for (String name : SyntaxJson.elements("keyframe")) {
            assertTrue(ProbeSchema.TRAILING_KEYFRAME.field(name) != null || name.equals("plane_data"), name);
        }
        assertTrue(ProbeSchema.TRAILING_KEYFRAME.children().contains(ProbeSchema.PLANE_DATA));
        assertTrue(ProbeSchema.SEEK_INDEX.field("seek_entry_count") != null);
        assertTrue(ProbeSchema.SEEK_ENTRY.field("seek_offset_delta") != null);
        assertTrue(ProbeSchema.SEEK_ENTRY.field("seek_frame_delta") != null);
    }

    @Test
    void sectionsListingListsEveryFieldOfTheTable() {
        Cli r = Cli.run("probe", "--sections", "--of", "json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode listed = r.json().get("sections");
        Map<String, JsonNode> byPath = new java.util.HashMap<>();
        for (JsonNode s : listed) byPath.put(s.get("section_path").textValue(), s);
        assertEquals(byPath.size(), listed.size(), "paths are unique");
        JsonNode stream = byPath.get("stream_header");
        List<String> fields = new ArrayList<>();
        for (JsonNode f : stream.get("fields")) fields.add(f.get("field_name").textValue());
        assertEquals(ProbeSchema.STREAM_HEADER.fields().stream().map(FieldDef::name).toList(), fields);
        assertTrue(byPath.containsKey("clips.clip.keyframe.histogram.histogram_bin"));
        assertTrue(byPath.containsKey("trailing_keyframe.histogram.histogram_bin"));
        assertEquals("--show-bits", byPath.get("clips.clip.bits").get("shown_with").textValue());
        int total = 0;
        for (JsonNode s : listed) total += s.get("fields").size();
        int expected = 0;
        for (SectionDef s : allSections()) expected += s == ProbeSchema.ROOT ? 0 : s.fields().size()
                * occurrences(s);
        assertEquals(expected, total);
        for (String format : List.of("text", "csv")) {
            Cli t = Cli.run("probe", "--sections", "--of", format);
            assertEquals(0, t.exit());
            assertTrue(t.out().contains("frame_rate_num"));
        }
    }

    /** Sections reached by more than one path (a keyframe's parts) are listed once per path. */
    private static int occurrences(SectionDef s) {
        return s == ProbeSchema.HISTOGRAM || s == ProbeSchema.HISTOGRAM_BIN || s == ProbeSchema.PLANE_DATA ? 2 : 1;
    }

    @Test
    void sectionWriterRefusesWhatTheTableDoesNotDeclare() throws IOException {
        SectionWriter w = new SectionWriter(new JsonFormatter(new ByteArrayOutputStream()), ProbeSchema.ROOT);
        assertThrows(IllegalStateException.class, () -> w.begin(ProbeSchema.CLIP), "not the root");
        w.begin(ProbeSchema.ROOT);
        assertThrows(IllegalStateException.class, () -> w.begin(ProbeSchema.CLIP), "clip outside clips");
        assertThrows(IllegalStateException.class, () -> w.field("coded_width", 1), "root has no fields");
        w.begin(ProbeSchema.STREAM_HEADER);
        assertThrows(IllegalStateException.class, () -> w.field("codedWidth", 1), "unknown name");
        assertThrows(IllegalStateException.class, () -> w.field("coded_width", "1"), "wrong type");
        assertThrows(IllegalStateException.class, () -> w.field("coded_width", null), "null");
        w.field("coded_width", 512);
        assertThrows(IllegalStateException.class, () -> w.field("coded_width", 512), "twice");
        w.field("frame_count", 3);
        assertThrows(IllegalStateException.class, () -> w.field("coded_height", 2), "out of table order");
        assertThrows(IllegalStateException.class, () -> w.field("frame_rate", new BigDecimal("8.0")), "scale");
        w.ratio("frame_rate", 8, 1);
        assertThrows(IllegalStateException.class, () -> w.end(ProbeSchema.ROOT), "stream_header still open");
        w.end(ProbeSchema.STREAM_HEADER);
        w.begin(ProbeSchema.CLIPS).begin(ProbeSchema.CLIP).begin(ProbeSchema.CLIP_HEADER).field("clip_index", 0)
                .end(ProbeSchema.CLIP_HEADER).begin(ProbeSchema.KEYFRAME).field("offset", 3)
                .begin(ProbeSchema.PLANE_DATA).end(ProbeSchema.PLANE_DATA);
        assertThrows(IllegalStateException.class, () -> w.field("keyframe_index", 0), "field after a child section");
        assertThrows(IllegalStateException.class, w::finish, "document not closed");
        w.unwindToRoot();
        w.end(ProbeSchema.ROOT);
        w.finish();
    }

    @Test
    void csvColumnNamesAreUniqueAndSectionNamesDoNotCollide() {
        List<String> cols = ProbeSchema.ROOT.allFieldNames();
        assertEquals(new HashSet<>(cols).size(), cols.size());
        assertFalse(cols.contains("section"));
    }
}
