package org.m3cvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.cli.common.DecodedSyntaxDigest;
import org.m3cvc.container.ChunkEvent;
import org.m3cvc.container.DecodedSyntax;
import org.m3cvc.container.M3cReader;

/** The incremental MD5 and the syntax command against {@link DecodedSyntax}. */
class DecodedSyntaxTest {
    @TempDir Path dir;

    static String canonical(Path f) throws IOException {
        try (M3cReader r = M3cReader.open(Files.newInputStream(f), f.toString())) {
            return DecodedSyntax.of(r);
        }
    }

    @Test
    void incrementalDigestEqualsTheCanonicalMd5() throws IOException {
        for (Path f : new Path[] {TestStreams.reference(dir.resolve("a.m3c"), true, true),
                TestStreams.reference(dir.resolve("b.m3c"), false, false), TestStreams.minimal(dir.resolve("c.m3c"))}) {
            DecodedSyntaxDigest d = new DecodedSyntaxDigest();
            try (M3cReader r = M3cReader.open(Files.newInputStream(f), f.toString())) {
                ChunkEvent e;
                while ((e = r.next()) != null) d.update(e.syntax());
            }
            assertEquals(DecodedSyntax.md5(canonical(f)), d.hex(), f.toString());
        }
    }

    @Test
    void digestIsSpentAfterHex() {
        DecodedSyntaxDigest d = new DecodedSyntaxDigest();
        assertEquals(DecodedSyntax.md5(DecodedSyntax.MAGIC_LINE + "\n"), d.hex());
        assertThrows(IllegalStateException.class, () -> d.update(null));
    }

    @Test
    void syntaxCommandPrintsTheSerializationOrItsMd5() throws IOException {
        Path f = TestStreams.reference(dir.resolve("a.m3c"), true, true);
        String text = canonical(f);
        assertTrue(text.contains(DecodedSyntax.quote(TestStreams.ESCAPED_TEXT)));
        Cli r = Cli.run("syntax", f.toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals(text, r.out());
        Cli m = Cli.run("syntax", "--md5", f.toString());
        assertEquals(DecodedSyntax.md5(text) + "\n", m.out());
        Cli v = Cli.run("verify", f.toString());
        assertTrue(v.out().endsWith("decoded-syntax md5 " + DecodedSyntax.md5(text) + ")\n"), v.out());
    }
}
