package org.m3cvc.codec.frame;

import java.io.IOException;

/**
 * Frames in display order, produced one at a time so that a long input never sits in memory. Owns its native
 * resources; {@link #close()} releases them and is idempotent.
 */
public interface FrameSource extends AutoCloseable {
    /** The format of every frame this source returns. */
    VideoFormat format();

    /** The next frame, or null at the end. */
    Frame next() throws IOException;

    @Override
    void close() throws IOException;
}
