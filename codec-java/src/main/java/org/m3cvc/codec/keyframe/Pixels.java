package org.m3cvc.codec.keyframe;

import org.m3cvc.codec.frame.Frame;

/**
 * The pack's pixel normalisation (the test and reference packs' {@code normalisation}: RGB, NCHW, 0..255 ↔ [-1,1]).
 * Both directions are binary32 operations that IEEE 754 rounds exactly, so they give the same bits everywhere.
 */
public final class Pixels {
    private Pixels() {}

    /**
     * The frame as a [3, height, width] channel-major tensor: {@code v = p / 127.5f − 1f} per 8-bit sample p.
     *
     * @return a new array owned by the caller
     */
    public static float[] toTensor(Frame f) {
        int w = f.width(), h = f.height(), n = w * h;
        byte[] rgb = f.rgb();
        float[] out = new float[3 * n];
        for (int p = 0; p < n; p++) {
            for (int c = 0; c < 3; c++) out[c * n + p] = (rgb[p * 3 + c] & 0xFF) / 127.5f - 1f;
        }
        return out;
    }

    /**
     * A frame from a [3, height, width] tensor in [-1,1]: {@code p = floor((v + 1f) * 127.5f + 0.5f)} in binary32
     * (round half up), clamped to 0..255; NaN gives 0. Inverts {@link #toTensor} exactly.
     *
     * @param chw at least 3 × width × height values; not modified
     */
    public static Frame toFrame(float[] chw, int width, int height, long index) {
        int n = width * height;
        if (chw.length < 3 * n) throw new IllegalArgumentException(chw.length + " values for 3x" + height + "x" + width);
        byte[] rgb = new byte[3 * n];
        for (int p = 0; p < n; p++) {
            for (int c = 0; c < 3; c++) rgb[p * 3 + c] = (byte) toPixel(chw[c * n + p]);
        }
        return new Frame(width, height, index, rgb);
    }

    /** One sample, as {@link #toFrame} rounds it. */
    public static int toPixel(float v) {
        float s = (v + 1f) * 127.5f + 0.5f;
        if (!(s >= 0f)) return 0; // negative or NaN
        return s >= 255f ? 255 : (int) s; // truncation of a non-negative value is floor
    }
}
