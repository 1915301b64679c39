package org.m3cvc.cli.eval;

import java.io.IOException;

import org.m3cvc.codec.frame.Frame;
import org.m3cvc.codec.frame.FrameSource;
import org.m3cvc.codec.frame.VideoFormat;

/** The first {@code limit} frames of a source it owns (closes). */
final class LimitedSource implements FrameSource {
    private final FrameSource source;
    private final long limit;
    private long given;

    /** @param limit the most frames to give, or a negative number for all */
    LimitedSource(FrameSource source, long limit) {
        this.source = source;
        this.limit = limit;
    }

    @Override
    public VideoFormat format() { return source.format(); }

    @Override
    public Frame next() throws IOException {
        if (limit >= 0 && given >= limit) return null;
        Frame f = source.next();
        if (f != null) given++;
        return f;
    }

    @Override
    public void close() throws IOException { source.close(); }
}
