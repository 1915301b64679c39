package org.m3cvc.codec.describe;

import org.m3cvc.codec.frame.Frame;

/**
 * Writes the texts of the paper's section 3.3: a description of each keyframe (D_i^F) and of the motion of each clip
 * (D_i^C). Implementations: {@link NoDescriber}, {@link SidecarDescriber} and {@link OpenAiDescriber}, the paper's
 * multi-round dialogue with a multimodal model behind an OpenAI-compatible server.
 */
public interface Describer {
    /**
     * The description of a keyframe, or null for none.
     *
     * @param previousKeyframe the previous keyframe (null for the first), for the "difference" turn of the dialogue
     */
    String describeKeyframe(Frame keyframe, Frame previousKeyframe, double timeSeconds) throws Exception;

    /** The description of the motion of a clip starting at {@code timeSeconds}, or null for none. */
    String describeClip(String keyframeDescription, double timeSeconds, double durationSeconds) throws Exception;

    /**
     * The description of the motion of a clip, seeing its frames: what the encoder calls, as soon as the clip ends.
     * By default the frames are not looked at ({@link #describeClip(String, double, double)}).
     *
     * @param keyframeDescription the clip's keyframe description (D_i^F), or null
     * @param firstFrame the clip's first frame (its keyframe)
     * @param lastFrame the clip's last frame (the same as {@code firstFrame} for a clip of one frame)
     */
    default String describeClip(String keyframeDescription, Frame firstFrame, Frame lastFrame, double timeSeconds,
                                double durationSeconds) throws Exception {
        return describeClip(keyframeDescription, timeSeconds, durationSeconds);
    }

    /** BCP 47 tag of the texts. */
    String language();
}
