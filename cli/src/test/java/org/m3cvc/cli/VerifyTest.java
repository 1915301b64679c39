package org.m3cvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.cli.common.Failure;
import org.m3cvc.cli.verify.Verify;
import org.m3cvc.cli.verify.VerifyResult;
import org.m3cvc.container.DecodedSyntax;
import org.m3cvc.container.M3cReader;

class VerifyTest {
    @TempDir Path dir;
    Path valid, corrupted, unsupported, missing;

    @BeforeEach
    void streams() throws IOException {
        valid = TestStreams.reference(dir.resolve("valid.m3c"), true, true);
        corrupted = TestStreams.flipByte(valid, dir.resolve("corrupted.m3c"), 40);
        unsupported = TestStreams.withVersions(valid, dir.resolve("unsupported.m3c"), 3, 2);
        missing = dir.resolve("missing.m3c");
    }

    @Test
    void checkReturnsAVerdictForEveryFile() throws IOException {
        VerifyResult v = Verify.check(valid);
        assertTrue(v.valid());
        assertEquals("valid", v.status());
        assertEquals(0, v.exitCode());
        assertEquals(TestStreams.chunks(valid).size(), v.chunkCount());
        try (M3cReader r = M3cReader.open(Files.newInputStream(valid), "x")) {
            assertEquals(DecodedSyntax.md5(r), v.decodedSyntaxMd5());
        }
        assertEquals(valid + ": valid (16 chunks, decoded-syntax md5 " + v.decodedSyntaxMd5() + ")", v.line());

        VerifyResult c = Verify.check(corrupted);
        assertEquals("corrupted", c.status());
        assertEquals(1, c.exitCode());
        assertEquals("CK-3", c.failure().requirement());
        assertNull(c.decodedSyntaxMd5());
        assertTrue(c.line().startsWith(corrupted + ": offset 0x"), c.line());

        VerifyResult u = Verify.check(unsupported, "named.m3c");
        assertEquals("unsupported", u.status());
        assertEquals(3, u.exitCode());
        assertEquals("FH-3", u.failure().requirement());
        assertEquals(9L, u.failure().offset());
        assertTrue(u.line().startsWith("named.m3c: offset 0x9: /file_header/read_version"), u.line());

        VerifyResult m = Verify.check(missing);
        assertEquals(Failure.Kind.IO_ERROR, m.failure().kind());
        assertEquals(4, m.exitCode());
        assertEquals(missing + ": no such file", m.line());

        assertEquals("io_error", Verify.check(dir).status());
    }

    @Test
    void textPrintsValidFilesOnStdoutAndFailuresOnStderr() {
        Cli r = Cli.run("verify", valid.toString(), corrupted.toString(), missing.toString());
        assertEquals(1, r.exit());
        String[] out = r.out().split("\n");
        assertEquals(1, out.length, r.out());
        assertTrue(out[0].startsWith(valid + ": valid (16 chunks, decoded-syntax md5 "), out[0]);
        String[] err = r.errLines();
        assertEquals(2, err.length, r.err());
        assertTrue(err[0].startsWith(corrupted + ": offset 0x") && err[0].endsWith("[CK-3, corrupted]"), err[0]);
        assertEquals(missing + ": no such file", err[1]);

        Cli q = Cli.run("verify", "--quiet", valid.toString(), corrupted.toString());
        assertEquals(1, q.exit());
        assertEquals("", q.out());
        assertEquals(1, q.errLines().length, q.err());
        Cli ok = Cli.run("verify", "-q", valid.toString());
        assertEquals(0, ok.exit());
        assertEquals("", ok.out() + ok.err());
    }

    @Test
    void jsonGivesTheSameKeysForEveryStatus() {
        Cli r = Cli.run("verify", "--of", "json", valid.toString(), corrupted.toString(), unsupported.toString(),
                missing.toString());
        assertEquals(1, r.exit());
        assertEquals(3, r.errLines().length, "each failure also on standard error");
        JsonNode a = r.json();
        assertEquals(4, a.size());
        List<String> keys = List.of("file", "status", "chunk_count", "decoded_syntax_md5", "requirement", "offset",
                "bit", "element", "expected", "found", "message");
        for (JsonNode o : a) assertEquals(keys, ProbeErrorTest.iterable(o.fieldNames()));
        assertEquals("valid", a.get(0).get("status").textValue());
        assertTrue(a.get(0).get("decoded_syntax_md5").textValue().matches("[0-9a-f]{32}"));
        assertTrue(a.get(0).get("requirement").isNull());
        assertEquals(16, a.get(0).get("chunk_count").intValue());
        assertEquals("corrupted", a.get(1).get("status").textValue());
        assertEquals("CK-3", a.get(1).get("requirement").textValue());
        assertTrue(a.get(1).get("offset").isIntegralNumber());
        assertTrue(a.get(1).get("element").textValue().endsWith("/chunk_crc"));
        assertTrue(a.get(1).get("decoded_syntax_md5").isNull());
        assertEquals("unsupported", a.get(2).get("status").textValue());
        assertEquals("io_error", a.get(3).get("status").textValue());
        assertTrue(a.get(3).get("offset").isNull());
        assertEquals(missing + ": no such file", a.get(3).get("message").textValue());
        assertEquals(0, Cli.run("verify", "--of", "json", "--quiet", valid.toString()).json().size());
    }
}
