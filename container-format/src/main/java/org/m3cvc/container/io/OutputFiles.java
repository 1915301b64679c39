package org.m3cvc.container.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/** Helpers for outputs written to a temporary path and renamed into place. */
public final class OutputFiles {
    private OutputFiles() {}

    /**
     * Gives a finished temporary file (rw-r--r--) or directory (rwxr-xr-x) the permissions a newly created output has
     * under the usual umask 022: {@code Files.createTemp*} makes them private (0600/0700), which an output must not
     * keep once renamed. No-op on file systems without POSIX permissions.
     */
    public static void makePublic(Path temp) throws IOException {
        if (Files.getFileAttributeView(temp, PosixFileAttributeView.class) == null) return;
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(
                Files.isDirectory(temp) ? "rwxr-xr-x" : "rw-r--r--"));
    }
}
