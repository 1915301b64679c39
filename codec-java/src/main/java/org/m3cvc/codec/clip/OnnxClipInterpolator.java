package org.m3cvc.codec.clip;

import java.nio.FloatBuffer;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import org.m3cvc.codec.frame.Frame;
import org.m3cvc.codec.keyframe.Pixels;
import org.m3cvc.codec.pack.PackRole;
import org.m3cvc.codec.pipeline.ClipInterpolator;
import org.m3cvc.codec.pipeline.Stage;
import org.m3cvc.codec.pipeline.StageTimes;
import org.m3cvc.codec.runtime.PackSessions;

/**
 * The pack's clip_generator (spec/model-pack.md): inputs {@code first} and {@code last} [1,3,H,W] in [-1,1] and
 * {@code position} [1] in [0,1], output {@code frame} [1,3,H,W]. Prediction passes the first keyframe as last. The
 * clip's description is not used by this network contract yet (a text-conditioned generator comes with the
 * reference pack). Closes every tensor and result it creates; owns no session.
 */
public final class OnnxClipInterpolator implements ClipInterpolator {
    public static final String FIRST = "first";
    public static final String LAST = "last";
    public static final String POSITION = "position";
    public static final String FRAME = "frame";

    private final PackSessions sessions;
    private final StageTimes times;

    public OnnxClipInterpolator(PackSessions sessions) {
        this(sessions, StageTimes.OFF);
    }

    /** @param times records each call as {@link Stage#CLIP_GENERATOR}; null for none; confined to the calling thread */
    public OnnxClipInterpolator(PackSessions sessions, StageTimes times) {
        this.sessions = sessions;
        this.times = StageTimes.orOff(times);
    }

    @Override
    public Frame frame(Frame first, Frame last, double position, String description, long frameIndex)
            throws Exception {
        Frame end = last != null ? last : first;
        if (first.width() != end.width() || first.height() != end.height()) {
            throw new IllegalArgumentException("keyframes of different sizes");
        }
        long t = times.start();
        Frame f = generate(first, end, position, frameIndex);
        times.stop(Stage.CLIP_GENERATOR, t);
        return f;
    }

    private Frame generate(Frame first, Frame end, double position, long frameIndex) throws Exception {
        int w = first.width(), h = first.height();
        long[] shape = {1, 3, h, w};
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession s = sessions.session(PackRole.CLIP_GENERATOR);
        try (OnnxTensor a = OnnxTensor.createTensor(env, FloatBuffer.wrap(Pixels.toTensor(first)), shape);
             OnnxTensor b = OnnxTensor.createTensor(env, FloatBuffer.wrap(Pixels.toTensor(end)), shape);
             OnnxTensor p = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {(float) position}),
                     new long[] {1});
             OrtSession.Result r = s.run(Map.of(FIRST, a, LAST, b, POSITION, p))) {
            OnnxTensor out = (OnnxTensor) r.get(FRAME).orElseThrow(
                    () -> new IllegalStateException("clip_generator has no output " + FRAME));
            FloatBuffer fb = out.getFloatBuffer();
            float[] chw = new float[fb.remaining()];
            fb.get(chw);
            return Pixels.toFrame(chw, w, h, frameIndex);
        }
    }
}
