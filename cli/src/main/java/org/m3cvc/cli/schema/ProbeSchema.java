package org.m3cvc.cli.schema;

import static org.m3cvc.cli.schema.FieldDef.decimal;
import static org.m3cvc.cli.schema.FieldDef.derived;
import static org.m3cvc.cli.schema.FieldDef.spec;
import static org.m3cvc.cli.schema.FieldType.BOOLEAN;
import static org.m3cvc.cli.schema.FieldType.HEX;
import static org.m3cvc.cli.schema.FieldType.INTEGER;
import static org.m3cvc.cli.schema.FieldType.MATRIX;
import static org.m3cvc.cli.schema.FieldType.NAME;
import static org.m3cvc.cli.schema.FieldType.STRING;
import static org.m3cvc.cli.schema.SectionDef.array;
import static org.m3cvc.cli.schema.SectionDef.object;

import java.util.ArrayList;
import java.util.List;

/**
 * The sections and fields of {@code m3cvc probe}, in printing order: the one table every formatter, the
 * {@code --sections} listing and the tests work from. Fields named after syntax elements carry exactly the element
 * names of spec/syntax.json ({@code SchemaTest} checks it); every other field is {@link Origin#DERIVED} and named so
 * that it cannot be taken for an element ({@code *_name}, {@code *_bytes}, {@code *_bits}, ...).
 *
 * <p>Names are stable: add fields, never rename them.
 */
public final class ProbeSchema {
    private ProbeSchema() {}

    public static final String ALWAYS = "";
    public static final String SHOW_CHUNKS = "--show-chunks";
    public static final String SHOW_BITS = "--show-bits";
    public static final String SHOW_PLANES = "--show-planes";
    public static final String SHOW_DATA = "--show-data";
    public static final String NOT_BITEXACT = "not with --bitexact";

    private static FieldDef offset(String what) {
        return derived("offset", INTEGER, "byte offset in the file of " + what);
    }

    private static FieldDef chunkBits() {
        return derived("chunk_bits", INTEGER, "bits of the whole chunk: chunk_type, chunk_size, payload and chunk_crc");
    }

    /**
     * A byte-string element (descriptor rest or b(chunk_size)): an object named after the element holding its size,
     * and with --show-data its bytes. Its bytes can be large, so they are not printed by default.
     */
    private static SectionDef byteString(String element, String what) {
        return object(element, ALWAYS, element + ", " + what + ": its size, and with --show-data its bytes",
                List.of(derived("size_bytes", INTEGER, "size of the element in bytes"),
                        derived("hex", HEX, "the bytes, lowercase hex").shownWith(SHOW_DATA)));
    }

    public static final SectionDef PROGRAM = object("program", NOT_BITEXACT, "the analyzer that wrote this output",
            List.of(derived("program_name", NAME, "always m3cvc"),
                    derived("program_version", STRING, "version of the m3cvc tool"),
                    derived("implemented_read_version", INTEGER,
                            "the highest read_version this analyzer implements")));

    public static final SectionDef INPUT = object("input", ALWAYS, "the file probed",
            List.of(derived("file_name", STRING, "the path as given; with --bitexact its last component only"),
                    derived("file_size_bytes", INTEGER, "size of the file in bytes")));

    public static final SectionDef FILE_HEADER = object("file_header", ALWAYS, "file_header, spec clause 5.1",
            List.of(spec("file_signature", HEX, "894D33430D0A1A0A"),
                    spec("format_version", INTEGER, "the format version the writer followed"),
                    spec("read_version", INTEGER, "the oldest reader version that can read the stream"),
                    spec("file_flags", INTEGER, "reserved, 0"),
                    spec("file_header_crc", HEX, "CRC-32C of the 12 bytes before it, 0x%08X (verified)")));

    public static final SectionDef STREAM_HEADER = object("stream_header", ALWAYS, "stream_header chunk, clause 6.3",
            List.of(offset("the stream_header chunk"),
                    spec("coded_width", INTEGER, "coded frame width in pixels"),
                    spec("coded_height", INTEGER, "coded frame height in pixels"),
                    spec("display_width", INTEGER, "displayed width in pixels"),
                    spec("display_height", INTEGER, "displayed height in pixels"),
                    spec("frame_rate_num", INTEGER, "frame rate numerator"),
                    spec("frame_rate_den", INTEGER, "frame rate denominator"),
                    spec("frame_count", INTEGER, "frames in the stream"),
                    spec("clip_count", INTEGER, "clips in the stream"),
                    spec("keyframe_count", INTEGER, "keyframes: clip_count, or clip_count + 1 with a trailing keyframe"),
                    spec("plane_width", INTEGER, "index plane width"),
                    spec("plane_height", INTEGER, "index plane height"),
                    spec("codebook_size", INTEGER, "VQ codebook vectors"),
                    spec("latent_channels", INTEGER, "latent channels"),
                    spec("latent_height", INTEGER, "latent height"),
                    spec("latent_width", INTEGER, "latent width"),
                    spec("pack_sha256", HEX, "SHA-256 of the model pack manifest, lowercase hex"),
                    spec("pack_name", STRING, "model pack name"),
                    spec("text_coder", INTEGER, "text_coder code"),
                    derived("text_coder_name", NAME, "spec name of text_coder"),
                    spec("sampler_id", INTEGER, "sampler_id code"),
                    derived("sampler_id_name", NAME, "spec name of sampler_id"),
                    spec("sampler_steps", INTEGER, "diffusion sampler steps"),
                    spec("guidance_scale_q8", INTEGER, "guidance scale times 256"),
                    spec("noise_seed", INTEGER, "u(64) noise seed, unsigned"),
                    decimal("frame_rate", 6, "frame_rate_num / frame_rate_den, frames per second"),
                    decimal("duration_seconds", 6, "frame_count * frame_rate_den / frame_rate_num"),
                    decimal("guidance_scale", 8, "guidance_scale_q8 / 256, exact"),
                    derived("raw_index_bits", INTEGER, "bits of one raw-coded index: ceil(log2(codebook_size))")));

    public static final SectionDef SEEK_ENTRY = object("seek_entry", ALWAYS, "one seek_index entry, clause 6.4",
            List.of(spec("seek_offset_delta", INTEGER, "bytes from the previous clip_header (the first: from the end "
                            + "of the seek_index chunk)"),
                    spec("seek_frame_delta", INTEGER, "frames from the previous entry's first frame"),
                    derived("clip_offset", INTEGER, "byte offset of the clip_header the entry locates"),
                    derived("clip_first_frame", INTEGER, "first frame of the clip the entry locates")));

    public static final SectionDef SEEK_ENTRIES = array("seek_entries", ALWAYS, "the seek_index entries", SEEK_ENTRY);

    public static final SectionDef SEEK_INDEX = object("seek_index", ALWAYS, "seek_index chunk, clause 6.4",
            List.of(derived("seek_index_present", BOOLEAN, "whether the stream has a seek_index"),
                    offset("the seek_index chunk (only when present)"),
                    spec("seek_entry_count", INTEGER, "entries; equals clip_count (only when present)")),
            SEEK_ENTRIES);

    public static final SectionDef HISTOGRAM_BIN = object("histogram_bin", SHOW_PLANES,
            "one codebook index that occurs in the plane",
            List.of(derived("codebook_index", INTEGER, "the codebook index"),
                    derived("index_count", INTEGER, "how often it occurs in the plane, at least 1")));

    public static final SectionDef HISTOGRAM = array("histogram", SHOW_PLANES,
            "the indices that occur in the plane, ascending", HISTOGRAM_BIN);

    public static final SectionDef PLANE_DATA = byteString("plane_data", "the coded index plane");

    private static List<FieldDef> keyframeFields() {
        return List.of(offset("the keyframe chunk"),
                spec("keyframe_index", INTEGER, "keyframe number"),
                spec("keyframe_frame", INTEGER, "frame the keyframe shows"),
                spec("plane_coding", INTEGER, "plane_coding code"),
                derived("plane_coding_name", NAME, "spec name of plane_coding"),
                chunkBits(),
                decimal("bits_per_index", 6, "bits of plane_data / (plane_width * plane_height)"),
                decimal("entropy_bits_per_index", 6, "empirical zeroth-order entropy of the plane's indices"),
                derived("distinct_indices", INTEGER, "number of distinct indices in the plane"),
                derived("plane", MATRIX, "the decoded index plane, plane_height rows of plane_width").shownWith(SHOW_PLANES));
    }

    public static final SectionDef KEYFRAME = object("keyframe", ALWAYS, "the keyframe chunk of a clip, clause 6.6",
            keyframeFields(), PLANE_DATA, HISTOGRAM);

    public static final SectionDef TEXT_DATA = byteString("text_data", "the coded text");

    public static final SectionDef TEXT = object("text", ALWAYS, "text chunk, clause 6.7",
            List.of(offset("the text chunk"),
                    spec("text_role", INTEGER, "text_role code"),
                    derived("text_role_name", NAME, "spec name of text_role"),
                    spec("text_target", INTEGER, "the clip or keyframe described"),
                    spec("text_coder", INTEGER, "text_coder code"),
                    derived("text_coder_name", NAME, "spec name of text_coder"),
                    spec("text_language", STRING, "BCP 47 language tag"),
                    spec("text_size", INTEGER, "bytes of the decoded UTF-8 text"),
                    chunkBits(),
                    derived("text", STRING, "the decoded text")),
            TEXT_DATA);

    public static final SectionDef TEXTS = array("texts", ALWAYS, "the clip's text chunks in stream order", TEXT);

    private static List<FieldDef> categoryBits(boolean withIndex) {
        List<FieldDef> f = new ArrayList<>(List.of(
                derived("headers_bits", INTEGER, "file_header, stream_header, clip_header and end_of_stream chunks"),
                derived("index_planes_bits", INTEGER, "keyframe chunks"),
                derived("texts_bits", INTEGER, "text chunks")));
        if (withIndex) f.add(derived("index_bits", INTEGER, "the seek_index chunk"));
        f.add(derived("other_bits", INTEGER, "ancillary chunks this version does not define"));
        f.add(derived("total_bits", INTEGER, "the sum of the categories"));
        return f;
    }

    public static final SectionDef CLIP_BITS = object("bits", SHOW_BITS,
            "bits of the clip group by category: its clip_header, keyframe, texts and the ancillary chunks before the "
                    + "next clip_header, trailing keyframe or end_of_stream; each chunk counted whole",
            categoryBits(false));

    public static final SectionDef CLIP_HEADER = object("clip_header", ALWAYS, "clip_header chunk, clause 6.5",
            List.of(offset("the clip_header chunk"),
                    spec("clip_index", INTEGER, "clip number"),
                    spec("first_frame", INTEGER, "first frame of the clip"),
                    spec("clip_frame_count", INTEGER, "frames in the clip"),
                    spec("clip_mode", INTEGER, "clip_mode code"),
                    derived("clip_mode_name", NAME, "spec name of clip_mode"),
                    spec("clip_text_count", INTEGER, "text chunks in the clip group"),
                    chunkBits()));

    public static final SectionDef CLIP = object("clip", ALWAYS, "a clip group, clause 6.2: its clip_header, keyframe "
            + "and texts", List.of(), CLIP_HEADER, KEYFRAME, TEXTS, CLIP_BITS);

    public static final SectionDef CLIPS = array("clips", ALWAYS, "the clip groups in stream order", CLIP);

    public static final SectionDef TRAILING_KEYFRAME = object("trailing_keyframe", ALWAYS,
            "keyframe clip_count, at frame frame_count - 1 (only when keyframe_count = clip_count + 1)",
            keyframeFields(), PLANE_DATA, HISTOGRAM);

    public static final SectionDef END_OF_STREAM = object("end_of_stream", ALWAYS, "end_of_stream chunk, clause 6.8",
            List.of(offset("the end_of_stream chunk")));

    public static final SectionDef CHUNK_PAYLOAD = byteString("chunk_payload", "the chunk's payload");

    public static final SectionDef CHUNK = object("chunk", SHOW_CHUNKS, "one chunk, clause 5.2",
            List.of(offset("the chunk (its chunk_type byte)"),
                    spec("chunk_type", INTEGER, "chunk type code"),
                    derived("chunk_name", NAME, "spec name of chunk_type, or chunk_0xNN for an unknown ancillary type"),
                    spec("chunk_size", INTEGER, "payload bytes"),
                    spec("chunk_crc", HEX, "CRC-32C, 0x%08X"),
                    derived("crc_status", NAME, "ok: the reader verified chunk_crc (a mismatch is an error)"),
                    derived("category", NAME, "bit accounting category: headers, index_planes, texts, index, other"),
                    chunkBits()),
            CHUNK_PAYLOAD);

    public static final SectionDef CHUNKS = array("chunks", SHOW_CHUNKS, "every chunk read, in file order", CHUNK);

    public static final SectionDef BIT_ACCOUNTING;

    static {
        List<FieldDef> f = new ArrayList<>(categoryBits(true));
        f.add(derived("chunk_count", INTEGER, "chunks in the file"));
        f.add(decimal("bits_per_pixel", 9, "total_bits / (display_width * display_height * frame_count)"));
        BIT_ACCOUNTING = object("bit_accounting", ALWAYS, "bits of the whole file by category, each chunk counted "
                + "whole; total_bits is the file size in bits (only for a valid stream)", f);
    }

    public static final SectionDef DECODED_SYNTAX = object("decoded_syntax", ALWAYS,
            "the decoded-syntax serialization of clause 10 (only for a valid stream)",
            List.of(derived("decoded_syntax_md5", HEX, "MD5 of the serialization, lowercase hex; m3cvc syntax --md5")));

    public static final SectionDef ERROR = object("error", ALWAYS, "why reading stopped (only on failure)",
            List.of(derived("file", STRING, "the input as named in messages"),
                    derived("offset", INTEGER, "byte offset of the fault"),
                    derived("bit", INTEGER, "bit of that byte, 0 = most significant"),
                    derived("element", STRING, "element path, e.g. /clip_header/clip_mode"),
                    derived("expected", STRING, "what the requirement allows"),
                    derived("found", STRING, "what the file holds"),
                    derived("requirement", NAME, "id of the broken requirement, e.g. CK-3"),
                    derived("kind", NAME, "corrupted, unsupported or io_error"),
                    derived("message", STRING, "the one-line message also written to standard error")));

    /** The document: its sections in printing order. */
    public static final SectionDef ROOT = object("probe", ALWAYS, "m3cvc probe output", List.of(),
            PROGRAM, INPUT, FILE_HEADER, STREAM_HEADER, SEEK_INDEX, CLIPS, TRAILING_KEYFRAME, END_OF_STREAM, CHUNKS,
            BIT_ACCOUNTING, DECODED_SYNTAX, ERROR);
}
