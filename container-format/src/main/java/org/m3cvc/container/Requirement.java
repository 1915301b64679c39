package org.m3cvc.container;

/**
 * Every conformance requirement of spec/m3c.md, by its stable id.
 *
 * <p>The ids, kinds and texts mirror {@code spec/syntax.json}; {@code RequirementTableTest} fails when the two drift.
 * A requirement is either <em>corrupted</em> (the stream breaks the format) or <em>unsupported</em> (the stream may be
 * valid for a later version or an extension this reader does not implement).
 */
public enum Requirement {
    BS_1("BS-1", Kind.CORRUPTED, "Every leb128 value uses the minimal number of bytes, at most 5, and is at most 2^32-1."),
    BS_2("BS-2", Kind.CORRUPTED, "Every string is valid UTF-8 and no longer than the limit of its element."),
    FH_1("FH-1", Kind.CORRUPTED, "file_signature is 89 4D 33 43 0D 0A 1A 0A."),
    FH_2("FH-2", Kind.CORRUPTED, "1 <= read_version <= format_version."),
    FH_3("FH-3", Kind.UNSUPPORTED, "A reader refuses a stream whose read_version is greater than the version it implements (1)."),
    FH_4("FH-4", Kind.CORRUPTED, "file_flags is 0."),
    FH_5("FH-5", Kind.CORRUPTED, "file_header_crc is the CRC-32C of the 12 bytes before it."),
    CK_1("CK-1", Kind.CORRUPTED, "Every chunk, its crc included, lies wholly inside the file (no truncation)."),
    CK_2("CK-2", Kind.CORRUPTED, "chunk_size is at most max_chunk_size."),
    CK_3("CK-3", Kind.CORRUPTED, "chunk_crc is the CRC-32C of chunk_type, the bytes of chunk_size and chunk_payload."),
    CK_4("CK-4", Kind.CORRUPTED, "The syntax of a chunk of a known type consumes exactly chunk_size bytes."),
    CK_5("CK-5", Kind.UNSUPPORTED, "A critical chunk (bit 7 of chunk_type clear) has a type defined by this version; unknown ancillary chunks are skipped."),
    ST_1("ST-1", Kind.CORRUPTED, "The first chunk is the stream_header, and there is exactly one."),
    ST_2("ST-2", Kind.CORRUPTED, "A seek_index, if present, directly follows the stream_header, and there is at most one."),
    ST_3("ST-3", Kind.CORRUPTED, "Each clip_header is followed by the keyframe chunk of the same index before any other critical chunk."),
    ST_4("ST-4", Kind.CORRUPTED, "Critical chunks come in the order of clause 6.2: clip groups, then the trailing keyframe if any, then end_of_stream."),
    ST_5("ST-5", Kind.CORRUPTED, "Exactly clip_text_count text chunks follow the keyframe of a clip group, before the next critical chunk of another type."),
    ST_6("ST-6", Kind.CORRUPTED, "The stream ends with an end_of_stream chunk, and no byte follows it."),
    SH_1("SH-1", Kind.CORRUPTED, "coded_width and coded_height are even and in [2, max_coded_dimension]."),
    SH_2("SH-2", Kind.CORRUPTED, "1 <= display_width <= coded_width and 1 <= display_height <= coded_height."),
    SH_3("SH-3", Kind.CORRUPTED, "frame_rate_num and frame_rate_den are in [1, max_frame_rate_term]."),
    SH_4("SH-4", Kind.CORRUPTED, "frame_count is in [1, max_frame_count]."),
    SH_5("SH-5", Kind.CORRUPTED, "clip_count is in [1, max_clip_count] and at most frame_count."),
    SH_6("SH-6", Kind.CORRUPTED, "keyframe_count is clip_count or clip_count + 1."),
    SH_7("SH-7", Kind.CORRUPTED, "plane_width and plane_height are in [1, max_plane_dimension]."),
    SH_8("SH-8", Kind.CORRUPTED, "codebook_size is in [min_codebook_size, max_codebook_size]."),
    SH_9("SH-9", Kind.CORRUPTED, "latent_channels is in [1, max_latent_channels], latent_height and latent_width in [1, max_latent_dimension], and their product is at most max_latent_elements."),
    SH_10("SH-10", Kind.CORRUPTED, "pack_name is at most max_pack_name_bytes bytes."),
    SH_11("SH-11", Kind.UNSUPPORTED, "text_coder is a value of the text_coder table."),
    SH_12("SH-12", Kind.UNSUPPORTED, "sampler_id is a value of the sampler_id table."),
    SH_13("SH-13", Kind.CORRUPTED, "sampler_steps is in [1, max_sampler_steps]."),
    SI_1("SI-1", Kind.CORRUPTED, "seek_entry_count equals clip_count."),
    SI_2("SI-2", Kind.CORRUPTED, "Seek entry i locates the clip_header chunk of clip i and its first_frame (clause 6.4)."),
    CL_1("CL-1", Kind.CORRUPTED, "clip_index equals the number of clip_header chunks before it, and is less than clip_count."),
    CL_2("CL-2", Kind.CORRUPTED, "first_frame equals the sum of clip_frame_count over the preceding clips."),
    CL_3("CL-3", Kind.CORRUPTED, "clip_frame_count is in [1, max_clip_frames]."),
    CL_4("CL-4", Kind.UNSUPPORTED, "clip_mode is a value of the clip_mode table."),
    CL_5("CL-5", Kind.CORRUPTED, "A clip in interpolation mode has an end keyframe: clip_index + 1 < keyframe_count."),
    CL_6("CL-6", Kind.CORRUPTED, "clip_text_count is at most max_clip_text_count."),
    KF_1("KF-1", Kind.CORRUPTED, "keyframe_index equals the number of keyframe chunks before it, and is less than keyframe_count."),
    KF_2("KF-2", Kind.CORRUPTED, "keyframe_frame is the first_frame of clip keyframe_index, or frame_count - 1 for the trailing keyframe, which lies after the first frame of the last clip."),
    KF_3("KF-3", Kind.UNSUPPORTED, "plane_coding is a value of the plane_coding table."),
    KF_4("KF-4", Kind.CORRUPTED, "plane_data decodes, by the process of plane_coding, to exactly plane_width * plane_height indices and consumes exactly its bytes; padding bits are zero."),
    KF_5("KF-5", Kind.CORRUPTED, "Every decoded index is less than codebook_size."),
    TX_1("TX-1", Kind.UNSUPPORTED, "text_role is a value of the text_role table."),
    TX_2("TX-2", Kind.CORRUPTED, "text_target names the clip (clip_description) or keyframe (keyframe_description) of the clip group holding the text, the trailing keyframe in the last group, or is 0 for role other."),
    TX_3("TX-3", Kind.CORRUPTED, "text_coder of a text is raw (0) or the text_coder of the stream_header."),
    TX_4("TX-4", Kind.CORRUPTED, "text_language is a non-empty tag of at most max_language_bytes bytes of ASCII letters, digits and '-'."),
    TX_5("TX-5", Kind.CORRUPTED, "text_size is at most max_text_size."),
    TX_6("TX-6", Kind.CORRUPTED, "text_data decodes, by the process of text_coder, to exactly text_size bytes and consumes exactly its bytes; padding bits are zero."),
    TX_7("TX-7", Kind.CORRUPTED, "The decoded text is valid UTF-8."),
    TX_8("TX-8", Kind.CORRUPTED, "No two texts describe the same target with the same description role."),
    EN_1("EN-1", Kind.CORRUPTED, "The end_of_stream payload is empty."),
    EN_2("EN-2", Kind.CORRUPTED, "At end_of_stream, clip_count clips and keyframe_count keyframes were read, and their clip_frame_count sum to frame_count.");

    /** Whether a broken requirement means bad data or a feature this reader lacks (SevenZFile's wording). */
    public enum Kind { CORRUPTED, UNSUPPORTED }

    private final String id;
    private final Kind kind;
    private final String text;

    Requirement(String id, Kind kind, String text) {
        this.id = id;
        this.kind = kind;
        this.text = text;
    }

    /** The stable id used in spec/m3c.md, for example {@code "CK-3"}. */
    public String id() { return id; }

    public Kind kind() { return kind; }

    /** The requirement as spec/m3c.md states it. */
    public String text() { return text; }

    /**
     * @throws IllegalArgumentException when no requirement has this id
     */
    public static Requirement fromId(String id) {
        for (Requirement r : values()) {
            if (r.id.equals(id)) return r;
        }
        throw new IllegalArgumentException("unknown requirement id " + id);
    }
}
