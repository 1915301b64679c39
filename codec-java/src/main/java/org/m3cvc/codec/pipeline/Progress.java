package org.m3cvc.codec.pipeline;

/** Progress of a long job, in frames; implementations must be cheap (called once per frame). */
@FunctionalInterface
public interface Progress {
    Progress NONE = (done, total) -> {};

    /** @param total the expected number of frames, or -1 when unknown */
    void frames(long done, long total);
}
