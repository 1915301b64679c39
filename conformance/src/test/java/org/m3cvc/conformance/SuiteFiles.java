package org.m3cvc.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The committed suite: conformance/streams and its manifest, as the tests see them. */
final class SuiteFiles {
    /** Surefire runs in the module directory. */
    static final Path DIR = Path.of("streams");

    record Entry(String file, boolean valid, String description, String md5, String requirement, int exitCode,
                 String sha256) {
        Path path() { return DIR.resolve(file); }

        @Override
        public String toString() { return file; }
    }

    private SuiteFiles() {}

    static List<Entry> entries() {
        try {
            JsonNode m = new ObjectMapper().readTree(DIR.resolve("streams.json").toFile());
            List<Entry> out = new ArrayList<>();
            for (JsonNode e : m.get("streams")) {
                out.add(new Entry(e.get("file").asText(), e.get("valid").asBoolean(), e.get("description").asText(),
                        e.has("decoded_syntax_md5") ? e.get("decoded_syntax_md5").asText() : null,
                        e.has("requirement") ? e.get("requirement").asText() : null, e.get("exit_code").asInt(),
                        e.get("sha256").asText()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Entry> valid() { return entries().stream().filter(Entry::valid).toList(); }

    static List<Entry> invalid() { return entries().stream().filter(e -> !e.valid()).toList(); }
}
