package org.m3cvc.codec.testpack;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.m3cvc.codec.diffusion.Schedule;
import org.m3cvc.codec.keyframe.KeyframeDecoder;
import org.m3cvc.codec.keyframe.KeyframeEncoder;
import org.m3cvc.codec.onnx.OnnxModelWriter;
import org.m3cvc.codec.onnx.OnnxModelWriter.Attribute;
import org.m3cvc.codec.onnx.OnnxModelWriter.DataType;
import org.m3cvc.codec.pack.ModelPack;
import org.m3cvc.codec.pack.PackRole;
import org.m3cvc.codec.text.TextEmbedder;

/**
 * Writes the <em>test pack</em>: a complete, valid model pack whose networks are fixed, hand-built ONNX graphs (a "VQ
 * colour-block codec"), so that the whole keyframe and clip pipeline runs for real without learned weights. Honest
 * about what it is: the reconstruction is the colour of each 16x16 block snapped to a 256-colour palette.
 *
 * <p>Networks, for a frame of W x H (multiples of 16), latent 4 x H/8 x W/8 and plane W/16 x H/16:
 * <ul>
 *   <li>{@code image_encoder}: {@code image} [1,3,H,W] in [-1,1] → 8x8 AveragePool → 1x1 Conv → {@code latent}
 *   [1,4,H/8,W/8]: channels 0..2 are the block's R, G, B, channel 3 its luma 0.299 R + 0.587 G + 0.114 B.</li>
 *   <li>{@code post_encoder}: {@code latent} → 2x2 AveragePool → {@code features} [1,4,H/16,W/16].</li>
 *   <li>{@code upsampler}: {@code features} → nearest Resize x2 → {@code condition} [1,4,H/8,W/8].</li>
 *   <li>{@code denoiser}: {@code sample}, {@code timestep} (int64 [1]), {@code condition}, {@code text_embedding}
 *   [1,384] (unused) → {@code noise} = (sample − sqrt(ᾱ_t)·condition) / sqrt(1 − ᾱ_t), ᾱ gathered from tables of the
 *   pack's schedule (binary64 from {@link Schedule}, rounded to float32). It is the exact ε of a model whose clean
 *   latent is the condition, so DDIM and DDPM both end on the condition (up to float32 rounding).</li>
 *   <li>{@code image_decoder}: {@code latent} → channels 0..2 → nearest Resize x8 → {@code image} [1,3,H,W].</li>
 *   <li>{@code clip_generator}: {@code first}, {@code last} [1,3,H,W], {@code position} [1] in 0..1 →
 *   {@code frame} = first·(1 − position) + last·position (prediction passes first as last).</li>
 * </ul>
 * The codebook ({@link #palette()}) is 256 vectors of 4 float32: a 6 x 7 x 6 RGB cube (R and B on 6 levels, G on 7)
 * and 4 greys, in the encoder's [-1,1] space, the 4th component the palette colour's luma as the encoder computes it.
 * Noise schedule scaled_linear, 1000 steps, 0.00085..0.012 (Stable Diffusion's); keyframe selection defaults
 * lambda1 1.0, lambda2 0.02, threshold 0.25, max_clip_frames 16. No text encoder unless {@link #withTextEncoder}.
 *
 * <p>Stateless apart from the frame size; thread-safe.
 */
public final class TestPackBuilder {
    public static final String NAME = "m3cvc-test-vq-colour-blocks";
    public static final String VERSION = "1";
    public static final int CODEBOOK_SIZE = 256;
    public static final int LATENT_CHANNELS = 4;
    public static final int TEXT_EMBEDDING_DIMENSION = 384;
    public static final String SCHEDULE_KIND = "scaled_linear";
    public static final int TIMESTEPS = 1000;
    public static final String BETA_START = "0.00085";
    public static final String BETA_END = "0.012";
    /** clip_generator's tensor names. */
    public static final String CLIP_FIRST = "first", CLIP_LAST = "last", CLIP_POSITION = "position", CLIP_FRAME = "frame";
    /** Luma weights of the encoder's 4th channel (BT.601), as float32. */
    static final float[] LUMA = {0.299f, 0.587f, 0.114f};

    private final int width;
    private final int height;

    /** The reference size, 512 x 320. */
    /** A text encoder and its tokenizer (see {@link #withTextEncoder}), or null. */
    private byte[] textEncoder, tokenizer;

    public TestPackBuilder() { this(512, 320); }

    /**
     * The same pack with a {@code text_encoder} (sentence-transformers I/O: {@code input_ids}, {@code attention_mask},
     * {@code token_type_ids} int64 [1, n] → {@code last_hidden_state} [1, n, 384], e.g. all-MiniLM-L6-v2) and its
     * {@code tokenizer.json}; the denoiser then shifts its clean latent by a fixed projection of the text embedding
     * ({@link #TEXT_GAIN} · Σ ±e_i, signs from a fixed pattern), so that a description changes the keyframe's colours
     * and no description leaves them as without a text encoder. For tests of the text path end to end.
     */
    public TestPackBuilder withTextEncoder(byte[] textEncoderOnnx, byte[] tokenizerJson) {
        TestPackBuilder b = copy();
        b.textEncoder = textEncoderOnnx.clone();
        b.tokenizer = tokenizerJson.clone();
        return b;
    }

    /** Whether the pack also has the latent-resolution plane (see {@link #withFinePlane}). */
    private boolean finePlane;

    private TestPackBuilder copy() {
        TestPackBuilder b = new TestPackBuilder(width, height);
        b.textEncoder = textEncoder;
        b.tokenizer = tokenizer;
        b.finePlane = finePlane;
        return b;
    }

    /**
     * Adds a second index-plane size, the latent's own (W/8 × H/8), after the default W/16 × H/16: its
     * {@code post_encoder.WxH} and {@code upsampler.WxH} pass the latent through unchanged, so a keyframe coded on it
     * is the colour palette at 8-pixel cells instead of 16.
     */
    public TestPackBuilder withFinePlane() {
        TestPackBuilder b = copy();
        b.finePlane = true;
        return b;
    }

    /** Scale of the text shift: a unit embedding moves the clean latent by about this much (in [-1, 1] units). */
    public static final float TEXT_GAIN = 0.5f;

    /** @throws IllegalArgumentException unless both sizes are positive multiples of 16 */
    public TestPackBuilder(int width, int height) {
        if (width < 16 || height < 16 || width % 16 != 0 || height % 16 != 0) {
            throw new IllegalArgumentException("frame " + width + "x" + height + ": expected positive multiples of 16");
        }
        this.width = width;
        this.height = height;
    }

    /**
     * Writes the pack into {@code dir} (created if absent; files of the same names are replaced), the manifest last
     * through a temporary file and a rename, and opens it.
     *
     * @return the pack as {@link ModelPack#open} checks it
     * @throws IOException when writing fails or (a bug) the pack does not pass its own checks
     */
    public ModelPack write(Path dir) throws IOException {
        Files.createDirectories(dir);
        int lw = width / 8, lh = height / 8, pw = width / 16, ph = height / 16;
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode m = om.createObjectNode();
        m.put("format", ModelPack.FORMAT).put("manifest_version", ModelPack.MANIFEST_VERSION)
                .put("name", NAME).put("version", VERSION);
        ArrayNode files = m.putArray("files");
        ObjectNode roles = m.putObject("roles");

        role(dir, files, roles, PackRole.IMAGE_ENCODER, imageEncoder(),
                new T[] {new T(KeyframeEncoder.IMAGE, "float32", 1, 3, height, width)},
                new T[] {new T(KeyframeEncoder.LATENT, "float32", 1, LATENT_CHANNELS, lh, lw)})
                .set("normalisation", normalisation(om));
        role(dir, files, roles, PackRole.POST_ENCODER, postEncoder(),
                new T[] {new T(KeyframeEncoder.LATENT, "float32", 1, LATENT_CHANNELS, lh, lw)},
                new T[] {new T(KeyframeEncoder.FEATURES, "float32", 1, LATENT_CHANNELS, ph, pw)});
        role(dir, files, roles, PackRole.UPSAMPLER, upsampler(),
                new T[] {new T(KeyframeDecoder.FEATURES, "float32", 1, LATENT_CHANNELS, ph, pw)},
                new T[] {new T(KeyframeDecoder.CONDITION, "float32", 1, LATENT_CHANNELS, lh, lw)});
        if (finePlane) {
            String key = "." + lw + "x" + lh;
            role(dir, files, roles, PackRole.POST_ENCODER.manifestName() + key, identity("post_encoder" + key,
                            KeyframeEncoder.LATENT, KeyframeEncoder.FEATURES, lh, lw),
                    new T[] {new T(KeyframeEncoder.LATENT, "float32", 1, LATENT_CHANNELS, lh, lw)},
                    new T[] {new T(KeyframeEncoder.FEATURES, "float32", 1, LATENT_CHANNELS, lh, lw)});
            role(dir, files, roles, PackRole.UPSAMPLER.manifestName() + key, identity("upsampler" + key,
                            KeyframeDecoder.FEATURES, KeyframeDecoder.CONDITION, lh, lw),
                    new T[] {new T(KeyframeDecoder.FEATURES, "float32", 1, LATENT_CHANNELS, lh, lw)},
                    new T[] {new T(KeyframeDecoder.CONDITION, "float32", 1, LATENT_CHANNELS, lh, lw)});
        }
        role(dir, files, roles, PackRole.DENOISER, denoiser(),
                new T[] {new T(KeyframeDecoder.SAMPLE, "float32", 1, LATENT_CHANNELS, lh, lw),
                        new T(KeyframeDecoder.TIMESTEP, "int64", 1),
                        new T(KeyframeDecoder.CONDITION, "float32", 1, LATENT_CHANNELS, lh, lw),
                        new T(KeyframeDecoder.TEXT_EMBEDDING, "float32", 1, TEXT_EMBEDDING_DIMENSION)},
                new T[] {new T(KeyframeDecoder.NOISE, "float32", 1, LATENT_CHANNELS, lh, lw)});
        if (textEncoder != null) {
            role(dir, files, roles, PackRole.TEXT_ENCODER, textEncoder,
                    new T[] {new T(TextEmbedder.INPUT_IDS, "int64", 1, -1), new T(TextEmbedder.ATTENTION_MASK, "int64", 1, -1),
                            new T(TextEmbedder.TOKEN_TYPE_IDS, "int64", 1, -1)},
                    new T[] {new T(TextEmbedder.HIDDEN, "float32", 1, -1, TEXT_EMBEDDING_DIMENSION)});
            file(dir, files, "tokenizer.json", tokenizer);
            m.put("tokenizer", "tokenizer.json");
        }
        role(dir, files, roles, PackRole.IMAGE_DECODER, imageDecoder(),
                new T[] {new T(KeyframeDecoder.LATENT, "float32", 1, LATENT_CHANNELS, lh, lw)},
                new T[] {new T(KeyframeDecoder.IMAGE, "float32", 1, 3, height, width)})
                .set("normalisation", normalisation(om));
        role(dir, files, roles, PackRole.CLIP_GENERATOR, clipGenerator(),
                new T[] {new T(CLIP_FIRST, "float32", 1, 3, height, width),
                        new T(CLIP_LAST, "float32", 1, 3, height, width), new T(CLIP_POSITION, "float32", 1)},
                new T[] {new T(CLIP_FRAME, "float32", 1, 3, height, width)})
                .set("normalisation", normalisation(om));

        float[] palette = palette();
        ByteBuffer cb = ByteBuffer.allocate(palette.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : palette) cb.putFloat(v);
        file(dir, files, "codebook.f32", cb.array());
        m.putObject("codebook").put("file", "codebook.f32").put("vectors", CODEBOOK_SIZE).put("dimension", LATENT_CHANNELS);
        ArrayNode planes = m.putArray("planes");
        planes.addObject().put("width", pw).put("height", ph);
        if (finePlane) planes.addObject().put("width", lw).put("height", lh);
        m.putObject("latent").put("channels", LATENT_CHANNELS).put("height", lh).put("width", lw);
        m.putObject("noise_schedule").put("kind", SCHEDULE_KIND).put("timesteps", TIMESTEPS)
                .put("beta_start", BETA_START).put("beta_end", BETA_END);
        m.putObject("keyframe_selection").put("lambda1", "1.0").put("lambda2", "0.02").put("threshold", "0.25")
                .put("max_clip_frames", 16);
        m.putObject("recipe").put("builder", TestPackBuilder.class.getName())
                .put("note", "hand-built plumbing networks with fixed weights; not learned");

        Path tmp = dir.resolve(ModelPack.MANIFEST + ".tmp");
        Files.write(tmp, om.writeValueAsBytes(m));
        Files.move(tmp, dir.resolve(ModelPack.MANIFEST), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return ModelPack.open(dir);
    }

    /** A tensor of the manifest. */
    private record T(String name, String dtype, long... shape) {}

    private static ObjectNode role(Path dir, ArrayNode files, ObjectNode roles, PackRole role, byte[] onnx, T[] in,
                                   T[] out) throws IOException {
        return role(dir, files, roles, role.manifestName(), onnx, in, out);
    }

    /** @param key the member of {@code roles}: a role name, or a plane's own network ({@code upsampler.8x4}) */
    private static ObjectNode role(Path dir, ArrayNode files, ObjectNode roles, String key, byte[] onnx, T[] in,
                                   T[] out) throws IOException {
        String file = key + ".onnx";
        file(dir, files, file, onnx);
        ObjectNode r = roles.putObject(key).put("file", file);
        tensors(r.putArray("inputs"), in);
        tensors(r.putArray("outputs"), out);
        return r;
    }

    private static void tensors(ArrayNode a, T[] ts) {
        for (T t : ts) {
            ArrayNode shape = a.addObject().put("name", t.name()).put("dtype", t.dtype()).putArray("shape");
            for (long d : t.shape()) shape.add(d);
        }
    }

    private static ObjectNode normalisation(ObjectMapper om) {
        ObjectNode n = om.createObjectNode();
        n.put("layout", "NCHW").put("channels", "RGB");
        n.putArray("pixel_range").add(0).add(255);
        n.putArray("tensor_range").add(-1).add(1);
        return n;
    }

    private static void file(Path dir, ArrayNode files, String path, byte[] content) throws IOException {
        Files.write(dir.resolve(path), content);
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
        files.addObject().put("path", path).put("sha256", HexFormat.of().formatHex(md.digest(content)))
                .put("size_bytes", content.length);
    }

    /**
     * The codebook: 256 vectors x 4 float32, row-major. Index {@code r*42 + g*6 + b} (r, b in 0..5, g in 0..6) is the
     * colour (2r/5 − 1, 2g/6 − 1, 2b/5 − 1); indices 252..255 are the greys 2k/5 − 1 for k = 1..4. The 4th
     * component is the luma 0.299 R + 0.587 G + 0.114 B of the first three, in float32 as the encoder's Conv
     * computes it.
     */
    public static float[] palette() {
        float[] p = new float[CODEBOOK_SIZE * LATENT_CHANNELS];
        for (int i = 0; i < CODEBOOK_SIZE; i++) {
            float r, g, b;
            if (i < 252) {
                r = level(i / 42, 5);
                g = level((i / 6) % 7, 6);
                b = level(i % 6, 5);
            } else {
                r = g = b = level(i - 251, 5);
            }
            p[i * 4] = r;
            p[i * 4 + 1] = g;
            p[i * 4 + 2] = b;
            p[i * 4 + 3] = LUMA[0] * r + LUMA[1] * g + LUMA[2] * b;
        }
        return p;
    }

    private static float level(int k, int steps) { return (float) (2.0 * k / steps - 1.0); }

    byte[] imageEncoder() {
        float[] w = {1, 0, 0, 0, 1, 0, 0, 0, 1, LUMA[0], LUMA[1], LUMA[2]};
        return new OnnxModelWriter("image_encoder")
                .input(KeyframeEncoder.IMAGE, 1, 3, height, width)
                .output(KeyframeEncoder.LATENT, 1, LATENT_CHANNELS, height / 8, width / 8)
                .initializer("rgb_to_latent", w, LATENT_CHANNELS, 3, 1, 1)
                .node("AveragePool", new String[] {KeyframeEncoder.IMAGE}, new String[] {"pooled"},
                        Attribute.ints("kernel_shape", 8, 8), Attribute.ints("strides", 8, 8))
                .node("Conv", new String[] {"pooled", "rgb_to_latent"}, new String[] {KeyframeEncoder.LATENT})
                .toBytes();
    }

    byte[] postEncoder() {
        return new OnnxModelWriter("post_encoder")
                .input(KeyframeEncoder.LATENT, 1, LATENT_CHANNELS, height / 8, width / 8)
                .output(KeyframeEncoder.FEATURES, 1, LATENT_CHANNELS, height / 16, width / 16)
                .node("AveragePool", new String[] {KeyframeEncoder.LATENT}, new String[] {KeyframeEncoder.FEATURES},
                        Attribute.ints("kernel_shape", 2, 2), Attribute.ints("strides", 2, 2))
                .toBytes();
    }

    /** A [1, C, h, w] tensor passed through unchanged. */
    private static byte[] identity(String graph, String in, String out, int h, int w) {
        return new OnnxModelWriter(graph)
                .input(in, 1, LATENT_CHANNELS, h, w)
                .output(out, 1, LATENT_CHANNELS, h, w)
                .node("Identity", new String[] {in}, new String[] {out})
                .toBytes();
    }

    /** Nearest-neighbour Resize by an integer factor: asymmetric coordinates with floor copy each source pixel. */
    private static Attribute[] nearest() {
        return new Attribute[] {Attribute.string("mode", "nearest"),
                Attribute.string("coordinate_transformation_mode", "asymmetric"),
                Attribute.string("nearest_mode", "floor")};
    }

    byte[] upsampler() {
        return new OnnxModelWriter("upsampler")
                .input(KeyframeDecoder.FEATURES, 1, LATENT_CHANNELS, height / 16, width / 16)
                .output(KeyframeDecoder.CONDITION, 1, LATENT_CHANNELS, height / 8, width / 8)
                .initializer("scales", new float[] {1, 1, 2, 2}, 4)
                .node("Resize", new String[] {KeyframeDecoder.FEATURES, "", "scales"},
                        new String[] {KeyframeDecoder.CONDITION}, nearest())
                .toBytes();
    }

    byte[] denoiser() {
        Schedule s = Schedule.of(SCHEDULE_KIND, TIMESTEPS, new BigDecimal(BETA_START), new BigDecimal(BETA_END));
        float[] sab = new float[TIMESTEPS], s1ab = new float[TIMESTEPS];
        for (int t = 0; t < TIMESTEPS; t++) {
            sab[t] = (float) Math.sqrt(s.alphaBar(t));
            s1ab[t] = (float) Math.sqrt(1 - s.alphaBar(t));
        }
        int lh = height / 8, lw = width / 8;
        OnnxModelWriter w = new OnnxModelWriter("denoiser");
        if (textEncoder != null) {
            // condition + TEXT_GAIN * (e . w), w_i = +1 or -1 by a fixed pattern: [1,384] x [384,1] -> [1,1] broadcast.
            float[] signs = new float[TEXT_EMBEDDING_DIMENSION];
            for (int i = 0; i < signs.length; i++) signs[i] = Integer.bitCount(i * 0x9E37) % 2 == 0 ? TEXT_GAIN : -TEXT_GAIN;
            w.initializer("text_projection", signs, TEXT_EMBEDDING_DIMENSION, 1)
                    .node("MatMul", new String[] {KeyframeDecoder.TEXT_EMBEDDING, "text_projection"}, new String[] {"text_shift"})
                    .node("Add", new String[] {KeyframeDecoder.CONDITION, "text_shift"}, new String[] {"text_condition"});
        }
        return w
                .input(KeyframeDecoder.SAMPLE, 1, LATENT_CHANNELS, lh, lw)
                .input(KeyframeDecoder.TIMESTEP, DataType.INT64, 1)
                .input(KeyframeDecoder.CONDITION, 1, LATENT_CHANNELS, lh, lw)
                .input(KeyframeDecoder.TEXT_EMBEDDING, 1, TEXT_EMBEDDING_DIMENSION)
                .output(KeyframeDecoder.NOISE, 1, LATENT_CHANNELS, lh, lw)
                .initializer("sqrt_alpha_bar", sab, TIMESTEPS)
                .initializer("sqrt_one_minus_alpha_bar", s1ab, TIMESTEPS)
                .node("Gather", new String[] {"sqrt_alpha_bar", KeyframeDecoder.TIMESTEP}, new String[] {"sab"})
                .node("Gather", new String[] {"sqrt_one_minus_alpha_bar", KeyframeDecoder.TIMESTEP},
                        new String[] {"s1ab"})
                .node("Mul", new String[] {textEncoder == null ? KeyframeDecoder.CONDITION : "text_condition", "sab"},
                        new String[] {"scaled_condition"})
                .node("Sub", new String[] {KeyframeDecoder.SAMPLE, "scaled_condition"}, new String[] {"residual"})
                .node("Div", new String[] {"residual", "s1ab"}, new String[] {KeyframeDecoder.NOISE})
                .toBytes();
    }

    byte[] imageDecoder() {
        return new OnnxModelWriter("image_decoder")
                .input(KeyframeDecoder.LATENT, 1, LATENT_CHANNELS, height / 8, width / 8)
                .output(KeyframeDecoder.IMAGE, 1, 3, height, width)
                .initializer("starts", new long[] {0}, 1)
                .initializer("ends", new long[] {3}, 1)
                .initializer("axes", new long[] {1}, 1)
                .initializer("scales", new float[] {1, 1, 8, 8}, 4)
                .node("Slice", new String[] {KeyframeDecoder.LATENT, "starts", "ends", "axes"}, new String[] {"rgb"})
                .node("Resize", new String[] {"rgb", "", "scales"}, new String[] {KeyframeDecoder.IMAGE}, nearest())
                .toBytes();
    }

    byte[] clipGenerator() {
        return new OnnxModelWriter("clip_generator")
                .input(CLIP_FIRST, 1, 3, height, width)
                .input(CLIP_LAST, 1, 3, height, width)
                .input(CLIP_POSITION, 1)
                .output(CLIP_FRAME, 1, 3, height, width)
                .constant("one", new float[] {1}, 1)
                .node("Sub", new String[] {"one", CLIP_POSITION}, new String[] {"rest"})
                .node("Mul", new String[] {CLIP_FIRST, "rest"}, new String[] {"from_first"})
                .node("Mul", new String[] {CLIP_LAST, CLIP_POSITION}, new String[] {"from_last"})
                .node("Add", new String[] {"from_first", "from_last"}, new String[] {CLIP_FRAME})
                .toBytes();
    }

    /**
     * Writes the test pack: {@code TestPackBuilder DIR [WIDTH HEIGHT]} (default 512 320). Prints the pack's identity.
     * Exit code 0 on success, 2 for bad arguments, 1 when writing fails.
     */
    public static void main(String[] args) {
        if (args.length != 1 && args.length != 3) {
            System.err.println("usage: TestPackBuilder DIR [WIDTH HEIGHT]");
            System.exit(2);
        }
        TestPackBuilder b;
        try {
            b = args.length == 3 ? new TestPackBuilder(Integer.parseInt(args[1]), Integer.parseInt(args[2]))
                    : new TestPackBuilder();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            ModelPack p = b.write(Path.of(args[0]));
            System.out.println(p.name() + " " + p.identityHex() + " " + p.directory());
        } catch (IOException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }
}
