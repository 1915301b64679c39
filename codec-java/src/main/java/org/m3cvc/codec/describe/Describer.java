package org.m3cvc.codec.describe;

import org.m3cvc.codec.frame.Frame;

/**
 * Writes the texts of the paper's section 3.3: a description of each keyframe (D_i^F) and of the motion of each clip
 * (D_i^C). Implementations: {@link NoDescriber}, {@link SidecarDescriber}; a multimodal-model dialogue comes with the
 * descriptions issue.
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

    /** BCP 47 tag of the texts. */
    String language();
}
