package org.m3cvc.conformance.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.m3cvc.cli.ExitCodes;
import org.m3cvc.cli.Main;
import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.M3cReader;

/**
 * Target (c): {@code m3cvc verify} (and, on inputs with consistent CRCs, {@code m3cvc probe --of json}) through
 * {@link Main#run}, on a file holding arbitrary bytes.
 *
 * <p>For any input the exit code must be 0, 1 or 3 (valid, corrupted, unsupported) and agree with the streaming
 * reader's verdict; nothing printed may hold a stack trace; JSON output must parse. Exit code 70 is the CLI's own
 * catch-all for a bug: the finding then carries the stack trace of a {@code --debug} rerun.
 */
class CliVerifyFuzzTest {
    private static final Pattern STACK_TRACE =
            // Anchored at line starts: decoded texts in the output may contain these words (a fuzzer found
            // "Exception in thread" inside a text), but a text can never start a line of JSON or of an error line.
            Pattern.compile("(?m)^\\s+at [\\w$.<>/]+\\(|^Exception in thread \"|^Caused by: ");
    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest
    void verify(byte[] data) throws IOException {
        boolean json = (data.length & 1) == 1;
        run(data, json, "verify");
        byte[] fixed = CrcFixer.fix(data);
        if (!Arrays.equals(fixed, data)) run(fixed, json, "verify");
        run(fixed, true, "probe");
    }

    private static void run(byte[] data, boolean json, String command) throws IOException {
        int expected = expectedExit(data);
        Path file = FuzzFiles.write(data);
        String[] args = json ? new String[] {command, "--of", "json", file.toString()}
                : new String[] {command, file.toString()};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Main.run(args, o, e);
        }
        String stdout = out.toString(StandardCharsets.UTF_8);
        String stderr = err.toString(StandardCharsets.UTF_8);
        String what = String.join(" ", args) + " -> exit " + exit + "\nstderr: " + stderr;
        if (exit == ExitCodes.INTERNAL) throw new AssertionError(what + "\n--debug rerun:\n" + debugRun(args));
        if (exit != ExitCodes.OK && exit != ExitCodes.NONCONFORMING && exit != ExitCodes.UNSUPPORTED) {
            throw new AssertionError("exit code outside {0, 1, 3}: " + what);
        }
        assertEquals(expected, exit, "exit code disagrees with the streaming reader: " + what);
        if (STACK_TRACE.matcher(stdout).find() || STACK_TRACE.matcher(stderr).find()) {
            throw new AssertionError("stack trace printed: " + what + "\nstdout: " + stdout);
        }
        if (json) {
            try {
                JSON.readTree(stdout);
            } catch (IOException x) {
                throw new AssertionError("--of json printed invalid JSON (" + x.getMessage() + "): " + what, x);
            }
        }
    }

    /** 0, or the exit code of the reader's format error. */
    private static int expectedExit(byte[] data) throws IOException {
        try (M3cReader r = M3cReader.open(new ByteArrayInputStream(data), ReaderFuzzTest.NAME)) {
            r.readToEnd();
            return ExitCodes.OK;
        } catch (M3cFormatException e) {
            return ExitCodes.of(e.kind());
        }
    }

    private static String debugRun(String[] args) {
        String[] debug = Arrays.copyOf(args, args.length + 1);
        debug[args.length] = "--debug";
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
             PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            Main.run(debug, o, e);
        }
        return err.toString(StandardCharsets.UTF_8);
    }
}
