package org.m3cvc.container;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.m3cvc.container.clip.ClipHeader;
import org.m3cvc.container.header.FileHeader;
import org.m3cvc.container.header.StreamHeader;
import org.m3cvc.container.seek.SeekIndex;

/**
 * Random access to a seekable .m3c file (spec clause 7): finds clip groups through the seek index, or, when the
 * stream has none, through one validating pass over the file. A clip read this way is checked as in a sequential
 * read (its clip_index and first_frame must match what the index promised).
 *
 * <p>Owns one open file channel; not thread-safe.
 */
public final class M3cFile implements AutoCloseable {
    private final Path path;
    private final String name;
    private final FileChannel channel;
    private final FileHeader fileHeader;
    private final StreamHeader streamHeader;
    private final long[] clipOffsets;
    private final long[] firstFrames;
    private final boolean fromSeekIndex;

    private M3cFile(Path path, FileChannel channel, FileHeader fh, StreamHeader sh, long[] offsets, long[] frames,
                    boolean fromSeekIndex) {
        this.path = path;
        this.name = path.toString();
        this.channel = channel;
        this.fileHeader = fh;
        this.streamHeader = sh;
        this.clipOffsets = offsets;
        this.firstFrames = frames;
        this.fromSeekIndex = fromSeekIndex;
    }

    public static M3cFile open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            // The reader must not close the channel: wrap it so close() is a no-op for the header pass.
            M3cReader r = M3cReader.open(nonClosing(ch), path.toString());
            r.next(); // the stream header
            ChunkEvent second = r.peek();
            SeekIndex si = second != null && second.syntax() instanceof SeekIndex s ? s : null;
            StreamHeader sh = r.streamHeader();
            if (si != null) {
                long indexEnd = second.raw().offset() + second.raw().totalBytes();
                long[] offs = si.absoluteOffsets(indexEnd);
                long[] frames = si.absoluteFrames();
                checkSeekIndex(path.toString(), indexEnd, ch.size(), sh, offs, frames);
                return new M3cFile(path, ch, r.fileHeader(), sh, offs, frames, true);
            }
            List<long[]> found = new ArrayList<>();
            ChunkEvent e;
            while ((e = r.next()) != null) {
                if (e.syntax() instanceof ClipHeader h) found.add(new long[] {e.raw().offset(), h.firstFrame()});
            }
            long[] offs = found.stream().mapToLong(a -> a[0]).toArray();
            long[] frames = found.stream().mapToLong(a -> a[1]).toArray();
            return new M3cFile(path, ch, r.fileHeader(), sh, offs, frames, false);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * SI-2 as far as it can be checked without reading the clips: entries strictly increase, start at the first byte
     * after the index and at frame 0, and stay inside the file and the frame count. Each clip read checks the rest.
     */
    private static void checkSeekIndex(String file, long indexEnd, long fileSize, StreamHeader sh, long[] offs,
                                       long[] frames) throws M3cFormatException {
        for (int i = 0; i < offs.length; i++) {
            boolean offsetOk = i == 0 ? offs[0] >= indexEnd : offs[i] > offs[i - 1];
            boolean frameOk = i == 0 ? frames[0] == 0 : frames[i] > frames[i - 1];
            if (!offsetOk || offs[i] >= fileSize || !frameOk || frames[i] >= sh.frameCount()) {
                throw new M3cFormatException(file, indexEnd, 0, "/seek_index/seek_offset_delta", String.format(
                        "entry %d inside the file (%d bytes), after entry %d, at a frame below frame_count", i,
                        fileSize, i - 1), String.format("offset %d, frame %d", offs[i], frames[i]),
                        Requirement.SI_2);
            }
        }
    }

    private static java.io.InputStream nonClosing(FileChannel ch) {
        return new java.io.FilterInputStream(new java.io.BufferedInputStream(Channels.newInputStream(ch))) {
            @Override
            public void close() {}
        };
    }

    public Path path() { return path; }

    public FileHeader fileHeader() { return fileHeader; }

    public StreamHeader streamHeader() { return streamHeader; }

    public int clipCount() { return clipOffsets.length; }

    /** Whether clip positions came from the stream's seek index (else from a scan). */
    public boolean hasSeekIndex() { return fromSeekIndex; }

    public long clipOffset(int clip) { return clipOffsets[clip]; }

    public long firstFrame(int clip) { return firstFrames[clip]; }

    /** The clip holding {@code frame}, 0 &lt;= frame &lt; frame_count. */
    public int clipForFrame(long frame) {
        if (frame < 0 || frame >= streamHeader.frameCount()) {
            throw new IllegalArgumentException("frame " + frame + " outside 0.." + (streamHeader.frameCount() - 1));
        }
        int i = Arrays.binarySearch(firstFrames, frame);
        return i >= 0 ? i : -i - 2;
    }

    /** Reads and checks clip group {@code clip}; for the last clip, through end_of_stream. */
    public ClipGroup readClip(int clip) throws IOException {
        if (clip < 0 || clip >= clipOffsets.length) throw new IllegalArgumentException("clip " + clip);
        channel.position(clipOffsets[clip]);
        M3cReader r = M3cReader.resumeAt(nonClosing(channel), name, fileHeader, streamHeader, clip, firstFrames[clip],
                clipOffsets[clip]);
        ClipGroup g = r.nextClip();
        if (g == null) throw new IllegalStateException("no clip group at " + clipOffsets[clip]);
        return g;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
