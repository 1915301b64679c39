package org.m3cvc.cli.common;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opening inputs and naming them in messages. */
public final class InputFiles {
    private InputFiles() {}

    /** The reader pulls single bytes while framing chunks: the buffer turns those into block reads. */
    private static final int BUFFER_BYTES = 1 << 16;

    /** A buffered stream over {@code file}; the caller owns it. */
    public static InputStream open(Path file) throws IOException {
        return new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES);
    }

    /**
     * The name of {@code file} in messages and output: the path as given, or with {@code bitexact} its last
     * component, so that output does not depend on where the file lies.
     */
    public static String displayName(Path file, boolean bitexact) {
        if (!bitexact) return file.toString();
        Path name = file.getFileName();
        return name != null ? name.toString() : file.toString();
    }
}
