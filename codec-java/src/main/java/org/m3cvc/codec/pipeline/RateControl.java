package org.m3cvc.codec.pipeline;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.m3cvc.codec.frame.Frame;
import org.m3cvc.codec.frame.FrameSource;
import org.m3cvc.codec.frame.VideoFormat;
import org.m3cvc.codec.pack.ModelPack;
import org.m3cvc.codec.select.KeyframeSelector;
import org.m3cvc.codec.select.MotionEstimator;
import org.m3cvc.codec.select.SemanticEmbedder;
import org.m3cvc.container.Limits;
import org.m3cvc.container.keyframe.Keyframe;

/**
 * The analysis pass of two-pass rate control: before the real encode, the input is read once with only the keyframe
 * selector running, for a list of selection settings (keyframe threshold D_th and longest clip) side by side, and
 * every {@code sampleEvery}-th frame is coded as a keyframe to learn what a keyframe of this input costs. The chosen
 * setting is the one with the most keyframes whose predicted stream is within the budget; the encode pass then
 * selects with it, and {@link KeyframeBudget}'s pruning stays the guarantee that the stream fits (and brings the
 * stream down when no setting is predicted to fit).
 *
 * <p>Why choose the threshold rather than only prune: selection scores measure the change since the last kept
 * keyframe, so pruning candidates proposed at threshold 0 (frame-to-frame scores) keeps worse keyframes than selecting
 * at a threshold that gives about the right count (docs/codec.md, rate control).
 *
 * <p>Cost: one embedding per frame, one motion estimate per frame and distinct last keyframe among the settings
 * (settings that share their last keyframe share the estimate), and one keyframe coding per sampled frame. Texts
 * are not predicted (a describer is not asked twice); pruning absorbs them. Not thread-safe.
 */
public final class RateControl {
    /** A keyframe-selection setting: threshold D_th and the longest clip (frames). */
    public record Setting(BigDecimal threshold, int maxClipFrames) {
        public Setting {
            if (threshold == null || threshold.signum() < 0) throw new IllegalArgumentException("threshold " + threshold);
            if (maxClipFrames < 1 || maxClipFrames > Limits.MAX_CLIP_FRAMES) {
                throw new IllegalArgumentException("maxClipFrames " + maxClipFrames);
            }
        }
    }

    /**
     * What the analysis predicts for one setting on one plane size: its keyframe count (the trailing one included)
     * and bytes.
     */
    public record Outcome(Setting setting, ModelPack.PlaneSize plane, int keyframes, long predictedBytes) {}

    /**
     * The result of the analysis pass.
     *
     * @param chosen the setting and plane to encode with
     * @param budgetBytes the stream's byte budget (target bpp × pixels / 8)
     * @param keyframeBytes mean coded bytes of a sampled keyframe (chunk framing included), per plane size
     * @param sampled keyframes coded per plane size to measure it
     * @param referenceKeyframes keyframes the reference setting selects (the density a finer plane must keep)
     * @param outcomes every setting tried on every plane, planes in the order given, settings within each
     * @param bestPerPlane for each plane on which some setting fits the budget, the one with the most keyframes
     *                     (planes in the order given): the candidates of a trial encode ({@code m3cvc encode})
     */
    public record Choice(Outcome chosen, long frames, long budgetBytes, Map<ModelPack.PlaneSize, Double> keyframeBytes,
                         int sampled, int referenceKeyframes, List<Outcome> outcomes, List<Outcome> bestPerPlane) {}

    /** Thresholds tried when the user fixed none (the pack's is added): dense at the low end, where counts move. */
    static final List<BigDecimal> THRESHOLDS = List.of("0", "0.005", "0.01", "0.015", "0.02", "0.03", "0.04", "0.05",
            "0.06", "0.07", "0.08", "0.09", "0.1", "0.125", "0.15", "0.175", "0.2", "0.25", "0.3", "0.35", "0.4", "0.5",
            "0.6", "0.75", "1").stream().map(BigDecimal::new).toList();

    /**
     * Multiples of the default longest clip tried when the user fixed none: longer clips for fewer keyframes at low
     * rates, shorter ones for more at high rates. Without the shorter ones the keyframe count jumps from what the
     * lowest non-zero threshold gives to every frame (threshold 0): tree stayed at 0.004 bpp (21 keyframes in 160
     * frames) with a 0.008 target and left half the budget unused (docs/codec.md).
     */
    static final double[] CLIP_MULTIPLES = {0.25, 0.375, 0.5, 0.75, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 12, 16, 32};

    private RateControl() {}

    /**
     * The settings the analysis tries. Whatever the user fixed is kept: a fixed threshold is the only threshold tried;
     * a fixed longest clip the only length. Otherwise thresholds run over {@link #THRESHOLDS} at the default longest
     * clip, and longer and shorter clips (multiples of the default, at the default threshold or the fixed one) reach
     * rates below and above what the thresholds give at the default clip length. Clips of one frame are left to
     * threshold 0, which makes every frame a keyframe.
     *
     * @param threshold the user's threshold, or null
     * @param maxClipFrames the user's longest clip, or null
     */
    public static List<Setting> settings(BigDecimal defaultThreshold, int defaultMaxClipFrames, BigDecimal threshold,
                                         Integer maxClipFrames) {
        Set<Setting> s = new LinkedHashSet<>();
        int clip = maxClipFrames != null ? maxClipFrames : defaultMaxClipFrames;
        if (threshold != null) {
            s.add(new Setting(threshold, clip));
        } else {
            List<BigDecimal> ts = new ArrayList<>(THRESHOLDS);
            if (ts.stream().noneMatch(t -> t.compareTo(defaultThreshold) == 0)) ts.add(defaultThreshold);
            ts.sort(null);
            for (BigDecimal t : ts) s.add(new Setting(t, clip));
        }
        if (maxClipFrames == null) {
            BigDecimal t = threshold != null ? threshold : defaultThreshold;
            for (double m : CLIP_MULTIPLES) {
                long len = Math.round(defaultMaxClipFrames * m);
                if (len >= 2 && len != clip && len <= Limits.MAX_CLIP_FRAMES) s.add(new Setting(t, (int) len));
            }
        }
        return List.copyOf(s);
    }

    /**
     * Runs the analysis pass over {@code source} (read to its end; not closed here) and chooses a setting and, when
     * {@code coders} offers several, a plane size.
     *
     * <p>Plane choice: a finer plane costs more bytes per keyframe, so within a budget it means fewer keyframes, and
     * keyframe placement bounds quality more than keyframe detail does (README, "what winning looks like"). The
     * finest plane whose best setting still keeps the keyframe density of {@code reference} (the pack's default
     * selection, or the user's) is chosen; when none does, the plane whose best setting has the most keyframes.
     * This guess is wrong on some content: on still-camera clips (OpenCV's tree, vtest) a 64×40 plane with half the
     * keyframes is better by 0.03–0.09 MS-SSIM, on Megamind's cuts and pans worse by 0.12–0.18
     * (docs/codec.md). So {@code m3cvc encode} does not rely on it when it can read the input again: it codes the
     * input with each plane's {@link Choice#bestPerPlane} and keeps the one that decodes closest.
     *
     * @param semantic, motion the selector's terms, as the encode pass will use them (null to leave a term out)
     * @param candidates the settings to try, non-empty ({@link #settings}), {@code reference} among them
     * @param coders codes the sampled keyframes, per plane size to try; non-empty
     * @param codebookSize codebook_size of the stream (the plane coding depends on it)
     * @param sampleEvery code frame 0 and every {@code sampleEvery}-th after it
     * @param times records the selection terms (the coder records its own); null for none
     * @throws IOException for an empty input
     */
    public static Choice analyse(FrameSource source, SemanticEmbedder semantic, MotionEstimator motion,
                                 BigDecimal lambda1, BigDecimal lambda2, List<Setting> candidates, Setting reference,
                                 Map<ModelPack.PlaneSize, KeyframeCoder> coders, EncoderSettings settings,
                                 int codebookSize, int sampleEvery, Progress progress, StageTimes times)
            throws Exception {
        if (candidates.isEmpty()) throw new IllegalArgumentException("no settings to try");
        if (!candidates.contains(reference)) throw new IllegalArgumentException(reference + " not among the settings");
        if (coders.isEmpty()) throw new IllegalArgumentException("no plane to try");
        if (!(settings.targetBpp() > 0)) throw new IllegalArgumentException("no target bpp in " + settings);
        if (sampleEvery < 1) throw new IllegalArgumentException("sampleEvery " + sampleEvery);
        SharedTerms shared = new SharedTerms(semantic, motion);
        List<KeyframeSelector> selectors = new ArrayList<>();
        for (Setting s : candidates) {
            selectors.add(new KeyframeSelector(semantic == null ? null : shared::embed,
                    motion == null ? null : shared::meanFlowMagnitude, lambda1, lambda2, s.threshold(),
                    s.maxClipFrames(), times));
        }
        long[] clips = new long[candidates.size()];
        long[] clipLength = new long[candidates.size()];
        Map<ModelPack.PlaneSize, Long> sampledBytes = new LinkedHashMap<>();
        for (ModelPack.PlaneSize p : coders.keySet()) sampledBytes.put(p, 0L);
        long n = 0;
        int sampled = 0;
        Frame f;
        while ((f = source.next()) != null) {
            for (int i = 0; i < selectors.size(); i++) {
                // As StreamEncoder: the spec's clip-length limit forces a keyframe the selector did not propose.
                if (selectors.get(i).offer(f) || clipLength[i] >= Limits.MAX_CLIP_FRAMES) {
                    clips[i]++;
                    clipLength[i] = 0;
                }
                clipLength[i]++;
            }
            if (n % sampleEvery == 0) {
                for (Map.Entry<ModelPack.PlaneSize, KeyframeCoder> c : coders.entrySet()) {
                    Keyframe coded = Keyframe.of(0, 0, settings.planeCoding(), c.getValue().encode(f), codebookSize);
                    sampledBytes.merge(c.getKey(), StreamEncoder.codedBytes(coded, null, settings), Long::sum);
                }
                sampled++;
            }
            progress.frames(++n, -1);
        }
        if (n == 0) throw new IOException("the input has no frames");
        VideoFormat fmt = source.format();
        long budget = (long) Math.floor(settings.targetBpp() * fmt.width() * fmt.height() * n / 8);
        int[] keyframes = new int[candidates.size()];
        for (int i = 0; i < candidates.size(); i++) {
            // The trailing keyframe of interpolation: one more keyframe when the last clip has two frames or more.
            keyframes[i] = (int) clips[i] + (settings.interpolation() && clipLength[i] >= 2 ? 1 : 0);
        }
        int referenceKeyframes = keyframes[candidates.indexOf(reference)];
        Map<ModelPack.PlaneSize, Double> perKeyframe = new LinkedHashMap<>();
        List<Outcome> outcomes = new ArrayList<>();
        List<Outcome> bestPerPlane = new ArrayList<>();
        Outcome smallest = null, mostKeyframes = null, dense = null;
        for (ModelPack.PlaneSize p : coders.keySet()) {
            double bytesPerKeyframe = (double) sampledBytes.get(p) / sampled;
            perKeyframe.put(p, bytesPerKeyframe);
            Outcome best = null;
            for (int i = 0; i < candidates.size(); i++) {
                long bytes = KeyframeBudget.BASE_BYTES + clips[i] * KeyframeBudget.PER_CLIP_BYTES
                        + (long) Math.ceil(keyframes[i] * bytesPerKeyframe);
                Outcome o = new Outcome(candidates.get(i), p, keyframes[i], bytes);
                outcomes.add(o);
                // Most keyframes within the budget; on a tie the earlier setting (lower threshold, shorter clips).
                // Not "within the budget plus a keyframe that pruning then drops": pruning takes forced keyframes
                // first and so doubles a clip, which cost Megamind 0.025 MS-SSIM at 0.006 bpp (docs/codec.md).
                if (bytes <= budget && (best == null || o.keyframes() > best.keyframes())) best = o;
                if (smallest == null || o.predictedBytes() < smallest.predictedBytes()) smallest = o;
            }
            if (best == null) continue;
            bestPerPlane.add(best);
            if (mostKeyframes == null || best.keyframes() > mostKeyframes.keyframes()) mostKeyframes = best;
            boolean finer = dense == null || (long) p.width() * p.height() > (long) dense.plane().width()
                    * dense.plane().height();
            if (best.keyframes() >= referenceKeyframes && finer) dense = best;
        }
        // Nothing fits: the smallest prediction, which pruning then brings down to the budget.
        Outcome chosen = dense != null ? dense : mostKeyframes != null ? mostKeyframes : smallest;
        return new Choice(chosen, n, budget, Map.copyOf(perKeyframe), sampled, referenceKeyframes,
                List.copyOf(outcomes), List.copyOf(bestPerPlane));
    }

    /**
     * One embedding per frame and one motion estimate per (last keyframe, frame) pair, whatever the number of
     * selectors: they offer the same frame objects in turn, so identity tells a repeat. The embedding array is shared
     * between selectors, which only read it.
     */
    private static final class SharedTerms {
        private final SemanticEmbedder semantic;
        private final MotionEstimator motion;
        private Frame embedded;
        private float[] embedding;
        private Frame motionTo;
        private final Map<Frame, Double> motionFrom = new IdentityHashMap<>();

        SharedTerms(SemanticEmbedder semantic, MotionEstimator motion) {
            this.semantic = semantic;
            this.motion = motion;
        }

        float[] embed(Frame f) throws Exception {
            if (f != embedded) {
                embedding = semantic.embed(f);
                embedded = f;
            }
            return embedding;
        }

        double meanFlowMagnitude(Frame from, Frame to) throws Exception {
            if (to != motionTo) {
                motionFrom.clear();
                motionTo = to;
            }
            Double m = motionFrom.get(from);
            if (m == null) {
                m = motion.meanFlowMagnitude(from, to);
                motionFrom.put(from, m);
            }
            return m;
        }
    }
}
