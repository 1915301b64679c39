package org.m3cvc.container.plane;

import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.Requirement;
import org.m3cvc.container.bits.BitReader;
import org.m3cvc.container.keyframe.IndexPlane;

/**
 * plane_coding = context_range (spec clause 8.4): each index is coded, in raster order, as "same as candidate 0",
 * else "same as candidate 1", else a literal through a binary tree, all with adaptive probabilities.
 *
 * <pre>
 *   c b d      a = left, b = up, c = up-left, d = up-right (absent outside the plane)
 *   a x        m0 = a if present, else b;   m1 = first of b, d, c present and different from m0
 * </pre>
 *
 * Contexts: same0 by how many of b, c, d equal m0 (4 contexts); same1 by how many of c, d equal m1 (3 contexts);
 * the literal tree has 2^B - 1 nodes, B = ceil(log2(codebook_size)). Encoder and decoder share {@link Model}, so the
 * two cannot drift.
 */
public final class ContextPlaneCoder implements PlaneCoder {
    public static final ContextPlaneCoder INSTANCE = new ContextPlaneCoder();

    private ContextPlaneCoder() {}

    /** Candidates and context numbers of one position (clause 8.4.2). */
    static final class Model {
        final short[] same0 = RangeDecoder.probs(4);
        final short[] same1 = RangeDecoder.probs(3);
        final short[] literal;
        final int bits;
        int m0, m1, ctx0, ctx1;

        Model(int codebookSize) {
            bits = PlaneCoder.indexBits(codebookSize);
            literal = RangeDecoder.probs(1 << bits);
        }

        void at(int[] k, int w, int x, int y) {
            int i = y * w + x;
            int a = x > 0 ? k[i - 1] : -1;
            int b = y > 0 ? k[i - w] : -1;
            int c = x > 0 && y > 0 ? k[i - w - 1] : -1;
            int d = y > 0 && x + 1 < w ? k[i - w + 1] : -1;
            m0 = a >= 0 ? a : b;
            ctx0 = m0 < 0 ? 0 : eq(b, m0) + eq(c, m0) + eq(d, m0);
            if (b >= 0 && b != m0) m1 = b;
            else if (d >= 0 && d != m0) m1 = d;
            else if (c >= 0 && c != m0) m1 = c;
            else m1 = -1;
            ctx1 = m1 < 0 ? 0 : eq(c, m1) + eq(d, m1);
        }

        private static int eq(int v, int m) { return v == m ? 1 : 0; }
    }

    @Override
    public byte[] encode(IndexPlane plane, int codebookSize) {
        int w = plane.width(), h = plane.height();
        int[] k = plane.indices();
        Model m = new Model(codebookSize);
        RangeEncoder rc = new RangeEncoder();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = k[y * w + x];
                if (v < 0 || v >= codebookSize) throw new IllegalArgumentException("index " + v + " >= " + codebookSize);
                m.at(k, w, x, y);
                if (m.m0 >= 0) {
                    rc.encodeBit(m.same0, m.ctx0, v == m.m0 ? 1 : 0);
                    if (v == m.m0) continue;
                }
                if (m.m1 >= 0) {
                    rc.encodeBit(m.same1, m.ctx1, v == m.m1 ? 1 : 0);
                    if (v == m.m1) continue;
                }
                int node = 1;
                for (int i = m.bits - 1; i >= 0; i--) {
                    int bit = (v >>> i) & 1;
                    rc.encodeBit(m.literal, node, bit);
                    node = (node << 1) | bit;
                }
            }
        }
        return rc.finish();
    }

    @Override
    public IndexPlane decode(BitReader in, int width, int height, int codebookSize) throws M3cFormatException {
        int[] k = new int[width * height];
        Model m = new Model(codebookSize);
        RangeDecoder rc = new RangeDecoder(in);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                m.at(k, width, x, y);
                int v;
                if (m.m0 >= 0 && rc.decodeBit(m.same0, m.ctx0) == 1) {
                    v = m.m0;
                } else if (m.m1 >= 0 && rc.decodeBit(m.same1, m.ctx1) == 1) {
                    v = m.m1;
                } else {
                    int node = 1;
                    for (int i = 0; i < m.bits; i++) node = (node << 1) | rc.decodeBit(m.literal, node);
                    v = node - (1 << m.bits);
                    if (v >= codebookSize) {
                        throw in.error("plane_data", Requirement.KF_5, "index < " + codebookSize,
                                v + " at x=" + x + " y=" + y);
                    }
                }
                k[y * width + x] = v;
            }
        }
        in.requireEnd("plane_data", Requirement.KF_4);
        return new IndexPlane(width, height, k);
    }
}
