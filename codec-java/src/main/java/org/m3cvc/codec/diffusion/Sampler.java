package org.m3cvc.codec.diffusion;

import org.m3cvc.codec.noise.NoiseSource;
import org.m3cvc.container.header.SamplerId;

/**
 * The diffusion samplers of spec/m3c.md clause 8.6, DDPM (ancestral) and DDIM (η = 0), on a step sequence of the
 * stream's sampler_steps. Per step, coefficients are computed in binary64 and rounded to binary32 once; each latent
 * element is then updated in binary32 as {@code a * x + b * eps} (plus {@code sigma * z} for DDPM), multiplications
 * first, then additions left to right, with no fused multiply-add. With the same ε, every implementation therefore
 * produces the same bits; ε itself (a network) is reproducible only per device (clause 11.2).
 *
 * <p>Noise: x_T is the first C·H·W samples of the keyframe's {@link NoiseSource} in channel-major order; DDPM then
 * draws C·H·W more for every step but the last, in step order.
 */
public final class Sampler {
    private final SamplerId kind;
    private final Schedule schedule;
    private final int[] steps;
    private final float guidance;

    /**
     * @param guidanceScaleQ8 guidance_scale_q8 of the stream: the scale times 256; 256 (scale 1) means a single
     *     conditional estimate per step
     */
    public Sampler(SamplerId kind, Schedule schedule, int samplerSteps, int guidanceScaleQ8) {
        this.kind = kind;
        this.schedule = schedule;
        this.steps = schedule.steps(samplerSteps);
        this.guidance = guidanceScaleQ8 / 256f; // exact: a 16-bit integer over a power of two
    }

    public int[] steps() { return steps.clone(); }

    /** Runs the sampler from pure noise and returns the clean latent (length {@code elements}). */
    public float[] sample(Denoiser denoiser, NoiseSource noise, int elements) throws Exception {
        float[] x = new float[elements];
        noise.fill(x);
        float[] z = kind == SamplerId.DDPM ? new float[elements] : null;
        for (int i = 0; i < steps.length; i++) {
            int t = steps[i];
            int prev = i + 1 < steps.length ? steps[i + 1] : -1;
            float[] eps = estimate(denoiser, x, t);
            Coefficients c = coefficients(t, prev);
            boolean addNoise = z != null && prev >= 0;
            if (addNoise) noise.fill(z);
            for (int k = 0; k < elements; k++) {
                float v = c.a * x[k] + c.b * eps[k];
                if (addNoise) v = v + c.sigma * z[k];
                x[k] = v;
            }
        }
        return x;
    }

    private float[] estimate(Denoiser d, float[] x, int t) throws Exception {
        float[] cond = d.predict(x, t, true);
        if (guidance == 1f) return cond;
        float[] uncond = d.predict(x, t, false);
        float[] out = new float[cond.length];
        for (int k = 0; k < out.length; k++) out[k] = uncond[k] + guidance * (cond[k] - uncond[k]);
        return out;
    }

    /** The binary32 coefficients of one step. */
    record Coefficients(float a, float b, float sigma) {}

    /** Clause 8.6.3 (DDIM) and 8.6.4 (DDPM), in binary64, rounded once. */
    Coefficients coefficients(int t, int prev) {
        double ab = schedule.alphaBar(t), abPrev = schedule.alphaBar(prev);
        double sab = Math.sqrt(ab), s1ab = Math.sqrt(1 - ab), sabPrev = Math.sqrt(abPrev);
        if (kind == SamplerId.DDIM) {
            // x0 = (x - s1ab eps) / sab;  x_prev = sabPrev x0 + sqrt(1 - abPrev) eps
            double a = sabPrev / sab;
            double b = Math.sqrt(1 - abPrev) - sabPrev * s1ab / sab;
            return new Coefficients((float) a, (float) b, 0f);
        }
        // DDPM on the respaced chain: beta' = 1 - ab / abPrev; posterior mean = c0 x0 + c1 x_t.
        double betaP = 1 - ab / abPrev;
        double alphaP = 1 - betaP;
        double c0 = sabPrev * betaP / (1 - ab);
        double c1 = Math.sqrt(alphaP) * (1 - abPrev) / (1 - ab);
        double a = c0 / sab + c1;
        double b = -c0 * s1ab / sab;
        double sigma = prev < 0 ? 0 : Math.sqrt(betaP * (1 - abPrev) / (1 - ab));
        return new Coefficients((float) a, (float) b, (float) sigma);
    }
}
