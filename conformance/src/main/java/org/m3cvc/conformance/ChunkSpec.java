package org.m3cvc.conformance;

import org.m3cvc.container.chunk.ChunkType;
import org.m3cvc.container.chunk.ChunkWriter;
import org.m3cvc.container.clip.ClipHeader;
import org.m3cvc.container.keyframe.Keyframe;
import org.m3cvc.container.text.TextChunk;

/**
 * One chunk of a stream under construction: its type, payload and (for known types) the element it was made from.
 * Framing is unchecked so that a case can declare any size or type.
 */
final class ChunkSpec {
    int type;
    byte[] payload;
    Object syntax;
    /** When set, replaces the whole framed chunk (to break its crc or size field). */
    byte[] framedOverride;

    ChunkSpec(int type, byte[] payload, Object syntax) {
        this.type = type;
        this.payload = payload;
        this.syntax = syntax;
    }

    static ChunkSpec of(ClipHeader h) { return new ChunkSpec(ChunkType.CLIP_HEADER.code(), h.toPayload(), h); }

    static ChunkSpec of(Keyframe k) { return new ChunkSpec(ChunkType.KEYFRAME.code(), k.toPayload(), k); }

    static ChunkSpec of(TextChunk t) { return new ChunkSpec(ChunkType.TEXT.code(), t.toPayload(), t); }

    static ChunkSpec end() { return new ChunkSpec(ChunkType.END_OF_STREAM.code(), new byte[0], null); }

    byte[] framed() {
        return framedOverride != null ? framedOverride : ChunkWriter.frameUnchecked(type, payload);
    }
}
