package org.m3cvc.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Section and element names of spec/syntax.json. */
final class SyntaxNames {
    static final Set<String> ALL = load();

    private SyntaxNames() {}

    private static Set<String> load() {
        try (InputStream in = SyntaxNames.class.getResourceAsStream("/org/m3cvc/spec/syntax.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            Set<String> names = new LinkedHashSet<>();
            for (JsonNode s : root.get("sections")) {
                names.add(s.get("name").asText());
                for (JsonNode e : s.get("elements")) names.add(e.get("name").asText());
            }
            return Set.copyOf(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
