package org.m3cvc.codec.diffusion;

/**
 * The noise estimate ε(x_t, t) of a diffusion model, conditioned on the keyframe's latent condition and text, which
 * the implementation holds. Backed by the pack's denoiser network in the decoder; by closed forms in tests.
 */
@FunctionalInterface
public interface Denoiser {
    /**
     * @param x the noisy latent, channel-major (C × H × W), not to be modified
     * @param t the timestep, 0 .. T-1
     * @param conditional true for the text-conditioned estimate, false for the unconditional one (guidance)
     * @return ε, same length as {@code x}; owned by the caller
     */
    float[] predict(float[] x, int t, boolean conditional) throws Exception;
}
