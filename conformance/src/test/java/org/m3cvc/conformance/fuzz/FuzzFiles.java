package org.m3cvc.conformance.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One scratch file per JVM for the targets that need a path; rewritten for every input, deleted at exit. */
final class FuzzFiles {
    private static Path scratch;

    private FuzzFiles() {}

    /** Writes {@code data} to the scratch file and returns its path. Not thread-safe (Jazzer runs one input at a time). */
    static Path write(byte[] data) {
        try {
            if (scratch == null) {
                Path dir = Files.createTempDirectory("m3cvc-fuzz");
                scratch = dir.resolve("fuzz.m3c");
                dir.toFile().deleteOnExit();
                scratch.toFile().deleteOnExit();
            }
            Files.write(scratch, data);
            return scratch;
        } catch (IOException e) {
            throw new UncheckedIOException("fuzz scratch file: " + e.getMessage(), e);
        }
    }
}
