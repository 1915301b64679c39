package org.m3cvc.codec.pipeline;

/**
 * The stages {@link StageTimes} accounts for. They are disjoint (no stage's time includes another's), so their totals
 * add up to at most the run's wall time; the rest is JVM and pipeline overhead. {@link #id()} is the name the
 * {@code --stats} table and JSON use.
 */
public enum Stage {
    /** Model pack read, SHA-256 checked, ONNX Runtime sessions created (encode and decode). */
    PACK_OPEN("pack_open"),
    /** FrameSource.next: demux, decode, scale, crop, rate conversion (encode). */
    FRAME_READ("frame_read"),
    /** The semantic term of keyframe selection: semantic_embedder or the pooled fallback (encode). */
    SELECT_SEMANTIC("select_semantic"),
    /** The motion term of keyframe selection: motion_estimator or the block-matching fallback (encode). */
    SELECT_MOTION("select_motion"),
    /** Describer calls for keyframe and clip descriptions (encode). */
    DESCRIBE("describe"),
    /** image_encoder (VAE encoder) run, with the frame-to-tensor conversion (encode). */
    IMAGE_ENCODER("image_encoder"),
    /** post_encoder run and the copy of its features (encode). */
    POST_ENCODER("post_encoder"),
    /** Exact nearest codebook vector of every plane position (encode). */
    VQ_SEARCH("vq_search"),
    /** Index-plane entropy coding (plane_coding) and chunk framing of keyframes and their texts (encode). */
    ENTROPY_ENCODE("entropy_encode"),
    /**
     * Rate control's keyframe pruning (with --bpp), then the writer: texts, chunks, seek index, temp file and rename
     * (encode).
     */
    STREAM_WRITE("stream_write"),
    /** The reader: chunks read, CRC-checked, index planes entropy-decoded, texts decoded (decode). */
    STREAM_READ("stream_read"),
    /** text_encoder runs for keyframe descriptions, tokenizer included (decode). */
    TEXT_ENCODER("text_encoder"),
    /** Codebook lookup and upsampler run (decode). */
    UPSAMPLER("upsampler"),
    /** denoiser runs, one call per network evaluation (decode). */
    DENOISER("denoiser"),
    /** The sampler's own work between denoiser calls: noise generation and the update arithmetic (decode). */
    SAMPLER("sampler"),
    /** image_decoder (VAE decoder) run, with the tensor-to-frame conversion (decode). */
    IMAGE_DECODER("image_decoder"),
    /** clip_generator runs, one per generated frame, conversions included (decode). */
    CLIP_GENERATOR("clip_generator"),
    /** FrameSink.write and finish: conversion, encoding or file writing, rename (decode). */
    FRAME_WRITE("frame_write");

    private final String id;

    Stage(String id) { this.id = id; }

    /** The snake_case name used in reports. */
    public String id() { return id; }
}
