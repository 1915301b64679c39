package org.m3cvc.codec.select;

import org.m3cvc.codec.frame.Frame;

/**
 * The semantic fallback for packs without a semantic_embedder: the frame box-filtered to a 16 × 10 grid of RGB means,
 * centred on its own mean so that the cosine compares layout and colour contrast rather than overall brightness. A
 * stand-in for pooled encoder latents, far from CLIP: it sees scene cuts and large changes of composition, not
 * meaning. Stateless and thread-safe.
 */
public final class PooledEmbedder implements SemanticEmbedder {
    static final int GRID_W = 16;
    static final int GRID_H = 10;

    @Override
    public float[] embed(Frame f) {
        int gw = Math.min(GRID_W, f.width()), gh = Math.min(GRID_H, f.height());
        double[] sum = new double[gw * gh * 3];
        int[] count = new int[gw * gh];
        byte[] rgb = f.rgb();
        for (int y = 0; y < f.height(); y++) {
            int cy = y * gh / f.height();
            for (int x = 0; x < f.width(); x++) {
                int cell = cy * gw + x * gw / f.width();
                int p = (y * f.width() + x) * 3;
                for (int c = 0; c < 3; c++) sum[cell * 3 + c] += rgb[p + c] & 0xFF;
                count[cell]++;
            }
        }
        float[] e = new float[sum.length];
        double mean = 0;
        for (int i = 0; i < e.length; i++) {
            e[i] = (float) (sum[i] / count[i / 3]);
            mean += e[i];
        }
        mean /= e.length;
        for (int i = 0; i < e.length; i++) e[i] -= (float) mean;
        return e;
    }
}
