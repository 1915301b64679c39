package org.m3cvc.container.plane;

import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.Requirement;
import org.m3cvc.container.bits.BitReader;
import org.m3cvc.container.bits.BitWriter;
import org.m3cvc.container.keyframe.IndexPlane;

/** plane_coding = raw (spec clause 8.3): each index as u(ceil(log2(codebook_size))), raster order, zero padding. */
public final class RawPlaneCoder implements PlaneCoder {
    public static final RawPlaneCoder INSTANCE = new RawPlaneCoder();

    private RawPlaneCoder() {}

    @Override
    public byte[] encode(IndexPlane plane, int codebookSize) {
        int bits = PlaneCoder.indexBits(codebookSize);
        BitWriter w = new BitWriter();
        for (int v : plane.indices()) {
            if (v < 0 || v >= codebookSize) throw new IllegalArgumentException("index " + v + " >= " + codebookSize);
            w.u(bits, v);
        }
        return w.zeroPadding().toByteArray();
    }

    @Override
    public IndexPlane decode(BitReader in, int width, int height, int codebookSize) throws M3cFormatException {
        int bits = PlaneCoder.indexBits(codebookSize);
        int[] out = new int[width * height];
        for (int i = 0; i < out.length; i++) {
            long at = in.bitPosition();
            int v = (int) in.u(bits, "plane_data");
            if (v >= codebookSize) {
                throw in.errorAt(at, "plane_data", Requirement.KF_5, "index < " + codebookSize, v + " at index " + i);
            }
            out[i] = v;
        }
        in.zeroPadding("plane_data", Requirement.KF_4);
        in.requireEnd("plane_data", Requirement.KF_4);
        return new IndexPlane(width, height, out);
    }
}
