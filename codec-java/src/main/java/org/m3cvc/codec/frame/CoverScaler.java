package org.m3cvc.codec.frame;

/**
 * Scales an RGB24 picture to cover a target size and crops its centre, in plain Java: the geometry of
 * {@link FfmpegFrameSource} (scaled size {@code sw = W, sh = ceil(h*W/w)} when {@code W*h >= H*w}, else
 * {@code sh = H, sw = ceil(w*H/h)}; crop origin {@code ((sw-W)/2, (sh-H)/2)}), with a separable bicubic filter
 * (Keys, a = -0.5) widened by the scale factor when shrinking, so that it averages rather than aliases. Used where
 * bytedeco's swscale must not load (inside an FFmpeg process, which has its own libswscale): its pixels differ
 * slightly from swscale's, a picture already at the target size is copied unchanged. Deterministic (Java float
 * arithmetic is strict).
 */
public final class CoverScaler {
    private final int inW, inH, outW, outH;
    private final boolean identity;
    private final Taps xTaps, yTaps;

    /** Filter taps of every output coordinate along one axis. */
    private record Taps(int[] first, int count, float[] weights) {}

    public CoverScaler(int inWidth, int inHeight, int outWidth, int outHeight) {
        if (inWidth < 1 || inHeight < 1 || outWidth < 1 || outHeight < 1) {
            throw new IllegalArgumentException(inWidth + "x" + inHeight + " to " + outWidth + "x" + outHeight);
        }
        this.inW = inWidth;
        this.inH = inHeight;
        this.outW = outWidth;
        this.outH = outHeight;
        this.identity = inWidth == outWidth && inHeight == outHeight;
        long sw, sh;
        if ((long) outWidth * inHeight >= (long) outHeight * inWidth) {
            sw = outWidth;
            sh = ceilDiv((long) inHeight * outWidth, inWidth);
        } else {
            sh = outHeight;
            sw = ceilDiv((long) inWidth * outHeight, inHeight);
        }
        this.xTaps = taps(inWidth, (int) sw, (int) ((sw - outWidth) / 2), outWidth);
        this.yTaps = taps(inHeight, (int) sh, (int) ((sh - outHeight) / 2), outHeight);
    }

    public int outWidth() { return outW; }

    public int outHeight() { return outH; }

    /**
     * @param rgb the picture: {@code inHeight} rows of {@code inWidth} RGB pixels, {@code stride} bytes apart
     * @return {@code outHeight} rows of {@code outWidth} RGB pixels, packed
     */
    public byte[] scale(byte[] rgb, int stride) {
        if (stride < inW * 3 || rgb.length < (long) stride * (inH - 1) + inW * 3L) {
            throw new IllegalArgumentException(rgb.length + " bytes, stride " + stride + " for " + inW + "x" + inH);
        }
        byte[] out = new byte[outW * outH * 3];
        if (identity) {
            for (int y = 0; y < inH; y++) System.arraycopy(rgb, y * stride, out, y * outW * 3, outW * 3);
            return out;
        }
        // Horizontal pass into floats (only the rows the vertical taps reach), then vertical.
        int rowLo = yTaps.first[0], rowHi = yTaps.first[outH - 1] + yTaps.count;
        float[] mid = new float[(rowHi - rowLo) * outW * 3];
        for (int y = rowLo; y < rowHi; y++) {
            int src = y * stride, dst = (y - rowLo) * outW * 3;
            for (int x = 0; x < outW; x++) {
                int f = xTaps.first[x], wi = x * xTaps.count;
                float r = 0, g = 0, b = 0;
                for (int k = 0; k < xTaps.count; k++) {
                    float w = xTaps.weights[wi + k];
                    int p = src + (f + k) * 3;
                    r += w * (rgb[p] & 0xFF);
                    g += w * (rgb[p + 1] & 0xFF);
                    b += w * (rgb[p + 2] & 0xFF);
                }
                mid[dst + x * 3] = r;
                mid[dst + x * 3 + 1] = g;
                mid[dst + x * 3 + 2] = b;
            }
        }
        int row = outW * 3;
        for (int y = 0; y < outH; y++) {
            int f = yTaps.first[y] - rowLo, wi = y * yTaps.count;
            for (int i = 0; i < row; i++) {
                float v = 0;
                for (int k = 0; k < yTaps.count; k++) v += yTaps.weights[wi + k] * mid[(f + k) * row + i];
                int q = Math.round(v);
                out[y * row + i] = (byte) (q < 0 ? 0 : Math.min(q, 255));
            }
        }
        return out;
    }

    /**
     * Taps mapping {@code in} samples to {@code scaled} samples, for the {@code count} outputs from {@code offset};
     * windows are clamped inside the input (edge samples repeat) so every tap reads a real sample.
     */
    private static Taps taps(int in, int scaled, int offset, int count) {
        double ratio = (double) in / scaled;
        double support = 2 * Math.max(1, ratio);
        int n = Math.min(in, (int) Math.ceil(2 * support));
        int[] first = new int[count];
        float[] weights = new float[count * n];
        for (int o = 0; o < count; o++) {
            double centre = (o + offset + 0.5) * ratio - 0.5;
            int start = (int) Math.floor(centre - support) + 1;
            start = Math.max(0, Math.min(start, in - n));
            first[o] = start;
            double sum = 0;
            double[] w = new double[n];
            for (int k = 0; k < n; k++) {
                w[k] = cubic((start + k - centre) / Math.max(1, ratio));
                sum += w[k];
            }
            for (int k = 0; k < n; k++) weights[o * n + k] = (float) (w[k] / sum);
        }
        return new Taps(first, n, weights);
    }

    /** Keys' cubic convolution kernel with a = -0.5 (Catmull-Rom). */
    private static double cubic(double x) {
        x = Math.abs(x);
        if (x < 1) return (1.5 * x - 2.5) * x * x + 1;
        if (x < 2) return ((-0.5 * x + 2.5) * x - 4) * x + 2;
        return 0;
    }

    private static long ceilDiv(long a, long b) { return (a + b - 1) / b; }
}
