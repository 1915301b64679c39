package org.m3cvc.container.text;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.Requirement;
import org.m3cvc.container.bits.BitReader;
import org.m3cvc.container.bits.BitWriter;

class LzwTest {
    static byte[] decode(byte[] data, int size) throws M3cFormatException {
        return Lzw.decode(new BitReader(data, 0, data.length, "t", 0, "/text", Requirement.TX_6), size);
    }

    @Test
    void widthRule() {
        assertEquals(9, Lzw.width(0));
        assertEquals(9, Lzw.width(1));       // largest 258
        assertEquals(9, Lzw.width(254));     // largest 511
        assertEquals(10, Lzw.width(255));    // largest 512
        assertEquals(11, Lzw.width(767));    // largest 1024
        assertEquals(12, Lzw.width(1791));   // largest 2048
        assertEquals(12, Lzw.width(100000)); // capped at 4095
    }

    /** Clause B.3 worked example: "abababab". */
    @Test
    void workedExample() throws M3cFormatException {
        byte[] coded = Lzw.encode("abababab".getBytes(StandardCharsets.US_ASCII));
        // codes: a(97) b(98) ab(258) aba(260) b(98) END(257), all 9 bits
        byte[] expected = new BitWriter().u(9, 97).u(9, 98).u(9, 258).u(9, 260).u(9, 98).u(9, 257).zeroPadding()
                .toByteArray();
        assertArrayEquals(expected, coded);
        assertEquals("abababab", new String(decode(coded, 8), StandardCharsets.US_ASCII));
    }

    @Test
    void roundTripsRandomAndRepetitiveDataThroughEveryWidthAndAFullDictionary() throws M3cFormatException {
        Random r = new Random(3);
        for (int len : new int[] {0, 1, 2, 3, 100, 1000, 5000, 65536}) {
            for (int alphabet : new int[] {1, 2, 26, 256}) {
                byte[] data = new byte[len];
                for (int i = 0; i < len; i++) data[i] = (byte) r.nextInt(alphabet);
                assertArrayEquals(data, decode(Lzw.encode(data), len), "len " + len + " alphabet " + alphabet);
            }
        }
    }

    @Test
    void clearResetsTheDictionary() throws M3cFormatException {
        byte[] coded = new BitWriter().u(9, 'x').u(9, 'y').u(9, Lzw.CLEAR).u(9, 'x').u(9, 'y').u(9, 258)
                .u(9, Lzw.END).zeroPadding().toByteArray();
        assertEquals("xyxyxy", new String(decode(coded, 6), StandardCharsets.US_ASCII));
    }

    @Test
    void refusesOutputBeyondTextSizeBeforeWritingIt() {
        byte[] coded = Lzw.encode(new byte[1000]);
        M3cFormatException e = assertThrows(M3cFormatException.class, () -> decode(coded, 10));
        assertEquals(Requirement.TX_6, e.requirement());
    }

    @Test
    void refusesNonZeroPaddingAndTrailingBytes() {
        byte[] coded = Lzw.encode("hi".getBytes(StandardCharsets.US_ASCII));
        byte[] badPad = coded.clone();
        badPad[badPad.length - 1] |= 1;
        assertEquals(Requirement.TX_6, assertThrows(M3cFormatException.class, () -> decode(badPad, 2)).requirement());
        byte[] extra = java.util.Arrays.copyOf(coded, coded.length + 1);
        assertEquals(Requirement.TX_6, assertThrows(M3cFormatException.class, () -> decode(extra, 2)).requirement());
    }
}
