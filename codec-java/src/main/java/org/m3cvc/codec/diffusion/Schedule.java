package org.m3cvc.codec.diffusion;

import java.math.BigDecimal;

/**
 * The noise schedule of spec/m3c.md clause 8.6.1: betas, and the cumulative products ᾱ_t, in binary64, from the
 * pack's decimal-string betas. Only +, -, *, / and sqrt are used, each correctly rounded by IEEE 754, so every machine
 * computes the same bits.
 */
public final class Schedule {
    private final double[] alphaBar;

    private Schedule(double[] alphaBar) {
        this.alphaBar = alphaBar;
    }

    /**
     * @param kind "linear" (betas evenly spaced) or "scaled_linear" (square roots evenly spaced, Stable Diffusion's)
     * @param timesteps T, at least 2
     */
    public static Schedule of(String kind, int timesteps, BigDecimal betaStart, BigDecimal betaEnd) {
        if (timesteps < 2) throw new IllegalArgumentException("timesteps " + timesteps);
        double b0 = betaStart.doubleValue(), b1 = betaEnd.doubleValue();
        double[] ab = new double[timesteps];
        double prod = 1.0;
        for (int t = 0; t < timesteps; t++) {
            double frac = (double) t / (timesteps - 1);
            double beta = switch (kind) {
                case "linear" -> b0 + (b1 - b0) * frac;
                case "scaled_linear" -> {
                    double s = Math.sqrt(b0) + (Math.sqrt(b1) - Math.sqrt(b0)) * frac;
                    yield s * s;
                }
                default -> throw new IllegalArgumentException("schedule kind " + kind);
            };
            if (!(beta > 0 && beta < 1)) throw new IllegalArgumentException("beta_" + t + " = " + beta);
            prod *= 1.0 - beta;
            ab[t] = prod;
        }
        return new Schedule(ab);
    }

    public int timesteps() { return alphaBar.length; }

    /** ᾱ_t for 0 &lt;= t &lt; T, and 1 for t = -1 (the clean image). */
    public double alphaBar(int t) { return t < 0 ? 1.0 : alphaBar[t]; }

    /**
     * The S timesteps a sampler visits, from noisiest to cleanest (clause 8.6.2): τ_i = floor((i + 1) · T / S) - 1
     * for i = S-1 down to 0, so the first is T - 1 and they are evenly spread.
     */
    public int[] steps(int s) {
        int t = alphaBar.length;
        if (s < 1 || s > t) throw new IllegalArgumentException("steps " + s + " of " + t);
        int[] out = new int[s];
        for (int i = 0; i < s; i++) out[s - 1 - i] = (int) (((long) (i + 1) * t) / s) - 1;
        return out;
    }
}
