package org.m3cvc.cli.eval;

import java.io.IOException;
import java.nio.file.Path;

import org.m3cvc.codec.frame.Frame;

/**
 * CLIP similarity from a user-supplied image encoder in ONNX (docs/eval.md, ONNX contracts): one float32 NCHW RGB
 * input, scaled to cover the declared H x W (224 for a symbolic dimension) and centre-cropped ({@link Planar}),
 * normalised with CLIP's mean and standard deviation; one float32 output, the embedding, of shape [N, D]. The
 * similarity of two frames is the cosine of their embeddings. Owns its session. Not thread-safe.
 */
final class ClipModel implements AutoCloseable {
    static final String CONTRACT = "CLIP image encoder";
    /** CLIP's preprocessing (openai/CLIP clip.py, _transform). */
    static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f}, STD = {0.26862954f, 0.26130258f, 0.27577711f};
    static final int DEFAULT_SIZE = 224;

    private final OnnxModel model;
    private final int height, width;

    private ClipModel(OnnxModel model, int height, int width) {
        this.model = model;
        this.height = height;
        this.width = width;
    }

    /**
     * Loads {@code file} and checks it against the contract.
     *
     * @throws IOException naming the file and what was expected when it cannot be loaded or breaks the contract
     */
    static ClipModel open(Path file, int threads) throws IOException {
        OnnxModel m = OnnxModel.open(file, threads);
        try {
            if (m.inputs().size() != 1) throw m.refused(CONTRACT, "1 input (the image)", m.inputs().size() + " " + m.inputs());
            if (m.outputs().size() != 1) throw m.refused(CONTRACT, "1 output (the embedding)", m.outputs().size() + " " + m.outputs());
            OnnxModel.Tensor in = m.inputs().get(0);
            m.checkImage(CONTRACT, in);
            OnnxModel.Tensor o = m.outputs().get(0);
            long[] s = o.shape();
            if (o.type() != ai.onnxruntime.TensorInfo.OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT || s.length != 2
                    || (s[0] != -1 && s[0] != 1) || s[1] == 0) {
                throw m.refused(CONTRACT, "output float32 [N, D]", o);
            }
            long h = in.shape()[2], w = in.shape()[3];
            if (h > 8192 || w > 8192) throw m.refused(CONTRACT, "an input of at most 8192x8192", in);
            return new ClipModel(m, h > 0 ? (int) h : DEFAULT_SIZE, w > 0 ? (int) w : DEFAULT_SIZE);
        } catch (IOException e) {
            m.close();
            throw e;
        }
    }

    Path file() { return model.file(); }

    /** The embedding of {@code f}. */
    float[] embed(Frame f) throws IOException {
        float[] e = model.run(new float[][] {Planar.of(f, width, height, MEAN, STD)},
                new long[][] {{1, 3, height, width}});
        if (e.length == 0) throw model.refused(CONTRACT, "an embedding of at least one value", "none");
        return e;
    }

    /**
     * The cosine of the embeddings of {@code a} and {@code b}, in [-1, 1]; NaN when either embedding is zero.
     *
     * @throws IOException naming the file when the model fails or the two embeddings differ in length
     */
    double similarity(Frame a, Frame b) throws IOException {
        float[] x = embed(a), y = embed(b);
        if (x.length != y.length) throw model.refused(CONTRACT, "embeddings of one length", x.length + " and " + y.length);
        return cosine(x, y);
    }

    static double cosine(float[] x, float[] y) {
        double dot = 0, xx = 0, yy = 0;
        for (int i = 0; i < x.length; i++) {
            dot += (double) x[i] * y[i];
            xx += (double) x[i] * x[i];
            yy += (double) y[i] * y[i];
        }
        if (xx == 0 || yy == 0) return Double.NaN;
        return Math.max(-1, Math.min(1, dot / Math.sqrt(xx * yy)));
    }

    @Override
    public void close() throws IOException { model.close(); }
}
