package org.m3cvc.codec.noise;

/**
 * The pseudo-random Gaussian noise of spec clause 8.5, identical on every machine: diffusion decoding draws its
 * initial latent and its per-step noise from here, so that a stream decodes to the same latents everywhere.
 *
 * <ul>
 *   <li>Generator: SplitMix64. The state of keyframe k starts at {@code noise_seed + (k + 1) * 0xD1B54A32D192ED03}
 *   (mod 2^64); each output adds 0x9E3779B97F4A7C15 to the state and mixes it.</li>
 *   <li>Sample: the sum S of 12 uniform 16-bit integers (the four 16-bit quarters of three outputs, most
 *   significant first) gives {@code (2*S - 786420) * 2^-17} as a float. The integer is even and below 2^24 in
 *   magnitude and the scale is a power of two, so the float is exact: no rounding, no library function.</li>
 * </ul>
 * The distribution is Irwin-Hall with n = 12, mean 0 and variance 1 - 2^-32 (excess kurtosis -0.1, range +-6).
 *
 * <p>Not thread-safe; one instance per keyframe.
 */
public final class NoiseSource {
    public static final long KEYFRAME_STRIDE = 0xD1B54A32D192ED03L;
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    /** 12 * 65535: the offset that centres 2 * S. */
    static final int CENTRE = 786420;
    static final float SCALE = 0x1p-17f;

    private long state;

    /**
     * @param noiseSeed noise_seed of the stream header (all 64 bits)
     * @param keyframeIndex the keyframe the noise is for, 0 .. 65536
     */
    public NoiseSource(long noiseSeed, int keyframeIndex) {
        if (keyframeIndex < 0) throw new IllegalArgumentException("keyframe index " + keyframeIndex);
        this.state = noiseSeed + (keyframeIndex + 1L) * KEYFRAME_STRIDE;
    }

    /** The next SplitMix64 output. */
    public long nextLong() {
        long z = (state += GOLDEN_GAMMA);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The next sample, exactly as clause 8.5.2 defines it. */
    public float nextGaussian() {
        int sum = 0;
        for (int i = 0; i < 3; i++) {
            long r = nextLong();
            sum += (int) (r >>> 48) + (int) ((r >>> 32) & 0xFFFF) + (int) ((r >>> 16) & 0xFFFF) + (int) (r & 0xFFFF);
        }
        return (2 * sum - CENTRE) * SCALE;
    }

    /** Fills {@code out} with consecutive samples, in index order. */
    public void fill(float[] out) {
        for (int i = 0; i < out.length; i++) out[i] = nextGaussian();
    }
}
