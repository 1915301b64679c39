package org.m3cvc.container.plane;

import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.bits.BitReader;
import org.m3cvc.container.keyframe.IndexPlane;
import org.m3cvc.container.keyframe.PlaneCoding;

/** Codes an index plane as plane_data, by one of the processes of spec clause 8. Implementations are stateless. */
public interface PlaneCoder {
    /**
     * @throws IllegalArgumentException when an index is not below {@code codebookSize}
     */
    byte[] encode(IndexPlane plane, int codebookSize);

    /**
     * Decodes exactly {@code width * height} indices from {@code in}, which covers exactly plane_data.
     *
     * @throws M3cFormatException breaking KF-4 (short, long or badly padded data) or KF-5 (index out of range)
     */
    IndexPlane decode(BitReader in, int width, int height, int codebookSize) throws M3cFormatException;

    static PlaneCoder of(PlaneCoding coding) {
        return switch (coding) {
            case RAW -> RawPlaneCoder.INSTANCE;
            case CONTEXT_RANGE -> ContextPlaneCoder.INSTANCE;
        };
    }

    /** Bits of one raw index: ceil(log2(codebookSize)). */
    static int indexBits(int codebookSize) {
        return 32 - Integer.numberOfLeadingZeros(codebookSize - 1);
    }
}
