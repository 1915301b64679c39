package org.m3cvc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** spec/syntax.json, from the m3cvc-spec jar on the test classpath. */
final class SyntaxJson {
    private SyntaxJson() {}

    static final JsonNode ROOT = load();

    private static JsonNode load() {
        try (InputStream in = SyntaxJson.class.getResourceAsStream("/org/m3cvc/spec/syntax.json")) {
            if (in == null) throw new IllegalStateException("org/m3cvc/spec/syntax.json is not on the classpath");
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The element names of section {@code name}, in order. */
    static List<String> elements(String section) {
        for (JsonNode s : ROOT.get("sections")) {
            if (s.get("name").asText().equals(section)) {
                List<String> names = new ArrayList<>();
                for (JsonNode e : s.get("elements")) names.add(e.get("name").asText());
                return names;
            }
        }
        throw new IllegalArgumentException("syntax.json has no section " + section);
    }

    /** Every element name of every section. */
    static List<String> allElements() {
        List<String> names = new ArrayList<>();
        for (JsonNode s : ROOT.get("sections")) for (JsonNode e : s.get("elements")) names.add(e.get("name").asText());
        return names;
    }

    /** Value {@code code} of enumeration {@code name} (e.g. clip_mode) by its spec name. */
    static String enumName(String name, int code) {
        for (var f : ROOT.get("enums").get(name).properties()) {
            if (f.getValue().asInt() == code) return f.getKey();
        }
        throw new IllegalArgumentException(name + " has no code " + code);
    }
}
