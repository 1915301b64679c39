package org.m3cvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.m3cvc.container.chunk.ChunkType;
import org.m3cvc.container.chunk.RawChunk;

class ExitCodeTest {
    @TempDir Path dir;
    Path valid;

    @BeforeEach
    void writeStream() throws IOException {
        valid = TestStreams.reference(dir.resolve("valid.m3c"), true, true);
    }

    static void assertOneErrorLine(Cli r) {
        assertEquals(1, r.errLines().length, r.toString());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.toString());
    }

    /** The failure line on standard error; verify --of json also gives it as the result's message. */
    static String failureLine(String command, Cli r) {
        assertOneErrorLine(r);
        if (command.startsWith("verify --of json")) {
            assertEquals(r.err(), r.json().get(0).get("message").textValue() + "\n");
        } else if (command.startsWith("verify")) {
            assertEquals("", r.out(), "a failing file has no line on standard output");
        }
        return r.err();
    }

    @ParameterizedTest
    @ValueSource(strings = {"probe", "probe --of json", "probe --of csv --show-chunks --show-bits --show-planes",
            "probe --show-data --bitexact", "verify", "verify --of json", "syntax", "syntax --md5"})
    void validStreamExits0(String command) {
        Cli r = Cli.run(args(command, valid));
        assertEquals(ExitCodes.OK, r.exit(), r.toString());
        assertEquals("", r.err());
        assertFalse(r.out().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"probe", "probe --of json", "verify", "verify --of json", "syntax", "syntax --md5"})
    void flippedPayloadByteExits1NamingCk3(String command) throws IOException {
        RawChunk keyframe = TestStreams.chunks(valid, ChunkType.KEYFRAME.code()).get(1);
        Path bad = TestStreams.flipByte(valid, dir.resolve("bad.m3c"), keyframe.payloadOffset() + 3);
        Cli r = Cli.run(args(command, bad));
        assertEquals(ExitCodes.NONCONFORMING, r.exit(), r.toString());
        String line = failureLine(command, r);
        long crcAt = keyframe.offset() + keyframe.totalBytes() - 4;
        assertTrue(line.startsWith(bad + ": offset 0x" + Long.toHexString(crcAt).toUpperCase() + ": "), line);
        // The stored CRC is the original one; the expected one is that of the damaged payload.
        assertTrue(line.contains(": /keyframe/chunk_crc: expected 0x"), line);
        assertTrue(line.endsWith(", found 0x" + String.format("%08X", keyframe.crc()) + " [CK-3, corrupted]\n"), line);
        if (command.startsWith("syntax")) assertEquals("", r.out(), "syntax prints nothing for a broken stream");
    }

    @ParameterizedTest
    @ValueSource(strings = {"probe", "probe --of json", "verify", "verify --of json", "syntax"})
    void missingFileExits4(String command) {
        Path missing = dir.resolve("missing.m3c");
        Cli r = Cli.run(args(command, missing));
        assertEquals(ExitCodes.IO_ERROR, r.exit(), r.toString());
        assertEquals(missing + ": no such file\n", failureLine(command, r));
    }

    @ParameterizedTest
    @ValueSource(strings = {"probe", "verify", "syntax"})
    void directoryExits4(String command) {
        Cli r = Cli.run(args(command, dir));
        assertEquals(ExitCodes.IO_ERROR, r.exit(), r.toString());
        assertTrue(failureLine(command, r).startsWith(dir + ": "), r.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"probe --bogus", "probe --of xml", "verify --of csv", "syntax --md6", "prob", "",
            "probe --sections"})
    void badUsageExits2(String command) {
        String[] a = command.equals("probe --sections") ? new String[] {"probe", "--sections", valid.toString()}
                : args(command, valid);
        if (command.isEmpty()) a = new String[0];
        Cli r = Cli.run(a);
        assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
        assertTrue(r.err().contains("--help"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void missingFileArgumentExits2() {
        for (String c : List.of("probe", "verify", "syntax")) {
            Cli r = Cli.run(c);
            assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
            assertTrue(r.err().contains("FILE"), r.err());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"probe", "probe --of json", "verify", "verify --of json", "syntax"})
    void newerReadVersionExits3(String command) throws IOException {
        // read_version 2 needs format_version >= 2 too: with format_version 1 the header breaks FH-2 (corrupted).
        Path newer = TestStreams.withVersions(valid, dir.resolve("v2.m3c"), 2, 2);
        Cli r = Cli.run(args(command, newer));
        assertEquals(ExitCodes.UNSUPPORTED, r.exit(), r.toString());
        String line = failureLine(command, r);
        assertEquals(newer + ": offset 0x9: /file_header/read_version: expected at most 1 (this reader), found 2 "
                + "[FH-3, unsupported]\n", line);
    }

    @Test
    void readVersionAboveFormatVersionExits1() throws IOException {
        Path bad = TestStreams.withVersions(valid, dir.resolve("v12.m3c"), 1, 2);
        Cli r = Cli.run("verify", bad.toString());
        assertEquals(ExitCodes.NONCONFORMING, r.exit(), r.toString());
        assertTrue(r.err().contains("/file_header/read_version") && r.err().endsWith("[FH-2, corrupted]\n"), r.err());
    }

    @Test
    void unknownCriticalChunkExits3() throws IOException {
        Path noIndex = TestStreams.reference(dir.resolve("noindex.m3c"), false, false);
        Path bad = TestStreams.withChunkBeforeEnd(noIndex, dir.resolve("critical.m3c"), 0x06, new byte[] {1});
        Cli r = Cli.run("probe", bad.toString());
        assertEquals(ExitCodes.UNSUPPORTED, r.exit(), r.toString());
        assertOneErrorLine(r);
        assertTrue(r.err().contains("/chunk_0x06/chunk_type") && r.err().contains("[CK-5, unsupported]"), r.err());
    }

    @Test
    void verifyExitsWithTheCodeOfTheFirstFailure() throws IOException {
        Path unsupported = TestStreams.withVersions(valid, dir.resolve("v2.m3c"), 2, 2);
        Path corrupted = TestStreams.flipByte(valid, dir.resolve("bad.m3c"), 20);
        assertEquals(ExitCodes.UNSUPPORTED, Cli.run("verify", valid.toString(), unsupported.toString(),
                corrupted.toString()).exit());
        assertEquals(ExitCodes.NONCONFORMING, Cli.run("verify", corrupted.toString(), unsupported.toString()).exit());
        assertEquals(ExitCodes.IO_ERROR, Cli.run("verify", valid.toString(), dir.resolve("none").toString(),
                corrupted.toString()).exit());
        assertEquals(ExitCodes.OK, Cli.run("verify", valid.toString(), valid.toString()).exit());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "probe", "verify", "syntax"})
    void helpAndVersionEverywhere(String command) {
        for (String opt : List.of("--help", "-h")) {
            Cli r = Cli.run(args(command + " " + opt));
            assertEquals(ExitCodes.OK, r.exit(), r.toString());
            assertTrue(r.out().startsWith("Usage: m3cvc"), r.out());
            assertTrue(r.out().contains("Exit codes:"), r.out());
            for (String code : ExitCodes.helpList().keySet()) {
                assertTrue(r.out().contains("\n  " + code + " "), "exit code " + code + " listed\n" + r.out());
            }
        }
        for (String opt : List.of("--version", "-V")) {
            Cli r = Cli.run(args(command + " " + opt));
            assertEquals(ExitCodes.OK, r.exit(), r.toString());
            assertTrue(r.out().matches("m3cvc \\S+ \\(reads \\.m3c read_version 1\\)\n"), r.out());
        }
    }

    @Test
    void internalErrorsMapTo70OnOneLine() {
        ExitCodeMapper m = new ExitCodeMapper();
        assertEquals(ExitCodes.INTERNAL, m.getExitCode(new IllegalStateException("bug")));
        assertEquals(ExitCodes.INTERNAL, m.getExitCode(new StackOverflowError()));
        assertEquals(ExitCodes.IO_ERROR, m.getExitCode(new java.nio.file.NoSuchFileException("x")));
        String line = FailureHandler.message(new IllegalStateException("two\nlines"));
        assertEquals("m3cvc: internal error: java.lang.IllegalStateException: two lines (a bug; rerun with --debug "
                + "for the stack trace)", line);
    }

    @Test
    void stackTraceOnlyWithDebug() {
        for (boolean debug : new boolean[] {false, true}) {
            java.io.StringWriter err = new java.io.StringWriter();
            picocli.CommandLine cl = Main.commandLine(System.out, new java.io.PrintWriter(new java.io.StringWriter()),
                    new java.io.PrintWriter(err));
            picocli.CommandLine.ParseResult parsed = debug ? cl.parseArgs("probe", "--debug", "x.m3c")
                    : cl.parseArgs("probe", "x.m3c");
            int code = new FailureHandler().handleExecutionException(new IllegalStateException("bug"),
                    cl.getSubcommands().get("probe"), parsed);
            assertEquals(ExitCodes.INTERNAL, code);
            String[] lines = err.toString().split("\n");
            assertEquals("m3cvc: internal error: java.lang.IllegalStateException: bug (a bug; rerun with --debug for "
                    + "the stack trace)", lines[0]);
            assertEquals(debug, lines.length > 1 && lines[2].contains("\tat "), err.toString());
            if (!debug) assertEquals(1, lines.length);
        }
    }

    @Test
    void debugIsAcceptedByEveryCommandAndHiddenFromHelp() {
        assertEquals(ExitCodes.OK, Cli.run("probe", "--debug", valid.toString()).exit());
        assertEquals(ExitCodes.OK, Cli.run("--debug", "verify", valid.toString()).exit());
        for (String c : List.of("probe", "verify", "syntax")) {
            assertFalse(Cli.run(c, "--help").out().contains("      --debug"), "--debug is hidden");
        }
    }

    static String[] args(String command, Path file) {
        String[] words = command.isBlank() ? new String[0] : command.trim().split(" +");
        String[] a = java.util.Arrays.copyOf(words, words.length + 1);
        a[words.length] = file.toString();
        return a;
    }

    static String[] args(String command) {
        return command.isBlank() ? new String[0] : command.trim().split(" +");
    }
}
