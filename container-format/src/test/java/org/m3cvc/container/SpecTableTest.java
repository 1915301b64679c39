package org.m3cvc.container;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.m3cvc.container.chunk.ChunkType;
import org.m3cvc.container.clip.ClipHeader;
import org.m3cvc.container.clip.ClipMode;
import org.m3cvc.container.header.FileHeader;
import org.m3cvc.container.header.SamplerId;
import org.m3cvc.container.header.StreamHeader;
import org.m3cvc.container.keyframe.Keyframe;
import org.m3cvc.container.keyframe.PlaneCoding;
import org.m3cvc.container.seek.SeekIndex;
import org.m3cvc.container.text.TextChunk;
import org.m3cvc.container.text.TextCoder;
import org.m3cvc.container.text.TextRole;

/**
 * spec/syntax.json against the code: one name per element (snake_case in the spec, the mechanical camelCase in the
 * record that both reads and writes it, in syntax order), every requirement, limit, enum value and chunk type.
 */
class SpecTableTest {
    static JsonNode spec() throws IOException {
        try (InputStream in = SpecTableTest.class.getResourceAsStream("/org/m3cvc/spec/syntax.json")) {
            assertNotNull(in, "syntax.json on the test classpath");
            return new ObjectMapper().readTree(in);
        }
    }

    static String camel(String snake) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') up = true;
            else { sb.append(up ? Character.toUpperCase(c) : c); up = false; }
        }
        return sb.toString();
    }

    @Test
    void everyElementIsARecordComponentInSyntaxOrder() throws IOException {
        Map<String, Class<?>> classes = new HashMap<>();
        classes.put("file_header", FileHeader.class);
        classes.put("stream_header", StreamHeader.class);
        classes.put("clip_header", ClipHeader.class);
        classes.put("keyframe", Keyframe.class);
        classes.put("text", TextChunk.class);
        classes.put("seek_index", SeekIndex.class);
        // Elements that are not fields: constants, checksums and counts the record derives, and the chunk framing.
        Map<String, String> notFields = Map.of(
                "file_signature", "FileHeader.FILE_SIGNATURE", "file_header_crc", "computed by write()",
                "seek_entry_count", "entryCount()");
        for (JsonNode section : spec().get("sections")) {
            String name = section.get("name").asText();
            if (name.equals("chunk") || name.equals("end_of_stream")) continue;
            Class<?> cls = classes.get(name);
            assertNotNull(cls, "a class for section " + name);
            List<String> components = new ArrayList<>();
            for (RecordComponent rc : cls.getRecordComponents()) components.add(rc.getName());
            List<String> expected = new ArrayList<>();
            for (JsonNode e : section.get("elements")) {
                String el = e.get("name").asText();
                if (notFields.containsKey(el)) continue;
                expected.add(camel(el) + (e.has("repeat") ? "s" : ""));
            }
            List<String> present = components.stream().filter(expected::contains).toList();
            assertEquals(expected, present, "components of " + cls.getSimpleName() + " for section " + name
                    + " (all: " + components + ")");
        }
    }

    @Test
    void requirementsMatch() throws IOException {
        List<String> ids = new ArrayList<>();
        for (JsonNode r : spec().get("requirements")) {
            Requirement req = Requirement.fromId(r.get("id").asText());
            assertEquals(r.get("text").asText(), req.text(), req.id());
            assertEquals(r.get("kind").asText(), req.kind().name().toLowerCase(), req.id());
            ids.add(req.id());
        }
        assertEquals(Requirement.values().length, ids.size());
    }

    @Test
    void limitsMatch() throws IOException, IllegalAccessException {
        JsonNode limits = spec().get("limits");
        int n = 0;
        for (var it = limits.fields(); it.hasNext(); n++) {
            var e = it.next();
            try {
                Field f = Limits.class.getField(e.getKey().toUpperCase());
                assertEquals(e.getValue().asLong(), ((Number) f.get(null)).longValue(), e.getKey());
            } catch (NoSuchFieldException x) {
                fail("Limits lacks " + e.getKey().toUpperCase());
            }
        }
        assertEquals(Limits.class.getFields().length, n, "Limits has constants that syntax.json lacks");
    }

    @Test
    void enumsAndChunkTypesMatch() throws IOException {
        JsonNode enums = spec().get("enums");
        check(enums.get("clip_mode"), ClipMode.values(), ClipMode::specName, ClipMode::code);
        check(enums.get("plane_coding"), PlaneCoding.values(), PlaneCoding::specName, PlaneCoding::code);
        check(enums.get("text_role"), TextRole.values(), TextRole::specName, TextRole::code);
        check(enums.get("text_coder"), TextCoder.values(), TextCoder::specName, TextCoder::code);
        check(enums.get("sampler_id"), SamplerId.values(), SamplerId::specName, SamplerId::code);
        JsonNode types = spec().get("chunk_types");
        assertEquals(ChunkType.values().length, types.size());
        for (JsonNode t : types) {
            ChunkType ct = ChunkType.fromCode(t.get("code").asInt());
            assertNotNull(ct, t.toString());
            assertEquals(t.get("name").asText(), ct.specName());
            assertEquals(t.get("ancillary").asBoolean(), ct.ancillary());
        }
    }

    private static <E> void check(JsonNode table, E[] values, java.util.function.Function<E, String> name,
                                  java.util.function.ToIntFunction<E> code) {
        assertEquals(values.length, table.size());
        for (E v : values) assertEquals(table.get(name.apply(v)).asInt(), code.applyAsInt(v), name.apply(v));
    }
}
