package org.m3cvc.container.clip;

import static org.m3cvc.container.Limits.*;

import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.Requirement;
import org.m3cvc.container.bits.BitReader;
import org.m3cvc.container.bits.BitWriter;

/**
 * clip_header (spec clause 6.5). A clip is the frames [first_frame, first_frame + clip_frame_count); it starts at
 * keyframe clip_index and, in interpolation mode, ends before (or at, for the trailing keyframe) keyframe clip_index + 1.
 *
 * @param clipMode clip_mode code; see {@link ClipMode}
 * @param clipTextCount clip_text_count: number of text chunks in this clip group
 */
public record ClipHeader(int clipIndex, int firstFrame, int clipFrameCount, int clipMode, int clipTextCount) {

    public ClipMode clipModeEnum() { return ClipMode.fromCode(clipMode); }

    /** Reads the payload and checks the element-local parts of CL-3, CL-4, CL-6 and CK-4. */
    public static ClipHeader read(BitReader r) throws M3cFormatException {
        int clipIndex = (int) r.leb128("clip_index", 0, MAX_CLIP_COUNT - 1, Requirement.CL_1);
        int firstFrame = (int) r.leb128("first_frame", 0, MAX_FRAME_COUNT - 1, Requirement.CL_2);
        int clipFrameCount = (int) r.leb128("clip_frame_count", 1, MAX_CLIP_FRAMES, Requirement.CL_3);
        long at = r.bitPosition();
        int clipMode = r.u8("clip_mode");
        if (ClipMode.fromCode(clipMode) == null) {
            throw r.errorAt(at, "clip_mode", Requirement.CL_4, "0 (prediction) or 1 (interpolation)", clipMode);
        }
        int clipTextCount = (int) r.leb128("clip_text_count", 0, MAX_CLIP_TEXT_COUNT, Requirement.CL_6);
        r.requireEnd("clip_text_count", Requirement.CK_4);
        return new ClipHeader(clipIndex, firstFrame, clipFrameCount, clipMode, clipTextCount);
    }

    public void write(BitWriter w) {
        w.leb128(clipIndex).leb128(firstFrame).leb128(clipFrameCount).u8(clipMode).leb128(clipTextCount);
    }

    public byte[] toPayload() {
        BitWriter w = new BitWriter();
        write(w);
        return w.toByteArray();
    }
}
