package org.m3cvc.container.clip;

/** clip_mode (spec clause 6.5, table clip_mode): how a decoder generates the frames of a clip. */
public enum ClipMode {
    /** From keyframe clip_index alone (the paper's prediction mode). */
    PREDICTION(0, "prediction"),
    /** Between keyframes clip_index and clip_index + 1 (the paper's interpolation mode). */
    INTERPOLATION(1, "interpolation");

    private final int code;
    private final String specName;

    ClipMode(int code, String specName) {
        this.code = code;
        this.specName = specName;
    }

    public int code() { return code; }

    public String specName() { return specName; }

    public static ClipMode fromCode(int code) {
        for (ClipMode m : values()) if (m.code == code) return m;
        return null;
    }
}
