package org.m3cvc.codec.pipeline;

import ai.onnxruntime.OrtSession;

import org.m3cvc.codec.clip.OnnxClipInterpolator;
import org.m3cvc.codec.keyframe.KeyframeDecoder;
import org.m3cvc.codec.keyframe.SamplingParams;
import org.m3cvc.codec.pack.ModelPack;
import org.m3cvc.codec.pack.PackRole;
import org.m3cvc.codec.runtime.PackSessions;
import org.m3cvc.codec.text.TextEmbedder;
import org.m3cvc.container.header.StreamHeader;

/**
 * The decoder's networks for one stream: keyframe reconstruction with the stream's sampler settings, descriptions
 * through the pack's text encoder when it has one (otherwise none: the denoiser was trained with text dropout), and the
 * clip generator. One place for the file decoder ({@code m3cvc decode}) and the FFmpeg bridge, so both decode alike.
 */
public final class PackReconstruction implements AutoCloseable {
    private final KeyframeReconstructor keyframes;
    private final ClipInterpolator clips;
    private final TextEmbedder texts;

    /**
     * @param sessions the pack's sessions; not closed here
     * @param times where stage times go, or {@link StageTimes#OFF}
     */
    public PackReconstruction(ModelPack pack, PackSessions sessions, StreamHeader sh, StageTimes times)
            throws Exception {
        StageTimes st = StageTimes.orOff(times);
        SamplingParams params = SamplingParams.of(sh);
        KeyframeDecoder decoder = new KeyframeDecoder(sessions, st);
        OrtSession textSession = sessions.session(PackRole.TEXT_ENCODER);
        this.texts = textSession == null ? null : new TextEmbedder(pack.tokenizer(), textSession);
        this.keyframes = (plane, k, text, index) -> decoder.decode(plane, k, index, params,
                texts != null && text != null ? embed(text, st) : null);
        this.clips = new OnnxClipInterpolator(sessions, st);
    }

    public KeyframeReconstructor keyframes() { return keyframes; }

    public ClipInterpolator clips() { return clips; }

    private float[] embed(String text, StageTimes times) throws Exception {
        long t = times.start();
        float[] e = texts.embed(text);
        times.stop(Stage.TEXT_ENCODER, t);
        return e;
    }

    @Override
    public void close() throws Exception {
        if (texts != null) texts.close();
    }
}
