package org.m3cvc.cli.eval;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file whole or not at all: into a temporary file beside it, then renamed onto it. */
final class Outputs {
    @FunctionalInterface
    interface Body {
        void write(OutputStream out) throws IOException;
    }

    private Outputs() {}

    static void write(Path file, Body body) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                body.write(out);
            }
            // createTempFile makes it owner-only; results are for sharing, as the codec's outputs are.
            org.m3cvc.container.io.OutputFiles.makePublic(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw new IOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
