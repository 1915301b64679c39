package org.m3cvc.codec.frame;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary file or directory next to the destination, renamed onto it by {@link #commit()} and deleted by
 * {@link #discard()}: the destination either appears whole or not at all. Same directory, so the rename is atomic
 * on one file system.
 */
final class TempOutput {
    private final Path destination;
    private final Path temp;
    private boolean done;

    private TempOutput(Path destination, Path temp) {
        this.destination = destination;
        this.temp = temp;
    }

    /** A temporary file in {@code destination}'s directory. */
    static TempOutput file(Path destination) throws IOException {
        Path dir = parentOf(destination);
        try {
            return new TempOutput(destination, Files.createTempFile(dir, "." + destination.getFileName() + ".", ".part"));
        } catch (IOException e) {
            throw new IOException(destination + ": cannot create output in " + dir + ": " + e, e);
        }
    }

    /** A temporary directory next to {@code destination}, which must not exist or be an empty directory. */
    static TempOutput directory(Path destination) throws IOException {
        Path dir = parentOf(destination);
        if (Files.exists(destination) && !isEmptyDirectory(destination)) {
            throw new IOException(destination + ": output directory exists and is not empty");
        }
        try {
            return new TempOutput(destination, Files.createTempDirectory(dir, "." + destination.getFileName() + "."));
        } catch (IOException e) {
            throw new IOException(destination + ": cannot create output in " + dir + ": " + e, e);
        }
    }

    Path temp() { return temp; }

    Path destination() { return destination; }

    /** Renames the temporary onto the destination (replacing a file, or an empty directory). */
    void commit() throws IOException {
        if (done) throw new IllegalStateException(destination + ": already committed or discarded");
        try {
            org.m3cvc.container.io.OutputFiles.makePublic(temp);
            if (Files.isDirectory(temp) && Files.isDirectory(destination)) Files.delete(destination);
            try {
                Files.move(temp, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, destination, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (DirectoryNotEmptyException e) {
            discard();
            throw new IOException(destination + ": output directory exists and is not empty", e);
        } catch (IOException e) {
            discard();
            throw new IOException(destination + ": cannot rename " + temp.getFileName() + " onto it: " + e, e);
        }
        done = true;
    }

    /** Deletes the temporary, if still there; idempotent, never throws. */
    void discard() {
        if (done) return;
        done = true;
        try {
            if (Files.isDirectory(temp)) {
                try (Stream<Path> s = Files.walk(temp)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
                }
            } else {
                Files.deleteIfExists(temp);
            }
        } catch (IOException ignored) {
            // Best effort: the temporary has a leading dot and a .part suffix, so it is never mistaken for output.
        }
    }

    private static Path parentOf(Path destination) {
        Path abs = destination.toAbsolutePath();
        return abs.getParent() == null ? abs : abs.getParent();
    }

    private static boolean isEmptyDirectory(Path p) throws IOException {
        if (!Files.isDirectory(p)) return false;
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }
}
