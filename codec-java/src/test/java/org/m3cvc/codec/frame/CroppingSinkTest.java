package org.m3cvc.codec.frame;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CroppingSinkTest {
    @Test
    void keepsTheTopLeftDisplayArea() throws Exception {
        List<Frame> got = new ArrayList<>();
        FrameSink list = new FrameSink() {
            @Override public void write(Frame f) { got.add(f); }

            @Override public void finish() {}

            @Override public void close() {}
        };
        byte[] rgb = new byte[4 * 3 * 3];
        for (int i = 0; i < rgb.length; i++) rgb[i] = (byte) i;
        try (FrameSink s = CroppingSink.of(list, 4, 3, 3, 2)) {
            s.write(new Frame(4, 3, 7, rgb));
            s.finish();
        }
        Frame f = got.get(0);
        assertEquals(3, f.width());
        assertEquals(2, f.height());
        assertEquals(7, f.index());
        assertEquals(12, f.at(0, 1, 0), "row 1 starts at byte 12 of the coded frame");
        assertEquals(20, f.at(2, 1, 2));
        assertSame(list, CroppingSink.of(list, 4, 3, 4, 3), "no crop, no wrapper");
    }
}
