package org.m3cvc.cli.probe;

import static org.m3cvc.cli.schema.ProbeSchema.CLIP;
import static org.m3cvc.cli.schema.ProbeSchema.CLIPS;
import static org.m3cvc.cli.schema.ProbeSchema.CLIP_BITS;
import static org.m3cvc.cli.schema.ProbeSchema.END_OF_STREAM;
import static org.m3cvc.cli.schema.ProbeSchema.KEYFRAME;
import static org.m3cvc.cli.schema.ProbeSchema.TEXTS;
import static org.m3cvc.cli.schema.ProbeSchema.TRAILING_KEYFRAME;

import java.io.IOException;

import org.m3cvc.cli.common.DecodedSyntaxDigest;
import org.m3cvc.cli.common.Failure;
import org.m3cvc.cli.format.SectionWriter;
import org.m3cvc.container.ChunkEvent;
import org.m3cvc.container.chunk.RawChunk;
import org.m3cvc.container.clip.ClipHeader;
import org.m3cvc.container.header.FileHeader;
import org.m3cvc.container.header.StreamHeader;
import org.m3cvc.container.keyframe.Keyframe;
import org.m3cvc.container.seek.SeekIndex;
import org.m3cvc.container.text.TextChunk;

/**
 * Turns the reader's chunk events, in stream order, into sections as they arrive, and keeps the whole-file tallies
 * (bit accounting, decoded-syntax MD5, chunk log) for the end. The reader has checked the chunk order of clause 6.2
 * before an event arrives, so a keyframe either completes the open clip group's header or is the trailing keyframe.
 *
 * <p>Not thread-safe.
 */
final class ProbeSession {
    private final SectionWriter w;
    private final ProbeOptions options;
    private final ChunkLog chunks;
    private final BitAccounting file = new BitAccounting();
    private final DecodedSyntaxDigest digest = new DecodedSyntaxDigest();
    private StreamHeader streamHeader;
    /** The open clip group's tally; null outside a clip group. */
    private BitAccounting clip;
    private boolean clipKeyframeSeen;

    /** @param chunks where chunks go for {@code --show-chunks}; null without it */
    ProbeSession(SectionWriter w, ProbeOptions options, ChunkLog chunks) {
        this.w = w;
        this.options = options;
        this.chunks = chunks;
    }

    void fileHeader(FileHeader fh) throws IOException {
        file.addBytes(ChunkCategory.HEADERS, FileHeader.SIZE_BYTES);
        HeaderSections.fileHeader(w, fh);
    }

    /** @param seekIndexAhead the reader's seek index, known once it is open (ST-2 puts it right after the header) */
    void on(ChunkEvent e, SeekIndex seekIndexAhead) throws IOException {
        RawChunk c = e.raw();
        ChunkCategory category = ChunkCategory.of(c.type());
        file.addChunk(category, c.totalBytes());
        if (chunks != null) chunks.add(c);
        digest.update(e.syntax());
        Object s = e.syntax();
        if (s instanceof StreamHeader h) {
            streamHeader = h;
            HeaderSections.streamHeader(w, c, h);
            if (seekIndexAhead == null) HeaderSections.seekIndexAbsent(w);
        } else if (s instanceof SeekIndex si) {
            HeaderSections.seekIndex(w, c, si);
        } else if (s instanceof ClipHeader h) {
            closeClip();
            if (!w.isOpen(CLIPS)) w.begin(CLIPS);
            w.begin(CLIP);
            ClipSections.clipHeader(w, c, h);
            clip = new BitAccounting();
            clip.addChunk(category, c.totalBytes());
            clipKeyframeSeen = false;
        } else if (s instanceof Keyframe k && clip != null && !clipKeyframeSeen) {
            ClipSections.keyframe(w, KEYFRAME, c, k, streamHeader, options);
            clip.addChunk(category, c.totalBytes());
            clipKeyframeSeen = true;
            w.begin(TEXTS);
        } else if (s instanceof Keyframe k) {
            closeClips();
            ClipSections.keyframe(w, TRAILING_KEYFRAME, c, k, streamHeader, options);
        } else if (s instanceof TextChunk t) {
            ClipSections.text(w, c, t, options);
            clip.addChunk(category, c.totalBytes());
        } else if (s == ChunkEvent.EndOfStream.INSTANCE) {
            closeClips();
            w.begin(END_OF_STREAM).field("offset", c.offset()).end(END_OF_STREAM);
        } else if (clip != null) {
            // An ancillary chunk this version does not define, inside a clip group.
            clip.addChunk(category, c.totalBytes());
        }
    }

    /** After end_of_stream: the chunk list and the whole-file results. */
    void finish() throws IOException {
        if (chunks != null) SummarySections.chunks(w, chunks, options);
        SummarySections.bitAccounting(w, file, streamHeader);
        SummarySections.decodedSyntax(w, digest.hex());
    }

    /**
     * Reading stopped at {@code f}: closes what is open, then the chunks read so far and the error. Whole-file
     * results (bit accounting, MD5) are left out: they would describe a prefix.
     */
    void fail(Failure f) throws IOException {
        w.unwindToRoot();
        clip = null;
        if (chunks != null) SummarySections.chunks(w, chunks, options);
        SummarySections.error(w, f);
    }

    private void closeClip() throws IOException {
        if (clip == null) return;
        w.end(TEXTS);
        if (options.showBits()) {
            w.begin(CLIP_BITS);
            SummarySections.categoryBits(w, CLIP_BITS, clip);
            w.end(CLIP_BITS);
        }
        w.end(CLIP);
        clip = null;
    }

    private void closeClips() throws IOException {
        closeClip();
        if (w.isOpen(CLIPS)) w.end(CLIPS);
    }
}
