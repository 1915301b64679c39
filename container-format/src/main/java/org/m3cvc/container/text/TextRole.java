package org.m3cvc.container.text;

/** text_role (spec clause 6.7, table text_role): what a text describes. */
public enum TextRole {
    /** The paper's D_i^F: the description of keyframe text_target, conditioning its diffusion decode. */
    KEYFRAME_DESCRIPTION(0, "keyframe_description"),
    /** The paper's D_i^C: the motion description of clip text_target, conditioning its clip generation. */
    CLIP_DESCRIPTION(1, "clip_description"),
    /** Any other text (title, comment); decoders do not condition on it. */
    OTHER(2, "other");

    private final int code;
    private final String specName;

    TextRole(int code, String specName) {
        this.code = code;
        this.specName = specName;
    }

    public int code() { return code; }

    public String specName() { return specName; }

    public static TextRole fromCode(int code) {
        for (TextRole r : values()) if (r.code == code) return r;
        return null;
    }
}
