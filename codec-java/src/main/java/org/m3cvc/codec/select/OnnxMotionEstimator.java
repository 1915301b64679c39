package org.m3cvc.codec.select;

import java.nio.FloatBuffer;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import org.m3cvc.codec.frame.Frame;
import org.m3cvc.codec.keyframe.Pixels;

/**
 * The pack's motion_estimator (spec/model-pack.md 3): inputs {@code frame1}, {@code frame2} [1,3,H,W] in [-1,1],
 * output {@code flow} [1,2,h,w] in pixels of the input size (RAFT compatible: channel 0 horizontal, 1 vertical; h, w
 * may be a fraction of H, W). Returns the mean flow vector length. Owns no session.
 */
public final class OnnxMotionEstimator implements MotionEstimator {
    public static final String FRAME1 = "frame1";
    public static final String FRAME2 = "frame2";
    public static final String FLOW = "flow";

    private final OrtSession session;

    public OnnxMotionEstimator(OrtSession session) {
        this.session = session;
    }

    @Override
    public double meanFlowMagnitude(Frame from, Frame to) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {1, 3, from.height(), from.width()};
        try (OnnxTensor a = OnnxTensor.createTensor(env, FloatBuffer.wrap(Pixels.toTensor(from)), shape);
             OnnxTensor b = OnnxTensor.createTensor(env, FloatBuffer.wrap(Pixels.toTensor(to)), shape);
             OrtSession.Result r = session.run(Map.of(FRAME1, a, FRAME2, b))) {
            OnnxTensor out = (OnnxTensor) r.get(FLOW).orElseThrow(
                    () -> new IllegalStateException("motion_estimator has no output " + FLOW));
            long[] s = out.getInfo().getShape();
            if (s.length != 4 || s[1] != 2) {
                throw new IllegalStateException("motion_estimator flow of shape " + java.util.Arrays.toString(s)
                        + ", expected [1, 2, h, w]");
            }
            FloatBuffer fb = out.getFloatBuffer();
            int n = (int) (s[2] * s[3]);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double dx = fb.get(i), dy = fb.get(n + i);
                sum += Math.sqrt(dx * dx + dy * dy);
            }
            return n == 0 ? 0 : sum / n;
        }
    }
}
