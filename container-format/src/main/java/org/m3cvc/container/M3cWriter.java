package org.m3cvc.container;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.m3cvc.container.bits.BitReader;
import org.m3cvc.container.chunk.ChunkType;
import org.m3cvc.container.chunk.ChunkWriter;
import org.m3cvc.container.chunk.RawChunk;
import org.m3cvc.container.clip.ClipHeader;
import org.m3cvc.container.header.FileHeader;
import org.m3cvc.container.header.StreamHeader;
import org.m3cvc.container.keyframe.Keyframe;
import org.m3cvc.container.seek.SeekIndex;
import org.m3cvc.container.text.TextChunk;

/**
 * Writes a conforming .m3c file. Chunks are spooled to a temporary file beside the output; {@link #finish()} writes
 * the file header, stream header and seek index, appends the spool, and renames the result onto the output
 * atomically. An output is therefore either whole and valid or absent: {@link #close()} without {@code finish()}
 * deletes everything temporary.
 *
 * <p>Every chunk is checked as the reader would check it (each payload is parsed back and fed to the same
 * {@link StreamStructure}); a call that would make the stream non-conforming throws {@link IllegalArgumentException}
 * and writes nothing.
 *
 * <p>Not thread-safe.
 */
public final class M3cWriter implements AutoCloseable {
    private final Path out;
    private final StreamHeader sh;
    private final boolean withSeekIndex;
    private final Path spool;
    private final OutputStream body;
    private final StreamStructure structure;
    private final Framed streamHeaderChunk;
    private final List<Long> clipOffsets = new ArrayList<>();
    private final List<Long> firstFrames = new ArrayList<>();
    private long bodyBytes;
    private boolean finished;
    private boolean closed;

    private M3cWriter(Path out, StreamHeader sh, boolean withSeekIndex) throws IOException {
        this.out = out.toAbsolutePath();
        this.sh = sh;
        this.withSeekIndex = withSeekIndex;
        this.structure = new StreamStructure(out.toString());
        this.streamHeaderChunk = frame(ChunkType.STREAM_HEADER.code(), sh.toPayload(), 0);
        RawChunk shChunk = streamHeaderChunk.raw();
        check(() -> structure.onStreamHeader(shChunk, StreamHeader.read(reader(shChunk))));
        Path dir = this.out.getParent();
        this.spool = Files.createTempFile(dir, "." + this.out.getFileName() + ".", ".body");
        this.body = new BufferedOutputStream(Files.newOutputStream(spool));
    }

    /**
     * Starts a stream.
     *
     * @param out the output file; replaced only by {@link #finish()}
     * @param withSeekIndex whether to write a seek_index chunk (recommended; needed for fast random access)
     * @throws IllegalArgumentException if {@code sh} breaks a requirement of clause 6.3
     */
    public static M3cWriter create(Path out, StreamHeader sh, boolean withSeekIndex) throws IOException {
        return new M3cWriter(Objects.requireNonNull(out), Objects.requireNonNull(sh), withSeekIndex);
    }

    public StreamHeader streamHeader() { return sh; }

    /**
     * Writes one clip group: clip_header, its keyframe and its texts (clip_text_count is taken from
     * {@code clip}; it must equal {@code texts.size()}).
     */
    public void writeClip(ClipHeader clip, Keyframe keyframe, List<TextChunk> texts) throws IOException {
        requireOpen();
        if (clip.clipTextCount() != texts.size()) {
            throw new IllegalArgumentException("clip_text_count " + clip.clipTextCount() + " but " + texts.size()
                    + " texts");
        }
        List<byte[]> framed = new ArrayList<>();
        long at = bodyBytes;
        Framed ch = frame(ChunkType.CLIP_HEADER.code(), clip.toPayload(), at);
        check(() -> structure.onClipHeader(ch.raw(), ClipHeader.read(reader(ch.raw()))));
        framed.add(ch.bytes());
        at += ch.bytes().length;
        Framed kc = frame(ChunkType.KEYFRAME.code(), keyframe.toPayload(), at);
        check(() -> structure.onKeyframe(kc.raw(), Keyframe.read(reader(kc.raw()), sh)));
        framed.add(kc.bytes());
        at += kc.bytes().length;
        for (TextChunk t : texts) {
            Framed tc = frame(ChunkType.TEXT.code(), t.toPayload(), at);
            check(() -> structure.onText(tc.raw(), TextChunk.read(reader(tc.raw()), sh)));
            framed.add(tc.bytes());
            at += tc.bytes().length;
        }
        clipOffsets.add(bodyBytes);
        firstFrames.add((long) clip.firstFrame());
        for (byte[] b : framed) writeBody(b);
    }

    /** Writes keyframe clip_count (at frame frame_count - 1), after the last clip group. */
    public void writeTrailingKeyframe(Keyframe keyframe) throws IOException {
        requireOpen();
        Framed kc = frame(ChunkType.KEYFRAME.code(), keyframe.toPayload(), bodyBytes);
        check(() -> structure.onKeyframe(kc.raw(), Keyframe.read(reader(kc.raw()), sh)));
        writeBody(kc.bytes());
    }

    /**
     * Writes an ancillary extension chunk.
     *
     * @throws IllegalArgumentException unless {@code type} has the ancillary bit and is not a type of this version
     */
    public void writeAncillary(int type, byte[] payload) throws IOException {
        requireOpen();
        if (!ChunkType.isAncillary(type) || ChunkType.fromCode(type) != null || type > 0xFF) {
            throw new IllegalArgumentException(String.format("0x%02X is not an unknown ancillary chunk type", type));
        }
        Framed c = frame(type, payload, bodyBytes);
        check(() -> structure.onAncillary(c.raw()));
        writeBody(c.bytes());
    }

    /** Writes end_of_stream, assembles the file and renames it onto the output. */
    public void finish() throws IOException {
        requireOpen();
        Framed end = frame(ChunkType.END_OF_STREAM.code(), new byte[0], bodyBytes);
        check(() -> structure.onEnd(end.raw()));
        writeBody(end.bytes());
        body.close();
        byte[] fh = FileHeader.current().toBytes();
        byte[] seek = new byte[0];
        if (withSeekIndex) {
            // The body starts right after the index, and deltas count from there (clause 6.4): spool offsets are
            // already what the index needs, whatever its own size.
            long[] offs = clipOffsets.stream().mapToLong(Long::longValue).toArray();
            long[] frames = firstFrames.stream().mapToLong(Long::longValue).toArray();
            SeekIndex si = SeekIndex.fromAbsolute(0, offs, frames);
            seek = ChunkWriter.frame(ChunkType.SEEK_INDEX.code(), si.toPayload());
        }
        Path tmp = Files.createTempFile(out.getParent(), "." + out.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream os = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch));
                 InputStream spooled = Files.newInputStream(spool)) {
                os.write(fh);
                os.write(streamHeaderChunk.bytes());
                os.write(seek);
                spooled.transferTo(os);
                os.flush();
                ch.force(true);
            }
            org.m3cvc.container.io.OutputFiles.makePublic(tmp);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        finished = true;
        close();
    }

    /** Releases temporary files; without a prior {@link #finish()} the output is left untouched. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            body.close();
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private void requireOpen() {
        if (closed || finished) throw new IllegalStateException("writer is closed");
    }

    private void writeBody(byte[] b) throws IOException {
        body.write(b);
        bodyBytes += b.length;
    }

    /** A chunk framed once: its bytes to write and the {@link RawChunk} view the structure checks take. */
    private record Framed(RawChunk raw, byte[] bytes) {}

    private static Framed frame(int type, byte[] payload, long offset) {
        byte[] framed = ChunkWriter.frame(type, payload);
        int headerBytes = framed.length - payload.length - 4;
        long crc = ((framed[framed.length - 4] & 0xFFL) << 24) | ((framed[framed.length - 3] & 0xFFL) << 16)
                | ((framed[framed.length - 2] & 0xFFL) << 8) | (framed[framed.length - 1] & 0xFFL);
        return new Framed(new RawChunk(type, offset, headerBytes, payload, crc), framed);
    }

    private BitReader reader(RawChunk c) {
        return new BitReader(c.payload(), 0, c.payload().length, out.toString(), c.payloadOffset(), "/" + c.name(),
                Requirement.CK_4);
    }

    private interface Check {
        void run() throws M3cFormatException;
    }

    /** The writer's own checks: a violation is the caller's mistake, not bad data. */
    private static void check(Check c) {
        try {
            c.run();
        } catch (M3cFormatException e) {
            throw new IllegalArgumentException("would write a non-conforming stream: " + e.getMessage(), e);
        }
    }
}
