package org.m3cvc.cli.probe;

import org.m3cvc.container.keyframe.IndexPlane;

/**
 * Statistics of one decoded index plane.
 *
 * @param counts occurrences of each codebook index, length codebook_size (owned)
 * @param distinct indices that occur at least once
 * @param entropyBitsPerIndex empirical zeroth-order entropy, -sum p log2 p over the indices that occur
 */
public record PlaneStats(int[] counts, int distinct, double entropyBitsPerIndex) {

    /** @param codebookSize every index of {@code plane} is below it (the reader checks KF-5) */
    public static PlaneStats of(IndexPlane plane, int codebookSize) {
        int[] counts = new int[codebookSize];
        for (int i : plane.indices()) counts[i]++;
        int n = plane.indices().length;
        int distinct = 0;
        double h = 0;
        // StrictMath and a fixed summation order: the same digits on every machine (--bitexact).
        double ln2 = StrictMath.log(2);
        for (int c : counts) {
            if (c == 0) continue;
            distinct++;
            double p = (double) c / n;
            h -= p * (StrictMath.log(p) / ln2);
        }
        return new PlaneStats(counts, distinct, h);
    }
}
