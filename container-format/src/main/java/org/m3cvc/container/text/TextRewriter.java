package org.m3cvc.container.text;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.m3cvc.container.ChunkEvent;
import org.m3cvc.container.Limits;
import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.M3cReader;
import org.m3cvc.container.chunk.ChunkType;
import org.m3cvc.container.chunk.ChunkWriter;
import org.m3cvc.container.chunk.RawChunk;
import org.m3cvc.container.clip.ClipHeader;
import org.m3cvc.container.header.StreamHeader;
import org.m3cvc.container.io.OutputFiles;
import org.m3cvc.container.keyframe.Keyframe;
import org.m3cvc.container.seek.SeekIndex;

/**
 * Rewrites the text chunks of a stream (spec clause 6.7: texts live in chunks of their own so that a tool can rewrite
 * them without touching the coded pictures) and copies every other chunk byte for byte.
 *
 * <p>What changes, and nothing else:
 * <ul>
 *   <li>the text chunks of each clip group named in the replacements: the new list takes the place of the group's
 *   first text chunk (or follows its keyframe when it had none); a text equal to the one read is written to the same
 *   bytes, since chunk framing is canonical (BS-1);</li>
 *   <li>the clip_header of such a group, only when its clip_text_count changes;</li>
 *   <li>the seek_index, whose offsets follow the new group sizes (clause 6.4; its frame deltas stay);</li>
 *   <li>the stream_header, only when a new text_coder is asked for.</li>
 * </ul>
 * The file header, stream header, keyframes, ancillary chunks (in their places) and end_of_stream are copied as read.
 *
 * <p>The input is read and checked completely (as {@code verify} would); the output is spooled beside {@code out},
 * read back and checked in full, then renamed onto {@code out}: it is either whole and valid or absent, and
 * {@code out} may be the input itself.
 */
public final class TextRewriter {
    private TextRewriter() {}

    /**
     * What was written.
     *
     * @param chunks chunks in the output, file header not counted
     * @param textChunks text chunks in the output
     * @param bytesIn size of the input
     * @param bytesOut size of the output
     */
    public record Summary(long chunks, long textChunks, long bytesIn, long bytesOut) {}

    /**
     * @param in the input stream file
     * @param out the output; replaced only when the whole output is written and checked
     * @param replacements for each clip index whose texts change, the whole new list of that group's texts in order
     *     (at most max_clip_text_count, each placed as TX-2 and TX-8 require); groups not in the map keep theirs
     * @throws M3cFormatException the input does not conform (nothing is written)
     * @throws IllegalArgumentException a replacement names a clip the stream does not have, or would make the output
     *     non-conforming (nothing is written)
     */
    public static Summary rewrite(Path in, Path out, Map<Integer, List<TextChunk>> replacements) throws IOException {
        return rewrite(in, out, replacements, null);
    }

    /**
     * As {@link #rewrite(Path, Path, Map)}, and sets the stream_header's text_coder to {@code streamTextCoder} (null:
     * keep it). The stream header is then the one more chunk that changes; every text the output keeps must be raw or
     * coded with the new coder (TX-3), so a caller changing the coder replaces every group that has texts.
     */
    public static Summary rewrite(Path in, Path out, Map<Integer, List<TextChunk>> replacements,
                                  TextCoder streamTextCoder) throws IOException {
        Objects.requireNonNull(replacements);
        Path target = out.toAbsolutePath();
        Path dir = target.getParent();
        String file = in.toString();
        Path spool = Files.createTempFile(dir, "." + target.getFileName() + ".", ".body");
        Path tmp = null;
        try {
            byte[] fileHeader;
            byte[] streamHeader;
            boolean seekIndex = false;
            List<Long> clipOffsets = new ArrayList<>();
            List<Long> firstFrames = new ArrayList<>();
            long chunks = 0, texts = 0;
            try (M3cReader r = M3cReader.open(Files.newInputStream(in), file);
                 OutputStream body = new BufferedOutputStream(Files.newOutputStream(spool))) {
                fileHeader = r.fileHeader().toBytes();
                streamHeader = framed(r.next().raw());
                if (streamTextCoder != null && streamTextCoder.code() != r.streamHeader().textCoder()) {
                    StreamHeader.Builder b = r.streamHeader().toBuilder();
                    b.textCoder = streamTextCoder.code();
                    streamHeader = ChunkWriter.frame(ChunkType.STREAM_HEADER.code(), b.build().toPayload());
                }
                int clipCount = r.streamHeader().clipCount();
                for (Integer k : replacements.keySet()) {
                    if (k == null || k < 0 || k >= clipCount) {
                        throw new IllegalArgumentException("no clip " + k + " in " + file + " (clip_count "
                                + clipCount + ")");
                    }
                }
                long at = 0;
                List<TextChunk> pending = null;
                int textCountWas = 0;
                boolean keyframeSeen = false;
                ChunkEvent e;
                while ((e = r.next()) != null) {
                    Object s = e.syntax();
                    List<byte[]> write = new ArrayList<>();
                    if (s instanceof SeekIndex) {
                        seekIndex = true;
                        continue;
                    } else if (s instanceof ClipHeader h) {
                        pending = replacements.get(h.clipIndex());
                        textCountWas = h.clipTextCount();
                        keyframeSeen = false;
                        clipOffsets.add(at);
                        firstFrames.add((long) h.firstFrame());
                        if (pending != null && pending.size() != h.clipTextCount()) {
                            if (pending.size() > Limits.MAX_CLIP_TEXT_COUNT) {
                                throw new IllegalArgumentException("clip " + h.clipIndex() + ": " + pending.size()
                                        + " texts, at most " + Limits.MAX_CLIP_TEXT_COUNT + " allowed (CL-6)");
                            }
                            write.add(ChunkWriter.frame(ChunkType.CLIP_HEADER.code(), new ClipHeader(h.clipIndex(),
                                    h.firstFrame(), h.clipFrameCount(), h.clipMode(), pending.size()).toPayload()));
                        } else {
                            write.add(framed(e.raw()));
                        }
                    } else if (s instanceof Keyframe && !keyframeSeen && pending != null) {
                        keyframeSeen = true;
                        write.add(framed(e.raw()));
                        // A group that had no texts gets its new ones right after its keyframe.
                        if (textCountWas == 0) {
                            texts += addTexts(write, pending);
                            pending = List.of();
                        }
                    } else if (s instanceof Keyframe) {
                        keyframeSeen = true;
                        write.add(framed(e.raw()));
                    } else if (s instanceof TextChunk) {
                        if (pending == null) {
                            write.add(framed(e.raw()));
                            texts++;
                        } else {
                            // The first text of the group stands for all of them; the rest are dropped.
                            texts += addTexts(write, pending);
                            pending = List.of();
                        }
                    } else {
                        write.add(framed(e.raw()));
                    }
                    for (byte[] b : write) {
                        body.write(b);
                        at += b.length;
                        chunks++;
                    }
                }
            }
            byte[] seek = new byte[0];
            if (seekIndex) {
                // Deltas count from the end of the index, which is where the spool starts (clause 6.4).
                SeekIndex si = SeekIndex.fromAbsolute(0, clipOffsets.stream().mapToLong(Long::longValue).toArray(),
                        firstFrames.stream().mapToLong(Long::longValue).toArray());
                seek = ChunkWriter.frame(ChunkType.SEEK_INDEX.code(), si.toPayload());
                chunks++;
            }
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream os = new BufferedOutputStream(Channels.newOutputStream(ch));
                 InputStream spooled = Files.newInputStream(spool)) {
                os.write(fileHeader);
                os.write(streamHeader);
                os.write(seek);
                spooled.transferTo(os);
                os.flush();
                ch.force(true);
            }
            chunks++; // the stream header
            check(tmp, out.toString());
            OutputFiles.makePublic(tmp);
            long bytesIn = Files.size(in);
            long bytesOut = Files.size(tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Summary(chunks, texts, bytesIn, bytesOut);
        } finally {
            Files.deleteIfExists(spool);
            if (tmp != null) Files.deleteIfExists(tmp);
        }
    }

    private static int addTexts(List<byte[]> write, List<TextChunk> texts) {
        for (TextChunk t : texts) write.add(ChunkWriter.frame(ChunkType.TEXT.code(), t.toPayload()));
        return texts.size();
    }

    /**
     * The chunk's bytes as they were in the file: the reader refuses non-minimal chunk_size encodings (BS-1), so
     * framing the payload again gives back exactly the bytes read, CRC included.
     */
    private static byte[] framed(RawChunk c) {
        byte[] b = ChunkWriter.frame(c.type(), c.payload());
        if (b.length != c.totalBytes()) throw new IllegalStateException("re-framed " + c.name() + " differs");
        return b;
    }

    /** The output must read back as a valid stream: a failure here is a bug of this class, not of the input. */
    private static void check(Path tmp, String name) throws IOException {
        try (M3cReader r = M3cReader.open(Files.newInputStream(tmp), name)) {
            r.readToEnd();
        } catch (M3cFormatException e) {
            throw new IllegalArgumentException("would write a non-conforming stream: " + e.getMessage(), e);
        }
    }
}
