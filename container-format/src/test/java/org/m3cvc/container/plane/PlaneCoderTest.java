package org.m3cvc.container.plane;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.Requirement;
import org.m3cvc.container.bits.BitReader;
import org.m3cvc.container.keyframe.IndexPlane;
import org.m3cvc.container.keyframe.PlaneCoding;

class PlaneCoderTest {
    static IndexPlane decode(PlaneCoding c, byte[] data, int w, int h, int n) throws M3cFormatException {
        return PlaneCoder.of(c).decode(new BitReader(data, 0, data.length, "t", 0, "/keyframe", Requirement.KF_4),
                w, h, n);
    }

    static IndexPlane smooth(Random r, int w, int h, int n) {
        int[] k = new int[w * h];
        for (int i = 0; i < k.length; i++) {
            int x = i % w;
            int c = r.nextInt(10);
            k[i] = c < 6 && x > 0 ? k[i - 1] : c < 8 && i >= w ? k[i - w] : r.nextInt(n);
        }
        return new IndexPlane(w, h, k);
    }

    @ParameterizedTest
    @EnumSource(PlaneCoding.class)
    void roundTripsEverySizeAndCodebook(PlaneCoding coding) throws M3cFormatException {
        Random r = new Random(11);
        int[][] sizes = {{1, 1}, {1, 7}, {7, 1}, {32, 20}, {32, 32}, {64, 40}, {64, 64}, {255, 3}};
        for (int[] s : sizes) {
            for (int n : new int[] {2, 3, 255, 256, 257, 1000, 4096}) {
                IndexPlane p = smooth(r, s[0], s[1], n);
                byte[] data = PlaneCoder.of(coding).encode(p, n);
                assertEquals(p, decode(coding, data, s[0], s[1], n), coding + " " + s[0] + "x" + s[1] + " n=" + n);
            }
        }
    }

    @Test
    void rangeCoderOutputIsExactlyWhatTheDecoderConsumes() throws M3cFormatException {
        Random r = new Random(12);
        for (int t = 0; t < 200; t++) {
            int w = 1 + r.nextInt(40), h = 1 + r.nextInt(40), n = 2 + r.nextInt(600);
            IndexPlane p = t % 2 == 0 ? smooth(r, w, h, n) : new IndexPlane(w, h, r.ints(w * h, 0, n).toArray());
            byte[] data = ContextPlaneCoder.INSTANCE.encode(p, n);
            assertEquals(p, decode(PlaneCoding.CONTEXT_RANGE, data, w, h, n));
            assertThrows(M3cFormatException.class, () -> decode(PlaneCoding.CONTEXT_RANGE,
                    java.util.Arrays.copyOf(data, data.length + 1), w, h, n), "a trailing byte must be refused");
        }
    }

    @Test
    void contextCoderBeatsRawOnSmoothPlanes() {
        Random r = new Random(13);
        IndexPlane p = smooth(r, 32, 20, 256);
        int raw = RawPlaneCoder.INSTANCE.encode(p, 256).length;
        int ctx = ContextPlaneCoder.INSTANCE.encode(p, 256).length;
        assertTrue(ctx < raw * 0.75, "context " + ctx + " vs raw " + raw);
    }

    @Test
    void decodedIndexAboveCodebookBreaksKf5() {
        // Literal 255 with codebook 200: code a plane with a 256-codebook, decode it with 200.
        IndexPlane p = new IndexPlane(1, 1, new int[] {255});
        byte[] data = ContextPlaneCoder.INSTANCE.encode(p, 256);
        M3cFormatException e = assertThrows(M3cFormatException.class,
                () -> decode(PlaneCoding.CONTEXT_RANGE, data, 1, 1, 200));
        assertEquals(Requirement.KF_5, e.requirement());
    }

    @Test
    void encoderRefusesOutOfRangeIndices() {
        IndexPlane p = new IndexPlane(2, 1, new int[] {0, 9});
        assertThrows(IllegalArgumentException.class, () -> ContextPlaneCoder.INSTANCE.encode(p, 9));
        assertThrows(IllegalArgumentException.class, () -> RawPlaneCoder.INSTANCE.encode(p, 9));
    }
}
