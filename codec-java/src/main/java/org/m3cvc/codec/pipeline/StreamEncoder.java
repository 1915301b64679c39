package org.m3cvc.codec.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.m3cvc.codec.describe.Describer;
import org.m3cvc.codec.frame.Frame;
import org.m3cvc.codec.frame.FrameSource;
import org.m3cvc.codec.frame.VideoFormat;
import org.m3cvc.codec.select.KeyframeSelector;
import org.m3cvc.container.Limits;
import org.m3cvc.container.M3cWriter;
import org.m3cvc.container.chunk.ChunkType;
import org.m3cvc.container.chunk.ChunkWriter;
import org.m3cvc.container.clip.ClipHeader;
import org.m3cvc.container.clip.ClipMode;
import org.m3cvc.container.header.StreamHeader;
import org.m3cvc.container.keyframe.IndexPlane;
import org.m3cvc.container.keyframe.Keyframe;
import org.m3cvc.container.text.TextChunk;
import org.m3cvc.container.text.TextRole;

/**
 * The encoder's data flow (architecture: FrameSource → KeyframeSelector → KeyframeCoder → Describer → writer).
 * Frames are streamed: only the current frame, the last keyframe and the small per-clip results (an index plane and
 * texts) are held, so the length of the input does not drive memory. Counts are known only at the end, which is why
 * the writer receives the clips then (it spools and renames: no partial output).
 */
public final class StreamEncoder {
    /** What was written. */
    public record Summary(long frames, int clips, int keyframes, long bytes, double bitsPerPixel) {}

    /** One proposed clip: its keyframe plane, descriptions, score and length so far. */
    private static final class Pending implements KeyframeBudget.Candidate {
        final long firstFrame;
        /** Entropy coded once; index and frame are set when the clip's place is final. */
        final Keyframe coded;
        final String keyframeText;
        final double score;
        /** Keyframe and texts as written; the clip description's text is added when the clip ends. */
        long bytes;
        long frames;
        /** The clip description, asked for when the clip ends (its frames are gone by the time clips are written). */
        String clipText;

        Pending(long firstFrame, Keyframe coded, String keyframeText, double score, long bytes) {
            this.firstFrame = firstFrame;
            this.coded = coded;
            this.keyframeText = keyframeText;
            this.score = score;
            this.bytes = bytes;
        }

        @Override public long bytes() { return bytes; }

        @Override public double score() { return score; }

        @Override public long frames() { return frames; }

        @Override public void absorb(KeyframeBudget.Candidate next) { frames += next.frames(); }
    }

    private StreamEncoder() {}

    /**
     * @param header the pack-derived fields (plane size, codebook, latent shape, pack identity and name); counts,
     *     size, rate and sampler settings are filled in here
     * @throws IOException for an empty input, an input beyond the spec's limits, or a write failure
     */
    public static Summary encode(FrameSource source, KeyframeSelector selector, KeyframeCoder coder,
                                 Describer describer, EncoderSettings settings, StreamHeader.Builder header,
                                 Path out, Progress progress) throws Exception {
        return encode(source, selector, coder, describer, settings, header, out, progress, StageTimes.OFF);
    }

    /**
     * As {@link #encode(FrameSource, KeyframeSelector, KeyframeCoder, Describer, EncoderSettings,
     * StreamHeader.Builder, Path, Progress)}, recording frame reading, description, entropy coding and stream writing
     * in {@code times} (selection and the keyframe networks record into the instances the selector and the coder
     * were given).
     *
     * @param times where stage times go; null or {@link StageTimes#OFF} for none
     */
    public static Summary encode(FrameSource source, KeyframeSelector selector, KeyframeCoder coder,
                                 Describer describer, EncoderSettings settings, StreamHeader.Builder header,
                                 Path out, Progress progress, StageTimes times) throws Exception {
        times = StageTimes.orOff(times);
        // Fail before minutes of encoding, not after: the output goes into this directory.
        Path outDir = out.toAbsolutePath().getParent();
        if (outDir != null && !Files.isDirectory(outDir)) throw new IOException(out + ": no such directory " + outDir);
        if (outDir != null && !Files.isWritable(outDir)) throw new IOException(out + ": directory not writable");
        VideoFormat fmt = source.format();
        double fps = fmt.frameRate();
        List<Pending> clips = new ArrayList<>();
        Frame previousKey = null;
        Frame last = null;
        long n = 0;
        Frame f;
        while (true) {
            long t = times.start();
            f = source.next();
            if (f == null) {
                times.add(Stage.FRAME_READ, times.start() - t, 0); // the end is not a frame: time, no call
                break;
            }
            times.stop(Stage.FRAME_READ, t);
            if (n >= Limits.MAX_FRAME_COUNT) throw new IOException("input longer than " + Limits.MAX_FRAME_COUNT + " frames");
            boolean key = selector.offer(f);
            if (key || clips.isEmpty() || clips.get(clips.size() - 1).frames >= Limits.MAX_CLIP_FRAMES) {
                if (clips.size() >= Limits.MAX_CLIP_COUNT) throw new IOException("more than " + Limits.MAX_CLIP_COUNT + " clips");
                t = times.start();
                if (!clips.isEmpty()) describeClip(clips.get(clips.size() - 1), previousKey, last, describer, settings, fps);
                String text = describer.describeKeyframe(f, previousKey, n / fps);
                times.stop(Stage.DESCRIBE, t);
                IndexPlane plane = coder.encode(f);
                t = times.start();
                // The first keyframe must stay whatever the budget: it scores +infinity (so does a keyframe forced
                // by the spec's clip-length limit alone, which rate control must not merge either).
                double score = clips.isEmpty() || !key ? Double.POSITIVE_INFINITY : selector.lastScore();
                Keyframe coded = Keyframe.of(0, 0, settings.planeCoding(), plane, header.codebookSize);
                clips.add(new Pending(n, coded, text, score, codedBytes(coded, text, settings)));
                times.stop(Stage.ENTROPY_ENCODE, t);
                previousKey = f;
            }
            clips.get(clips.size() - 1).frames++;
            last = f;
            progress.frames(++n, -1);
        }
        if (n == 0) throw new IOException("the input has no frames");
        long t = times.start();
        describeClip(clips.get(clips.size() - 1), previousKey, last, describer, settings, fps);
        times.stop(Stage.DESCRIBE, t);

        boolean trailing = settings.interpolation() && clips.get(clips.size() - 1).frames >= 2;
        Keyframe trailingCoded = null;
        String trailingText = null;
        if (trailing) {
            IndexPlane plane = coder.encode(last);
            t = times.start();
            trailingCoded = Keyframe.of(0, 0, settings.planeCoding(), plane, header.codebookSize);
            t = times.stop(Stage.ENTROPY_ENCODE, t);
            trailingText = describer.describeKeyframe(last, previousKey, (n - 1) / fps);
            times.stop(Stage.DESCRIBE, t);
        }
        t = times.start();
        if (settings.targetBpp() > 0) {
            long budget = (long) Math.floor(settings.targetBpp() * fmt.width() * fmt.height() * n / 8);
            long trailingBytes = trailing ? codedBytes(trailingCoded, trailingText, settings) : 0;
            KeyframeBudget.prune(clips, trailingBytes, budget);
            if (trailing && KeyframeBudget.bytes(clips, trailingBytes) > budget) {
                // Last resort: the last clip is predicted rather than interpolated.
                trailing = false;
                trailingCoded = null;
                trailingText = null;
            }
        }

        header.codedWidth = header.displayWidth = fmt.width();
        header.codedHeight = header.displayHeight = fmt.height();
        header.frameRateNum = fmt.frameRateNum();
        header.frameRateDen = fmt.frameRateDen();
        header.frameCount = (int) n;
        header.clipCount = clips.size();
        header.keyframeCount = clips.size() + (trailing ? 1 : 0);
        header.samplerId = settings.samplerId().code();
        header.samplerSteps = settings.samplerSteps();
        header.guidanceScaleQ8 = settings.guidanceScaleQ8();
        header.noiseSeed = settings.noiseSeed();
        header.textCoder = settings.textCoder().code();
        StreamHeader sh = header.build();
        String lang = describer.language();

        try (M3cWriter w = M3cWriter.create(out, sh, settings.seekIndex())) {
            for (int i = 0; i < clips.size(); i++) {
                Pending c = clips.get(i);
                int frames = (int) c.frames;
                boolean hasEnd = i + 1 < clips.size() || trailing;
                ClipMode mode = settings.interpolation() && hasEnd ? ClipMode.INTERPOLATION : ClipMode.PREDICTION;
                List<TextChunk> texts = new ArrayList<>();
                if (c.keyframeText != null) texts.add(text(TextRole.KEYFRAME_DESCRIPTION, i, settings, lang, c.keyframeText));
                // A clip that rate control merged keeps the description of its first part.
                String clipText = c.clipText;
                if (clipText != null) texts.add(text(TextRole.CLIP_DESCRIPTION, i, settings, lang, clipText));
                if (i == clips.size() - 1 && trailingText != null) {
                    texts.add(text(TextRole.KEYFRAME_DESCRIPTION, clips.size(), settings, lang, trailingText));
                }
                w.writeClip(new ClipHeader(i, (int) c.firstFrame, frames, mode.code(), texts.size()),
                        placed(c.coded, i, c.firstFrame), texts);
            }
            if (trailing) {
                w.writeTrailingKeyframe(placed(trailingCoded, clips.size(), n - 1));
            }
            w.finish();
        }
        times.stop(Stage.STREAM_WRITE, t);
        long bytes = Files.size(out);
        return new Summary(n, clips.size(), sh.keyframeCount(), bytes,
                bytes * 8.0 / ((double) fmt.width() * fmt.height() * n));
    }

    /**
     * Asks for the description of clip {@code c}, which has just ended: the describer sees its first frame (the
     * keyframe) and its last.
     */
    private static void describeClip(Pending c, Frame keyframe, Frame lastFrame, Describer describer,
                                     EncoderSettings s, double fps) throws Exception {
        c.clipText = describer.describeClip(c.keyframeText, keyframe, lastFrame, c.firstFrame / fps, c.frames / fps);
        if (c.clipText != null) {
            c.bytes += ChunkWriter.frame(ChunkType.TEXT.code(), text(TextRole.CLIP_DESCRIPTION, 0, s, "und",
                    c.clipText).toPayload()).length;
        }
    }

    /** The coded keyframe at its final index and frame (plane_data does not depend on them). */
    private static Keyframe placed(Keyframe k, int index, long frame) {
        return new Keyframe(index, (int) frame, k.planeCoding(), k.planeData(), k.plane());
    }

    /** Bytes of a keyframe chunk and its description's text chunk, as they will be written. */
    static long codedBytes(Keyframe coded, String text, EncoderSettings s) {
        long b = ChunkWriter.frame(ChunkType.KEYFRAME.code(), coded.toPayload()).length;
        if (text != null) {
            b += ChunkWriter.frame(ChunkType.TEXT.code(), text(TextRole.KEYFRAME_DESCRIPTION, 0, s, "und", text)
                    .toPayload()).length;
        }
        return b;
    }

    private static TextChunk text(TextRole role, int target, EncoderSettings s, String lang, String text) {
        return TextChunk.shortest(role, target, s.textCoder(), lang, text);
    }
}
