package org.m3cvc.codec.keyframe;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.codec.testpack.TestPackBuilder;
import org.m3cvc.container.keyframe.IndexPlane;

class CodebookTest {
    @Test
    void nearestIsTheSmallestSquaredDistance() {
        Codebook cb = new Codebook(new float[] {0, 0, 10, 0, 0, 10, 3, 4}, 2);
        assertEquals(4, cb.size());
        assertEquals(0, cb.nearest(new float[] {1, 1}, 0));
        assertEquals(3, cb.nearest(new float[] {9, 9, 3.2f, 3.9f}, 2), "query at an offset");
        assertEquals(1, cb.nearest(new float[] {9, 1}, 0));
    }

    @Test
    void tiesGoToTheLowestIndex() {
        // (5, 0) is 5 away from (0, 0), (10, 0) and (5, 5)... and from (5, -5): four equal distances.
        Codebook cb = new Codebook(new float[] {10, 0, 5, -5, 0, 0, 5, 5}, 2);
        assertEquals(0, cb.nearest(new float[] {5, 0}, 0));
        Codebook dup = new Codebook(new float[] {1, 1, 2, 2, 2, 2}, 2);
        assertEquals(1, dup.nearest(new float[] {2, 2}, 0), "equal vectors: the first");
    }

    @Test
    void distanceIsAccumulatedInDoubleNotFloat() {
        // In float32, 1e8 + 1 == 1e8 and the two candidates would tie (index 0 winning); in double, index 1 is nearer.
        Codebook far = new Codebook(new float[] {1e4f, 1f, 1e4f, 0f}, 2);
        assertEquals(1, far.nearest(new float[] {0, 0}, 0), "1e8 + 1 vs 1e8: a float sum would tie");
    }

    @Test
    void lookupLaysVectorsOutChannelMajor() {
        Codebook cb = new Codebook(new float[] {1, 2, 3, 10, 20, 30}, 3);
        float[] h = cb.lookup(new IndexPlane(2, 1, new int[] {1, 0}));
        assertArrayEquals(new float[] {10, 1, 20, 2, 30, 3}, h);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cb.lookup(new IndexPlane(2, 1, new int[] {0, 2})));
        assertEquals("index 2 at (1, 0): expected 0..1", e.getMessage());
    }

    @Test
    void loadsThePacksCodebook(@TempDir Path dir) throws Exception {
        Codebook cb = Codebook.load(new TestPackBuilder(32, 16).write(dir));
        assertEquals(256, cb.size());
        assertEquals(4, cb.dimension());
        float[] p = TestPackBuilder.palette();
        for (int i = 0; i < 256; i++) {
            for (int k = 0; k < 4; k++) assertEquals(p[i * 4 + k], cb.component(i, k));
            assertEquals(i, cb.nearest(p, i * 4), "each palette colour is its own nearest");
        }
    }

    @Test
    void badShapesAreMisuse() {
        assertThrows(IllegalArgumentException.class, () -> new Codebook(new float[5], 2));
        assertThrows(IndexOutOfBoundsException.class, () -> new Codebook(new float[4], 2).nearest(new float[3], 2));
    }
}
