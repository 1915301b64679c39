package org.m3cvc.container;

/**
 * Levels and limits of spec/m3c.md clause 9 ({@code limits} in syntax.json). A reader checks each before it allocates
 * anything whose size a stream declares, so that no input drives memory beyond these bounds.
 */
public final class Limits {
    private Limits() {}

    public static final int MAX_CHUNK_SIZE = 1 << 20;
    public static final int MAX_CODED_DIMENSION = 4096;
    public static final int MAX_FRAME_RATE_TERM = 1_000_000;
    public static final int MAX_FRAME_COUNT = 1 << 24;
    public static final int MAX_CLIP_COUNT = 65536;
    public static final int MAX_CLIP_FRAMES = 4096;
    public static final int MAX_PLANE_DIMENSION = 256;
    public static final int MIN_CODEBOOK_SIZE = 2;
    public static final int MAX_CODEBOOK_SIZE = 4096;
    public static final int MAX_LATENT_CHANNELS = 64;
    public static final int MAX_LATENT_DIMENSION = 1024;
    public static final int MAX_LATENT_ELEMENTS = 1 << 22;
    public static final int MAX_PACK_NAME_BYTES = 255;
    public static final int MAX_LANGUAGE_BYTES = 35;
    public static final int MAX_CLIP_TEXT_COUNT = 16;
    public static final int MAX_TEXT_SIZE = 65536;
    public static final int MAX_SAMPLER_STEPS = 1000;
}
