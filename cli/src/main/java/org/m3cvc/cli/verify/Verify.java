package org.m3cvc.cli.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

import org.m3cvc.cli.common.DecodedSyntaxDigest;
import org.m3cvc.cli.common.Failure;
import org.m3cvc.cli.common.InputFiles;
import org.m3cvc.container.ChunkEvent;
import org.m3cvc.container.M3cReader;

/**
 * Checks every requirement of a whole file with the streaming reader, in bounded memory, and computes its
 * decoded-syntax MD5 in the same pass. Thread-safe (no shared state).
 */
public final class Verify {
    private Verify() {}

    /** {@link #check(Path, String)} naming the file as {@code file.toString()}. */
    public static VerifyResult check(Path file) {
        return check(file, file.toString());
    }

    /**
     * Never throws, whatever the file holds: a format error gives status corrupted or unsupported, a read error
     * io_error, and a runtime exception or stack overflow inside the reader, which is a bug of the reader, gives
     * internal_error (a fuzzer should fail on it).
     *
     * @param name the name used in messages
     */
    public static VerifyResult check(Path file, String name) {
        Objects.requireNonNull(file);
        Objects.requireNonNull(name);
        long chunks = 0;
        try (M3cReader r = M3cReader.open(InputFiles.open(file), name)) {
            DecodedSyntaxDigest digest = new DecodedSyntaxDigest();
            ChunkEvent e;
            while ((e = r.next()) != null) {
                digest.update(e.syntax());
                chunks++;
            }
            return new VerifyResult(name, null, chunks, digest.hex());
        } catch (IOException e) {
            return new VerifyResult(name, Failure.of(name, e), chunks, null);
        } catch (RuntimeException | StackOverflowError e) {
            return new VerifyResult(name, Failure.internal(name, e), chunks, null);
        }
    }
}
