package org.m3cvc.container.keyframe;

import java.util.Arrays;

/**
 * A VQ index plane: {@code height} rows of {@code width} codebook indices in raster order (spec clause 6.6).
 *
 * @param indices row-major, length width * height; owned by the record, do not modify
 */
public record IndexPlane(int width, int height, int[] indices) {
    public IndexPlane {
        if (width < 1 || height < 1) throw new IllegalArgumentException("plane " + width + "x" + height);
        if (indices.length != width * height) {
            throw new IllegalArgumentException(indices.length + " indices for a " + width + "x" + height + " plane");
        }
    }

    public int at(int x, int y) { return indices[y * width + x]; }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexPlane p && p.width == width && p.height == height && Arrays.equals(p.indices, indices);
    }

    @Override
    public int hashCode() { return 31 * (31 * width + height) + Arrays.hashCode(indices); }

    @Override
    public String toString() { return "IndexPlane[" + width + "x" + height + "]"; }
}
