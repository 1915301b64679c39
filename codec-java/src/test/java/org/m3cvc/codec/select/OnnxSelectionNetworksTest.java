package org.m3cvc.codec.select;

import static org.junit.jupiter.api.Assertions.*;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;
import org.m3cvc.codec.frame.Frame;
import org.m3cvc.codec.onnx.OnnxModelWriter;

/** The semantic and motion network wrappers on tiny ONNX models with closed-form outputs. */
class OnnxSelectionNetworksTest {
    static Frame flat(int r, int g, int b) {
        byte[] rgb = new byte[32 * 16 * 3];
        for (int i = 0; i < 32 * 16; i++) {
            rgb[i * 3] = (byte) r;
            rgb[i * 3 + 1] = (byte) g;
            rgb[i * 3 + 2] = (byte) b;
        }
        return new Frame(32, 16, 0, rgb);
    }

    @Test
    void embedderReturnsTheNetworksEmbedding() throws Exception {
        // embedding = per-channel mean: GlobalAveragePool [1,3,1,1] then Flatten [1,3].
        byte[] model = new OnnxModelWriter().input("image", 1, 3, 16, 32).output("embedding", 1, 3)
                .node("GlobalAveragePool", new String[] {"image"}, new String[] {"pooled"})
                .node("Flatten", new String[] {"pooled"}, new String[] {"embedding"}).toBytes();
        try (OrtSession s = OrtEnvironment.getEnvironment().createSession(model, new OrtSession.SessionOptions())) {
            float[] e = new OnnxSemanticEmbedder(s).embed(flat(255, 0, 0));
            assertArrayEquals(new float[] {1f, -1f, -1f}, e, 1e-6f);
        }
    }

    @Test
    void motionIsTheMeanFlowLength() throws Exception {
        // flow = the first two channels of frame2 - frame1 (a stand-in with a known answer), at the input size.
        byte[] model = new OnnxModelWriter().input("frame1", 1, 3, 16, 32).input("frame2", 1, 3, 16, 32)
                .output("flow", 1, 2, 16, 32)
                .initializer("starts", new long[] {0}, 1).initializer("ends", new long[] {2}, 1)
                .initializer("axes", new long[] {1}, 1)
                .node("Sub", new String[] {"frame2", "frame1"}, new String[] {"diff"})
                .node("Slice", new String[] {"diff", "starts", "ends", "axes"}, new String[] {"flow"}).toBytes();
        try (OrtSession s = OrtEnvironment.getEnvironment().createSession(model, new OrtSession.SessionOptions())) {
            OnnxMotionEstimator m = new OnnxMotionEstimator(s);
            assertEquals(0, m.meanFlowMagnitude(flat(10, 10, 10), flat(10, 10, 10)), 1e-9);
            // Red and green each rise from 0 to 255, from -1 to 1 in the [-1,1] scale: length sqrt(2 * 2^2).
            assertEquals(Math.sqrt(8), m.meanFlowMagnitude(flat(0, 0, 0), flat(255, 255, 0)), 1e-5);
        }
    }
}
