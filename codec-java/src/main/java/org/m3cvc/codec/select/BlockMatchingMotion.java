package org.m3cvc.codec.select;

import org.m3cvc.codec.frame.Frame;

/**
 * The motion fallback for packs without a motion_estimator: classical block matching on luma. Both frames are box
 * filtered to a working width of at most 128 pixels; for each 8x8 block of {@code to}, the displacement within ±8
 * working pixels that minimises the sum of absolute differences against {@code from} is found (exhaustive, ties to
 * the smallest displacement), and the mean displacement length is returned in pixels of the original frames.
 * Coarse but dependable for the one number keyframe selection needs. Stateless and thread-safe.
 */
public final class BlockMatchingMotion implements MotionEstimator {
    static final int WORK_WIDTH = 128;
    static final int BLOCK = 8;
    static final int RANGE = 8;

    @Override
    public double meanFlowMagnitude(Frame from, Frame to) {
        if (from.width() != to.width() || from.height() != to.height()) {
            throw new IllegalArgumentException("frames of different sizes");
        }
        int factor = Math.max(1, (from.width() + WORK_WIDTH - 1) / WORK_WIDTH);
        int w = from.width() / factor, h = from.height() / factor;
        float[] a = luma(from, factor, w, h), b = luma(to, factor, w, h);
        double sum = 0;
        int blocks = 0;
        for (int by = 0; by + BLOCK <= h; by += BLOCK) {
            for (int bx = 0; bx + BLOCK <= w; bx += BLOCK) {
                double best = Double.MAX_VALUE;
                double bestLen = 0;
                for (int dy = -RANGE; dy <= RANGE; dy++) {
                    for (int dx = -RANGE; dx <= RANGE; dx++) {
                        if (by + dy < 0 || bx + dx < 0 || by + dy + BLOCK > h || bx + dx + BLOCK > w) continue;
                        double sad = 0;
                        for (int y = 0; y < BLOCK && sad <= best; y++) { // stop once worse; equal must finish (ties)
                            int rb = (by + y) * w + bx, ra = (by + dy + y) * w + bx + dx;
                            for (int x = 0; x < BLOCK; x++) sad += Math.abs(b[rb + x] - a[ra + x]);
                        }
                        double len = Math.sqrt(dx * dx + dy * dy);
                        if (sad < best || (sad == best && len < bestLen)) {
                            best = sad;
                            bestLen = len;
                        }
                    }
                }
                sum += bestLen;
                blocks++;
            }
        }
        return blocks == 0 ? 0 : sum / blocks * factor;
    }

    private static float[] luma(Frame f, int factor, int w, int h) {
        float[] out = new float[w * h];
        byte[] p = f.rgb();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float s = 0;
                for (int yy = 0; yy < factor; yy++) {
                    int row = ((y * factor + yy) * f.width() + x * factor) * 3;
                    for (int xx = 0; xx < factor; xx++) {
                        int i = row + xx * 3;
                        s += 0.299f * (p[i] & 0xFF) + 0.587f * (p[i + 1] & 0xFF) + 0.114f * (p[i + 2] & 0xFF);
                    }
                }
                out[y * w + x] = s / (factor * factor);
            }
        }
        return out;
    }
}
