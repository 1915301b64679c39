package org.m3cvc.codec.keyframe;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import org.m3cvc.codec.diffusion.Denoiser;
import org.m3cvc.codec.diffusion.Sampler;
import org.m3cvc.codec.diffusion.Schedule;
import org.m3cvc.codec.frame.Frame;
import org.m3cvc.codec.noise.NoiseSource;
import org.m3cvc.codec.pack.ModelPack;
import org.m3cvc.codec.pack.PackException;
import org.m3cvc.codec.pack.PackRole;
import org.m3cvc.codec.pipeline.Stage;
import org.m3cvc.codec.pipeline.StageTimes;
import org.m3cvc.codec.runtime.PackSessions;
import org.m3cvc.container.keyframe.IndexPlane;

/**
 * The keyframe decoder of the paper: index plane → codebook vectors ĥ ({@link Codebook#lookup}) → {@code upsampler}
 * → condition ẑ → {@link Sampler} (spec clause 8.6) from the keyframe's {@link NoiseSource}, with a {@link Denoiser}
 * backed by the {@code denoiser} network → clean latent → {@code image_decoder} → RGB frame ({@link Pixels#toFrame}:
 * clamped, rounded half up to 8 bits).
 *
 * <p>Tensor names are the reference pack's: upsampler {@code features} → {@code condition}; denoiser {@code sample},
 * {@code timestep} (int64 [1]), {@code condition}, {@code text_embedding} [1, E] → {@code noise}; image_decoder
 * {@code latent} → {@code image}. The conditional estimate uses the keyframe's text embedding, the unconditional one
 * (guidance) a zero embedding; without text both use zeros.
 *
 * <p>Owns no sessions (the caller closes {@link PackSessions}); closes every tensor and result it creates. Thread-safe
 * as far as the sessions are.
 */
public final class KeyframeDecoder {
    public static final String FEATURES = "features";
    public static final String CONDITION = "condition";
    public static final String SAMPLE = "sample";
    public static final String TIMESTEP = "timestep";
    public static final String TEXT_EMBEDDING = "text_embedding";
    public static final String NOISE = "noise";
    public static final String LATENT = "latent";
    public static final String IMAGE = "image";

    private final PackSessions sessions;
    private final ModelPack pack;
    private final Codebook codebook;
    private final Schedule schedule;
    private final int textDimension;
    private final StageTimes times;

    /**
     * @param sessions the pack's sessions; not closed by this class
     * @throws IOException when the codebook cannot be read or the denoiser's text_embedding is not [1, E] with a
     *     fixed E
     */
    public KeyframeDecoder(PackSessions sessions) throws IOException {
        this(sessions, StageTimes.OFF);
    }

    /**
     * @param sessions the pack's sessions; not closed by this class
     * @param times records upsampler, denoiser, sampler and image_decoder; null for none. A recording instance makes
     *     this decoder confined to one thread.
     * @throws IOException when the codebook cannot be read or the denoiser's text_embedding is not [1, E] with a
     *     fixed E
     */
    public KeyframeDecoder(PackSessions sessions, StageTimes times) throws IOException {
        this.times = StageTimes.orOff(times);
        this.sessions = sessions;
        this.pack = sessions.pack();
        this.codebook = Codebook.load(pack);
        ModelPack.NoiseSchedule ns = pack.noiseSchedule();
        this.schedule = Schedule.of(ns.kind(), ns.timesteps(), ns.betaStart(), ns.betaEnd());
        List<Long> text = null;
        List<ModelPack.TensorSpec> in = pack.roles().get(PackRole.DENOISER).inputs();
        for (int i = 0; i < in.size(); i++) {
            if (in.get(i).name().equals(TEXT_EMBEDDING)) text = in.get(i).shape();
        }
        if (text == null || text.size() != 2 || text.get(1) < 1) {
            throw new PackException(pack.directory().toString(), "/roles/denoiser/inputs", "a " + TEXT_EMBEDDING
                    + " input of shape [1, E] with a fixed E", text == null ? "none" : text.toString());
        }
        this.textDimension = Math.toIntExact(text.get(1));
    }

    public Codebook codebook() { return codebook; }

    public Schedule schedule() { return schedule; }

    /** E, the length of a text embedding the denoiser takes. */
    public int textDimension() { return textDimension; }

    /**
     * Decodes one keyframe.
     *
     * @param keyframeIndex the keyframe's index in the stream, which selects its noise (clause 8.5)
     * @param frameIndex the display index given to the returned frame
     * @param textEmbedding E values, or null for no text; not modified
     * @throws IllegalArgumentException for a plane size the pack does not list, an index outside the codebook or a
     *     text embedding of the wrong length
     * @throws OrtException when ONNX Runtime fails to run a network
     */
    public Frame decode(IndexPlane plane, int keyframeIndex, long frameIndex, SamplingParams params,
                        float[] textEmbedding) throws IOException, OrtException {
        return render(sample(condition(plane), keyframeIndex, params, textEmbedding), frameIndex);
    }

    /** The latent condition ẑ of a plane, channel-major [C, latent height, latent width]. */
    public float[] condition(IndexPlane plane) throws IOException, OrtException {
        ModelPack.PlaneSize size = new ModelPack.PlaneSize(plane.width(), plane.height());
        if (!pack.planes().contains(size)) {
            throw new IllegalArgumentException("plane " + size + ": the pack supports " + pack.planes());
        }
        long t = times.start();
        float[] h = codebook.lookup(plane);
        OrtSession up = sessions.session(PackRole.UPSAMPLER, size);
        float[] condition;
        try (OnnxTensor f = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), FloatBuffer.wrap(h),
                new long[] {1, codebook.dimension(), plane.height(), plane.width()});
             OrtSession.Result r = up.run(Map.of(FEATURES, f))) {
            condition = checkedLatent(KeyframeEncoder.tensor(r, CONDITION), pack.role(PackRole.UPSAMPLER, size).key());
        }
        times.stop(Stage.UPSAMPLER, t);
        return condition;
    }

    /**
     * Runs the sampler: the clean latent, channel-major, for {@code condition} (as {@link #condition} returns it).
     *
     * @param textEmbedding E values, or null for no text
     */
    public float[] sample(float[] condition, int keyframeIndex, SamplingParams params, float[] textEmbedding)
            throws IOException, OrtException {
        ModelPack.LatentShape l = pack.latent();
        int elements = l.channels() * l.height() * l.width();
        if (condition.length != elements) {
            throw new IllegalArgumentException(condition.length + " condition values for latent " + l);
        }
        if (textEmbedding != null && textEmbedding.length != textDimension) {
            throw new IllegalArgumentException(textEmbedding.length + " text embedding values, expected " + textDimension);
        }
        long[] latentShape = {1, l.channels(), l.height(), l.width()};
        long[] textShape = {1, textDimension};
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession denoiser = sessions.session(PackRole.DENOISER);
        Sampler sampler = new Sampler(params.sampler(), schedule, params.steps(), params.guidanceScaleQ8());
        float[] zeros = new float[textDimension];
        try (OnnxTensor cond = OnnxTensor.createTensor(env, FloatBuffer.wrap(condition), latentShape);
             OnnxTensor noText = OnnxTensor.createTensor(env, FloatBuffer.wrap(zeros), textShape);
             OnnxTensor text = OnnxTensor.createTensor(env,
                     FloatBuffer.wrap(textEmbedding == null ? zeros : textEmbedding), textShape)) {
            Denoiser d = (x, t, conditional) -> {
                long t0 = times.start();
                float[] eps;
                try (OnnxTensor sample = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), latentShape);
                     OnnxTensor step = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {t}), new long[] {1});
                     OrtSession.Result r = denoiser.run(Map.of(SAMPLE, sample, TIMESTEP, step, CONDITION, cond,
                             TEXT_EMBEDDING, conditional ? text : noText))) {
                    eps = checkedLatent(KeyframeEncoder.tensor(r, NOISE), PackRole.DENOISER);
                }
                times.stop(Stage.DENOISER, t0);
                return eps;
            };
            try {
                // The sampler's own time is the whole minus the denoiser calls made during it (stages are disjoint).
                long t0 = times.start(), denoiserBefore = times.nanos(Stage.DENOISER);
                float[] latent = sampler.sample(d, new NoiseSource(params.noiseSeed(), keyframeIndex), elements);
                if (times.enabled()) {
                    long whole = System.nanoTime() - t0;
                    times.add(Stage.SAMPLER, whole - (times.nanos(Stage.DENOISER) - denoiserBefore), 1);
                }
                return latent;
            } catch (IOException | OrtException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("denoiser failed", e); // Denoiser.predict declares Exception
            }
        }
    }

    /** The frame the image_decoder makes of a clean latent (channel-major). */
    public Frame render(float[] latent, long frameIndex) throws IOException, OrtException {
        long t = times.start();
        Frame frame = decodeImage(latent, frameIndex);
        times.stop(Stage.IMAGE_DECODER, t);
        return frame;
    }

    private Frame decodeImage(float[] latent, long frameIndex) throws IOException, OrtException {
        ModelPack.LatentShape l = pack.latent();
        OrtSession dec = sessions.session(PackRole.IMAGE_DECODER);
        try (OnnxTensor z = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), FloatBuffer.wrap(latent),
                new long[] {1, l.channels(), l.height(), l.width()});
             OrtSession.Result r = dec.run(Map.of(LATENT, z))) {
            OnnxTensor image = KeyframeEncoder.tensor(r, IMAGE);
            long[] s = image.getInfo().getShape();
            if (s.length != 4 || s[0] != 1 || s[1] != 3) {
                throw new PackException(pack.directory().toString(), "/roles/image_decoder/outputs/0/shape",
                        "[1, 3, H, W]", java.util.Arrays.toString(s));
            }
            FloatBuffer fb = image.getFloatBuffer();
            float[] chw = new float[fb.remaining()];
            fb.get(chw);
            return Pixels.toFrame(chw, Math.toIntExact(s[3]), Math.toIntExact(s[2]), frameIndex);
        }
    }

    /** The values of a [1, C, h, w] output that must have the pack's latent shape. */
    private float[] checkedLatent(OnnxTensor t, PackRole role) throws OrtException, PackException {
        return checkedLatent(t, role.manifestName());
    }

    /** @param key the role's key in the manifest's {@code roles} */
    private float[] checkedLatent(OnnxTensor t, String key) throws OrtException, PackException {
        ModelPack.LatentShape l = pack.latent();
        long[] s = t.getInfo().getShape();
        if (s.length != 4 || s[0] != 1 || s[1] != l.channels() || s[2] != l.height() || s[3] != l.width()) {
            throw new PackException(pack.directory().toString(), "/roles/" + key + "/outputs/0/shape",
                    "[1, " + l.channels() + ", " + l.height() + ", " + l.width() + "] (/latent)",
                    java.util.Arrays.toString(s));
        }
        FloatBuffer fb = t.getFloatBuffer();
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }
}
