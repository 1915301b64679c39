package org.m3cvc.cli.probe;

import static org.m3cvc.cli.schema.ProbeSchema.CLIP_HEADER;
import static org.m3cvc.cli.schema.ProbeSchema.HISTOGRAM;
import static org.m3cvc.cli.schema.ProbeSchema.HISTOGRAM_BIN;
import static org.m3cvc.cli.schema.ProbeSchema.PLANE_DATA;
import static org.m3cvc.cli.schema.ProbeSchema.TEXT;
import static org.m3cvc.cli.schema.ProbeSchema.TEXT_DATA;

import java.io.IOException;
import java.util.HexFormat;

import org.m3cvc.cli.format.SectionWriter;
import org.m3cvc.cli.schema.IntMatrix;
import org.m3cvc.cli.schema.SectionDef;
import org.m3cvc.container.chunk.RawChunk;
import org.m3cvc.container.clip.ClipHeader;
import org.m3cvc.container.header.StreamHeader;
import org.m3cvc.container.keyframe.IndexPlane;
import org.m3cvc.container.keyframe.Keyframe;
import org.m3cvc.container.text.TextChunk;

/** The sections of a clip group: clip_header, keyframe, text, and their byte strings. */
final class ClipSections {
    private ClipSections() {}

    static void clipHeader(SectionWriter w, RawChunk c, ClipHeader h) throws IOException {
        w.begin(CLIP_HEADER)
                .field("offset", c.offset())
                .field("clip_index", h.clipIndex())
                .field("first_frame", h.firstFrame())
                .field("clip_frame_count", h.clipFrameCount())
                .field("clip_mode", h.clipMode())
                .field("clip_mode_name", h.clipModeEnum().specName())
                .field("clip_text_count", h.clipTextCount())
                .field("chunk_bits", 8 * c.totalBytes())
                .end(CLIP_HEADER);
    }

    /** A byte-string element: its size, and with --show-data its bytes. */
    static void byteString(SectionWriter w, SectionDef def, byte[] bytes, ProbeOptions o) throws IOException {
        w.begin(def).field("size_bytes", bytes.length);
        if (o.showData()) w.field("hex", HexFormat.of().formatHex(bytes));
        w.end(def);
    }

    /** A whole keyframe section: {@code def} is the keyframe of a clip or the trailing keyframe. */
    static void keyframe(SectionWriter w, SectionDef def, RawChunk c, Keyframe k, StreamHeader sh, ProbeOptions o)
            throws IOException {
        IndexPlane plane = k.plane();
        PlaneStats stats = PlaneStats.of(plane, sh.codebookSize());
        w.begin(def)
                .field("offset", c.offset())
                .field("keyframe_index", k.keyframeIndex())
                .field("keyframe_frame", k.keyframeFrame())
                .field("plane_coding", k.planeCoding())
                .field("plane_coding_name", k.planeCodingEnum().specName())
                .field("chunk_bits", 8 * c.totalBytes())
                .ratio("bits_per_index", 8L * k.planeData().length, plane.indices().length)
                .decimal("entropy_bits_per_index", stats.entropyBitsPerIndex())
                .field("distinct_indices", stats.distinct());
        if (o.showPlanes()) w.field("plane", new IntMatrix(plane.width(), plane.indices()));
        byteString(w, PLANE_DATA, k.planeData(), o);
        if (o.showPlanes()) {
            w.begin(HISTOGRAM);
            int[] counts = stats.counts();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) continue;
                w.begin(HISTOGRAM_BIN).field("codebook_index", i).field("index_count", counts[i]).end(HISTOGRAM_BIN);
            }
            w.end(HISTOGRAM);
        }
        w.end(def);
    }

    static void text(SectionWriter w, RawChunk c, TextChunk t, ProbeOptions o) throws IOException {
        w.begin(TEXT)
                .field("offset", c.offset())
                .field("text_role", t.textRole())
                .field("text_role_name", t.textRoleEnum().specName())
                .field("text_target", t.textTarget())
                .field("text_coder", t.textCoder())
                .field("text_coder_name", t.textCoderEnum().specName())
                .field("text_language", t.textLanguage())
                .field("text_size", t.textSize())
                .field("chunk_bits", 8 * c.totalBytes())
                .field("text", t.text());
        byteString(w, TEXT_DATA, t.textData(), o);
        w.end(TEXT);
    }
}
