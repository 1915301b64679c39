package org.m3cvc.container.chunk;

/**
 * The chunk types of spec/m3c.md clause 6.1. Bit 7 of {@code chunk_type} is the ancillary flag: a reader skips an
 * ancillary chunk it does not know and refuses a critical one (CK-5), as PNG does with the case of a chunk name.
 */
public enum ChunkType {
    STREAM_HEADER(0x01, "stream_header"),
    CLIP_HEADER(0x02, "clip_header"),
    KEYFRAME(0x03, "keyframe"),
    TEXT(0x04, "text"),
    END_OF_STREAM(0x05, "end_of_stream"),
    SEEK_INDEX(0x81, "seek_index");

    public static final int ANCILLARY_BIT = 0x80;

    private final int code;
    private final String specName;

    ChunkType(int code, String specName) {
        this.code = code;
        this.specName = specName;
    }

    public int code() { return code; }

    /** The element name in spec/m3c.md and syntax.json. */
    public String specName() { return specName; }

    public boolean ancillary() { return isAncillary(code); }

    public static boolean isAncillary(int code) { return (code & ANCILLARY_BIT) != 0; }

    /** The known type of {@code code}, or null for a type this version does not define. */
    public static ChunkType fromCode(int code) {
        for (ChunkType t : values()) {
            if (t.code == code) return t;
        }
        return null;
    }

    /** The spec name of a known code, else {@code chunk_0xNN}. */
    public static String nameOf(int code) {
        ChunkType t = fromCode(code);
        return t != null ? t.specName : String.format("chunk_0x%02X", code);
    }
}
