package org.m3cvc.container.seek;

import static org.m3cvc.container.Limits.MAX_CLIP_COUNT;

import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.Requirement;
import org.m3cvc.container.bits.BitReader;
import org.m3cvc.container.bits.BitWriter;

/**
 * seek_index (spec clause 6.4), ancillary: where each clip group starts, in bytes and frames. Offsets are delta-coded
 * from the end of the seek_index chunk, so the index's own size does not feed back into its values.
 *
 * @param seekOffsetDeltas seek_offset_delta per entry (owned)
 * @param seekFrameDeltas seek_frame_delta per entry (owned)
 */
public record SeekIndex(long[] seekOffsetDeltas, long[] seekFrameDeltas) {

    public int entryCount() { return seekOffsetDeltas.length; }

    /**
     * Builds the index from absolute clip_header offsets and first frames.
     *
     * @param indexEnd file offset just past the seek_index chunk
     */
    public static SeekIndex fromAbsolute(long indexEnd, long[] clipOffsets, long[] firstFrames) {
        long[] od = new long[clipOffsets.length];
        long[] fd = new long[clipOffsets.length];
        long prevOffset = indexEnd, prevFrame = 0;
        for (int i = 0; i < od.length; i++) {
            od[i] = clipOffsets[i] - prevOffset;
            fd[i] = firstFrames[i] - prevFrame;
            prevOffset = clipOffsets[i];
            prevFrame = firstFrames[i];
        }
        return new SeekIndex(od, fd);
    }

    /** Absolute clip_header offsets, given the file offset just past this chunk. */
    public long[] absoluteOffsets(long indexEnd) {
        long[] out = new long[seekOffsetDeltas.length];
        long o = indexEnd;
        for (int i = 0; i < out.length; i++) out[i] = o += seekOffsetDeltas[i];
        return out;
    }

    /** Absolute first frames. */
    public long[] absoluteFrames() {
        long[] out = new long[seekFrameDeltas.length];
        long f = 0;
        for (int i = 0; i < out.length; i++) out[i] = f += seekFrameDeltas[i];
        return out;
    }

    /** Reads the payload; seek_entry_count is checked against the limit before the entries are allocated. */
    public static SeekIndex read(BitReader r) throws M3cFormatException {
        int n = (int) r.leb128("seek_entry_count", 0, MAX_CLIP_COUNT, Requirement.SI_1);
        // Each entry takes at least 2 bytes: refuse a count the payload cannot hold before allocating for it.
        if (2L * n > r.bitsLeft() / 8) {
            throw r.error("seek_entry_count", Requirement.CK_4, "at most " + (r.bitsLeft() / 16) + " entries in "
                    + (r.bitsLeft() / 8) + " bytes", n);
        }
        long[] od = new long[n];
        long[] fd = new long[n];
        for (int i = 0; i < n; i++) {
            od[i] = r.leb128("seek_offset_delta");
            fd[i] = r.leb128("seek_frame_delta");
        }
        r.requireEnd("seek_frame_delta", Requirement.CK_4);
        return new SeekIndex(od, fd);
    }

    public void write(BitWriter w) {
        w.leb128(seekOffsetDeltas.length);
        for (int i = 0; i < seekOffsetDeltas.length; i++) w.leb128(seekOffsetDeltas[i]).leb128(seekFrameDeltas[i]);
    }

    public byte[] toPayload() {
        BitWriter w = new BitWriter();
        write(w);
        return w.toByteArray();
    }
}
