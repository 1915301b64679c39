package org.m3cvc.container.header;

/** sampler_id (spec clause 6.3, table sampler_id): the diffusion update a decoder runs. */
public enum SamplerId {
    /** The paper's ancestral DDPM update, one network call per step. */
    DDPM(0, "ddpm"),
    /** Deterministic DDIM (eta = 0) on a sub-sequence of timesteps: the few-step option. */
    DDIM(1, "ddim");

    private final int code;
    private final String specName;

    SamplerId(int code, String specName) {
        this.code = code;
        this.specName = specName;
    }

    public int code() { return code; }

    public String specName() { return specName; }

    /** The sampler of {@code code}, or null if this version defines none. */
    public static SamplerId fromCode(int code) {
        for (SamplerId s : values()) if (s.code == code) return s;
        return null;
    }
}
