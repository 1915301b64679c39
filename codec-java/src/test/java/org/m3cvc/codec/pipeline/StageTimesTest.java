package org.m3cvc.codec.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class StageTimesTest {
    @Test
    void offRecordsNothingAndNeverReadsTheClock() {
        StageTimes off = StageTimes.OFF;
        assertFalse(off.enabled());
        assertEquals(0, off.start());
        assertEquals(0, off.stop(Stage.DENOISER, 0));
        off.add(Stage.DENOISER, 5, 1);
        assertEquals(0, off.nanos(Stage.DENOISER));
        assertEquals(0, off.calls(Stage.DENOISER));
        assertEquals(0, off.elapsedNanos());
        assertSame(StageTimes.OFF, StageTimes.orOff(null));
    }

    @Test
    void chainedStopsSplitTimeWithoutGapsOrOverlap() {
        StageTimes t = StageTimes.recording();
        long a = t.start();
        long b = t.stop(Stage.IMAGE_ENCODER, a);
        long c = t.stop(Stage.POST_ENCODER, b);
        assertEquals(b - a, t.nanos(Stage.IMAGE_ENCODER));
        assertEquals(c - b, t.nanos(Stage.POST_ENCODER));
        assertEquals(1, t.calls(Stage.IMAGE_ENCODER));
        t.add(Stage.FRAME_READ, 7, 0);
        t.add(Stage.FRAME_READ, 3, 2);
        assertEquals(10, t.nanos(Stage.FRAME_READ));
        assertEquals(2, t.calls(Stage.FRAME_READ));
        assertTrue(t.elapsedNanos() >= c - a);
        assertEquals(0, t.calls(Stage.DENOISER));
    }

    @Test
    void stageIdsAreUniqueSnakeCase() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Stage s : Stage.values()) {
            assertTrue(s.id().matches("[a-z]+(_[a-z]+)*"), s.id());
            assertTrue(ids.add(s.id()), s.id());
            assertEquals(s.name().toLowerCase(java.util.Locale.ROOT), s.id());
        }
    }
}
