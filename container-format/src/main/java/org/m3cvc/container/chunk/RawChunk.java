package org.m3cvc.container.chunk;

/**
 * A chunk as framed on disk (spec clause 5.2), its CRC already checked.
 *
 * @param type chunk_type, 0..255
 * @param offset file offset of the chunk_type byte
 * @param headerBytes bytes of chunk_type and chunk_size together
 * @param payload chunk_payload; owned by this record, do not modify
 * @param crc chunk_crc as stored (and verified)
 */
public record RawChunk(int type, long offset, int headerBytes, byte[] payload, long crc) {
    /** Bytes of chunk_type, chunk_size, chunk_payload and chunk_crc. */
    public long totalBytes() { return headerBytes + (long) payload.length + 4; }

    /** File offset of the first payload byte. */
    public long payloadOffset() { return offset + headerBytes; }

    public ChunkType knownType() { return ChunkType.fromCode(type); }

    public String name() { return ChunkType.nameOf(type); }
}
