package org.m3cvc.codec.pipeline;

import java.io.IOException;

import org.m3cvc.codec.frame.Frame;
import org.m3cvc.codec.frame.FrameSink;
import org.m3cvc.container.ClipGroup;
import org.m3cvc.container.M3cReader;
import org.m3cvc.container.header.StreamHeader;

/**
 * The decoder's data flow (architecture: reader → KeyframeReconstructor → ClipInterpolator → FrameSink), one clip
 * group ahead: an interpolated clip needs the next keyframe, which is decoded once and reused as the next clip's
 * first frame. Emits exactly frame_count frames with indices 0 .. frame_count - 1.
 */
public final class StreamDecoder {
    private StreamDecoder() {}

    /** @return the number of frames written */
    public static long decode(M3cReader reader, KeyframeReconstructor keyframes, ClipInterpolator clips,
                              FrameSink sink, Progress progress) throws Exception {
        return decode(reader, keyframes, clips, sink, progress, StageTimes.OFF);
    }

    /**
     * As {@link #decode(M3cReader, KeyframeReconstructor, ClipInterpolator, FrameSink, Progress)}, recording stream
     * reading and frame writing in {@code times} (the keyframe networks and the clip generator record into the
     * instances they were given).
     *
     * @param times where stage times go; null or {@link StageTimes#OFF} for none
     * @return the number of frames written
     */
    public static long decode(M3cReader reader, KeyframeReconstructor keyframes, ClipInterpolator clips,
                              FrameSink sink, Progress progress, StageTimes times) throws Exception {
        times = StageTimes.orOff(times);
        StreamHeader sh = reader.streamHeader();
        long t = times.start();
        ClipGroup g = reader.nextClip();
        times.stop(Stage.STREAM_READ, t);
        if (g == null) throw new IOException(reader.file() + ": no clip");
        Frame key = ClipRun.decodeKeyframe(keyframes, g, g.keyframe(), g.clip().firstFrame());
        long written = 0;
        while (g != null) {
            boolean last = g.clip().clipIndex() == sh.clipCount() - 1;
            t = times.start();
            ClipGroup next = last ? null : reader.nextClip();
            times.stop(Stage.STREAM_READ, t);
            ClipRun run = new ClipRun(g, next, key, keyframes, clips);
            while (run.hasNext()) {
                Frame out = run.next();
                t = times.start();
                sink.write(out);
                times.stop(Stage.FRAME_WRITE, t);
                progress.frames(++written, sh.frameCount());
            }
            if (next != null) {
                key = run.end() != null ? run.end()
                        : ClipRun.decodeKeyframe(keyframes, next, next.keyframe(), next.clip().firstFrame());
            }
            g = next;
        }
        t = times.start();
        sink.finish();
        times.add(Stage.FRAME_WRITE, times.start() - t, 0); // finishing is not a frame: time, no call
        return written;
    }
}
