package org.m3cvc.codec.keyframe;

import org.m3cvc.container.header.SamplerId;
import org.m3cvc.container.header.StreamHeader;

/**
 * The stream's diffusion parameters (stream_header, spec clause 6.3).
 *
 * @param sampler sampler_id
 * @param steps sampler_steps, 1 .. the schedule's timesteps
 * @param guidanceScaleQ8 guidance_scale_q8: the classifier-free guidance scale times 256 (256 = one estimate a step)
 * @param noiseSeed noise_seed, all 64 bits
 */
public record SamplingParams(SamplerId sampler, int steps, int guidanceScaleQ8, long noiseSeed) {
    public SamplingParams {
        if (sampler == null) throw new IllegalArgumentException("sampler is null");
        if (steps < 1) throw new IllegalArgumentException("sampler_steps " + steps);
        if (guidanceScaleQ8 < 0 || guidanceScaleQ8 > 0xFFFF) {
            throw new IllegalArgumentException("guidance_scale_q8 " + guidanceScaleQ8);
        }
    }

    /** The parameters a stream header gives. */
    public static SamplingParams of(StreamHeader sh) {
        return new SamplingParams(sh.samplerIdEnum(), sh.samplerSteps(), sh.guidanceScaleQ8(), sh.noiseSeed());
    }
}
