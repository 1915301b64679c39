package org.m3cvc.container;

import java.util.HashSet;
import java.util.Set;

import org.m3cvc.container.chunk.RawChunk;
import org.m3cvc.container.clip.ClipHeader;
import org.m3cvc.container.clip.ClipMode;
import org.m3cvc.container.header.StreamHeader;
import org.m3cvc.container.keyframe.Keyframe;
import org.m3cvc.container.seek.SeekIndex;
import org.m3cvc.container.text.TextChunk;
import org.m3cvc.container.text.TextRole;

/**
 * The chunk order and cross-chunk requirements of spec clause 6.2 (ST-*, CL-1/2/5, KF-1/2, TX-2, TX-8, SI-*, EN-*),
 * as a state machine fed one chunk at a time. The reader feeds it what it reads and the writer what it writes, so
 * the two enforce one grammar.
 *
 * <pre>
 *   stream_header [seek_index] { clip_header keyframe text* }+ [keyframe] end_of_stream     (ancillary chunks anywhere after stream_header)
 * </pre>
 *
 * <p>Not thread-safe.
 */
public final class StreamStructure {
    private enum Expect { STREAM_HEADER, SEEK_INDEX_OR_GROUP, GROUP, KEYFRAME, TEXT, DONE }

    private final String file;
    private Expect expect;
    private StreamHeader sh;
    private long[] seekOffsets;
    private long[] seekFrames;
    private int clipsRead;
    private int keyframesRead;
    private long framesRead;
    private int textsLeft;
    private ClipHeader currentClip;
    private final Set<Long> describedTargets = new HashSet<>();

    /** A structure at the start of a stream, right after the file header. */
    public StreamStructure(String file) {
        this.file = file;
        this.expect = Expect.STREAM_HEADER;
    }

    /**
     * A structure resumed at the start of clip group {@code clipIndex} (random access): the stream header is known and
     * the clips before it are taken as read.
     */
    public static StreamStructure resumeAt(String file, StreamHeader sh, int clipIndex, long firstFrame) {
        StreamStructure s = new StreamStructure(file);
        s.sh = sh;
        s.clipsRead = clipIndex;
        s.keyframesRead = clipIndex;
        s.framesRead = firstFrame;
        s.expect = Expect.GROUP;
        return s;
    }

    public StreamHeader streamHeader() { return sh; }

    public int clipsRead() { return clipsRead; }

    public int keyframesRead() { return keyframesRead; }

    public boolean done() { return expect == Expect.DONE; }

    private M3cFormatException err(RawChunk c, String element, Requirement r, String expected, Object found) {
        return new M3cFormatException(file, c.offset(), 0, "/" + c.name() + (element.isEmpty() ? "" : "/" + element),
                expected, String.valueOf(found), r);
    }

    /** An ancillary chunk other than seek_index: allowed anywhere after the stream header. */
    public void onAncillary(RawChunk c) throws M3cFormatException {
        if (expect == Expect.STREAM_HEADER) throw err(c, "", Requirement.ST_1, "stream_header first", c.name());
        if (expect == Expect.SEEK_INDEX_OR_GROUP) expect = Expect.GROUP;
    }

    public void onStreamHeader(RawChunk c, StreamHeader h) throws M3cFormatException {
        if (expect != Expect.STREAM_HEADER) throw err(c, "", Requirement.ST_1, "one stream_header only", "another");
        sh = h;
        expect = Expect.SEEK_INDEX_OR_GROUP;
    }

    public void onSeekIndex(RawChunk c, SeekIndex si) throws M3cFormatException {
        if (expect != Expect.SEEK_INDEX_OR_GROUP) {
            throw err(c, "", Requirement.ST_2, "seek_index directly after stream_header, at most once", "seek_index here");
        }
        if (si.entryCount() != sh.clipCount()) {
            throw err(c, "seek_entry_count", Requirement.SI_1, "clip_count = " + sh.clipCount(), si.entryCount());
        }
        seekOffsets = si.absoluteOffsets(c.offset() + c.totalBytes());
        seekFrames = si.absoluteFrames();
        expect = Expect.GROUP;
    }

    public void onClipHeader(RawChunk c, ClipHeader h) throws M3cFormatException {
        checkGroupBoundary(c);
        if (expect != Expect.GROUP) throw err(c, "", Requirement.ST_4, "a chunk in the order of clause 6.2", c.name());
        if (h.clipIndex() != clipsRead || clipsRead >= sh.clipCount()) {
            throw err(c, "clip_index", Requirement.CL_1, clipsRead < sh.clipCount() ? Integer.toString(clipsRead)
                    : "no more clips (clip_count = " + sh.clipCount() + ")", h.clipIndex());
        }
        if (h.firstFrame() != framesRead) throw err(c, "first_frame", Requirement.CL_2, Long.toString(framesRead), h.firstFrame());
        if (framesRead + h.clipFrameCount() > sh.frameCount()) {
            throw err(c, "clip_frame_count", Requirement.EN_2, "at most " + (sh.frameCount() - framesRead)
                    + " frames left of frame_count", h.clipFrameCount());
        }
        if (h.clipModeEnum() == ClipMode.INTERPOLATION && h.clipIndex() + 1 >= sh.keyframeCount()) {
            throw err(c, "clip_mode", Requirement.CL_5, "prediction (no keyframe " + (h.clipIndex() + 1) + ")",
                    "interpolation");
        }
        if (seekOffsets != null) {
            int i = h.clipIndex();
            if (seekOffsets[i] != c.offset() || seekFrames[i] != h.firstFrame()) {
                throw err(c, "", Requirement.SI_2, String.format("seek entry %d at offset 0x%X, frame %d", i,
                        c.offset(), h.firstFrame()), String.format("offset 0x%X, frame %d", seekOffsets[i],
                        seekFrames[i]));
            }
        }
        currentClip = h;
        clipsRead++;
        framesRead += h.clipFrameCount();
        describedTargets.clear();
        expect = Expect.KEYFRAME;
    }

    public void onKeyframe(RawChunk c, Keyframe k) throws M3cFormatException {
        checkGroupBoundary(c);
        boolean trailing = expect == Expect.GROUP && clipsRead == sh.clipCount();
        if (expect != Expect.KEYFRAME && !trailing) {
            throw err(c, "", expect == Expect.GROUP ? Requirement.ST_4 : Requirement.ST_3,
                    expect == Expect.GROUP ? "clip_header" : "the keyframe of the clip", "keyframe");
        }
        if (k.keyframeIndex() != keyframesRead || keyframesRead >= sh.keyframeCount()) {
            throw err(c, "keyframe_index", Requirement.KF_1, keyframesRead < sh.keyframeCount()
                    ? Integer.toString(keyframesRead) : "no more keyframes (keyframe_count = " + sh.keyframeCount() + ")",
                    k.keyframeIndex());
        }
        long expectedFrame = trailing ? sh.frameCount() - 1L : currentClip.firstFrame();
        if (k.keyframeFrame() != expectedFrame || (trailing && expectedFrame <= currentClip.firstFrame())) {
            throw err(c, "keyframe_frame", Requirement.KF_2, trailing ? "frame_count - 1 = " + expectedFrame
                    + ", after first_frame of the last clip" : Long.toString(expectedFrame), k.keyframeFrame());
        }
        keyframesRead++;
        if (trailing) {
            expect = Expect.GROUP;
        } else {
            textsLeft = currentClip.clipTextCount();
            expect = textsLeft > 0 ? Expect.TEXT : Expect.GROUP;
        }
    }

    public void onText(RawChunk c, TextChunk t) throws M3cFormatException {
        if (expect == Expect.KEYFRAME) {
            throw err(c, "", Requirement.ST_3, "the keyframe of clip " + currentClip.clipIndex(), "text");
        }
        if (expect != Expect.TEXT) {
            throw err(c, "", Requirement.ST_5, "clip_text_count text chunks after the keyframe", "one more text");
        }
        int group = currentClip.clipIndex();
        boolean last = group == sh.clipCount() - 1;
        TextRole role = t.textRoleEnum();
        boolean ok = switch (role) {
            case CLIP_DESCRIPTION -> t.textTarget() == group;
            case KEYFRAME_DESCRIPTION -> t.textTarget() == group
                    || (last && sh.keyframeCount() > sh.clipCount() && t.textTarget() == sh.clipCount());
            case OTHER -> t.textTarget() == 0;
        };
        if (!ok) {
            throw err(c, "text_target", Requirement.TX_2, role == TextRole.OTHER ? "0" : role == TextRole.CLIP_DESCRIPTION
                    ? "clip " + group : "keyframe " + group + (last && sh.keyframeCount() > sh.clipCount()
                    ? " or " + sh.clipCount() : ""), t.textTarget());
        }
        if (role != TextRole.OTHER && !describedTargets.add(((long) t.textRole() << 32) | t.textTarget())) {
            throw err(c, "text_target", Requirement.TX_8, "one " + role.specName() + " per target",
                    "a second for " + t.textTarget());
        }
        if (--textsLeft == 0) expect = Expect.GROUP;
    }

    public void onEnd(RawChunk c) throws M3cFormatException {
        checkGroupBoundary(c);
        if (c.payload().length != 0) throw err(c, "", Requirement.EN_1, "an empty payload", c.payload().length + " bytes");
        if (expect != Expect.GROUP && expect != Expect.SEEK_INDEX_OR_GROUP) {
            throw err(c, "", Requirement.ST_4, "a chunk in the order of clause 6.2", "end_of_stream");
        }
        if (clipsRead != sh.clipCount() || keyframesRead != sh.keyframeCount() || framesRead != sh.frameCount()) {
            throw err(c, "", Requirement.EN_2, String.format("%d clips, %d keyframes, %d frames", sh.clipCount(),
                    sh.keyframeCount(), sh.frameCount()), String.format("%d clips, %d keyframes, %d frames",
                    clipsRead, keyframesRead, framesRead));
        }
        expect = Expect.DONE;
    }

    /**
     * A critical chunk other than text arrived: a keyframe still owed breaks ST-3, texts still owed break ST-5.
     */
    private void checkGroupBoundary(RawChunk c) throws M3cFormatException {
        if (expect == Expect.STREAM_HEADER) throw err(c, "", Requirement.ST_1, "stream_header first", c.name());
        if (expect == Expect.KEYFRAME && c.knownType() != org.m3cvc.container.chunk.ChunkType.KEYFRAME) {
            throw err(c, "", Requirement.ST_3, "the keyframe of clip " + currentClip.clipIndex(), c.name());
        }
        if (expect == Expect.DONE) throw err(c, "", Requirement.ST_6, "nothing after end_of_stream", c.name());
        if (expect == Expect.SEEK_INDEX_OR_GROUP) expect = Expect.GROUP;
        if (expect == Expect.TEXT) {
            throw err(c, "", Requirement.ST_5, textsLeft + " more text chunk(s) of clip " + currentClip.clipIndex(),
                    c.name());
        }
    }

    /** Input ended: fine only after end_of_stream. */
    public void onEndOfInput(long offset) throws M3cFormatException {
        if (expect != Expect.DONE) {
            throw new M3cFormatException(file, offset, 0, "/end_of_stream", "an end_of_stream chunk", "end of file",
                    Requirement.ST_6);
        }
    }
}
