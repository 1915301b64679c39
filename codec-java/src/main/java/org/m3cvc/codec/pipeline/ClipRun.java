package org.m3cvc.codec.pipeline;

import java.util.List;

import org.m3cvc.codec.frame.Frame;
import org.m3cvc.container.ClipGroup;
import org.m3cvc.container.clip.ClipMode;
import org.m3cvc.container.keyframe.Keyframe;
import org.m3cvc.container.text.TextChunk;
import org.m3cvc.container.text.TextRole;

/**
 * The frames of one clip, generated one at a time: frame 0 is the clip's keyframe, an interpolated clip ends on (and
 * includes, when it falls inside the clip) the next keyframe, every other frame comes from the clip generator. Shared by
 * the file decoder and the packet decoder so that both give the same pixels.
 */
final class ClipRun {
    private final ClipGroup group;
    private final Frame key;
    private final Frame end;
    private final long endFrame;
    private final boolean interpolate;
    private final String clipText;
    private final ClipInterpolator clips;
    private int next;

    /**
     * @param group the clip
     * @param following the next clip group, or null for the last clip
     * @param key the clip's keyframe, already decoded (it is the previous clip's end keyframe when that was decoded)
     */
    ClipRun(ClipGroup group, ClipGroup following, Frame key, KeyframeReconstructor keyframes, ClipInterpolator clips)
            throws Exception {
        this.group = group;
        this.key = key;
        this.clips = clips;
        // An input cut after an interpolated clip (a packet decoder told the input ended early) has no end keyframe:
        // its frames are then predicted from the keyframe alone rather than not produced at all.
        this.interpolate = group.clip().clipModeEnum() == ClipMode.INTERPOLATION
                && (following != null || group.trailingKeyframe() != null);
        this.clipText = text(group.texts(), TextRole.CLIP_DESCRIPTION, group.clip().clipIndex());
        Frame e = null;
        long ef = -1;
        if (following != null) {
            ef = following.clip().firstFrame();
            if (interpolate) e = decodeKeyframe(keyframes, following, following.keyframe(), ef);
        } else if (interpolate) {
            Keyframe trailing = group.trailingKeyframe();
            ef = trailing.keyframeFrame();
            e = decodeKeyframe(keyframes, group, trailing, ef);
        }
        this.end = e;
        this.endFrame = ef;
    }

    boolean hasNext() { return next < group.clip().clipFrameCount(); }

    /** True when the next frame is the clip's first (its keyframe). */
    boolean atKeyframe() { return next == 0; }

    Frame next() throws Exception {
        int j = next++;
        long first = group.clip().firstFrame();
        long index = first + j;
        if (j == 0) return key;
        if (interpolate && index == endFrame) return end;
        if (interpolate) return clips.frame(key, end, (double) j / (endFrame - first), clipText, index);
        return clips.frame(key, null, (double) j / group.clip().clipFrameCount(), clipText, index);
    }

    /** The next clip's keyframe when this clip decoded it (interpolation), else null. */
    Frame end() { return end; }

    /** Keyframe {@code k} of {@code g} (its own or its trailing one), with its description. */
    static Frame decodeKeyframe(KeyframeReconstructor r, ClipGroup g, Keyframe k, long frameIndex) throws Exception {
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
