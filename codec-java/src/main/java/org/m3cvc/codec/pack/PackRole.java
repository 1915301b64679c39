package org.m3cvc.codec.pack;

/**
 * The networks a model pack provides (spec/model-pack.md clause 3). A pack must provide every required role; the
 * optional ones have fallbacks in the encoder (pooled encoder latents for semantics, classical optical flow for
 * motion) or, for the text encoder, mean decoding without text conditioning.
 */
public enum PackRole {
    IMAGE_ENCODER("image_encoder", true),
    POST_ENCODER("post_encoder", true),
    UPSAMPLER("upsampler", true),
    DENOISER("denoiser", true),
    IMAGE_DECODER("image_decoder", true),
    CLIP_GENERATOR("clip_generator", true),
    TEXT_ENCODER("text_encoder", false),
    SEMANTIC_EMBEDDER("semantic_embedder", false),
    MOTION_ESTIMATOR("motion_estimator", false);

    private final String manifestName;
    private final boolean required;

    PackRole(String manifestName, boolean required) {
        this.manifestName = manifestName;
        this.required = required;
    }

    /** The key of this role in the manifest's {@code roles} object. */
    public String manifestName() { return manifestName; }

    public boolean required() { return required; }

    /** The role named {@code name} in a manifest, or null. */
    public static PackRole fromManifestName(String name) {
        for (PackRole r : values()) if (r.manifestName.equals(name)) return r;
        return null;
    }
}
