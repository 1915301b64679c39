package org.m3cvc.codec.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small ONNX models (ModelProto, protobuf wire format) by hand, so that tests and the test model pack run real
 * ONNX Runtime sessions on networks with known weights without Python (as ONNX Runtime's own ModelGenerators do).
 *
 * <p>Supported: graph inputs and outputs of float32 or int64 with fixed or symbolic ({@code -1}, named "n")
 * dimensions; float32 and int64 initializers; nodes of the default ONNX domain with int, float, string, ints and
 * floats attributes; {@code Constant} nodes holding a float32 or int64 tensor. Field numbers are those of
 * onnx/onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto). The model uses
 * IR version 8 and opset 13 of the default domain unless {@link #opset(int)} says otherwise.
 *
 * <p>Builder style; not thread-safe. {@link #toBytes()} may be called more than once.
 */
public final class OnnxModelWriter {
    /** TensorProto.DataType codes of the element types this writer supports. */
    public enum DataType {
        FLOAT(1), INT64(7);

        private final int code;

        DataType(int code) { this.code = code; }

        /** The TensorProto.DataType code. */
        public int code() { return code; }
    }

    /** A node attribute (AttributeProto); create with the static factories. */
    public static final class Attribute {
        private final byte[] proto;

        private Attribute(byte[] proto) { this.proto = proto; }

        /** An INT attribute (AttributeProto.type 2, field i). */
        public static Attribute integer(String name, long value) {
            return new Attribute(new Proto().string(1, name).varint(3, value).varint(20, 2).toBytes());
        }

        /** A FLOAT attribute (type 1, field f). */
        public static Attribute floatValue(String name, float value) {
            return new Attribute(new Proto().string(1, name).fixed32(2, value).varint(20, 1).toBytes());
        }

        /** A STRING attribute (type 3, field s), UTF-8. */
        public static Attribute string(String name, String value) {
            return new Attribute(new Proto().string(1, name).string(4, value).varint(20, 3).toBytes());
        }

        /** An INTS attribute (type 7, field ints, unpacked). */
        public static Attribute ints(String name, long... values) {
            Proto p = new Proto().string(1, name);
            for (long v : values) p.varint(8, v);
            return new Attribute(p.varint(20, 7).toBytes());
        }

        /** A FLOATS attribute (type 6, field floats, unpacked). */
        public static Attribute floats(String name, float... values) {
            Proto p = new Proto().string(1, name);
            for (float v : values) p.fixed32(7, v);
            return new Attribute(p.varint(20, 6).toBytes());
        }

        /** A TENSOR attribute (type 4, field t), e.g. the {@code value} of a Constant node. */
        static Attribute tensor(String name, byte[] tensorProto) {
            return new Attribute(new Proto().string(1, name).bytes(5, tensorProto).varint(20, 4).toBytes());
        }
    }

    private final String graphName;
    private int opset = 13;
    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();

    /** A writer for a graph named "m3cvc". */
    public OnnxModelWriter() { this("m3cvc"); }

    /** @param graphName GraphProto.name, informative */
    public OnnxModelWriter(String graphName) { this.graphName = graphName; }

    /** The opset version of the default domain; 13 unless set. */
    public OnnxModelWriter opset(int version) {
        if (version < 1) throw new IllegalArgumentException("opset " + version);
        this.opset = version;
        return this;
    }

    /** A float32 graph input; a dimension of -1 becomes the symbolic dimension "n". */
    public OnnxModelWriter input(String name, long... dims) { return input(name, DataType.FLOAT, dims); }

    /** A graph input of element type {@code type}; a dimension of -1 becomes the symbolic dimension "n". */
    public OnnxModelWriter input(String name, DataType type, long... dims) {
        inputs.add(valueInfo(name, type, dims));
        return this;
    }

    /** A float32 graph output. */
    public OnnxModelWriter output(String name, long... dims) { return output(name, DataType.FLOAT, dims); }

    public OnnxModelWriter output(String name, DataType type, long... dims) {
        outputs.add(valueInfo(name, type, dims));
        return this;
    }

    /** A float32 initializer of shape {@code dims} (row-major values, as raw little-endian data). */
    public OnnxModelWriter initializer(String name, float[] values, long... dims) {
        initializers.add(tensor(name, values, dims));
        return this;
    }

    /** An int64 initializer of shape {@code dims}. */
    public OnnxModelWriter initializer(String name, long[] values, long... dims) {
        initializers.add(tensor(name, values, dims));
        return this;
    }

    /** A Constant node whose output {@code name} is the float32 tensor {@code values} of shape {@code dims}. */
    public OnnxModelWriter constant(String name, float[] values, long... dims) {
        return node("Constant", new String[0], new String[] {name}, Attribute.tensor("value", tensor(name, values, dims)));
    }

    /** A Constant node whose output {@code name} is the int64 tensor {@code values} of shape {@code dims}. */
    public OnnxModelWriter constant(String name, long[] values, long... dims) {
        return node("Constant", new String[0], new String[] {name}, Attribute.tensor("value", tensor(name, values, dims)));
    }

    /**
     * A node of the default domain, named after its op type and position. An empty string in {@code in} is an
     * omitted optional input (e.g. Resize's roi).
     */
    public OnnxModelWriter node(String opType, String[] in, String[] out, Attribute... attributes) {
        Proto n = new Proto();
        for (String s : in) n.string(1, s);
        for (String s : out) n.string(2, s);
        n.string(3, opType + "_" + nodes.size());
        n.string(4, opType);
        for (Attribute a : attributes) n.bytes(5, a.proto);
        nodes.add(n.toBytes());
        return this;
    }

    /** The serialised ModelProto. */
    public byte[] toBytes() {
        Proto g = new Proto();
        for (byte[] n : nodes) g.bytes(1, n);
        g.string(2, graphName);
        for (byte[] t : initializers) g.bytes(5, t);
        for (byte[] v : inputs) g.bytes(11, v);
        for (byte[] v : outputs) g.bytes(12, v);
        Proto opsetId = new Proto().string(1, "").varint(2, opset);
        return new Proto().varint(1, 8).string(2, "m3cvc").bytes(7, g.toBytes()).bytes(8, opsetId.toBytes())
                .toBytes();
    }

    private static byte[] tensor(String name, float[] values, long[] dims) {
        checkCount(name, values.length, dims);
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) raw.putFloat(v);
        return tensor(name, DataType.FLOAT, raw.array(), dims);
    }

    private static byte[] tensor(String name, long[] values, long[] dims) {
        checkCount(name, values.length, dims);
        ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) raw.putLong(v);
        return tensor(name, DataType.INT64, raw.array(), dims);
    }

    private static byte[] tensor(String name, DataType type, byte[] raw, long[] dims) {
        Proto t = new Proto();
        for (long d : dims) t.varint(1, d);
        t.varint(2, type.code());
        t.string(8, name);
        t.bytes(9, raw);
        return t.toBytes();
    }

    private static void checkCount(String name, int count, long[] dims) {
        long n = 1;
        for (long d : dims) {
            if (d < 0) throw new IllegalArgumentException(name + ": dimension " + d);
            n *= d;
        }
        if (n != count) throw new IllegalArgumentException(name + ": " + count + " values for " + n + " elements");
    }

    private static byte[] valueInfo(String name, DataType type, long[] dims) {
        Proto shape = new Proto();
        for (long d : dims) {
            Proto dim = d < 0 ? new Proto().string(2, "n") : new Proto().varint(1, d);
            shape.bytes(1, dim.toBytes());
        }
        Proto tensor = new Proto().varint(1, type.code()).bytes(2, shape.toBytes());
        Proto typeProto = new Proto().bytes(1, tensor.toBytes());
        return new Proto().string(1, name).bytes(2, typeProto.toBytes()).toBytes();
    }

    /** Protobuf wire format: varint (type 0), 32-bit (type 5) and length-delimited (type 2) fields. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        /** Base-128 varint; a negative value takes ten bytes (two's complement), as protobuf int64 does. */
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

        Proto fixed32(int field, float f) {
            raw(((long) field << 3) | 5);
            int bits = Float.floatToRawIntBits(f);
            for (int i = 0; i < 4; i++) out.write((bits >>> (8 * i)) & 0xFF);
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
