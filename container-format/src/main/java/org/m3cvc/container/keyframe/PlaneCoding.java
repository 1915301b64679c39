package org.m3cvc.container.keyframe;

/** plane_coding (spec clause 6.6, table plane_coding): how plane_data codes the index plane. */
public enum PlaneCoding {
    /** Fixed-width indices, clause 8.3. */
    RAW(0, "raw"),
    /** Adaptive binary range coder with a spatial context model, clause 8.4. */
    CONTEXT_RANGE(1, "context_range");

    private final int code;
    private final String specName;

    PlaneCoding(int code, String specName) {
        this.code = code;
        this.specName = specName;
    }

    public int code() { return code; }

    public String specName() { return specName; }

    public static PlaneCoding fromCode(int code) {
        for (PlaneCoding c : values()) if (c.code == code) return c;
        return null;
    }
}
