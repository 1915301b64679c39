package org.m3cvc.conformance.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.m3cvc.container.DecodedSyntax;
import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.M3cReader;

/**
 * Target (a): the streaming reader on arbitrary bytes.
 *
 * <p>Reads the input as given, then its copy with CRCs made consistent ({@link CrcFixer}) twice: once from a plain
 * array stream through {@link DecodedSyntax} (which reads to the end), once through {@link M3cReader#readToEnd()} from
 * a stream that returns at most a few bytes per {@code read}, as a pipe or socket does. Both must end the same way:
 * success, or the same {@link M3cFormatException} message. Any other throwable is a finding, an OutOfMemoryError
 * under scripts/fuzz's 512 MiB heap included.
 */
class ReaderFuzzTest {
    static final String NAME = "fuzz.m3c";

    @FuzzTest
    void streamingReader(byte[] data) throws IOException {
        String outcome = decode(new ByteArrayInputStream(data));
        byte[] fixed = CrcFixer.fix(data);
        if (!Arrays.equals(fixed, data)) outcome = decode(new ByteArrayInputStream(fixed));
        String trickled = readToEnd(new TrickleInputStream(fixed));
        if (outcome.startsWith("error ")) {
            assertEquals(outcome, trickled, "short reads changed the failure");
        } else {
            assertEquals("ok", trickled, "short reads failed a stream that reads whole");
        }
    }

    /** "ok ..." with the decoded syntax, or "error " and the format error's message. */
    static String decode(InputStream in) throws IOException {
        try (M3cReader r = M3cReader.open(in, NAME)) {
            return "ok " + DecodedSyntax.of(r);
        } catch (M3cFormatException e) {
            return "error " + e.getMessage();
        }
    }

    static String readToEnd(InputStream in) throws IOException {
        try (M3cReader r = M3cReader.open(in, NAME)) {
            r.readToEnd();
            return "ok";
        } catch (M3cFormatException e) {
            return "error " + e.getMessage();
        }
    }

    /** Returns 1 to 7 bytes per read, in a pattern fixed by the data, so short reads are exercised reproducibly. */
    static final class TrickleInputStream extends InputStream {
        private final byte[] data;
        private int pos;

        TrickleInputStream(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) return 0;
            if (pos >= data.length) return -1;
            int n = Math.min(Math.min(len, data.length - pos), 1 + (pos * 31 + data.length) % 7);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
