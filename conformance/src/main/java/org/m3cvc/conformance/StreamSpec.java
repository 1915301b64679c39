package org.m3cvc.conformance;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.m3cvc.container.DecodedSyntax;
import org.m3cvc.container.chunk.ChunkType;
import org.m3cvc.container.chunk.ChunkWriter;
import org.m3cvc.container.clip.ClipHeader;
import org.m3cvc.container.header.FileHeader;
import org.m3cvc.container.header.StreamHeader;
import org.m3cvc.container.keyframe.Keyframe;
import org.m3cvc.container.seek.SeekIndex;

/**
 * A stream as a list of chunks that a conformance case can change freely before it is assembled into bytes.
 * {@link #toBytes()} computes the seek index from where the clip_header chunks land, unless a case overrides it, so
 * that changing one chunk breaks only what the case means to break.
 */
final class StreamSpec {
    byte[] fileHeader = FileHeader.current().toBytes();
    StreamHeader.Builder header;
    byte[] headerPayloadOverride;
    boolean seekIndex = true;
    byte[] seekPayloadOverride;
    /** Chunks after the stream header (and seek index), in order. */
    final List<ChunkSpec> body = new ArrayList<>();
    byte[] tail = new byte[0];
    /** Leaves the stream_header chunk out (for ST-1). */
    boolean omitStreamHeader;
    /** When set, the assembled bytes are cut to this length. */
    int truncateTo = -1;

    StreamSpec(StreamHeader.Builder header) {
        this.header = header;
    }

    StreamSpec header(Consumer<StreamHeader.Builder> change) {
        change.accept(header);
        return this;
    }

    /** Index in {@link #body} of the n-th chunk of {@code type}. */
    int find(ChunkType type, int n) {
        for (int i = 0; i < body.size(); i++) {
            if (body.get(i).type == type.code() && n-- == 0) return i;
        }
        throw new IllegalArgumentException("no " + type + " #" + n);
    }

    ChunkSpec chunk(ChunkType type, int n) { return body.get(find(type, n)); }

    byte[] streamHeaderChunk() {
        byte[] payload = headerPayloadOverride != null ? headerPayloadOverride : header.build().toPayload();
        return ChunkWriter.frameUnchecked(ChunkType.STREAM_HEADER.code(), payload);
    }

    /** The seek index that locates this spec's clip_header chunks, as a conforming writer computes it. */
    SeekIndex computedSeekIndex() {
        List<Long> offsets = new ArrayList<>();
        List<Long> frames = new ArrayList<>();
        long at = 0;
        for (ChunkSpec c : body) {
            if (c.syntax instanceof ClipHeader h && c.type == ChunkType.CLIP_HEADER.code()) {
                offsets.add(at);
                frames.add((long) h.firstFrame());
            }
            at += c.framed().length;
        }
        return SeekIndex.fromAbsolute(0, offsets.stream().mapToLong(Long::longValue).toArray(),
                frames.stream().mapToLong(Long::longValue).toArray());
    }

    byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(fileHeader);
        if (!omitStreamHeader) out.writeBytes(streamHeaderChunk());
        if (seekIndex) {
            byte[] payload = seekPayloadOverride != null ? seekPayloadOverride : computedSeekIndex().toPayload();
            out.writeBytes(ChunkWriter.frameUnchecked(ChunkType.SEEK_INDEX.code(), payload));
        }
        for (ChunkSpec c : body) out.writeBytes(c.framed());
        out.writeBytes(tail);
        byte[] bytes = out.toByteArray();
        return truncateTo >= 0 ? java.util.Arrays.copyOf(bytes, truncateTo) : bytes;
    }

    /** The decoded syntax of what this spec holds, from the elements it was built from (not from its bytes). */
    String decodedSyntax() {
        List<Object> elements = new ArrayList<>();
        elements.add(header.build());
        for (ChunkSpec c : body) {
            if (c.syntax instanceof Keyframe k && k.plane() == null) throw new IllegalStateException("no plane");
            if (c.syntax != null) elements.add(c.syntax);
        }
        return DecodedSyntax.of(elements);
    }
}
