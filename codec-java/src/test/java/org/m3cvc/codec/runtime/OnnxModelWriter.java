package org.m3cvc.codec.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes tiny ONNX models (ModelProto, protobuf wire format) by hand, so that runtime tests run real ONNX Runtime
 * sessions on networks with known weights without Python (as ONNX Runtime's own ModelGenerators do).
 * Supports float32 tensors, graph inputs/outputs with fixed or symbolic dimensions, initializers and plain nodes.
 */
final class OnnxModelWriter {
    static final int FLOAT = 1;

    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();

    /** A float32 graph input; a dimension of -1 becomes the symbolic dimension "n". */
    OnnxModelWriter input(String name, long... dims) { inputs.add(valueInfo(name, dims)); return this; }

    OnnxModelWriter output(String name, long... dims) { outputs.add(valueInfo(name, dims)); return this; }

    OnnxModelWriter initializer(String name, float[] values, long... dims) {
        Proto t = new Proto();
        for (long d : dims) t.varint(1, d);
        t.varint(2, FLOAT);
        t.string(8, name);
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) raw.putFloat(v);
        t.bytes(9, raw.array());
        initializers.add(t.toBytes());
        return this;
    }

    OnnxModelWriter node(String opType, String[] in, String[] out) {
        Proto n = new Proto();
        for (String s : in) n.string(1, s);
        for (String s : out) n.string(2, s);
        n.string(3, opType + "_" + nodes.size());
        n.string(4, opType);
        nodes.add(n.toBytes());
        return this;
    }

    byte[] toBytes() {
        Proto g = new Proto();
        for (byte[] n : nodes) g.bytes(1, n);
        g.string(2, "m3cvc-test");
        for (byte[] t : initializers) g.bytes(5, t);
        for (byte[] v : inputs) g.bytes(11, v);
        for (byte[] v : outputs) g.bytes(12, v);
        Proto opset = new Proto().string(1, "").varint(2, 13);
        return new Proto().varint(1, 8).string(2, "m3cvc-tests").bytes(7, g.toBytes()).bytes(8, opset.toBytes())
                .toBytes();
    }

    private static byte[] valueInfo(String name, long[] dims) {
        Proto shape = new Proto();
        for (long d : dims) {
            Proto dim = d < 0 ? new Proto().string(2, "n") : new Proto().varint(1, d);
            shape.bytes(1, dim.toBytes());
        }
        Proto tensor = new Proto().varint(1, FLOAT).bytes(2, shape.toBytes());
        Proto type = new Proto().bytes(1, tensor.toBytes());
        return new Proto().string(1, name).bytes(2, type.toBytes()).toBytes();
    }

    /** Protobuf wire format: varint (type 0) and length-delimited (type 2) fields. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        private void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        Proto varint(int field, long v) {
            raw((long) field << 3);
            raw(v);
            return this;
        }

        Proto bytes(int field, byte[] b) {
            raw(((long) field << 3) | 2);
            raw(b.length);
            out.writeBytes(b);
            return this;
        }

        Proto string(int field, String s) { return bytes(field, s.getBytes(StandardCharsets.UTF_8)); }

        byte[] toBytes() { return out.toByteArray(); }
    }
}
