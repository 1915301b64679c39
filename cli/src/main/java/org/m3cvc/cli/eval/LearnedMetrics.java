package org.m3cvc.cli.eval;

import java.io.IOException;

import org.m3cvc.codec.frame.Frame;

/**
 * The learned metrics of one evaluation: LPIPS and CLIP similarity, each present only when the user gave its ONNX
 * model (--lpips, --clip). Opened once per eval; owns both models and closes them ({@link #close()} is idempotent).
 * Not thread-safe.
 */
final class LearnedMetrics implements AutoCloseable {
    private final LpipsModel lpips;
    private final ClipModel clip;

    /** Takes ownership of both models; either may be null (not measured). */
    LearnedMetrics(LpipsModel lpips, ClipModel clip) {
        this.lpips = lpips;
        this.clip = clip;
    }

    /** No learned metric. */
    static LearnedMetrics none() { return new LearnedMetrics(null, null); }

    boolean hasLpips() { return lpips != null; }

    boolean hasClip() { return clip != null; }

    /** LPIPS of {@code decoded} against {@code reference}; NaN without the model. */
    double lpips(Frame reference, Frame decoded) throws IOException {
        return lpips == null ? Double.NaN : lpips.distance(reference, decoded);
    }

    /** CLIP similarity of {@code decoded} and {@code reference}; NaN without the model. */
    double clipSimilarity(Frame reference, Frame decoded) throws IOException {
        return clip == null ? Double.NaN : clip.similarity(reference, decoded);
    }

    @Override
    public void close() throws IOException {
        try {
            if (lpips != null) lpips.close();
        } finally {
            if (clip != null) clip.close();
        }
    }
}
