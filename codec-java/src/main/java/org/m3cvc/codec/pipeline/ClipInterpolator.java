package org.m3cvc.codec.pipeline;

import org.m3cvc.codec.frame.Frame;

/** The clip generator: a frame between two decoded keyframes (interpolation) or after one (prediction). */
@FunctionalInterface
public interface ClipInterpolator {
    /**
     * @param first the clip's keyframe
     * @param last the end keyframe (interpolation), or null (prediction)
     * @param position 0 at {@code first}, 1 at {@code last} (prediction: frames since first / clip length)
     * @param description the clip's description, or null
     * @param frameIndex display index the returned frame carries
     */
    Frame frame(Frame first, Frame last, double position, String description, long frameIndex) throws Exception;
}
