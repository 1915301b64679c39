package org.m3cvc.cli.eval;

import org.m3cvc.codec.frame.Frame;

/**
 * A frame as the float32 NCHW tensor (N = 1) a learned metric's network takes: scaled to cover {@code width} x
 * {@code height}, centre-cropped, then each channel normalised as {@code (v / 255 - mean[c]) / std[c]}.
 *
 * <p>Scaling is separable antialiased bilinear (a triangle filter widened by the scale factor when shrinking, as
 * PIL's and torchvision's {@code antialias=True} bilinear), edge pixels repeated, so that the 512x320 frames of an
 * eval shrunk to CLIP's 224x224 do not alias. At the frame's own size it is the identity (weights 0, 1, 0), so a model
 * that takes any size sees the frame's values exactly. Deterministic; stateless.
 */
final class Planar {
    private Planar() {}

    /** Channel values of {@code f} at {@code width} x {@code height}, planar R, G, B, normalised. */
    static float[] of(Frame f, int width, int height, float[] mean, float[] std) {
        if (width < 1 || height < 1) throw new IllegalArgumentException(width + "x" + height);
        // Source pixels per output pixel on both axes: the axis that fits exactly sets it, the other is cropped.
        double scale = Math.min((double) f.width() / width, (double) f.height() / height);
        Taps tx = taps(f.width(), width, scale), ty = taps(f.height(), height, scale);
        // Horizontal pass: f.height() rows of width pixels, interleaved RGB.
        float[] rows = new float[f.height() * width * 3];
        byte[] rgb = f.rgb();
        for (int y = 0; y < f.height(); y++) {
            for (int x = 0; x < width; x++) {
                double r = 0, g = 0, b = 0;
                for (int k = tx.start[x]; k < tx.start[x + 1]; k++) {
                    int p = (y * f.width() + tx.index[k]) * 3;
                    double w = tx.weight[k];
                    r += w * (rgb[p] & 0xFF);
                    g += w * (rgb[p + 1] & 0xFF);
                    b += w * (rgb[p + 2] & 0xFF);
                }
                int q = (y * width + x) * 3;
                rows[q] = (float) r;
                rows[q + 1] = (float) g;
                rows[q + 2] = (float) b;
            }
        }
        float[] out = new float[3 * width * height];
        int plane = width * height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    double v = 0;
                    for (int k = ty.start[y]; k < ty.start[y + 1]; k++) {
                        v += ty.weight[k] * rows[(ty.index[k] * width + x) * 3 + c];
                    }
                    out[c * plane + y * width + x] = (float) ((v / 255 - mean[c]) / std[c]);
                }
            }
        }
        return out;
    }

    /** The source taps of each output pixel: indices and weights of output i in [start[i], start[i + 1]). */
    private record Taps(int[] start, int[] index, double[] weight) {}

    private static Taps taps(int src, int dst, double scale) {
        double support = Math.max(scale, 1);
        double offset = (src - dst * scale) / 2;
        int max = (int) Math.ceil(support) * 2 + 2;
        int[] start = new int[dst + 1];
        int[] index = new int[dst * max];
        double[] weight = new double[dst * max];
        int n = 0;
        for (int i = 0; i < dst; i++) {
            double centre = offset + (i + 0.5) * scale;
            int first = n;
            double sum = 0;
            for (int j = (int) Math.floor(centre - support); j <= (int) Math.ceil(centre + support); j++) {
                double w = 1 - Math.abs((j + 0.5 - centre) / support);
                if (w <= 0) continue;
                index[n] = Math.min(src - 1, Math.max(0, j));
                weight[n++] = w;
                sum += w;
            }
            for (int k = first; k < n; k++) weight[k] /= sum;
            start[i + 1] = n;
        }
        return new Taps(start, index, weight);
    }
}
