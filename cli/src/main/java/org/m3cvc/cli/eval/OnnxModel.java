package org.m3cvc.cli.eval;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/**
 * A user-supplied ONNX model behind a learned metric: one ONNX Runtime session (sequential execution, one inter-op
 * thread, a fixed intra-op thread count, as the codec's own sessions), the inputs and outputs it declares, and checks
 * of those against a metric's contract that name the file, what was expected and what was found. Owns the session;
 * {@link #close()} is idempotent and use after close throws {@link IllegalStateException}. Thread-safe as ONNX
 * Runtime sessions are, but callers here use it from one thread.
 */
final class OnnxModel implements AutoCloseable {
    /** One declared tensor: name, element type, shape (-1 for a symbolic dimension). */
    record Tensor(String name, TensorInfo.OnnxTensorType type, long[] shape) {
        @Override
        public String toString() { return name + " " + typeName(type) + Arrays.toString(shape); }
    }

    /** float32, int64, ...: ONNX's element type names. */
    static String typeName(TensorInfo.OnnxTensorType t) {
        return switch (t) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> "float32";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> "float64";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> "float16";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> "int64";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> "int32";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> "uint8";
            default -> t.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private final Path file;
    private final OrtSession session;
    private final List<Tensor> inputs;
    private final List<Tensor> outputs;
    private boolean closed;

    private OnnxModel(Path file, OrtSession session, List<Tensor> inputs, List<Tensor> outputs) {
        this.file = file;
        this.session = session;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    /**
     * Loads {@code file}.
     *
     * @throws IOException naming the file when it is not a readable file or ONNX Runtime cannot load it, or a
     *         declared input or output is not a tensor
     */
    static OnnxModel open(Path file, int threads) throws IOException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) throw new IOException(file + ": not a readable file");
        OrtSession s;
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            o.setInterOpNumThreads(1);
            o.setIntraOpNumThreads(threads);
            s = OrtEnvironment.getEnvironment().createSession(file.toString(), o);
        } catch (OrtException e) {
            throw new IOException(file + ": expected an ONNX model ONNX Runtime can load, found: " + e.getMessage());
        }
        try {
            return new OnnxModel(file, s, tensors(file, s.getInputInfo()), tensors(file, s.getOutputInfo()));
        } catch (IOException | OrtException e) {
            try {
                s.close();
            } catch (OrtException ignored) {
                // The first failure is the one to report.
            }
            throw e instanceof IOException io ? io : new IOException(file + ": " + e.getMessage());
        }
    }

    private static List<Tensor> tensors(Path file, Map<String, NodeInfo> info) throws IOException {
        List<Tensor> l = new ArrayList<>();
        for (NodeInfo n : info.values()) {
            if (!(n.getInfo() instanceof TensorInfo t)) throw new IOException(file + ": " + n.getName() + ": expected a tensor, found " + n.getInfo());
            l.add(new Tensor(n.getName(), t.onnxType, t.getShape()));
        }
        return List.copyOf(l);
    }

    Path file() { return file; }

    List<Tensor> inputs() { return inputs; }

    List<Tensor> outputs() { return outputs; }

    /** A contract failure: "FILE (CONTRACT): expected WHAT, found FOUND". */
    IOException refused(String contract, String expected, Object found) {
        return new IOException(file + " (" + contract + " contract): expected " + expected + ", found " + found);
    }

    /**
     * Checks that {@code t} is a float32 tensor of rank 4, batch 1 or symbolic, 3 channels or symbolic (NCHW RGB).
     */
    void checkImage(String contract, Tensor t) throws IOException {
        long[] s = t.shape();
        if (t.type() != TensorInfo.OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT || s.length != 4
                || (s[0] != -1 && s[0] != 1) || (s[1] != -1 && s[1] != 3) || s[2] == 0 || s[3] == 0) {
            throw refused(contract, "input " + t.name() + " float32 [N, 3, H, W] (N 1 or symbolic)", t);
        }
    }

    /**
     * Runs the model on {@code values} (one float32 tensor per input, in declared order, each of shape
     * {@code shapes[i]}) and returns its first output's values.
     *
     * @throws IOException naming the file when ONNX Runtime fails
     */
    float[] run(float[][] values, long[][] shapes) throws IOException {
        if (closed) throw new IllegalStateException(file + ": closed");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<OnnxTensor> owned = new ArrayList<>();
        try {
            Map<String, OnnxTensor> feed = new java.util.LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) {
                OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(values[i]), shapes[i]);
                owned.add(t);
                feed.put(inputs.get(i).name(), t);
            }
            try (OrtSession.Result r = session.run(feed)) {
                FloatBuffer b = ((OnnxTensor) r.get(0)).getFloatBuffer();
                float[] out = new float[b.remaining()];
                b.get(out);
                return out;
            }
        } catch (OrtException e) {
            throw new IOException(file + ": " + e.getMessage());
        } finally {
            for (OnnxTensor t : owned) t.close();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            session.close();
        } catch (OrtException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }
}
