package org.m3cvc.codec.pipeline;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.m3cvc.codec.frame.Frame;
import org.m3cvc.container.ClipGroup;
import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.M3cReader;
import org.m3cvc.container.Requirement;
import org.m3cvc.container.bits.BitReader;
import org.m3cvc.container.chunk.ChunkReader;
import org.m3cvc.container.chunk.ChunkType;
import org.m3cvc.container.chunk.ChunkWriter;
import org.m3cvc.container.chunk.CountingInput;
import org.m3cvc.container.chunk.RawChunk;
import org.m3cvc.container.clip.ClipHeader;
import org.m3cvc.container.header.FileHeader;
import org.m3cvc.container.header.StreamHeader;

/**
 * Decodes a stream given as FFmpeg packets (spec Annex C): the extradata (the stream_header chunk as stored, then any
 * ancillary chunks), then one packet per clip group. A clip in interpolation mode needs the first keyframe of the next
 * packet, so a packet's frames come out once the next packet, or the end of the input, has arrived: one packet of
 * delay. After {@link #reset()} (a seek) any clip group may come next. The frames are those of
 * {@link StreamDecoder}, generated one per {@link #receive()} call. Not thread-safe.
 */
public final class PacketDecoder {
    /** A decoded frame and whether it is its clip's keyframe. */
    public record Decoded(Frame frame, boolean keyframe) {}

    private static final byte[] END_OF_STREAM = ChunkWriter.frame(ChunkType.END_OF_STREAM.code(), new byte[0]);

    private final String name;
    private final StreamHeader header;
    private final KeyframeReconstructor keyframes;
    private final ClipInterpolator clips;
    /** The clip group whose frames wait for the next packet or the end of the input. */
    private ClipGroup held;
    /** The held clip's keyframe when the previous clip decoded it as its end keyframe, else null. */
    private Frame heldKey;
    private ClipRun run;
    private boolean ended;

    /**
     * @param extradata the codec extradata (spec Annex C)
     * @param name what error messages call the input
     * @throws M3cFormatException if the extradata does not start with a valid stream_header chunk
     */
    public PacketDecoder(byte[] extradata, String name, KeyframeReconstructor keyframes, ClipInterpolator clips)
            throws IOException {
        this.name = name;
        this.header = streamHeader(extradata, name);
        this.keyframes = keyframes;
        this.clips = clips;
    }

    /** The stream header carried by {@code extradata}, checked as a reader checks it at the start of a file. */
    public static StreamHeader streamHeader(byte[] extradata, String name) throws IOException {
        if (extradata == null || extradata.length == 0) {
            throw new M3cFormatException(name, 0, 0, "/stream_header", "extradata holding the stream_header chunk",
                    "no extradata", Requirement.ST_1);
        }
        byte[] file = new byte[FileHeader.SIZE_BYTES + extradata.length];
        System.arraycopy(FileHeader.current().toBytes(), 0, file, 0, FileHeader.SIZE_BYTES);
        System.arraycopy(extradata, 0, file, FileHeader.SIZE_BYTES, extradata.length);
        try (M3cReader r = M3cReader.open(new ByteArrayInputStream(file), name + " (extradata)")) {
            return r.streamHeader();
        }
    }

    public StreamHeader streamHeader() { return header; }

    /**
     * Takes the next packet; call only when {@link #receive()} has returned null.
     *
     * @param packet one clip group as stored, or null for the end of the input
     * @param pos the packet's offset in the stream (for error messages), or -1
     */
    public void send(byte[] packet, long pos) throws Exception {
        if (run != null && run.hasNext()) throw new IllegalStateException("frames of the previous packet not received");
        if (ended) throw new IllegalStateException("input already ended");
        if (packet == null) {
            ended = true;
            if (held != null) start(null);
            return;
        }
        ClipGroup g = parse(packet, Math.max(pos, 0));
        if (held != null) {
            int expected = held.clip().clipIndex() + 1;
            if (g.clip().clipIndex() != expected) {
                throw new M3cFormatException(name, Math.max(pos, 0), 0, "/clip_header/clip_index",
                        "clip " + expected + " after clip " + held.clip().clipIndex() + " (flush the decoder on a seek)",
                        Integer.toString(g.clip().clipIndex()), Requirement.CL_1);
            }
            start(g);
        }
        held = g;
    }

    /** The next frame, or null when the decoder needs the next packet (or has ended). */
    public Decoded receive() throws Exception {
        if (run == null || !run.hasNext()) return null;
        boolean key = run.atKeyframe();
        return new Decoded(run.next(), key);
    }

    /** Forgets everything but the stream header: the next packet may be any clip group (a seek). */
    public void reset() {
        held = null;
        heldKey = null;
        run = null;
        ended = false;
    }

    /** Starts generating the held clip, whose end keyframe (if it needs one) is in {@code following}. */
    private void start(ClipGroup following) throws Exception {
        Frame key = heldKey != null ? heldKey
                : ClipRun.decodeKeyframe(keyframes, held, held.keyframe(), held.clip().firstFrame());
        run = new ClipRun(held, following, key, keyframes, clips);
        heldKey = run.end();
    }

    /** One clip group, checked with the reader's checks of a stream resumed at its clip_header (spec clause 7). */
    private ClipGroup parse(byte[] packet, long pos) throws IOException {
        RawChunk first = new ChunkReader(new CountingInput(new ByteArrayInputStream(packet), pos), name).next();
        if (first == null || first.knownType() != ChunkType.CLIP_HEADER) {
            throw new M3cFormatException(name, pos, 0, "/clip_header", "a packet starting with a clip_header chunk",
                    first == null ? "an empty packet" : first.name(), Requirement.CL_1);
        }
        ClipHeader ch = ClipHeader.read(new BitReader(first.payload(), 0, first.payload().length, name,
                first.payloadOffset(), "/clip_header", Requirement.CK_4));
        if (ch.clipIndex() >= header.clipCount()) {
            throw new M3cFormatException(name, pos, 0, "/clip_header/clip_index", "below clip_count "
                    + header.clipCount(), Integer.toString(ch.clipIndex()), Requirement.CL_1);
        }
        byte[] data = packet;
        if (ch.clipIndex() == header.clipCount() - 1) {
            // The last packet ends where end_of_stream starts (Annex C); the reader checks the group up to it.
            data = new byte[packet.length + END_OF_STREAM.length];
            System.arraycopy(packet, 0, data, 0, packet.length);
            System.arraycopy(END_OF_STREAM, 0, data, packet.length, END_OF_STREAM.length);
        }
        try (M3cReader r = M3cReader.resumeAt(new ByteArrayInputStream(data), name, FileHeader.current(), header,
                ch.clipIndex(), ch.firstFrame(), pos)) {
            ClipGroup g = r.nextClip();
            if (g == null || g.keyframe() == null) {
                throw new M3cFormatException(name, pos, 0, "/keyframe", "a clip group with its keyframe",
                        "a packet without one", Requirement.CL_1);
            }
            return g;
        }
    }
}
