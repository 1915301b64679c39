package org.m3cvc.codec.select;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.m3cvc.codec.frame.Frame;

class KeyframeSelectorTest {
    /** A textured frame (a pattern that block matching can lock on), shifted right by {@code shift} pixels. */
    static Frame textured(int w, int h, int shift, int seed, long index) {
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sx = x - shift;
                int v = (int) ((Math.sin(sx * 0.21 + seed) + Math.cos(y * 0.17 + sx * 0.05 * seed)) * 60 + 128);
                for (int c = 0; c < 3; c++) rgb[(y * w + x) * 3 + c] = (byte) Math.max(0, Math.min(255, v + c * 10));
            }
        }
        return new Frame(w, h, index, rgb);
    }

    @Test
    void blockMatchingMeasuresAKnownShift() {
        BlockMatchingMotion m = new BlockMatchingMotion();
        Frame a = textured(256, 160, 0, 1, 0);
        assertEquals(0, m.meanFlowMagnitude(a, a), 1e-9);
        double d = m.meanFlowMagnitude(a, textured(256, 160, 8, 1, 1));
        assertEquals(8, d, 2.5, "8-pixel pan measured as " + d);
    }

    @Test
    void sceneCutsAndMotionMakeKeyframesAndMaxClipLengthBoundsClips() throws Exception {
        // Semantic stand-in: the scene id as a one-hot vector, so a cut scores 1 - cos = 1.
        SemanticEmbedder sem = f -> {
            float[] e = new float[4];
            e[(int) (f.index() / 10) % 4] = 1;
            return e;
        };
        KeyframeSelector s = new KeyframeSelector(sem, new BlockMatchingMotion(), BigDecimal.ONE,
                new BigDecimal("0.5"), new BigDecimal("0.5"), 6);
        List<Long> keys = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int scene = i / 10;
            Frame f = textured(128, 80, 0, scene + 1, i);
            if (s.offer(f)) keys.add((long) i);
        }
        // Cuts at 10 and 20; static scenes otherwise, so clips end by length: 0, 6, 10, 16, 20, 26.
        assertEquals(List.of(0L, 6L, 10L, 16L, 20L, 26L), keys);
    }

    @Test
    void pooledEmbedderSeparatesScenesAndIgnoresSmallShifts() {
        PooledEmbedder e = new PooledEmbedder();
        Frame a = textured(256, 160, 0, 1, 0);
        double self = KeyframeSelector.cosine(e.embed(a), e.embed(textured(256, 160, 1, 1, 1)));
        double cut = KeyframeSelector.cosine(e.embed(a), e.embed(textured(256, 160, 0, 3, 1)));
        assertTrue(self > 0.95, "one-pixel pan: " + self);
        assertTrue(cut < self - 0.2, "another scene: " + cut + " vs " + self);
    }

    @Test
    void cosineEdgeCases() {
        assertEquals(1, KeyframeSelector.cosine(new float[] {0, 0}, new float[] {0, 0}));
        assertEquals(0, KeyframeSelector.cosine(new float[] {1, 0}, new float[] {0, 0}));
        assertEquals(-1, KeyframeSelector.cosine(new float[] {1, 0}, new float[] {-2, 0}), 1e-12);
    }
}
