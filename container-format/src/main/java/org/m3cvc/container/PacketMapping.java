package org.m3cvc.container;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.m3cvc.container.chunk.ChunkType;
import org.m3cvc.container.clip.ClipHeader;

/**
 * A whole stream cut into FFmpeg's codec extradata and packets (spec Annex C): the extradata is the stream_header chunk
 * as stored followed by any ancillary chunks before clip group 0 (not the seek_index); packet <i>i</i> is clip group
 * <i>i</i> as stored, from its clip_header up to the next clip_header or end_of_stream.
 *
 * @param extradata the codec extradata
 * @param packets one per clip, in order
 */
public record PacketMapping(byte[] extradata, List<Packet> packets) {
    /**
     * One packet.
     *
     * @param data the clip group's bytes
     * @param offset offset of its clip_header in the stream
     * @param firstFrame first_frame of its clip (the packet's pts in frames)
     * @param frames clip_frame_count (its duration in frames)
     */
    public record Packet(byte[] data, long offset, long firstFrame, long frames) {}

    public PacketMapping {
        packets = List.copyOf(packets);
    }

    /**
     * Reads and checks {@code stream} (every requirement a reader checks) and cuts it.
     *
     * @param name what error messages call the stream
     */
    public static PacketMapping of(byte[] stream, String name) throws IOException {
        List<ChunkEvent> events = new ArrayList<>();
        try (M3cReader r = M3cReader.open(new ByteArrayInputStream(stream), name)) {
            for (ChunkEvent e; (e = r.next()) != null; ) events.add(e);
        }
        ByteArrayOutputStream extradata = new ByteArrayOutputStream();
        List<Packet> packets = new ArrayList<>();
        ClipHeader clip = null;
        long start = -1;
        for (ChunkEvent e : events) {
            ChunkType t = e.raw().knownType();
            boolean boundary = t == ChunkType.CLIP_HEADER || t == ChunkType.END_OF_STREAM;
            if (clip == null && !boundary) {
                if (t != ChunkType.SEEK_INDEX) {
                    int from = (int) e.raw().offset();
                    extradata.write(stream, from, (int) e.raw().totalBytes());
                }
                continue;
            }
            if (!boundary) continue;
            if (clip != null) {
                packets.add(new Packet(Arrays.copyOfRange(stream, (int) start, (int) e.raw().offset()), start,
                        clip.firstFrame(), clip.clipFrameCount()));
            }
            if (e.syntax() instanceof ClipHeader h) {
                clip = h;
                start = e.raw().offset();
            }
        }
        return new PacketMapping(extradata.toByteArray(), packets);
    }
}
