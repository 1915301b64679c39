package org.m3cvc.codec.select;

import java.nio.FloatBuffer;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import org.m3cvc.codec.frame.Frame;
import org.m3cvc.codec.keyframe.Pixels;

/**
 * The pack's semantic_embedder (spec/model-pack.md 3): input {@code image} [1,3,H,W] in [-1,1] (the frame at the
 * coding size), output {@code embedding} [1,E]: a CLIP-image compatible network. Owns no session; closes the
 * tensors and results it creates.
 */
public final class OnnxSemanticEmbedder implements SemanticEmbedder {
    public static final String IMAGE = "image";
    public static final String EMBEDDING = "embedding";

    private final OrtSession session;

    public OnnxSemanticEmbedder(OrtSession session) {
        this.session = session;
    }

    @Override
    public float[] embed(Frame f) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(Pixels.toTensor(f)),
                new long[] {1, 3, f.height(), f.width()});
             OrtSession.Result r = session.run(Map.of(IMAGE, in))) {
            OnnxTensor out = (OnnxTensor) r.get(EMBEDDING).orElseThrow(
                    () -> new IllegalStateException("semantic_embedder has no output " + EMBEDDING));
            FloatBuffer b = out.getFloatBuffer();
            float[] e = new float[b.remaining()];
            b.get(e);
            return e;
        }
    }
}
