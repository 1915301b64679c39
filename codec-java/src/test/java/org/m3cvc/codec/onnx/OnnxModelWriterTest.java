package org.m3cvc.codec.onnx;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;
import org.m3cvc.codec.onnx.OnnxModelWriter.Attribute;
import org.m3cvc.codec.onnx.OnnxModelWriter.DataType;

/** Models written by OnnxModelWriter load in ONNX Runtime and compute what their attributes and constants say. */
class OnnxModelWriterTest {
    static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    /** y = LeakyRelu(Gather(table, index) * x, alpha) + c, with int64 input, float and int attributes, Constants. */
    @Test
    void int64InputsAttributesAndConstantsReachOnnxRuntime() throws Exception {
        byte[] model = new OnnxModelWriter("t")
                .input("x", 2, 3)
                .input("index", DataType.INT64, 1)
                .output("y", 2, 3)
                .initializer("table", new float[] {0.5f, -2f, 3f}, 3)
                .constant("c", new float[] {1, 2, 3}, 3)
                .constant("index_offset", new long[] {0}, 1)
                .node("Add", new String[] {"index", "index_offset"}, new String[] {"i"})
                .node("Gather", new String[] {"table", "i"}, new String[] {"k"}, Attribute.integer("axis", 0))
                .node("Mul", new String[] {"x", "k"}, new String[] {"kx"})
                .node("LeakyRelu", new String[] {"kx"}, new String[] {"l"}, Attribute.floatValue("alpha", 0.25f))
                .node("Add", new String[] {"l", "c"}, new String[] {"y"})
                .toBytes();
        float[] x = {1, -1, 2, -2, 0.5f, -0.5f};
        try (OrtSession s = ENV.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor xt = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(x), new long[] {2, 3});
             OnnxTensor it = OnnxTensor.createTensor(ENV, LongBuffer.wrap(new long[] {1}), new long[] {1});
             OrtSession.Result r = s.run(Map.of("x", xt, "index", it))) {
            float[] y = new float[6];
            ((OnnxTensor) r.get(0)).getFloatBuffer().get(y);
            for (int i = 0; i < 6; i++) {
                float kx = x[i] * -2f;
                float want = (kx < 0 ? kx * 0.25f : kx) + (i % 3 + 1);
                assertEquals(want, y[i], 0f, "element " + i);
            }
        }
    }

    /** ints and string attributes: a 2x2 AveragePool with strides and a nearest Resize. */
    @Test
    void intsAndStringAttributes() throws Exception {
        byte[] model = new OnnxModelWriter()
                .input("x", 1, 1, 2, 4)
                .output("y", 1, 1, 2, 4)
                .initializer("scales", new float[] {1, 1, 2, 2}, 4)
                .node("AveragePool", new String[] {"x"}, new String[] {"p"}, Attribute.ints("kernel_shape", 2, 2),
                        Attribute.ints("strides", 2, 2))
                .node("Resize", new String[] {"p", "", "scales"}, new String[] {"y"},
                        Attribute.string("mode", "nearest"),
                        Attribute.string("coordinate_transformation_mode", "asymmetric"),
                        Attribute.string("nearest_mode", "floor"))
                .toBytes();
        float[] x = {1, 2, 10, 20, 3, 4, 30, 40};
        try (OrtSession s = ENV.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor xt = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(x), new long[] {1, 1, 2, 4});
             OrtSession.Result r = s.run(Map.of("x", xt))) {
            float[] y = new float[8];
            ((OnnxTensor) r.get(0)).getFloatBuffer().get(y);
            assertArrayEquals(new float[] {2.5f, 2.5f, 25, 25, 2.5f, 2.5f, 25, 25}, y);
        }
    }

    @Test
    void floatsAttributeIsWritten() throws Exception {
        // Constant's value_floats (opset 12+) is a FLOATS attribute.
        byte[] model = new OnnxModelWriter().output("y", 3)
                .node("Constant", new String[0], new String[] {"y"}, Attribute.floats("value_floats", 1.5f, -2f, 7f))
                .toBytes();
        try (OrtSession s = ENV.createSession(model, new OrtSession.SessionOptions());
             OrtSession.Result r = s.run(Map.of())) {
            assertArrayEquals(new float[] {1.5f, -2f, 7f}, (float[]) r.get(0).getValue());
        }
    }

    @Test
    void initializerOfTheWrongSizeIsMisuse() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OnnxModelWriter().initializer("w", new float[3], 2, 2));
        assertEquals("w: 3 values for 4 elements", e.getMessage());
    }
}
