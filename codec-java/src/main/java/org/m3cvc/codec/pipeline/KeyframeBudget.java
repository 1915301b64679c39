package org.m3cvc.codec.pipeline;

import java.util.List;

import org.m3cvc.container.Limits;

/**
 * Rate control by keyframe pruning: the encoder codes every keyframe the selector proposes, then, while the stream
 * would exceed its bit budget, removes the keyframe whose selection score D was lowest (the least change since the
 * previous keyframe), merging its clip into the previous one, whose frames the decoder then interpolates over a longer
 * span. The first keyframe always stays, and no clip grows beyond max_clip_frames of the spec. Exact per keyframe:
 * each candidate's coded size is known; headers are counted with a fixed allowance.
 */
final class KeyframeBudget {
    /** Stream header, seek index, end and per-clip header chunks: a generous fixed allowance in bytes. */
    static final int BASE_BYTES = 160;
    static final int PER_CLIP_BYTES = 16;

    /** A proposed clip: its keyframe's coded size (with its texts) and the score that selected it. */
    interface Candidate {
        long bytes();

        double score();

        long frames();

        void absorb(Candidate next);
    }

    private KeyframeBudget() {}

    /** Bytes the candidates cost in a stream, with {@code extraBytes} (for example a trailing keyframe). */
    static long bytes(List<? extends Candidate> clips, long extraBytes) {
        long b = BASE_BYTES + extraBytes;
        for (Candidate c : clips) b += c.bytes() + PER_CLIP_BYTES;
        return b;
    }

    /**
     * Removes candidates (never the first) until the cost is within {@code budgetBytes} or none can go.
     *
     * @return the number removed
     */
    static int prune(List<? extends Candidate> clips, long extraBytes, long budgetBytes) {
        int removed = 0;
        while (bytes(clips, extraBytes) > budgetBytes) {
            int worst = -1;
            for (int i = 1; i < clips.size(); i++) {
                if (clips.get(i - 1).frames() + clips.get(i).frames() > Limits.MAX_CLIP_FRAMES) continue;
                if (worst < 0 || clips.get(i).score() < clips.get(worst).score()) worst = i;
            }
            if (worst < 0) break;
            clips.get(worst - 1).absorb(clips.get(worst));
            clips.remove(worst);
            removed++;
        }
        return removed;
    }
}
