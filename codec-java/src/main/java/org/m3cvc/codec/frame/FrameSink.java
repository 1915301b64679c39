package org.m3cvc.codec.frame;

import java.io.IOException;

/**
 * Consumes frames in display order. Output goes to a temporary file that {@link #finish()} renames onto the
 * destination; {@link #close()} without {@code finish()} leaves no output behind.
 */
public interface FrameSink extends AutoCloseable {
    void write(Frame frame) throws IOException;

    /** Completes the output. */
    void finish() throws IOException;

    @Override
    void close() throws IOException;
}
