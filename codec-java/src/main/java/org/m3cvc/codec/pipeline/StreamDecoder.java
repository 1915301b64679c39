package org.m3cvc.codec.pipeline;

import java.io.IOException;
import java.util.List;

import org.m3cvc.codec.frame.Frame;
import org.m3cvc.codec.frame.FrameSink;
import org.m3cvc.container.ClipGroup;
import org.m3cvc.container.M3cReader;
import org.m3cvc.container.clip.ClipMode;
import org.m3cvc.container.header.StreamHeader;
import org.m3cvc.container.keyframe.Keyframe;
import org.m3cvc.container.text.TextChunk;
import org.m3cvc.container.text.TextRole;

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
        Frame key = decodeKeyframe(keyframes, g, g.keyframe(), g.clip().firstFrame());
        long written = 0;
        while (g != null) {
            boolean last = g.clip().clipIndex() == sh.clipCount() - 1;
            t = times.start();
            ClipGroup next = last ? null : reader.nextClip();
            times.stop(Stage.STREAM_READ, t);
            int first = g.clip().firstFrame();
            int count = g.clip().clipFrameCount();
            Frame end = null;
            long endFrame = -1;
            boolean interpolate = g.clip().clipModeEnum() == ClipMode.INTERPOLATION;
            if (next != null) {
                endFrame = next.clip().firstFrame();
                if (interpolate) end = decodeKeyframe(keyframes, next, next.keyframe(), endFrame);
            } else if (interpolate) {
                Keyframe trailing = g.trailingKeyframe();
                endFrame = trailing.keyframeFrame();
                end = decodeKeyframe(keyframes, g, trailing, endFrame);
            }
            String clipText = text(g.texts(), TextRole.CLIP_DESCRIPTION, g.clip().clipIndex());
            for (int j = 0; j < count; j++) {
                long index = first + j;
                Frame out;
                if (j == 0) out = key;
                else if (interpolate && index == endFrame) out = end;
                else if (interpolate) out = clips.frame(key, end, (double) j / (endFrame - first), clipText, index);
                else out = clips.frame(key, null, (double) j / count, clipText, index);
                t = times.start();
                sink.write(out);
                times.stop(Stage.FRAME_WRITE, t);
                progress.frames(++written, sh.frameCount());
            }
            if (next != null) {
                key = end != null ? end : decodeKeyframe(keyframes, next, next.keyframe(), next.clip().firstFrame());
            }
            g = next;
        }
        t = times.start();
        sink.finish();
        times.add(Stage.FRAME_WRITE, times.start() - t, 0); // finishing is not a frame: time, no call
        return written;
    }

    private static Frame decodeKeyframe(KeyframeReconstructor r, ClipGroup g, Keyframe k, long frameIndex)
            throws Exception {
        return r.decode(k.plane(), k.keyframeIndex(),
                text(g.texts(), TextRole.KEYFRAME_DESCRIPTION, k.keyframeIndex()), frameIndex);
    }

    private static String text(List<TextChunk> texts, TextRole role, int target) {
        for (TextChunk t : texts) {
            if (t.textRoleEnum() == role && t.textTarget() == target) return t.text();
        }
        return null;
    }
}
