package org.m3cvc.codec.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import org.m3cvc.codec.pack.ModelPack;
import org.m3cvc.codec.pack.PackException;
import org.m3cvc.codec.pack.PackRole;

/**
 * The ONNX Runtime sessions of one model pack, created on first use of each role and checked against the manifest
 * (input and output names, element types, fixed dimensions). Owns every session it creates and closes them all in
 * {@link #close()}; use after close throws {@link IllegalStateException}.
 *
 * <p>Sessions are configured for run-to-run determinism on one machine: sequential execution, one inter-op thread and
 * a fixed intra-op thread count. ORT_DISABLE_TELEMETRY=1 must be set in the environment (scripts and the launcher set
 * it); telemetry is also switched off through the API.
 *
 * <p>Thread-safe: ONNX Runtime sessions may be run concurrently; creation is synchronised.
 */
public final class PackSessions implements AutoCloseable {
    private final ModelPack pack;
    private final Device device;
    private final int threads;
    private final OrtEnvironment env;
    /** By the role's key in the manifest: a plane's own networks are sessions of their own. */
    private final Map<String, OrtSession> sessions = new HashMap<>();
    private final Device resolved;
    private boolean closed;

    private PackSessions(ModelPack pack, Device device, int threads, Device resolved) {
        this.pack = pack;
        this.device = device;
        this.threads = threads;
        this.env = OrtEnvironment.getEnvironment();
        this.resolved = resolved;
    }

    /**
     * @param threads intra-op threads per session, at least 1
     * @throws PackException when {@code device} is CUDA and this build or machine has no CUDA provider
     */
    public static PackSessions open(ModelPack pack, Device device, int threads) throws PackException {
        if (threads < 1) throw new IllegalArgumentException("threads " + threads);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try {
            env.setTelemetry(false);
        } catch (OrtException e) {
            // Telemetry switches exist only on Windows builds; the environment variable covers the rest.
        }
        boolean cuda = OrtEnvironment.getAvailableProviders().contains(ai.onnxruntime.OrtProvider.CUDA);
        if (device == Device.CUDA && !cuda) {
            throw new PackException(pack.directory().toString(), "device", "a CUDA execution provider (build with "
                    + "-Pgpu on a CUDA 12 machine)", "providers " + OrtEnvironment.getAvailableProviders());
        }
        return new PackSessions(pack, device, threads, device == Device.CPU || !cuda ? Device.CPU : Device.CUDA);
    }

    /** CPU or CUDA: what {@code auto} resolved to. */
    public Device device() { return resolved; }

    public ModelPack pack() { return pack; }

    /**
     * The session of {@code role}, created on first use; null for an optional role the pack leaves out.
     *
     * @throws PackException when ONNX Runtime cannot load the file or its inputs and outputs differ from the manifest
     */
    public OrtSession session(PackRole role) throws PackException {
        return session(pack.roles().get(role));
    }

    /**
     * The session of {@code role} for index planes of {@code plane} ({@link ModelPack#role(PackRole,
     * ModelPack.PlaneSize)}), created on first use.
     */
    public OrtSession session(PackRole role, ModelPack.PlaneSize plane) throws PackException {
        return session(pack.role(role, plane));
    }

    private synchronized OrtSession session(ModelPack.RoleSpec spec) throws PackException {
        if (closed) throw new IllegalStateException("sessions closed");
        if (spec == null) return null;
        OrtSession s = sessions.get(spec.key());
        if (s != null) return s;
        String where = "/roles/" + spec.key();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            o.setInterOpNumThreads(1);
            o.setIntraOpNumThreads(threads);
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (resolved == Device.CUDA) o.addCUDA(0);
            s = env.createSession(pack.file(spec).toString(), o);
        } catch (OrtException e) {
            throw new PackException(pack.directory().toString(), spec.file(), "an ONNX model ONNX Runtime can load",
                    e.getMessage());
        }
        try {
            check(where + "/inputs", spec.inputs(), s.getInputInfo());
            check(where + "/outputs", spec.outputs(), s.getOutputInfo());
        } catch (PackException | OrtException e) {
            try {
                s.close();
            } catch (OrtException ignored) {
                // The check's failure is the one to report.
            }
            if (e instanceof PackException pe) throw pe;
            throw new PackException(pack.directory().toString(), spec.file(), "readable inputs and outputs",
                    e.getMessage());
        }
        sessions.put(spec.key(), s);
        return s;
    }

    private void check(String where, List<ModelPack.TensorSpec> declared, Map<String, NodeInfo> actual)
            throws PackException {
        String packName = pack.directory().toString();
        List<String> names = new ArrayList<>(actual.keySet());
        if (declared.size() != actual.size()) {
            throw new PackException(packName, where, declared.size() + " tensors", actual.size() + " " + names);
        }
        for (int i = 0; i < declared.size(); i++) {
            ModelPack.TensorSpec d = declared.get(i);
            NodeInfo n = actual.get(d.name());
            if (n == null) throw new PackException(packName, where + "/" + i + "/name", "one of " + names, d.name());
            if (!(n.getInfo() instanceof TensorInfo t)) {
                throw new PackException(packName, where + "/" + i, "a tensor", n.getInfo().toString());
            }
            String type = dtype(t.onnxType);
            if (!type.equals(d.dtype())) throw new PackException(packName, where + "/" + i + "/dtype", d.dtype(), type);
            long[] shape = t.getShape();
            boolean ok = shape.length == d.shape().size();
            for (int k = 0; ok && k < shape.length; k++) {
                long want = d.shape().get(k);
                ok = want == -1 || shape[k] == -1 || shape[k] == want;
            }
            if (!ok) {
                throw new PackException(packName, where + "/" + i + "/shape", d.shape().toString(),
                        java.util.Arrays.toString(shape));
            }
        }
    }

    /** The manifest's dtype name of an ONNX element type. */
    static String dtype(TensorInfo.OnnxTensorType t) {
        return switch (t) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> "float32";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> "float16";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> "int64";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> "int32";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> "uint8";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> "bool";
            default -> t.name().toLowerCase();
        };
    }

    /** Closes every session; idempotent. */
    @Override
    public synchronized void close() throws OrtException {
        if (closed) return;
        closed = true;
        OrtException first = null;
        for (OrtSession s : sessions.values()) {
            try {
                s.close();
            } catch (OrtException e) {
                if (first == null) first = e;
            }
        }
        sessions.clear();
        if (first != null) throw first;
    }

    /** The device asked for, before auto was resolved. */
    public Device requestedDevice() { return device; }
}
