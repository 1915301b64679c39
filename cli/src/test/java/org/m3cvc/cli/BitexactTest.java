package org.m3cvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.m3cvc.cli.common.InputFiles;

class BitexactTest {
    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "csv"})
    void outputIsIdenticalForCopiesAtDifferentPaths(String format) throws IOException {
        Path a = TestStreams.reference(Files.createDirectories(dir.resolve("one")).resolve("s.m3c"), true, true);
        Path b = Files.copy(a, Files.createDirectories(dir.resolve("two/deeper")).resolve("s.m3c"));
        String[] opts = {"probe", "--bitexact", "--of", format, "--show-chunks", "--show-bits", "--show-planes",
                "--show-data"};
        Cli ra = Cli.run(append(opts, a.toString()));
        Cli rb = Cli.run(append(opts, b.toString()));
        assertEquals(0, ra.exit(), ra.toString());
        assertEquals(ra.out(), rb.out());
        assertEquals(ra.out(), Cli.run(append(opts, a.toAbsolutePath().toString())).out(), "run twice, absolute path");
        assertFalse(ra.out().contains(dir.toString()), "no directory in bitexact output");
        // No program section (CSV names every column in its header, whatever the rows hold).
        String version = org.m3cvc.cli.Version.get();
        assertFalse(ra.out().contains(version), "no tool version");
        assertFalse(("\n" + ra.out()).contains("\nprogram") || ra.out().contains("\"program\""), "no program section");

        // Without --bitexact the path and the tool version show.
        Cli plain = Cli.run("probe", "--of", format, a.toString());
        assertTrue(plain.out().contains(version));
        assertNotEquals(plain.out(), Cli.run("probe", "--of", format, b.toString()).out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "csv"})
    void errorsAreBitexactToo(String format) throws IOException {
        Path a = TestStreams.reference(Files.createDirectories(dir.resolve("one")).resolve("s.m3c"), true, true);
        Path bad = TestStreams.flipByte(a, Files.createDirectories(dir.resolve("x")).resolve("bad.m3c"), 200);
        Path bad2 = Files.copy(bad, Files.createDirectories(dir.resolve("y/z")).resolve("bad.m3c"));
        Cli ra = Cli.run("probe", "--bitexact", "--of", format, bad.toString());
        Cli rb = Cli.run("probe", "--bitexact", "--of", format, bad2.toString());
        assertEquals(1, ra.exit());
        assertEquals(ra.out(), rb.out());
        assertEquals(ra.err(), rb.err());
        assertTrue(ra.err().startsWith("bad.m3c: offset 0x"), ra.err());
    }

    @org.junit.jupiter.api.Test
    void displayNameKeepsTheLastComponent() {
        assertEquals("s.m3c", InputFiles.displayName(Path.of("/a/b/s.m3c"), true));
        assertEquals("/a/b/s.m3c", InputFiles.displayName(Path.of("/a/b/s.m3c"), false));
        assertEquals("s.m3c", InputFiles.displayName(Path.of("s.m3c"), true));
    }

    static String[] append(String[] a, String last) {
        String[] r = java.util.Arrays.copyOf(a, a.length + 1);
        r[a.length] = last;
        return r;
    }
}
