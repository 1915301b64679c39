package org.m3cvc.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

import org.m3cvc.container.clip.ClipHeader;
import org.m3cvc.container.clip.ClipMode;
import org.m3cvc.container.header.StreamHeader;
import org.m3cvc.container.keyframe.IndexPlane;
import org.m3cvc.container.keyframe.Keyframe;
import org.m3cvc.container.keyframe.PlaneCoding;
import org.m3cvc.container.text.TextChunk;
import org.m3cvc.container.text.TextCoder;
import org.m3cvc.container.text.TextRole;

/** Parameters of a valid stream, and the {@link StreamSpec} they make. Deterministic for given values. */
final class Base {
    StreamHeader.Builder header = StreamHeader.builder();
    int[] clipFrames = {8, 8, 4};
    boolean trailing = true;
    /** Clip mode per clip; default: interpolation where an end keyframe exists, else prediction. */
    IntFunction<ClipMode> mode;
    IntFunction<PlaneCoding> coding = i -> PlaneCoding.CONTEXT_RANGE;
    /** Texts of clip group i (targets must follow TX-2). */
    IntFunction<List<TextChunk>> texts = i -> List.of();
    PlaneStyle planes = PlaneStyle.NATURAL;
    long seed = 1;

    enum PlaneStyle { NATURAL, CONSTANT, RANDOM }

    Base() {
        header.packName = "m3cvc-conformance";
        header.packSha256 = sha("m3cvc-conformance");
        header.noiseSeed = 42;
    }

    static byte[] sha(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Base clips(int... frames) { clipFrames = frames; return this; }

    Base trailing(boolean t) { trailing = t; return this; }

    Base lzwDescriptions(String language) {
        header.textCoder = TextCoder.LZW.code();
        texts = i -> List.of(
                TextChunk.of(TextRole.KEYFRAME_DESCRIPTION, i, TextCoder.LZW, language,
                        "Keyframe " + i + ": a grey heron stands in shallow water; reeds behind, low sun from the left."),
                TextChunk.of(TextRole.CLIP_DESCRIPTION, i, TextCoder.LZW, language,
                        "The heron lifts its head and steps slowly to the right; the camera holds still."));
        return this;
    }

    /** Descriptions coded with text_coder order2 (clause 8.7), the stream's text_coder order2. */
    Base order2Descriptions(String language) {
        header.textCoder = TextCoder.ORDER2.code();
        texts = i -> List.of(
                TextChunk.of(TextRole.KEYFRAME_DESCRIPTION, i, TextCoder.ORDER2, language,
                        "Keyframe " + i + ": a grey heron stands in shallow water; reeds behind, low sun from the left."),
                TextChunk.of(TextRole.CLIP_DESCRIPTION, i, TextCoder.ORDER2, language,
                        "The heron lifts its head and steps slowly to the right; the camera holds still."));
        return this;
    }

    StreamSpec build() {
        Random rng = new Random(seed);
        int clips = clipFrames.length;
        int frames = 0;
        for (int f : clipFrames) frames += f;
        header.frameCount = frames;
        header.clipCount = clips;
        header.keyframeCount = clips + (trailing ? 1 : 0);
        StreamSpec s = new StreamSpec(header);
        StreamHeader sh = header.build();
        int first = 0;
        for (int i = 0; i < clips; i++) {
            ClipMode m = mode != null ? mode.apply(i)
                    : (i + 1 < header.keyframeCount ? ClipMode.INTERPOLATION : ClipMode.PREDICTION);
            List<TextChunk> t = texts.apply(i);
            s.body.add(ChunkSpec.of(new ClipHeader(i, first, clipFrames[i], m.code(), t.size())));
            s.body.add(ChunkSpec.of(Keyframe.of(i, first, coding.apply(i), plane(rng, sh), sh.codebookSize())));
            for (TextChunk x : t) s.body.add(ChunkSpec.of(x));
            first += clipFrames[i];
        }
        if (trailing) {
            s.body.add(ChunkSpec.of(Keyframe.of(clips, frames - 1, coding.apply(clips), plane(rng, sh),
                    sh.codebookSize())));
        }
        s.body.add(ChunkSpec.end());
        return s;
    }

    IndexPlane plane(Random rng, StreamHeader sh) {
        int w = sh.planeWidth(), h = sh.planeHeight(), n = sh.codebookSize();
        int[] k = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                k[i] = switch (planes) {
                    case CONSTANT -> n - 1;
                    case RANDOM -> rng.nextInt(n);
                    // Flat regions with edges, as VQ planes of photographs look: copy a neighbour mostly.
                    case NATURAL -> {
                        int r = rng.nextInt(10);
                        if (r < 5 && x > 0) yield k[i - 1];
                        if (r < 8 && y > 0) yield k[i - w];
                        yield rng.nextInt(n);
                    }
                };
            }
        }
        return new IndexPlane(w, h, k);
    }

    static List<TextChunk> list(TextChunk... t) { return new ArrayList<>(List.of(t)); }
}
