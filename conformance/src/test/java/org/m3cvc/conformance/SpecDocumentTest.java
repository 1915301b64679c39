package org.m3cvc.conformance;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** spec/m3c.md against spec/syntax.json: every element, limit and requirement of the one is in the other. */
class SpecDocumentTest {
    static final Path DOC = Path.of("..", "spec", "m3c.md");

    static JsonNode syntax() throws IOException {
        try (InputStream in = SpecDocumentTest.class.getResourceAsStream("/org/m3cvc/spec/syntax.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void documentNamesEveryElementLimitAndEnumValue() throws IOException {
        String doc = Files.readString(DOC);
        JsonNode s = syntax();
        List<String> missing = new ArrayList<>();
        for (JsonNode section : s.get("sections")) {
            check(doc, section.get("name").asText(), missing);
            for (JsonNode e : section.get("elements")) check(doc, e.get("name").asText(), missing);
        }
        s.get("limits").fieldNames().forEachRemaining(n -> check(doc, n, missing));
        s.get("enums").fields().forEachRemaining(en -> en.getValue().fieldNames().forEachRemaining(v -> check(doc, v, missing)));
        assertEquals(List.of(), missing, "names of syntax.json missing from spec/m3c.md");
    }

    private static void check(String doc, String name, List<String> missing) {
        if (!Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(name) + "(?![A-Za-z0-9_])").matcher(doc).find()) {
            missing.add(name);
        }
    }

    /** Every requirement appears in the prose and in the conformance table with the text of syntax.json. */
    @Test
    void everyRequirementIsStatedAndTabulated() throws IOException {
        String doc = Files.readString(DOC);
        List<String> problems = new ArrayList<>();
        for (JsonNode r : syntax().get("requirements")) {
            String id = r.get("id").asText();
            Matcher m = Pattern.compile("\\[" + Pattern.quote(id) + "\\]").matcher(doc);
            int n = 0;
            while (m.find()) n++;
            if (n < 1) problems.add(id + " is never cited as [" + id + "]");
            if (!doc.contains("| " + id + " |")) problems.add(id + " is not in the conformance table (| " + id + " |)");
        }
        assertEquals(List.of(), problems);
    }

    /** The document cites no requirement id that syntax.json lacks. */
    @Test
    void documentCitesOnlyKnownRequirements() throws IOException {
        String doc = Files.readString(DOC);
        List<String> known = new ArrayList<>();
        for (JsonNode r : syntax().get("requirements")) known.add(r.get("id").asText());
        Matcher m = Pattern.compile("\\[([A-Z]{2}-\\d+)\\]").matcher(doc);
        List<String> unknown = new ArrayList<>();
        while (m.find()) if (!known.contains(m.group(1))) unknown.add(m.group(1));
        assertEquals(List.of(), unknown);
    }
}
