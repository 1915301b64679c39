package org.m3cvc.cli.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import org.m3cvc.codec.frame.Frame;

/**
 * LPIPS from a user-supplied ONNX model (docs/eval.md, ONNX contracts): two float32 NCHW RGB inputs in [-1, 1],
 * reference first, then the distorted frame; one float32 output, the distance, of shape [N] or [N, 1, 1, 1]. Frames
 * go in at their own size when the model's H and W are symbolic, else scaled to cover the declared size and
 * centre-cropped ({@link Planar}). Owns its session. Not thread-safe.
 */
final class LpipsModel implements AutoCloseable {
    static final String CONTRACT = "LPIPS";
    private static final float[] MEAN = {0.5f, 0.5f, 0.5f}, STD = {0.5f, 0.5f, 0.5f};

    private final OnnxModel model;
    private final long height, width;

    private LpipsModel(OnnxModel model, long height, long width) {
        this.model = model;
        this.height = height;
        this.width = width;
    }

    /**
     * Loads {@code file} and checks it against the contract.
     *
     * @throws IOException naming the file and what was expected when it cannot be loaded or breaks the contract
     */
    static LpipsModel open(Path file, int threads) throws IOException {
        OnnxModel m = OnnxModel.open(file, threads);
        try {
            if (m.inputs().size() != 2) throw m.refused(CONTRACT, "2 inputs (reference, distorted)", m.inputs().size() + " " + m.inputs());
            if (m.outputs().size() != 1) throw m.refused(CONTRACT, "1 output (the distance)", m.outputs().size() + " " + m.outputs());
            OnnxModel.Tensor a = m.inputs().get(0), b = m.inputs().get(1);
            m.checkImage(CONTRACT, a);
            m.checkImage(CONTRACT, b);
            if (!Arrays.equals(a.shape(), b.shape())) throw m.refused(CONTRACT, "inputs of one shape", a + " and " + b);
            OnnxModel.Tensor o = m.outputs().get(0);
            long[] s = o.shape();
            boolean ok = o.type() == ai.onnxruntime.TensorInfo.OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT
                    && (s.length == 1 || s.length == 4);
            for (int k = 1; ok && k < s.length; k++) ok = s[k] == 1 || s[k] == -1;
            if (!ok) throw m.refused(CONTRACT, "output float32 [N] or [N, 1, 1, 1]", o);
            if (a.shape()[2] > 8192 || a.shape()[3] > 8192) throw m.refused(CONTRACT, "an input of at most 8192x8192", a);
            // Symbolic H and W: each frame at its own size; either one fixed: that size.
            return new LpipsModel(m, a.shape()[2], a.shape()[3]);
        } catch (IOException e) {
            m.close();
            throw e;
        }
    }

    Path file() { return model.file(); }

    /**
     * The LPIPS distance of {@code distorted} from {@code reference} (frames of one size).
     *
     * @throws IOException naming the file when the model fails or gives other than one value
     */
    double distance(Frame reference, Frame distorted) throws IOException {
        int w = width > 0 ? (int) width : reference.width(), h = height > 0 ? (int) height : reference.height();
        long[] shape = {1, 3, h, w};
        float[] d = model.run(new float[][] {Planar.of(reference, w, h, MEAN, STD), Planar.of(distorted, w, h, MEAN, STD)},
                new long[][] {shape, shape});
        if (d.length != 1) throw model.refused(CONTRACT, "one distance for one frame pair", d.length + " values");
        return d[0];
    }

    @Override
    public void close() throws IOException { model.close(); }
}
