package org.m3cvc.container.chunk;

import java.io.IOException;
import java.io.InputStream;

/** An input stream reader that knows its file offset. Reads block until the requested bytes or end of input. */
public final class CountingInput {
    private final InputStream in;
    private long offset;

    public CountingInput(InputStream in, long startOffset) {
        this.in = in;
        this.offset = startOffset;
    }

    public long offset() { return offset; }

    /** One byte, or -1 at end of input. */
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) offset++;
        return b;
    }

    /** Reads up to {@code len} bytes; returns how many were read (fewer only at end of input). */
    public int readFully(byte[] b, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(b, off + done, len - done);
            if (n < 0) break;
            done += n;
        }
        offset += done;
        return done;
    }
}
