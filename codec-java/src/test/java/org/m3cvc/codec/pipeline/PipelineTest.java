package org.m3cvc.codec.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.codec.describe.Describer;
import org.m3cvc.codec.describe.NoDescriber;
import org.m3cvc.codec.frame.Frame;
import org.m3cvc.codec.frame.FrameSink;
import org.m3cvc.codec.frame.FrameSource;
import org.m3cvc.codec.frame.VideoFormat;
import org.m3cvc.codec.select.KeyframeSelector;
import org.m3cvc.container.ClipGroup;
import org.m3cvc.container.M3cReader;
import org.m3cvc.container.clip.ClipMode;
import org.m3cvc.container.header.StreamHeader;
import org.m3cvc.container.keyframe.IndexPlane;

/**
 * The encoder and decoder data flow with closed-form stand-ins for the networks: a "scene" is a flat grey level, the
 * keyframe coder stores it in a 1x1 plane, the reconstructor paints it, the interpolator blends linearly.
 */
class PipelineTest {
    @TempDir Path dir;
    static final VideoFormat FMT = new VideoFormat(16, 8, 8, 1);

    /** Scenes of grey levels 40, 120, 200 for 7, 9 and 5 frames. */
    static FrameSource source() {
        int[] levels = {40, 120, 200};
        int[] lengths = {7, 9, 5};
        return new FrameSource() {
            int scene, inScene;
            long index;

            @Override public VideoFormat format() { return FMT; }

            @Override public Frame next() {
                if (scene == levels.length) return null;
                byte[] rgb = new byte[16 * 8 * 3];
                Arrays.fill(rgb, (byte) levels[scene]);
                Frame f = new Frame(16, 8, index++, rgb);
                if (++inScene == lengths[scene]) { scene++; inScene = 0; }
                return f;
            }

            @Override public void close() {}
        };
    }

    static KeyframeSelector selector(int maxClip) {
        return new KeyframeSelector(f -> new float[] {f.at(0, 0, 0), 255 - f.at(0, 0, 0)}, null, BigDecimal.TEN,
                BigDecimal.ZERO, new BigDecimal("0.01"), maxClip);
    }

    static final KeyframeCoder CODER = f -> new IndexPlane(1, 1, new int[] {f.at(0, 0, 0)});

    static Frame paint(int level, long index) {
        byte[] rgb = new byte[16 * 8 * 3];
        Arrays.fill(rgb, (byte) level);
        return new Frame(16, 8, index, rgb);
    }

    static final class ListSink implements FrameSink {
        final List<Frame> frames = new ArrayList<>();
        boolean finished;

        @Override public void write(Frame f) { frames.add(f); }

        @Override public void finish() { finished = true; }

        @Override public void close() {}
    }

    Path encode(boolean interpolation, int maxClip, Describer d) throws Exception {
        Path out = dir.resolve("p.m3c");
        StreamHeader.Builder b = StreamHeader.builder().plane(1, 1, 256);
        b.latentChannels = 1; b.latentHeight = 1; b.latentWidth = 2;
        EncoderSettings s = new EncoderSettings(interpolation, EncoderSettings.defaults().samplerId(), 8, 256, 7,
                EncoderSettings.defaults().planeCoding(), EncoderSettings.defaults().textCoder(), true);
        StreamEncoder.Summary sum = StreamEncoder.encode(source(), selector(maxClip), CODER, d, s, b, out, Progress.NONE);
        assertEquals(21, sum.frames());
        assertEquals(Files.size(out), sum.bytes());
        return out;
    }

    ListSink decode(Path file) throws Exception {
        ListSink sink = new ListSink();
        try (M3cReader r = M3cReader.open(Files.newInputStream(file), "p.m3c")) {
            long n = StreamDecoder.decode(r, (plane, k, text, index) -> paint(plane.indices()[0], index),
                    (first, last, pos, text, index) -> paint((int) Math.round(last == null ? first.at(0, 0, 0)
                            : first.at(0, 0, 0) * (1 - pos) + last.at(0, 0, 0) * pos), index), sink, Progress.NONE);
            assertEquals(21, n);
        }
        assertTrue(sink.finished);
        for (int i = 0; i < sink.frames.size(); i++) assertEquals(i, sink.frames.get(i).index());
        return sink;
    }

    @Test
    void interpolatedStreamHasSceneKeyframesATrailingKeyframeAndBlendedFrames() throws Exception {
        Path out = encode(true, 16, new NoDescriber());
        try (M3cReader r = M3cReader.open(Files.newInputStream(out), "p.m3c")) {
            assertEquals(3, r.streamHeader().clipCount());
            assertEquals(4, r.streamHeader().keyframeCount(), "trailing keyframe");
            List<Integer> starts = new ArrayList<>();
            ClipGroup g;
            while ((g = r.nextClip()) != null) {
                starts.add(g.clip().firstFrame());
                assertEquals(ClipMode.INTERPOLATION, g.clip().clipModeEnum());
            }
            assertEquals(List.of(0, 7, 16), starts);
        }
        ListSink s = decode(out);
        assertEquals(40, s.frames.get(0).at(0, 0, 0));
        assertEquals(40 + Math.round(80 * 3 / 7.0), s.frames.get(3).at(0, 0, 0), "blend toward the next scene");
        assertEquals(120, s.frames.get(7).at(0, 0, 0));
        assertEquals(200, s.frames.get(20).at(0, 0, 0), "the trailing keyframe is the last frame");
    }

    @Test
    void predictionModeAndMaxClipLength() throws Exception {
        Path out = encode(false, 4, new NoDescriber());
        try (M3cReader r = M3cReader.open(Files.newInputStream(out), "p.m3c")) {
            // Scenes of 7, 9, 5 frames cut into clips of at most 4: 4+3, 4+4+1, 4+1.
            assertEquals(7, r.streamHeader().clipCount());
            assertEquals(7, r.streamHeader().keyframeCount());
        }
        ListSink s = decode(out);
        assertEquals(40, s.frames.get(6).at(0, 0, 0), "prediction holds the scene");
        assertEquals(200, s.frames.get(20).at(0, 0, 0));
    }

    /** Scenes of 3 frames each (7 scenes), 64x40, with a 20x12 plane of random indices so keyframes cost bits. */
    Path encodeWithTarget(double bpp) throws Exception {
        Path out = dir.resolve("b.m3c");
        int[] level = {0};
        FrameSource scenes = new FrameSource() {
            long i;
            final VideoFormat fmt = new VideoFormat(64, 40, 8, 1);

            @Override public VideoFormat format() { return fmt; }

            @Override public Frame next() {
                if (i == 21) return null;
                byte[] rgb = new byte[64 * 40 * 3];
                Arrays.fill(rgb, (byte) ((i / 3) * 30 + 20));
                return new Frame(64, 40, i++, rgb);
            }

            @Override public void close() {}
        };
        KeyframeCoder random = f -> {
            java.util.Random r = new java.util.Random(f.at(0, 0, 0));
            int[] k = new int[20 * 12];
            for (int i = 0; i < k.length; i++) k[i] = r.nextInt(256);
            return new IndexPlane(20, 12, k);
        };
        StreamHeader.Builder b = StreamHeader.builder().plane(20, 12, 256);
        b.latentChannels = 1; b.latentHeight = 5; b.latentWidth = 8;
        KeyframeSelector sel = new KeyframeSelector(f -> new float[] {f.at(0, 0, 0), 255 - f.at(0, 0, 0)}, null,
                BigDecimal.TEN, BigDecimal.ZERO, new BigDecimal("0.0001"), 16);
        StreamEncoder.encode(scenes, sel, random, new NoDescriber(), EncoderSettings.defaults().withTargetBpp(bpp), b,
                out, Progress.NONE);
        return out;
    }

    @Test
    void targetBppDropsTheLeastNeededKeyframes() throws Exception {
        long free = Files.size(encodeWithTarget(0));
        int freeClips;
        try (M3cReader r = M3cReader.open(Files.newInputStream(dir.resolve("b.m3c")), "b.m3c")) {
            freeClips = r.streamHeader().clipCount();
        }
        assertEquals(7, freeClips, "one clip per scene without a target");
        double freeBpp = free * 8.0 / (64 * 40 * 21);
        double target = freeBpp / 2;
        Path out = encodeWithTarget(target);
        double bpp = Files.size(out) * 8.0 / (64 * 40 * 21);
        assertTrue(bpp <= target, "bpp " + bpp + " > target " + target + " (unconstrained " + freeBpp + ")");
        try (M3cReader r = M3cReader.open(Files.newInputStream(out), "b.m3c")) {
            int clips = r.streamHeader().clipCount();
            assertTrue(clips < 7 && clips >= 1, "clips " + clips);
            assertEquals(21, r.streamHeader().frameCount());
            r.readToEnd();
        }
        // An unreachable target keeps the first keyframe and drops the trailing one: one predicted clip.
        try (M3cReader r = M3cReader.open(Files.newInputStream(encodeWithTarget(1e-6)), "b.m3c")) {
            assertEquals(1, r.streamHeader().clipCount());
            assertEquals(1, r.streamHeader().keyframeCount());
        }
    }

    @Test
    void descriptionsLandAsTexts() throws Exception {
        Describer d = new Describer() {
            @Override public String describeKeyframe(Frame k, Frame prev, double t) { return "level " + k.at(0, 0, 0); }

            @Override public String describeClip(String kd, double t, double dur) { return kd + " for " + dur + " s"; }

            @Override public String language() { return "en"; }
        };
        Path out = encode(true, 16, d);
        try (M3cReader r = M3cReader.open(Files.newInputStream(out), "p.m3c")) {
            ClipGroup g = r.nextClip();
            assertEquals("level 40", g.texts().get(0).text());
            assertEquals("level 40 for 0.875 s", g.texts().get(1).text());
            r.nextClip();
            ClipGroup lastGroup = r.nextClip();
            assertEquals("level 200", lastGroup.texts().get(2).text(), "the trailing keyframe's description");
        }
    }

    @Test
    void emptyInputIsAClearErrorAndLeavesNoFile() {
        FrameSource empty = new FrameSource() {
            @Override public VideoFormat format() { return FMT; }

            @Override public Frame next() { return null; }

            @Override public void close() {}
        };
        IOException e = assertThrows(IOException.class, () -> StreamEncoder.encode(empty, selector(4), CODER,
                new NoDescriber(), EncoderSettings.defaults(), StreamHeader.builder(), dir.resolve("x.m3c"),
                Progress.NONE));
        assertTrue(e.getMessage().contains("no frames"));
        assertFalse(Files.exists(dir.resolve("x.m3c")));
    }
}
