package org.m3cvc.codec.pipeline;

import org.m3cvc.container.header.SamplerId;
import org.m3cvc.container.keyframe.PlaneCoding;
import org.m3cvc.container.text.TextCoder;

/**
 * What the encoder writes into the stream header besides what the video decides (counts) and the pack (shapes).
 *
 * @param interpolation clips in interpolation mode where an end keyframe exists (the paper's better mode), else
 *     prediction throughout
 * @param guidanceScaleQ8 guidance_scale_q8 (scale × 256)
 * @param targetBpp bits per pixel to stay within by dropping the least needed keyframes ({@link KeyframeBudget});
 *     0 for no target
 */
public record EncoderSettings(boolean interpolation, SamplerId samplerId, int samplerSteps, int guidanceScaleQ8,
                              long noiseSeed, PlaneCoding planeCoding, TextCoder textCoder, boolean seekIndex,
                              double targetBpp) {
    public EncoderSettings {
        if (!(targetBpp >= 0)) throw new IllegalArgumentException("targetBpp " + targetBpp);
    }

    /** Settings without a rate target. */
    public EncoderSettings(boolean interpolation, SamplerId samplerId, int samplerSteps, int guidanceScaleQ8,
                           long noiseSeed, PlaneCoding planeCoding, TextCoder textCoder, boolean seekIndex) {
        this(interpolation, samplerId, samplerSteps, guidanceScaleQ8, noiseSeed, planeCoding, textCoder, seekIndex, 0);
    }

    public EncoderSettings withTargetBpp(double bpp) {
        return new EncoderSettings(interpolation, samplerId, samplerSteps, guidanceScaleQ8, noiseSeed, planeCoding,
                textCoder, seekIndex, bpp);
    }

    /** DDIM in 8 steps, guidance 1, seed 0, context_range planes, LZW texts, a seek index, interpolation. */
    public static EncoderSettings defaults() {
        return new EncoderSettings(true, SamplerId.DDIM, 8, 256, 0, PlaneCoding.CONTEXT_RANGE, TextCoder.LZW, true);
    }
}
