package org.m3cvc.codec.pipeline;

import org.m3cvc.codec.frame.Frame;
import org.m3cvc.container.keyframe.IndexPlane;

/** Index plane to frame: the decoder half of the keyframe codec (codebook, upsampler, sampler, image_decoder). */
@FunctionalInterface
public interface KeyframeReconstructor {
    /**
     * @param keyframeIndex selects the keyframe's noise (spec 8.5)
     * @param description the keyframe's description, or null
     * @param frameIndex display index the returned frame carries
     */
    Frame decode(IndexPlane plane, int keyframeIndex, String description, long frameIndex) throws Exception;
}
