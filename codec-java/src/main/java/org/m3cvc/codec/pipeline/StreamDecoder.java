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
        StreamHeader sh = reader.streamHeader();
        ClipGroup g = reader.nextClip();
        if (g == null) throw new IOException(reader.file() + ": no clip");
        Frame key = decodeKeyframe(keyframes, g, g.keyframe(), g.clip().firstFrame());
        long written = 0;
        while (g != null) {
            boolean last = g.clip().clipIndex() == sh.clipCount() - 1;
            ClipGroup next = last ? null : reader.nextClip();
            int first = g.clip().firstFrame();
            int count = g.clip().clipFrameCount();
            Frame end = null;
            long endFrame = -1;
            boolean interpolate = g.clip().clipModeEnum() == ClipMode.INTERPOLATION;
            if (next != null) {
                endFrame = next.clip().firstFrame();
                if (interpolate) end = decodeKeyframe(keyframes, next, next.keyframe(), endFrame);
            } else if (interpolate) {
                Keyframe t = g.trailingKeyframe();
                endFrame = t.keyframeFrame();
                end = decodeKeyframe(keyframes, g, t, endFrame);
            }
            String clipText = text(g.texts(), TextRole.CLIP_DESCRIPTION, g.clip().clipIndex());
            for (int j = 0; j < count; j++) {
                long index = first + j;
                Frame out;
                if (j == 0) out = key;
                else if (interpolate && index == endFrame) out = end;
                else if (interpolate) out = clips.frame(key, end, (double) j / (endFrame - first), clipText, index);
                else out = clips.frame(key, null, (double) j / count, clipText, index);
                sink.write(out);
                progress.frames(++written, sh.frameCount());
            }
            if (next != null) {
                key = end != null ? end : decodeKeyframe(keyframes, next, next.keyframe(), next.clip().firstFrame());
            }
            g = next;
        }
        sink.finish();
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
