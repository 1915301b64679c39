package org.m3cvc.container.chunk;

import java.util.zip.CRC32C;

import org.m3cvc.container.Limits;
import org.m3cvc.container.bits.BitWriter;

/** Frames a payload as a chunk (spec clause 5.2): chunk_type, chunk_size, chunk_payload, chunk_crc. */
public final class ChunkWriter {
    private ChunkWriter() {}

    /**
     * @throws IllegalArgumentException when {@code type} is not a byte or the payload exceeds max_chunk_size
     */
    public static byte[] frame(int type, byte[] payload) {
        if (payload.length > Limits.MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds max_chunk_size");
        }
        return frameUnchecked(type, payload);
    }

    /** As {@link #frame} without the size limit: for building deliberately invalid conformance streams. */
    public static byte[] frameUnchecked(int type, byte[] payload) {
        BitWriter w = new BitWriter();
        w.u8(type).leb128(payload.length).bytes(payload);
        byte[] head = w.toByteArray();
        CRC32C c = new CRC32C();
        c.update(head, 0, head.length);
        return new BitWriter().bytes(head).u(32, c.getValue()).toByteArray();
    }
}
