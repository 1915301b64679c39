package org.m3cvc.codec.keyframe;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import org.m3cvc.codec.frame.Frame;
import org.m3cvc.codec.pack.ModelPack;
import org.m3cvc.codec.pack.PackException;
import org.m3cvc.codec.pack.PackRole;
import org.m3cvc.codec.pipeline.Stage;
import org.m3cvc.codec.pipeline.StageTimes;
import org.m3cvc.codec.runtime.PackSessions;
import org.m3cvc.container.keyframe.IndexPlane;

/**
 * The keyframe encoder of the paper: frame → {@code image_encoder} → z → {@code post_encoder} → h → nearest codebook
 * vector per plane position ({@link Codebook#nearest}) → index plane. Networks come from {@link PackSessions}, which
 * the caller owns (this class closes every tensor and result it creates, never the sessions).
 *
 * <p>Tensor names are the reference pack's: image_encoder {@code image} → {@code latent}; post_encoder
 * {@code latent} → {@code features}.
 *
 * <p>Thread-safe as far as the sessions are (ONNX Runtime sessions may run concurrently); holds no mutable state.
 */
public final class KeyframeEncoder {
    public static final String IMAGE = "image";
    public static final String LATENT = "latent";
    public static final String FEATURES = "features";

    private final PackSessions sessions;
    private final ModelPack pack;
    private final Codebook codebook;
    private final StageTimes times;

    /**
     * @param sessions the pack's sessions; not closed by this class
     * @throws IOException when the codebook cannot be read
     */
    public KeyframeEncoder(PackSessions sessions) throws IOException {
        this(sessions, StageTimes.OFF);
    }

    /**
     * @param sessions the pack's sessions; not closed by this class
     * @param times records image_encoder, post_encoder and the VQ search; null for none. A recording instance makes
     *     this encoder confined to one thread.
     * @throws IOException when the codebook cannot be read
     */
    public KeyframeEncoder(PackSessions sessions, StageTimes times) throws IOException {
        this.times = StageTimes.orOff(times);
        this.sessions = sessions;
        this.pack = sessions.pack();
        this.codebook = Codebook.load(pack);
    }

    public Codebook codebook() { return codebook; }

    /**
     * Encodes one keyframe.
     *
     * @return the index plane, of a size listed in the pack's {@code planes}
     * @throws IllegalArgumentException when the frame size differs from the image_encoder's fixed input size
     * @throws PackException when a network cannot be loaded, or the features are not codebook-dimension vectors on a
     *     plane size the pack lists
     * @throws OrtException when ONNX Runtime fails to run a network
     */
    public IndexPlane encode(Frame frame) throws IOException, OrtException {
        return encode(frame, pack.planes().get(0));
    }

    /**
     * Encodes one keyframe as an index plane of {@code plane}, with that plane's post-encoder.
     *
     * @throws IllegalArgumentException for a plane size the pack does not list, or a frame of the wrong size
     * @throws PackException when a network cannot be loaded, or its features are not codebook-dimension vectors on
     *     {@code plane}
     */
    public IndexPlane encode(Frame frame, ModelPack.PlaneSize plane) throws IOException, OrtException {
        if (!pack.planes().contains(plane)) {
            throw new IllegalArgumentException("plane " + plane + ": the pack supports " + pack.planes());
        }
        List<Long> declared = pack.roles().get(PackRole.IMAGE_ENCODER).inputs().get(0).shape();
        if (declared.size() == 4 && (!fits(declared.get(2), frame.height()) || !fits(declared.get(3), frame.width()))) {
            throw new IllegalArgumentException("frame " + frame.width() + "x" + frame.height()
                    + ": the pack's image_encoder takes " + declared);
        }
        OrtSession encoder = sessions.session(PackRole.IMAGE_ENCODER);
        ModelPack.RoleSpec postRole = pack.role(PackRole.POST_ENCODER, plane);
        OrtSession post = sessions.session(PackRole.POST_ENCODER, plane);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[] features;
        long[] shape;
        long t = times.start();
        try (OnnxTensor image = OnnxTensor.createTensor(env, FloatBuffer.wrap(Pixels.toTensor(frame)),
                new long[] {1, 3, frame.height(), frame.width()});
             OrtSession.Result z = encoder.run(Map.of(IMAGE, image))) {
            t = times.stop(Stage.IMAGE_ENCODER, t);
            try (OrtSession.Result h = post.run(Map.of(LATENT, tensor(z, LATENT)))) {
                OnnxTensor f = tensor(h, FEATURES);
                shape = f.getInfo().getShape();
                FloatBuffer fb = f.getFloatBuffer();
                features = new float[fb.remaining()];
                fb.get(features);
            }
            t = times.stop(Stage.POST_ENCODER, t);
        }
        String where = "/roles/" + postRole.key() + "/outputs/0/shape";
        int d = codebook.dimension();
        if (shape.length != 4 || shape[0] != 1 || shape[1] != d || shape[2] != plane.height()
                || shape[3] != plane.width()) {
            throw new PackException(pack.directory().toString(), where, "[1, " + d + ", " + plane.height() + ", "
                    + plane.width() + "] (codebook dimension " + d + ", plane " + plane + ")",
                    java.util.Arrays.toString(shape));
        }
        int ph = plane.height(), pw = plane.width();
        t = times.start();
        IndexPlane indices = quantise(features, pw, ph);
        times.stop(Stage.VQ_SEARCH, t);
        return indices;
    }

    /** Nearest codebook vector of each position of channel-major features [D, h, w]. */
    IndexPlane quantise(float[] features, int pw, int ph) {
        int d = codebook.dimension(), n = pw * ph;
        float[] v = new float[d];
        int[] indices = new int[n];
        for (int p = 0; p < n; p++) {
            for (int k = 0; k < d; k++) v[k] = features[k * n + p];
            indices[p] = codebook.nearest(v, 0);
        }
        return new IndexPlane(pw, ph, indices);
    }

    private static boolean fits(long declared, int actual) { return declared == -1 || declared == actual; }

    /** The named output of a result, which keeps ownership of it. */
    static OnnxTensor tensor(OrtSession.Result r, String name) throws OrtException {
        OnnxValue v = r.get(name).orElseThrow(() -> new IllegalStateException("no output " + name));
        if (!(v instanceof OnnxTensor t)) throw new IllegalStateException("output " + name + " is not a tensor");
        return t;
    }
}
