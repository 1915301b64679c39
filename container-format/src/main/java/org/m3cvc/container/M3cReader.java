package org.m3cvc.container;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.m3cvc.container.bits.BitReader;
import org.m3cvc.container.chunk.ChunkReader;
import org.m3cvc.container.chunk.ChunkType;
import org.m3cvc.container.chunk.CountingInput;
import org.m3cvc.container.chunk.RawChunk;
import org.m3cvc.container.clip.ClipHeader;
import org.m3cvc.container.header.FileHeader;
import org.m3cvc.container.header.StreamHeader;
import org.m3cvc.container.keyframe.Keyframe;
import org.m3cvc.container.seek.SeekIndex;
import org.m3cvc.container.text.TextChunk;

/**
 * Streaming reader of .m3c (spec clauses 5 to 8): reads from any {@link InputStream}, one chunk at a time, and checks
 * every requirement as it goes. Memory stays bounded by the limits of clause 9 whatever the input declares.
 *
 * <p>Every malformed input raises {@link M3cFormatException}; an I/O failure of the underlying stream raises a plain
 * {@link IOException}. After an exception the reader must not be used further.
 *
 * <p>The reader owns the input stream and closes it. Not thread-safe.
 */
public final class M3cReader implements AutoCloseable {
    private final InputStream stream;
    private final CountingInput in;
    private final ChunkReader chunks;
    private final StreamStructure structure;
    private final String file;
    private final FileHeader fileHeader;
    private StreamHeader streamHeader;
    private SeekIndex seekIndex;
    private final Deque<ChunkEvent> pending = new ArrayDeque<>();
    private boolean ended;
    private IOException failure;

    private M3cReader(InputStream stream, String file, FileHeader fh, long offset, StreamStructure structure) {
        this.stream = buffered(stream);
        this.file = file;
        this.fileHeader = fh;
        this.in = new CountingInput(this.stream, offset);
        this.chunks = new ChunkReader(in, file);
        this.structure = structure;
    }

    /**
     * Reads the file header and the stream header, nothing more: a damaged chunk after them surfaces from
     * {@link #next()}, with the headers already available.
     *
     * @param stream the input, positioned at the file start; owned by the reader from now on
     * @param file the name used in error messages
     */
    public static M3cReader open(InputStream stream, String file) throws IOException {
        stream = buffered(stream);
        try {
            byte[] head = new byte[FileHeader.SIZE_BYTES];
            CountingInput probe = new CountingInput(stream, 0);
            int n = probe.readFully(head, 0, head.length);
            BitReader hr = new BitReader(head, 0, n, file, 0, "/file_header", Requirement.FH_1);
            if (n < FileHeader.SIZE_BYTES) {
                if (n < 8 || !java.util.Arrays.equals(java.util.Arrays.copyOf(head, 8), FileHeader.FILE_SIGNATURE)) {
                    throw hr.error("file_signature", Requirement.FH_1, "a 16-byte .m3c file header", n + " bytes");
                }
                throw new M3cFormatException(file, n, 0, "/file_header", "16 bytes", n + " bytes", Requirement.CK_1);
            }
            FileHeader fh = FileHeader.read(hr);
            M3cReader r = new M3cReader(stream, file, fh, FileHeader.SIZE_BYTES, new StreamStructure(file));
            ChunkEvent first = r.readEvent();
            if (first == null || !(first.syntax() instanceof StreamHeader)) {
                throw new M3cFormatException(file, FileHeader.SIZE_BYTES, 0, "/stream_header",
                        "a stream_header chunk first", first == null ? "end of file" : first.raw().name(),
                        Requirement.ST_1);
            }
            r.pending.add(first);
            return r;
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /** Chunk headers are read byte by byte: never let that reach an unbuffered file or socket. */
    private static InputStream buffered(InputStream in) {
        return in instanceof BufferedInputStream || in instanceof ByteArrayInputStream ? in : new BufferedInputStream(in);
    }

    /**
     * A reader resumed at the clip_header of clip {@code clipIndex}, for random access through a seek index.
     *
     * @param stream positioned at that clip_header; owned by the reader from now on
     */
    public static M3cReader resumeAt(InputStream stream, String file, FileHeader fh, StreamHeader sh, int clipIndex,
                                     long firstFrame, long offset) {
        M3cReader r = new M3cReader(stream, file, fh, offset, StreamStructure.resumeAt(file, sh, clipIndex, firstFrame));
        r.streamHeader = sh;
        return r;
    }

    public String file() { return file; }

    public FileHeader fileHeader() { return fileHeader; }

    public StreamHeader streamHeader() { return streamHeader; }

    /**
     * The seek index, once read: non-null after the chunk following the stream header has been read (by
     * {@link #next()} or {@link #peek()}) and was a seek_index; null before that or if there is none.
     */
    public SeekIndex seekIndex() { return seekIndex; }

    /**
     * The next chunk without consuming it (null at the end), for example to look for a seek_index right after
     * {@link #open}. A malformed chunk throws here as it would from {@link #next()}.
     */
    public ChunkEvent peek() throws IOException {
        if (pending.isEmpty()) {
            ChunkEvent e;
            try {
                e = readEvent();
            } catch (IOException x) {
                failure = x;
                throw x;
            }
            if (e == null) return null;
            pending.add(e);
        }
        return pending.peek();
    }

    /** File offset of the next unread byte. */
    public long offset() { return in.offset(); }

    /**
     * The next chunk, parsed and checked; null once end_of_stream has been read and the input is known to end there.
     */
    public ChunkEvent next() throws IOException {
        if (!pending.isEmpty()) return pending.poll();
        // A chunk that failed under peek() fails again here rather than being skipped.
        if (failure != null) throw failure;
        return readEvent();
    }

    private ChunkEvent readEvent() throws IOException {
        if (ended) return null;
        RawChunk c = chunks.next();
        if (c == null) {
            structure.onEndOfInput(in.offset());
            return null;
        }
        ChunkType t = c.knownType();
        if (t == null) {
            if (!ChunkType.isAncillary(c.type())) {
                throw new M3cFormatException(file, c.offset(), 0, "/" + c.name() + "/chunk_type",
                        "a chunk type of this version or an ancillary one", String.format("critical type 0x%02X",
                        c.type()), Requirement.CK_5);
            }
            structure.onAncillary(c);
            return new ChunkEvent(c, null);
        }
        BitReader r = new BitReader(c.payload(), 0, c.payload().length, file, c.payloadOffset(), "/" + t.specName(),
                Requirement.CK_4);
        Object syntax;
        switch (t) {
            case STREAM_HEADER -> {
                if (streamHeader != null) {
                    throw new M3cFormatException(file, c.offset(), 0, "/stream_header", "one stream_header only",
                            "another", Requirement.ST_1);
                }
                StreamHeader h = StreamHeader.read(r);
                structure.onStreamHeader(c, h);
                streamHeader = h;
                syntax = h;
            }
            case SEEK_INDEX -> {
                requireHeader(c);
                SeekIndex si = SeekIndex.read(r);
                structure.onSeekIndex(c, si);
                seekIndex = si;
                syntax = si;
            }
            case CLIP_HEADER -> {
                requireHeader(c);
                ClipHeader h = ClipHeader.read(r);
                structure.onClipHeader(c, h);
                syntax = h;
            }
            case KEYFRAME -> {
                requireHeader(c);
                Keyframe k = Keyframe.read(r, streamHeader);
                structure.onKeyframe(c, k);
                syntax = k;
            }
            case TEXT -> {
                requireHeader(c);
                TextChunk tx = TextChunk.read(r, streamHeader);
                structure.onText(c, tx);
                syntax = tx;
            }
            case END_OF_STREAM -> {
                requireHeader(c);
                structure.onEnd(c);
                if (in.read() >= 0) {
                    throw new M3cFormatException(file, in.offset() - 1, 0, "/end_of_stream",
                            "end of file after end_of_stream", "more bytes", Requirement.ST_6);
                }
                ended = true;
                syntax = ChunkEvent.EndOfStream.INSTANCE;
            }
            default -> throw new IllegalStateException("unhandled chunk type " + t);
        }
        return new ChunkEvent(c, syntax);
    }

    private void requireHeader(RawChunk c) throws M3cFormatException {
        if (streamHeader == null) {
            throw new M3cFormatException(file, c.offset(), 0, "/" + c.name(), "a stream_header chunk first", c.name(),
                    Requirement.ST_1);
        }
    }

    /**
     * The next clip group, or null after the last. For the last clip this reads through end_of_stream, so a null
     * afterwards means the whole stream was valid.
     */
    public ClipGroup nextClip() throws IOException {
        ClipHeader clip = null;
        Keyframe keyframe = null;
        Keyframe trailing = null;
        List<TextChunk> texts = new ArrayList<>();
        long offset = -1;
        ChunkEvent e;
        while ((e = next()) != null) {
            Object s = e.syntax();
            if (s instanceof ClipHeader h) {
                clip = h;
                offset = e.raw().offset();
            } else if (s instanceof Keyframe k) {
                if (keyframe == null) keyframe = k;
                else trailing = k;
            } else if (s instanceof TextChunk t) {
                texts.add(t);
            }
            if (clip == null || keyframe == null) continue;
            boolean last = clip.clipIndex() == streamHeader.clipCount() - 1;
            if (!last && texts.size() == clip.clipTextCount()) break;
            if (s == ChunkEvent.EndOfStream.INSTANCE) break;
        }
        return clip == null ? null : new ClipGroup(clip, keyframe, texts, trailing, offset);
    }

    /** Reads and checks everything left; returns the number of chunks read. */
    public long readToEnd() throws IOException {
        long n = 0;
        while (next() != null) n++;
        return n;
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
