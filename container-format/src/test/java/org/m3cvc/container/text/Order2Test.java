package org.m3cvc.container.text;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.Requirement;
import org.m3cvc.container.bits.BitReader;

class Order2Test {
    static byte[] decode(byte[] data, int size) throws M3cFormatException {
        return Order2.decode(new BitReader(data, 0, data.length, "t", 0, "/text", Requirement.TX_6), size);
    }

    /** Clause B.8 worked example. */
    @Test
    void workedExample() throws M3cFormatException {
        byte[] coded = Order2.encode("A red kite".getBytes(StandardCharsets.US_ASCII));
        assertEquals("28f1ce2742eaec", HexFormat.of().formatHex(coded));
        assertEquals("A red kite", new String(decode(coded, 10), StandardCharsets.US_ASCII));
        short[] t = Order2.table();
        int[] nodes = {1, 2, 5, 10, 20, 40, 80, 160};
        int[] values = {2032, 16, 2032, 1109, 2032, 2030, 1993, 16};
        for (int i = 0; i < nodes.length; i++) assertEquals(values[i], t[nodes[i]], "node " + nodes[i]);
    }

    @Test
    void byteClassesFollowTheTableOf871() {
        assertEquals(0, Order2.byteClass(' '));
        assertEquals(1, Order2.byteClass('a'));
        assertEquals(1, Order2.byteClass('A'));
        assertEquals(26, Order2.byteClass('Z'));
        assertEquals(27, Order2.byteClass('7'));
        assertEquals(28, Order2.byteClass('?'));
        assertEquals(29, Order2.byteClass(0xC3));
        assertEquals(30, Order2.byteClass('"'));
        assertEquals(31, Order2.byteClass('\n'));
        assertEquals(31, Order2.byteClass('-'));
        assertEquals(31, Order2.byteClass('`'));
    }

    @Test
    void tableHasItsSpecifiedShapeAndRange() {
        short[] t = Order2.table();
        assertEquals(1024 * 256, t.length);
        for (int i = 0; i < t.length; i++) {
            if (i % 256 == 0) assertEquals(1024, t[i]);
            else assertTrue(t[i] >= 16 && t[i] <= 2032, "entry " + i + " = " + t[i]);
        }
    }

    @Test
    void emptyTextIsEmptyData() throws M3cFormatException {
        assertEquals(0, Order2.encode(new byte[0]).length);
        assertEquals(0, decode(new byte[0], 0).length);
        M3cFormatException x = assertThrows(M3cFormatException.class, () -> decode(new byte[4], 0));
        assertEquals(Requirement.TX_6, x.requirement());
    }

    @Test
    void roundTripsAnyBytes() throws M3cFormatException {
        Random r = new Random(5);
        for (int len : new int[] {1, 2, 3, 100, 1000, 65536}) {
            for (int alphabet : new int[] {1, 2, 27, 256}) {
                byte[] data = new byte[len];
                for (int i = 0; i < len; i++) data[i] = (byte) (alphabet == 27 ? " etaoinshrdlucmfwypvbgkqjxz".charAt(r.nextInt(27)) : r.nextInt(alphabet));
                byte[] coded = Order2.encode(data);
                assertTrue(coded.length <= 4 + 8L * len, "at most one byte per decision");
                assertArrayEquals(data, decode(coded, len), "len " + len + " alphabet " + alphabet);
            }
        }
    }

    @Test
    void truncatedOrOverlongDataBreaksTx6() {
        byte[] coded = Order2.encode("The heron lifts its head.".getBytes(StandardCharsets.US_ASCII));
        M3cFormatException shortX = assertThrows(M3cFormatException.class,
                () -> decode(Arrays.copyOf(coded, coded.length - 1), 25));
        assertEquals(Requirement.TX_6, shortX.requirement());
        assertTrue(shortX.getMessage().contains("text_data"), shortX.getMessage());
        M3cFormatException longX = assertThrows(M3cFormatException.class,
                () -> decode(Arrays.copyOf(coded, coded.length + 1), 25));
        assertEquals(Requirement.TX_6, longX.requirement());
        assertThrows(M3cFormatException.class, () -> decode(new byte[3], 5));
    }

    /** Garbage of any length either decodes (exactly 8 decisions a byte) or fails with TX-6, never anything else. */
    @Test
    void garbageFailsCleanly() {
        Random r = new Random(9);
        for (int k = 0; k < 2000; k++) {
            byte[] data = new byte[r.nextInt(64)];
            r.nextBytes(data);
            int size = r.nextInt(80);
            try {
                assertEquals(size, decode(data, size).length);
            } catch (M3cFormatException e) {
                assertEquals(Requirement.TX_6, e.requirement(), e.getMessage());
            }
        }
    }
}
