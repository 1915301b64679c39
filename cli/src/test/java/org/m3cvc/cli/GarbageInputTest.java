package org.m3cvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.cli.common.Failure;
import org.m3cvc.cli.verify.Verify;
import org.m3cvc.cli.verify.VerifyResult;

/** Whatever a file holds, every command ends with exit 1 or 3, one line on stderr and no stack trace. */
class GarbageInputTest {
    @TempDir Path dir;

    static final List<List<String>> COMMANDS = List.of(List.of("probe"), List.of("probe", "--of", "json",
            "--show-chunks", "--show-bits", "--show-planes", "--show-data"), List.of("probe", "--of", "csv"),
            List.of("verify"), List.of("syntax"));

    static void assertCleanFailure(Path file) {
        for (List<String> c : COMMANDS) {
            String[] a = c.toArray(new String[c.size() + 1]);
            a[c.size()] = file.toString();
            Cli r = Cli.run(a);
            assertTrue(r.exit() == ExitCodes.NONCONFORMING || r.exit() == ExitCodes.UNSUPPORTED, c + " " + r);
            ExitCodeTest.assertOneErrorLine(r);
            assertTrue(r.err().matches(".*\\[[A-Z]{2}-\\d+, (corrupted|unsupported)]\n"), r.err());
            assertFalse(r.out().contains("Exception"), r.out());
            if (c.contains("json")) {
                JsonNode err = r.json().get("error");
                assertTrue(err != null && err.get("requirement").isTextual(), r.out());
            }
        }
    }

    @Test
    void emptyFile() throws IOException {
        assertCleanFailure(Files.write(dir.resolve("empty.m3c"), new byte[0]));
    }

    @Test
    void randomBytes() throws IOException {
        Random r = new Random(7);
        for (int n : new int[] {1, 15, 16, 17, 100, 5000}) {
            byte[] b = new byte[n];
            r.nextBytes(b);
            assertCleanFailure(Files.write(dir.resolve("random" + n + ".m3c"), b));
        }
    }

    @Test
    void randomBytesAfterAValidSignature() throws IOException {
        Random r = new Random(8);
        byte[] valid = Files.readAllBytes(TestStreams.minimal(dir.resolve("m.m3c")));
        for (int i = 0; i < 5; i++) {
            byte[] b = Arrays.copyOf(valid, 400);
            byte[] tail = new byte[400 - 16];
            r.nextBytes(tail);
            System.arraycopy(tail, 0, b, 16, tail.length);
            assertCleanFailure(Files.write(dir.resolve("tail" + i + ".m3c"), b));
        }
    }

    @Test
    void everyTruncation() throws IOException {
        Path src = TestStreams.reference(dir.resolve("ref.m3c"), true, true);
        byte[] b = Files.readAllBytes(src);
        for (int n = 0; n < b.length; n += n < 40 ? 1 : 37) {
            assertCleanFailure(Files.write(dir.resolve("cut.m3c"), Arrays.copyOf(b, n)));
        }
    }

    /** A small fuzz: byte mutations of a valid stream never make {@link Verify#check} fail internally. */
    @Test
    void verifyCheckNeverFailsInternally() throws IOException {
        byte[] valid = Files.readAllBytes(TestStreams.reference(dir.resolve("ref.m3c"), true, true));
        Random r = new Random(9);
        Path f = dir.resolve("mut.m3c");
        int invalid = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] b = valid.clone();
            int edits = 1 + r.nextInt(3);
            for (int e = 0; e < edits; e++) b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            Files.write(f, b);
            VerifyResult v = Verify.check(f);
            assertNotEquals(Failure.Kind.INTERNAL_ERROR, v.valid() ? null : v.failure().kind(), v.line());
            assertNotEquals(Failure.Kind.IO_ERROR, v.valid() ? null : v.failure().kind(), v.line());
            if (!v.valid()) invalid++;
        }
        assertTrue(invalid > 2900, "mutations should mostly break a CRC: " + invalid);
    }

    /**
     * Mutated payloads with valid CRCs, so that the chunk parsers, the range decoder and LZW see the damage: verify
     * and probe still end cleanly.
     */
    @Test
    void reframedPayloadMutationsFailCleanly() throws IOException {
        Path src = TestStreams.reference(dir.resolve("noindex.m3c"), false, true);
        byte[] valid = Files.readAllBytes(src);
        List<org.m3cvc.container.chunk.RawChunk> chunks = TestStreams.chunks(src);
        Random r = new Random(10);
        Path f = dir.resolve("reframed.m3c");
        for (int i = 0; i < 1500; i++) {
            org.m3cvc.container.chunk.RawChunk c = chunks.get(r.nextInt(chunks.size()));
            byte[] payload = c.payload().clone();
            switch (r.nextInt(3)) {
                case 0 -> {
                    if (payload.length > 0) payload[r.nextInt(payload.length)] ^= (byte) (1 << r.nextInt(8));
                }
                case 1 -> {
                    if (payload.length > 0) payload[r.nextInt(payload.length)] = (byte) r.nextInt(256);
                }
                default -> payload = Arrays.copyOf(payload, Math.max(0, payload.length + r.nextInt(5) - 3));
            }
            byte[] framed = org.m3cvc.container.chunk.ChunkWriter.frame(c.type(), payload);
            int at = Math.toIntExact(c.offset());
            int end = Math.toIntExact(c.offset() + c.totalBytes());
            byte[] b = new byte[valid.length - (end - at) + framed.length];
            System.arraycopy(valid, 0, b, 0, at);
            System.arraycopy(framed, 0, b, at, framed.length);
            System.arraycopy(valid, end, b, at + framed.length, valid.length - end);
            Files.write(f, b);
            VerifyResult v = Verify.check(f);
            if (!v.valid()) {
                assertTrue(v.failure().isFormatError(), v.line());
            }
            if (i % 50 == 0) {
                Cli p = Cli.run("probe", "--of", "json", "--show-planes", f.toString());
                assertEquals(v.exitCode(), p.exit(), p.toString());
                assertEquals(v.valid() ? 0 : 1, p.errLines().length, p.toString());
            }
        }
    }
}
