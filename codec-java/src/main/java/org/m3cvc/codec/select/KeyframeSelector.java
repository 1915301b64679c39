package org.m3cvc.codec.select;

import java.math.BigDecimal;

import org.m3cvc.codec.frame.Frame;
import org.m3cvc.codec.pipeline.Stage;
import org.m3cvc.codec.pipeline.StageTimes;

/**
 * Keyframe selection of the paper (section 3.2): frame n becomes a keyframe when
 * {@code D = λ1·(1 − cos(sem(F_n), sem(F_l))) + λ2·motion(F_l, F_n) − D_th > 0}, F_l being the last keyframe, or when
 * the clip since F_l has reached {@code maxClipFrames}. Frame 0 is always a keyframe. Streaming: frames are offered
 * one at a time and only the last keyframe and its embedding are kept.
 *
 * <p>Motion is normalised by the frame diagonal (so λ2 does not depend on the working resolution): motion = mean flow
 * magnitude / sqrt(w² + h²) × 100, in percent of the diagonal. Not thread-safe.
 */
public final class KeyframeSelector {
    private final SemanticEmbedder semantic;
    private final MotionEstimator motion;
    private final double lambda1;
    private final double lambda2;
    private final double threshold;
    private final int maxClipFrames;
    private final StageTimes times;
    private Frame last;
    private float[] lastEmbedding;
    private int sinceLast;
    private double lastScore = Double.NaN;

    /**
     * @param semantic null to leave the semantic term out (λ1 is then ignored)
     * @param motion null to leave the motion term out (λ2 is then ignored)
     * @param maxClipFrames the longest clip, 1..4096 (max_clip_frames)
     */
    public KeyframeSelector(SemanticEmbedder semantic, MotionEstimator motion, BigDecimal lambda1, BigDecimal lambda2,
                            BigDecimal threshold, int maxClipFrames) {
        this(semantic, motion, lambda1, lambda2, threshold, maxClipFrames, StageTimes.OFF);
    }

    /**
     * As {@link #KeyframeSelector(SemanticEmbedder, MotionEstimator, BigDecimal, BigDecimal, BigDecimal, int)},
     * recording the semantic and motion terms in {@code times} (null for none), which must be confined to the
     * thread that offers frames.
     */
    public KeyframeSelector(SemanticEmbedder semantic, MotionEstimator motion, BigDecimal lambda1, BigDecimal lambda2,
                            BigDecimal threshold, int maxClipFrames, StageTimes times) {
        if (maxClipFrames < 1) throw new IllegalArgumentException("maxClipFrames " + maxClipFrames);
        this.semantic = semantic;
        this.motion = motion;
        this.lambda1 = lambda1.doubleValue();
        this.lambda2 = lambda2.doubleValue();
        this.threshold = threshold.doubleValue();
        this.maxClipFrames = maxClipFrames;
        this.times = StageTimes.orOff(times);
    }

    /** Whether {@code f}, the next frame in display order, starts a new clip (is a keyframe). */
    public boolean offer(Frame f) throws Exception {
        if (last == null) {
            lastScore = Double.POSITIVE_INFINITY;
            return accept(f, semantic == null ? null : embed(f));
        }
        double d = -threshold;
        float[] e = null;
        if (semantic != null) {
            e = embed(f);
            d += lambda1 * (1 - cosine(e, lastEmbedding));
        }
        if (motion != null) {
            double diag = Math.sqrt((double) f.width() * f.width() + (double) f.height() * f.height());
            long t = times.start();
            double m = motion.meanFlowMagnitude(last, f);
            times.stop(Stage.SELECT_MOTION, t);
            d += lambda2 * m / diag * 100;
        }
        lastScore = d;
        // A keyframe forced by the clip length keeps its (non-positive) score: rate control drops it first.
        if (d > 0 || sinceLast >= maxClipFrames) return accept(f, e);
        sinceLast++;
        return false;
    }

    /**
     * D of the last frame offered (+infinity for the first frame, which is always a keyframe; NaN before any): the
     * priority of a keyframe under rate control.
     */
    public double lastScore() { return lastScore; }

    private float[] embed(Frame f) throws Exception {
        long t = times.start();
        float[] e = semantic.embed(f);
        times.stop(Stage.SELECT_SEMANTIC, t);
        return e;
    }

    private boolean accept(Frame f, float[] embedding) {
        last = f;
        lastEmbedding = embedding;
        sinceLast = 1;
        return true;
    }

    /** Cosine similarity in double; 1 for two zero vectors (nothing to tell them apart). */
    static double cosine(float[] a, float[] b) {
        if (a.length != b.length) throw new IllegalArgumentException(a.length + " vs " + b.length);
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        if (aa == 0 && bb == 0) return 1;
        if (aa == 0 || bb == 0) return 0;
        return ab / Math.sqrt(aa * bb);
    }
}
