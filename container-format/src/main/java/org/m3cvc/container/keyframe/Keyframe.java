package org.m3cvc.container.keyframe;

import static org.m3cvc.container.Limits.MAX_CLIP_COUNT;
import static org.m3cvc.container.Limits.MAX_FRAME_COUNT;

import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.Requirement;
import org.m3cvc.container.bits.BitReader;
import org.m3cvc.container.bits.BitWriter;
import org.m3cvc.container.header.StreamHeader;
import org.m3cvc.container.plane.PlaneCoder;

/**
 * keyframe (spec clause 6.6): one keyframe's VQ index plane, entropy coded.
 *
 * @param planeCoding plane_coding code; see {@link PlaneCoding}
 * @param planeData plane_data as stored (owned; do not modify)
 * @param plane the decoded plane (null only for a keyframe built to be written undecodable, in conformance tooling)
 */
public record Keyframe(int keyframeIndex, int keyframeFrame, int planeCoding, byte[] planeData, IndexPlane plane) {

    public PlaneCoding planeCodingEnum() { return PlaneCoding.fromCode(planeCoding); }

    /** Codes {@code plane} with {@code coding}. */
    public static Keyframe of(int keyframeIndex, int keyframeFrame, PlaneCoding coding, IndexPlane plane,
                              int codebookSize) {
        byte[] data = PlaneCoder.of(coding).encode(plane, codebookSize);
        return new Keyframe(keyframeIndex, keyframeFrame, coding.code(), data, plane);
    }

    /**
     * Reads the payload and decodes plane_data with the plane size and codebook of {@code sh}; checks KF-3, KF-4,
     * KF-5 and the element ranges. Placement (KF-1, KF-2) is the stream's to check.
     */
    public static Keyframe read(BitReader r, StreamHeader sh) throws M3cFormatException {
        int keyframeIndex = (int) r.leb128("keyframe_index", 0, MAX_CLIP_COUNT, Requirement.KF_1);
        int keyframeFrame = (int) r.leb128("keyframe_frame", 0, MAX_FRAME_COUNT - 1, Requirement.KF_2);
        long at = r.bitPosition();
        int planeCoding = r.u8("plane_coding");
        PlaneCoding coding = PlaneCoding.fromCode(planeCoding);
        if (coding == null) {
            throw r.errorAt(at, "plane_coding", Requirement.KF_3, "0 (raw) or 1 (context_range)", planeCoding);
        }
        BitReader data = r.remainder(Requirement.KF_4);
        int dataFrom = (int) (data.bitPosition() >>> 3);
        IndexPlane plane = PlaneCoder.of(coding).decode(data, sh.planeWidth(), sh.planeHeight(), sh.codebookSize());
        byte[] planeData = data.copyBytes(dataFrom, (int) (data.bitPosition() >>> 3));
        return new Keyframe(keyframeIndex, keyframeFrame, planeCoding, planeData, plane);
    }

    public void write(BitWriter w) {
        w.leb128(keyframeIndex).leb128(keyframeFrame).u8(planeCoding).bytes(planeData);
    }

    public byte[] toPayload() {
        BitWriter w = new BitWriter();
        write(w);
        return w.toByteArray();
    }
}
