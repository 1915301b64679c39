package org.m3cvc.cli.probe;

import org.m3cvc.container.chunk.ChunkType;

/** Bit accounting categories; every byte of a file falls in exactly one. */
public enum ChunkCategory {
    /** file_header, stream_header, clip_header and end_of_stream. */
    HEADERS("headers"),
    /** keyframe chunks. */
    INDEX_PLANES("index_planes"),
    /** text chunks. */
    TEXTS("texts"),
    /** the seek_index chunk. */
    INDEX("index"),
    /** ancillary chunks this version does not define. */
    OTHER("other");

    private final String label;

    ChunkCategory(String label) {
        this.label = label;
    }

    /** The name in output, also the prefix of the {@code *_bits} fields. */
    public String label() { return label; }

    /** The category of a chunk of type {@code chunkType}. */
    public static ChunkCategory of(int chunkType) {
        ChunkType t = ChunkType.fromCode(chunkType);
        if (t == null) return OTHER;
        return switch (t) {
            case STREAM_HEADER, CLIP_HEADER, END_OF_STREAM -> HEADERS;
            case KEYFRAME -> INDEX_PLANES;
            case TEXT -> TEXTS;
            case SEEK_INDEX -> INDEX;
        };
    }
}
