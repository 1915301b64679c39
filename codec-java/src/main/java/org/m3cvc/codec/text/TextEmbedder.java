package org.m3cvc.codec.text;

import java.io.IOException;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Map;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * Text to embedding for the denoiser's text condition: a HF tokenizer (DJL, from a local tokenizer.json, offline)
 * and a sentence-transformers style encoder (the pack's text_encoder role: inputs {@code input_ids},
 * {@code attention_mask}, {@code token_type_ids} int64 [1, n]; output {@code last_hidden_state} [1, n, E]), mean
 * pooled over the attention mask and L2-normalised, as all-MiniLM-L6-v2 is used.
 *
 * <p>DJL_OFFLINE=true must be set (the scripts set it) or DJL probes the network when a tokenizer is created. Owns
 * the tokenizer (closed by {@link #close()}); the session belongs to the caller. Not thread-safe.
 */
public final class TextEmbedder implements AutoCloseable {
    public static final String INPUT_IDS = "input_ids";
    public static final String ATTENTION_MASK = "attention_mask";
    public static final String TOKEN_TYPE_IDS = "token_type_ids";
    public static final String HIDDEN = "last_hidden_state";
    /** Longer descriptions are truncated; the paper's summaries are far shorter. */
    public static final int MAX_TOKENS = 256;

    private final HuggingFaceTokenizer tokenizer;
    private final OrtSession session;

    /**
     * @param tokenizerJson the pack's tokenizer.json
     * @param session the pack's text_encoder session (not owned)
     */
    public TextEmbedder(Path tokenizerJson, OrtSession session) throws IOException {
        this.tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(tokenizerJson).optTruncation(true)
                .optMaxLength(MAX_TOKENS).optPadding(false).build();
        this.session = session;
    }

    /** The embedding of {@code text}: E values with unit L2 norm (all zeros for a text without tokens). */
    public float[] embed(String text) throws OrtException {
        Encoding enc = tokenizer.encode(text);
        long[] ids = enc.getIds(), mask = enc.getAttentionMask(), types = enc.getTypeIds();
        long[] shape = {1, ids.length};
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor m = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             OnnxTensor t = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape);
             OrtSession.Result r = session.run(Map.of(INPUT_IDS, a, ATTENTION_MASK, m, TOKEN_TYPE_IDS, t))) {
            float[][][] h = (float[][][]) r.get(HIDDEN).orElseThrow(
                    () -> new IllegalStateException("text_encoder has no output " + HIDDEN)).getValue();
            int dim = h[0][0].length;
            double[] sum = new double[dim];
            double count = 0;
            for (int i = 0; i < ids.length; i++) {
                if (mask[i] == 0) continue;
                for (int d = 0; d < dim; d++) sum[d] += h[0][i][d];
                count++;
            }
            float[] out = new float[dim];
            if (count == 0) return out;
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                sum[d] /= count;
                norm += sum[d] * sum[d];
            }
            norm = Math.max(Math.sqrt(norm), 1e-12);
            for (int d = 0; d < dim; d++) out[d] = (float) (sum[d] / norm);
            return out;
        }
    }

    /** Number of tokens {@code text} becomes (after truncation). */
    public int tokenCount(String text) { return tokenizer.encode(text).getIds().length; }

    @Override
    public void close() { tokenizer.close(); }
}
