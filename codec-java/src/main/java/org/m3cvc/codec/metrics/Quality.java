package org.m3cvc.codec.metrics;

import java.util.stream.IntStream;

import org.m3cvc.codec.frame.Frame;

/**
 * Full-reference picture quality: PSNR and MS-SSIM (Wang, Simoncelli, Bovik 2003) on 8-bit RGB.
 *
 * <p>MS-SSIM as torchmetrics computes it for 3-channel images: 5 scales, 11×11 Gaussian window with σ = 1.5 ("valid"
 * positions), 2×2 average pooling between scales, C1 = (0.01·255)², C2 = (0.03·255)², weights 0.0448, 0.2856,
 * 0.3001, 0.2363, 0.1333; per scale the contrast-structure term (the whole SSIM at the coarsest, see
 * {@code ssimTerm}) is averaged over positions and channels, clamped at 0 ({@code normalize="relu"}) and raised to its
 * weight. Checked against torchmetrics 1.9.0 on a real 512x320 frame pair (QualityTest). Frames need 176 pixels in each dimension for 5
 * scales (11 · 2^4); smaller ones use as many scales as fit, weights renormalised. Stateless.
 */
public final class Quality {
    static final double[] WEIGHTS = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};
    static final int WINDOW = 11;
    static final double SIGMA = 1.5;
    static final double C1 = Math.pow(0.01 * 255, 2);
    static final double C2 = Math.pow(0.03 * 255, 2);
    /** PSNR of identical frames, reported instead of infinity. */
    public static final double PSNR_CAP = 100;

    private static final double[] KERNEL = kernel();

    private Quality() {}

    private static double[] kernel() {
        double[] k = new double[WINDOW];
        double sum = 0;
        for (int i = 0; i < WINDOW; i++) {
            double d = i - (WINDOW - 1) / 2.0;
            k[i] = Math.exp(-d * d / (2 * SIGMA * SIGMA));
            sum += k[i];
        }
        for (int i = 0; i < WINDOW; i++) k[i] /= sum;
        return k;
    }

    /** PSNR in dB over all samples of both frames; {@link #PSNR_CAP} when they are identical. */
    public static double psnr(Frame a, Frame b) {
        check(a, b);
        byte[] x = a.rgb(), y = b.rgb();
        double se = 0;
        for (int i = 0; i < x.length; i++) {
            int d = (x[i] & 0xFF) - (y[i] & 0xFF);
            se += d * d;
        }
        if (se == 0) return PSNR_CAP;
        return Math.min(PSNR_CAP, 10 * Math.log10(255.0 * 255.0 * x.length / se));
    }

    /**
     * MS-SSIM in [0, 1], 1 for identical frames. The three channels' pyramids are independent, so they are computed
     * side by side (the common fork-join pool); the terms are combined in channel order, so the result does not
     * depend on the threads.
     */
    public static double msSsim(Frame a, Frame b) {
        check(a, b);
        int w = a.width(), h = a.height();
        int scales = 0;
        for (int s = 0, sw = w, sh = h; s < WEIGHTS.length && sw >= WINDOW && sh >= WINDOW; s++, sw /= 2, sh /= 2) {
            scales++;
        }
        if (scales == 0) throw new IllegalArgumentException("frames smaller than the " + WINDOW + "-pixel window");
        int n = scales;
        double[][] terms = new double[3][];
        IntStream.range(0, 3).parallel().forEach(c -> terms[c] = channelTerms(channel(a, c), channel(b, c), w, h, n));
        // The five weights are used as published (they sum to 1.0001); with fewer scales they are renormalised.
        double wsum = 0;
        for (int s = 0; s < scales; s++) wsum += WEIGHTS[s];
        if (scales == WEIGHTS.length) wsum = 1;
        double result = 1;
        for (int s = 0; s < scales; s++) {
            double term = 0;
            for (int c = 0; c < 3; c++) term += terms[c][s];
            term /= 3;
            result *= Math.pow(Math.max(term, 0), WEIGHTS[s] / wsum);
        }
        return result;
    }

    /** One channel's term at each of {@code scales} scales, pooling 2×2 between them. */
    private static double[] channelTerms(double[] x, double[] y, int w, int h, int scales) {
        double[] terms = new double[scales];
        for (int s = 0; s < scales; s++) {
            boolean last = s == scales - 1;
            terms[s] = ssimTerm(x, y, w, h, last);
            if (!last) {
                x = pool(x, w, h);
                y = pool(y, w, h);
                w /= 2;
                h /= 2;
            }
        }
        return terms;
    }

    /**
     * One channel's term at one scale. Below the coarsest scale: the contrast-structure term averaged over the valid
     * window positions. At the coarsest: the whole SSIM (luminance × contrast-structure) averaged over every pixel,
     * windows at the borders reaching into a mirror reflection of the frame ("reflect" padding, the edge pixel not
     * repeated). That asymmetry is torchmetrics' (1.x), followed so that figures compare with those measured with
     * it. Variances are clamped at 0 against rounding, as there.
     */
    private static double ssimTerm(double[] x, double[] y, int w, int h, boolean withLuminance) {
        int pad = (WINDOW - 1) / 2;
        if (withLuminance) {
            x = reflect(x, w, h, pad);
            y = reflect(y, w, h, pad);
            w += 2 * pad;
            h += 2 * pad;
        }
        double[] mx = blur(x, w, h), my = blur(y, w, h);
        double[] xx = new double[x.length], yy = new double[x.length], xy = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        double[] sxx = blur(xx, w, h), syy = blur(yy, w, h), sxy = blur(xy, w, h);
        double sum = 0;
        int n = mx.length;
        for (int i = 0; i < n; i++) {
            double vx = Math.max(sxx[i] - mx[i] * mx[i], 0), vy = Math.max(syy[i] - my[i] * my[i], 0);
            double cov = sxy[i] - mx[i] * my[i];
            double cs = (2 * cov + C2) / (vx + vy + C2);
            sum += withLuminance ? cs * (2 * mx[i] * my[i] + C1) / (mx[i] * mx[i] + my[i] * my[i] + C1) : cs;
        }
        return sum / n;
    }

    /** The plane mirrored by {@code pad} pixels on every side, without repeating the edge (PyTorch "reflect"). */
    private static double[] reflect(double[] v, int w, int h, int pad) {
        int pw = w + 2 * pad, ph = h + 2 * pad;
        double[] out = new double[pw * ph];
        for (int y = 0; y < ph; y++) {
            int sy = mirror(y - pad, h);
            for (int x = 0; x < pw; x++) out[y * pw + x] = v[sy * w + mirror(x - pad, w)];
        }
        return out;
    }

    private static int mirror(int i, int n) {
        if (i < 0) return -i;
        if (i >= n) return 2 * (n - 1) - i;
        return i;
    }

    /** Separable Gaussian filter, valid region only: (w - 10) × (h - 10) values. */
    private static double[] blur(double[] v, int w, int h) {
        int ow = w - WINDOW + 1, oh = h - WINDOW + 1;
        double[] rows = new double[ow * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int k = 0; k < WINDOW; k++) s += KERNEL[k] * v[y * w + x + k];
                rows[y * ow + x] = s;
            }
        }
        double[] out = new double[ow * oh];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int k = 0; k < WINDOW; k++) s += KERNEL[k] * rows[(y + k) * ow + x];
                out[y * ow + x] = s;
            }
        }
        return out;
    }

    private static double[] pool(double[] v, int w, int h) {
        int pw = w / 2, ph = h / 2;
        double[] out = new double[pw * ph];
        for (int y = 0; y < ph; y++) {
            for (int x = 0; x < pw; x++) {
                int i = 2 * y * w + 2 * x;
                out[y * pw + x] = (v[i] + v[i + 1] + v[i + w] + v[i + w + 1]) / 4;
            }
        }
        return out;
    }

    private static double[] channel(Frame f, int c) {
        double[] out = new double[f.width() * f.height()];
        byte[] rgb = f.rgb();
        for (int i = 0; i < out.length; i++) out[i] = rgb[i * 3 + c] & 0xFF;
        return out;
    }

    private static void check(Frame a, Frame b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException(a.width() + "x" + a.height() + " vs " + b.width() + "x" + b.height());
        }
    }
}
