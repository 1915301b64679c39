package org.m3cvc.codec.keyframe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.m3cvc.codec.pack.ModelPack;
import org.m3cvc.codec.pack.PackException;
import org.m3cvc.container.keyframe.IndexPlane;

/**
 * The VQ vocabulary of a model pack (spec/model-pack.md clause 2, {@code codebook}): {@code size} vectors of
 * {@code dimension} float32. Immutable and thread-safe.
 */
public final class Codebook {
    private final int size;
    private final int dimension;
    /** size × dimension, row-major. */
    private final float[] vectors;

    /**
     * @param vectors size × dimension values, row-major; copied
     * @throws IllegalArgumentException when the length is not a positive multiple of {@code dimension}
     */
    public Codebook(float[] vectors, int dimension) {
        if (dimension < 1 || vectors.length == 0 || vectors.length % dimension != 0) {
            throw new IllegalArgumentException(vectors.length + " values for vectors of dimension " + dimension);
        }
        this.vectors = vectors.clone();
        this.dimension = dimension;
        this.size = vectors.length / dimension;
    }

    /**
     * Reads the pack's codebook file (float32 little-endian, row-major). The pack's opening already checked the
     * file's size and SHA-256; the size is checked again against the bytes read.
     *
     * @throws PackException when the file no longer has vectors × dimension × 4 bytes
     */
    public static Codebook load(ModelPack pack) throws IOException {
        ModelPack.Codebook cb = pack.codebook();
        long expected = 4L * cb.vectors() * cb.dimension();
        Path file = pack.directory().resolve(cb.file());
        long found = Files.size(file);
        if (found != expected) {
            throw new PackException(pack.directory().toString(), "/codebook", expected + " bytes", found + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() != expected) {
            throw new PackException(pack.directory().toString(), "/codebook", expected + " bytes",
                    b.remaining() + " bytes");
        }
        float[] v = new float[cb.vectors() * cb.dimension()];
        b.asFloatBuffer().get(v);
        return new Codebook(v, cb.dimension());
    }

    /** Number of vectors (the stream's codebook_size). */
    public int size() { return size; }

    public int dimension() { return dimension; }

    /** Component {@code k} of vector {@code index}. */
    public float component(int index, int k) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException("index " + index + " of " + size);
        return vectors[index * dimension + k];
    }

    /**
     * The index of the vector nearest to {@code query[offset .. offset + dimension)} in squared Euclidean distance.
     * Each distance is accumulated in binary64 in component order, {@code d += (double) (q_k − c_k)²} with the
     * difference taken in binary64, so the result is exact for float32 inputs up to the final rounding and the same on
     * every machine. Ties go to the lowest index. A NaN component makes every distance NaN; the result is then 0.
     *
     * @throws IndexOutOfBoundsException when the query does not fit in {@code query}
     */
    public int nearest(float[] query, int offset) {
        if (offset < 0 || offset > query.length - dimension) {
            throw new IndexOutOfBoundsException("offset " + offset + " for " + dimension + " of " + query.length);
        }
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            double d = 0;
            int base = i * dimension;
            for (int k = 0; k < dimension; k++) {
                double diff = (double) query[offset + k] - (double) vectors[base + k];
                d += diff * diff;
            }
            if (d < bestDistance) { // strict: the first (lowest) index wins a tie
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    /**
     * The features ĥ of a plane: its vectors laid out channel-major, [dimension, height, width], so element
     * {@code (k, y, x)} is at {@code (k * height + y) * width + x}.
     *
     * @return a new array owned by the caller
     * @throws IllegalArgumentException when an index is not below {@link #size()}
     */
    public float[] lookup(IndexPlane plane) {
        int w = plane.width(), h = plane.height(), n = w * h;
        float[] out = new float[dimension * n];
        int[] idx = plane.indices();
        for (int p = 0; p < n; p++) {
            int i = idx[p];
            if (i < 0 || i >= size) {
                throw new IllegalArgumentException("index " + i + " at (" + p % w + ", " + p / w + "): expected 0.."
                        + (size - 1));
            }
            for (int k = 0; k < dimension; k++) out[k * n + p] = vectors[i * dimension + k];
        }
        return out;
    }
}
