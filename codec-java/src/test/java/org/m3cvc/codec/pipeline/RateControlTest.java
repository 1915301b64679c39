package org.m3cvc.codec.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.codec.describe.NoDescriber;
import org.m3cvc.codec.frame.Frame;
import org.m3cvc.codec.frame.FrameSource;
import org.m3cvc.codec.frame.VideoFormat;
import org.m3cvc.codec.pack.ModelPack;
import org.m3cvc.codec.select.KeyframeSelector;
import org.m3cvc.codec.select.SemanticEmbedder;
import org.m3cvc.container.M3cReader;
import org.m3cvc.container.header.StreamHeader;
import org.m3cvc.container.keyframe.IndexPlane;

/**
 * Two-pass rate control with closed-form stand-ins: 96 frames of a grey level that drifts in steps of random size
 * (so each threshold gives another keyframe count), a semantic embedding {v, 255 − v}, and a keyframe coder of
 * random 20x12 index planes seeded by the level (so every keyframe costs about 240 bytes).
 */
class RateControlTest {
    @TempDir Path dir;
    static final VideoFormat FMT = new VideoFormat(64, 40, 8, 1);
    static final int FRAMES = 96;
    static final BigDecimal DEFAULT_THRESHOLD = new BigDecimal("0.25");
    static final int DEFAULT_CLIP = 8;

    static FrameSource drifting() {
        Random r = new Random(7);
        int[] level = new int[FRAMES];
        int v = 128;
        for (int i = 0; i < FRAMES; i++) {
            // Mostly still, now and then a jump of random size: cuts of every strength.
            if (r.nextInt(3) == 0) v = Math.max(1, Math.min(254, v + (r.nextBoolean() ? 1 : -1) * r.nextInt(120)));
            level[i] = v;
        }
        return new FrameSource() {
            int i;

            @Override public VideoFormat format() { return FMT; }

            @Override public Frame next() {
                if (i == FRAMES) return null;
                byte[] rgb = new byte[64 * 40 * 3];
                Arrays.fill(rgb, (byte) level[i]);
                return new Frame(64, 40, i++, rgb);
            }

            @Override public void close() {}
        };
    }

    static final SemanticEmbedder GREY = f -> new float[] {f.at(0, 0, 0), 255 - f.at(0, 0, 0)};

    static final KeyframeCoder RANDOM_PLANE = f -> {
        Random r = new Random(f.at(0, 0, 0));
        int[] k = new int[20 * 12];
        for (int i = 0; i < k.length; i++) k[i] = r.nextInt(256);
        return new IndexPlane(20, 12, k);
    };

    static StreamHeader.Builder header() {
        StreamHeader.Builder b = StreamHeader.builder().plane(20, 12, 256);
        b.latentChannels = 1; b.latentHeight = 5; b.latentWidth = 8;
        return b;
    }

    /** Four times the indices of RANDOM_PLANE: a finer plane size, costing about four times the bytes. */
    static final KeyframeCoder RANDOM_FINE_PLANE = f -> {
        Random r = new Random(f.at(0, 0, 0));
        int[] k = new int[40 * 24];
        for (int i = 0; i < k.length; i++) k[i] = r.nextInt(256);
        return new IndexPlane(40, 24, k);
    };

    static final ModelPack.PlaneSize COARSE = new ModelPack.PlaneSize(20, 12), FINE = new ModelPack.PlaneSize(40, 24);

    static final RateControl.Setting REFERENCE = new RateControl.Setting(DEFAULT_THRESHOLD, DEFAULT_CLIP);

    static RateControl.Choice analyse(double bpp, SemanticEmbedder semantic) throws Exception {
        return analyse(bpp, semantic, Map.of(COARSE, RANDOM_PLANE));
    }

    static RateControl.Choice analyse(double bpp, SemanticEmbedder semantic,
                                      Map<ModelPack.PlaneSize, KeyframeCoder> coders) throws Exception {
        return RateControl.analyse(drifting(), semantic, null, BigDecimal.ONE, BigDecimal.ZERO,
                RateControl.settings(DEFAULT_THRESHOLD, DEFAULT_CLIP, null, null), REFERENCE, coders,
                EncoderSettings.defaults().withTargetBpp(bpp), 256, DEFAULT_CLIP, Progress.NONE, null);
    }

    @Test
    void finerPlaneOnlyWhenItKeepsTheReferenceDensity() throws Exception {
        Map<ModelPack.PlaneSize, KeyframeCoder> both = new LinkedHashMap<>();
        both.put(COARSE, RANDOM_PLANE);
        both.put(FINE, RANDOM_FINE_PLANE);
        boolean sawCoarse = false, sawFine = false;
        for (double bpp : new double[] {0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 4}) {
            RateControl.Choice c = analyse(bpp, GREY, both);
            assertEquals(2 * RateControl.settings(DEFAULT_THRESHOLD, DEFAULT_CLIP, null, null).size(),
                    c.outcomes().size());
            assertTrue(c.keyframeBytes().get(FINE) > 3 * c.keyframeBytes().get(COARSE), c.keyframeBytes().toString());
            RateControl.Outcome fineBest = null;
            for (RateControl.Outcome o : c.outcomes()) {
                if (o.plane().equals(FINE) && o.predictedBytes() <= c.budgetBytes()
                        && (fineBest == null || o.keyframes() > fineBest.keyframes())) fineBest = o;
            }
            boolean fineDense = fineBest != null && fineBest.keyframes() >= c.referenceKeyframes();
            assertEquals(fineDense ? FINE : COARSE, c.chosen().plane(), bpp + ": " + c.chosen());
            if (c.chosen().plane().equals(FINE)) sawFine = true;
            else sawCoarse = true;
        }
        assertTrue(sawCoarse && sawFine, "the targets span both choices");
    }

    /** The encode pass with a setting: header of the written stream. */
    StreamHeader encode(RateControl.Setting s, double bpp) throws Exception {
        return encode(s, bpp, GREY);
    }

    StreamHeader encode(RateControl.Setting s, double bpp, SemanticEmbedder semantic) throws Exception {
        Path out = dir.resolve("r.m3c");
        KeyframeSelector sel = new KeyframeSelector(semantic, null, BigDecimal.ONE, BigDecimal.ZERO, s.threshold(),
                s.maxClipFrames());
        StreamEncoder.encode(drifting(), sel, RANDOM_PLANE, new NoDescriber(),
                EncoderSettings.defaults().withTargetBpp(bpp), header(), out, Progress.NONE);
        try (M3cReader r = M3cReader.open(Files.newInputStream(out), "r.m3c")) {
            StreamHeader h = r.streamHeader();
            r.readToEnd();
            assertEquals(FRAMES, h.frameCount());
            double reached = Files.size(out) * 8.0 / (64.0 * 40 * FRAMES);
            if (bpp > 0) assertTrue(reached <= bpp, "bpp " + reached + " > target " + bpp + " with " + s);
            return h;
        }
    }

    @Test
    void settingsKeepWhatTheUserFixed() {
        List<RateControl.Setting> free = RateControl.settings(DEFAULT_THRESHOLD, 8, null, null);
        assertTrue(free.contains(new RateControl.Setting(DEFAULT_THRESHOLD, 8)), free.toString());
        assertTrue(free.contains(new RateControl.Setting(BigDecimal.ZERO, 8)), free.toString());
        assertTrue(free.contains(new RateControl.Setting(DEFAULT_THRESHOLD, 16)), free.toString());
        assertTrue(free.contains(new RateControl.Setting(DEFAULT_THRESHOLD, 4)), free.toString());
        assertTrue(free.contains(new RateControl.Setting(DEFAULT_THRESHOLD, 2)), free.toString());
        // One-frame clips are threshold 0's job.
        for (RateControl.Setting s : free) assertTrue(s.maxClipFrames() >= 2, free.toString());
        // The pack's threshold is tried even off the grid.
        assertTrue(RateControl.settings(new BigDecimal("0.33"), 8, null, null)
                .contains(new RateControl.Setting(new BigDecimal("0.33"), 8)));

        BigDecimal t = new BigDecimal("0.05");
        List<RateControl.Setting> fixedT = RateControl.settings(DEFAULT_THRESHOLD, 8, t, null);
        assertTrue(fixedT.size() > 1, fixedT.toString());
        for (RateControl.Setting s : fixedT) assertEquals(t, s.threshold(), fixedT.toString());

        List<RateControl.Setting> fixedClip = RateControl.settings(DEFAULT_THRESHOLD, 8, null, 5);
        assertTrue(fixedClip.size() > 1, fixedClip.toString());
        for (RateControl.Setting s : fixedClip) assertEquals(5, s.maxClipFrames(), fixedClip.toString());

        assertEquals(List.of(new RateControl.Setting(t, 5)), RateControl.settings(DEFAULT_THRESHOLD, 8, t, 5));
    }

    @Test
    void largerTargetNeverGivesFewerKeyframesAndNeverExceedsIt() throws Exception {
        int previousPredicted = 0, previousWritten = 0;
        List<Integer> written = new ArrayList<>();
        for (double bpp : new double[] {0.02, 0.04, 0.06, 0.08, 0.1, 0.15, 0.2, 0.3, 0.5}) {
            RateControl.Choice c = analyse(bpp, GREY);
            assertEquals(FRAMES, c.frames());
            assertEquals((long) Math.floor(bpp * 64 * 40 * FRAMES / 8), c.budgetBytes());
            int predicted = c.chosen().keyframes();
            assertTrue(predicted >= previousPredicted, bpp + ": predicted " + predicted + " < " + previousPredicted);
            previousPredicted = predicted;
            StreamHeader h = encode(c.chosen().setting(), bpp);
            assertTrue(h.keyframeCount() >= previousWritten, bpp + ": " + h.keyframeCount() + " keyframes < "
                    + previousWritten);
            previousWritten = h.keyframeCount();
            written.add(h.keyframeCount());
        }
        // The range of targets spans the settings: not one keyframe count throughout.
        assertTrue(written.get(0) < written.get(written.size() - 1), written.toString());
    }

    @Test
    void predictionMatchesTheEncodePass() throws Exception {
        // A target that some setting meets with room to spare: the chosen one fits its prediction and the encode pass
        // writes exactly the predicted keyframes (selection of both passes is the same), within the budget.
        RateControl.Choice c = analyse(0.1, GREY);
        assertTrue(c.chosen().predictedBytes() <= c.budgetBytes(), c.toString());
        assertEquals(RateControl.settings(DEFAULT_THRESHOLD, DEFAULT_CLIP, null, null).size(), c.outcomes().size());
        assertEquals(FRAMES / DEFAULT_CLIP, c.sampled());
        StreamHeader h = encode(c.chosen().setting(), 0);
        assertEquals(c.chosen().keyframes(), h.keyframeCount(), c.chosen().toString());
        // A setting with more keyframes would not have fitted.
        for (RateControl.Outcome o : c.outcomes()) {
            if (o.keyframes() > c.chosen().keyframes()) assertTrue(o.predictedBytes() > c.budgetBytes(), o.toString());
        }
    }

    @Test
    void shorterClipsReachRatesBetweenTheThresholdsAndEveryFrame() throws Exception {
        // No content change: every threshold above 0 gives the keyframes the longest clip forces (13 here), threshold
        // 0 gives all 96. A budget of about 30 keyframes must be spent with shorter clips.
        SemanticEmbedder still = f -> new float[] {1, 1};
        RateControl.Choice c = RateControl.analyse(drifting(), still, null, BigDecimal.ONE, BigDecimal.ZERO,
                RateControl.settings(DEFAULT_THRESHOLD, DEFAULT_CLIP, null, null), REFERENCE,
                Map.of(COARSE, RANDOM_PLANE), EncoderSettings.defaults().withTargetBpp(0.25), 256, DEFAULT_CLIP,
                Progress.NONE, null);
        assertEquals(FRAMES / DEFAULT_CLIP + 1, c.referenceKeyframes());
        RateControl.Outcome chosen = c.chosen();
        assertTrue(chosen.predictedBytes() <= c.budgetBytes(), chosen.toString());
        assertTrue(chosen.keyframes() > c.referenceKeyframes() && chosen.keyframes() < FRAMES, chosen.toString());
        assertTrue(chosen.setting().maxClipFrames() < DEFAULT_CLIP, chosen.toString());
        StreamHeader h = encode(chosen.setting(), 0.25, still);
        assertEquals(chosen.keyframes(), h.keyframeCount(), chosen.toString());
    }

    @Test
    void unreachableTargetChoosesTheFewestKeyframes() throws Exception {
        RateControl.Choice c = analyse(0.001, GREY);
        assertTrue(c.chosen().predictedBytes() > c.budgetBytes(), c.toString());
        for (RateControl.Outcome o : c.outcomes()) assertTrue(o.keyframes() >= c.chosen().keyframes(), o.toString());
    }

    @Test
    void eachFrameIsEmbeddedOnceWhateverTheNumberOfSettings() throws Exception {
        int[] calls = {0};
        analyse(0.1, f -> {
            calls[0]++;
            return GREY.embed(f);
        });
        assertEquals(FRAMES, calls[0]);
    }
}
