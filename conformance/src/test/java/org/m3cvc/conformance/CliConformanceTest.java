package org.m3cvc.conformance;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.m3cvc.cli.Main;

/** Every committed stream through the command line: verify's exit code and the analyzer's field names. */
class CliConformanceTest {
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static java.util.List<SuiteFiles.Entry> entries() { return SuiteFiles.entries(); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void verifyExitCodeAndMessage(SuiteFiles.Entry e) {
        Run r = run("verify", e.path().toString());
        assertEquals(e.exitCode(), r.code(), r.out() + r.err());
        String all = r.out() + r.err();
        assertFalse(all.contains("\tat org."), "stack trace printed: " + all);
        if (e.valid()) {
            assertTrue(r.out().contains(e.md5()), r.out());
        } else {
            assertTrue(all.contains("[" + e.requirement() + ", "), all);
        }
        Run md5 = run("syntax", "--md5", e.path().toString());
        assertEquals(e.exitCode(), md5.code(), md5.err());
        if (e.valid()) assertEquals(e.md5(), md5.out().trim());
    }

    /**
     * Over the valid suite, probe --of json names every element of syntax.json (the suite covers every element).
     */
    @Test
    void probeJsonNamesEverySyntaxElement() throws Exception {
        Set<String> keys = new TreeSet<>();
        ObjectMapper om = new ObjectMapper();
        for (SuiteFiles.Entry e : SuiteFiles.valid()) {
            Run r = run("probe", "--of", "json", "--show-chunks", "--show-bits", "--bitexact", e.path().toString());
            assertEquals(0, r.code(), r.err());
            collect(om.readTree(r.out()), keys);
        }
        Set<String> missing = new TreeSet<>(SyntaxNames.ALL);
        missing.removeAll(keys);
        // The chunk section is printed as the entries of "chunks" (one per chunk), not under a key of its own.
        if (keys.contains("chunks")) missing.remove("chunk");
        assertEquals(Set.of(), missing, "syntax.json names absent from probe --of json over the valid suite");
    }

    private static void collect(JsonNode n, Set<String> keys) {
        if (n.isObject()) {
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                keys.add(k);
                collect(n.get(k), keys);
            }
        } else if (n.isArray()) {
            for (JsonNode c : n) collect(c, keys);
        }
    }
}
