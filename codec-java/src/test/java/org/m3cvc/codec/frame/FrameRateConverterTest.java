package org.m3cvc.codec.frame;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FrameRateConverterTest {
    private static final long[] PERIOD_25 = {1, 25};

    /** The example of FfmpegFrameSource: 40 frames at 25 fps give 13 at 8 fps, showing inputs floor(k*25/8). */
    @Test
    void fortyFramesAt25FpsGiveThirteenAt8() {
        FrameRateConverter<Integer> c = new FrameRateConverter<>(8, 1);
        List<FrameRateConverter.Out<Integer>> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) out.addAll(c.push(i, i, 1, 1, 25, PERIOD_25));
        out.addAll(c.end());
        assertEquals(13, out.size());
        for (int k = 0; k < out.size(); k++) {
            assertEquals(k, out.get(k).index());
            assertEquals(k * 25 / 8, out.get(k).picture(), "output " + k);
        }
    }

    @Test
    void sameRatePassesEveryFrameAndTimestampsAreRelativeToTheFirst() {
        FrameRateConverter<Integer> c = new FrameRateConverter<>(8, 1);
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < 5; i++) c.push(i, 1000 + i * 125, 0, 1, 1000, new long[] {1, 8}).forEach(o -> shown.add(o.picture()));
        c.end().forEach(o -> shown.add(o.picture()));
        assertEquals(List.of(0, 1, 2, 3, 4), shown);
    }

    @Test
    void slowInputIsRepeatedAndTheLastFrameLastsItsDuration() {
        FrameRateConverter<String> c = new FrameRateConverter<>(8, 1);
        List<String> shown = new ArrayList<>();
        c.push("a", 0, 0, 1, 2, new long[] {1, 2}).forEach(o -> shown.add(o.picture()));
        c.push("b", 1, 0, 1, 2, new long[] {1, 2}).forEach(o -> shown.add(o.picture()));
        c.end().forEach(o -> shown.add(o.picture()));
        // 2 fps: a covers [0, 0.5), b covers [0.5, 1.0): four output frames each.
        assertEquals(List.of("a", "a", "a", "a", "b", "b", "b", "b"), shown);
    }

    @Test
    void timestampsGoingBackAreHeldAtThePreviousTime() {
        FrameRateConverter<String> c = new FrameRateConverter<>(1, 1);
        List<String> shown = new ArrayList<>();
        c.push("a", 0, 0, 1, 1, new long[] {1, 1}).forEach(o -> shown.add(o.picture()));
        c.push("b", 2, 0, 1, 1, new long[] {1, 1}).forEach(o -> shown.add(o.picture()));
        c.push("c", 1, 0, 1, 1, new long[] {1, 1}).forEach(o -> shown.add(o.picture()));
        c.end().forEach(o -> shown.add(o.picture()));
        assertEquals(List.of("a", "a", "c"), shown);
    }

    @Test
    void refusesAZeroRateOrTimeBase() {
        assertThrows(IllegalArgumentException.class, () -> new FrameRateConverter<>(0, 1));
        FrameRateConverter<String> c = new FrameRateConverter<>(8, 1);
        assertThrows(IllegalArgumentException.class, () -> c.push("a", 0, 0, 0, 1, new long[] {1, 8}));
    }
}
