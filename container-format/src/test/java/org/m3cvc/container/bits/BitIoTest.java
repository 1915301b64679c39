package org.m3cvc.container.bits;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.Requirement;

class BitIoTest {
    static BitReader reader(byte[] b) {
        return new BitReader(b, 0, b.length, "t.m3c", 100, "/x", Requirement.CK_4);
    }

    /** Clause 4.2 examples: leb128 values and their bytes. */
    @ParameterizedTest
    @CsvSource({"0,00", "1,01", "127,7f", "128,8001", "300,ac02", "16383,ff7f", "16384,808001",
            "4294967295,ffffffff0f"})
    void leb128MatchesSpecExamples(long value, String hex) throws M3cFormatException {
        byte[] b = HexFormat.of().parseHex(hex);
        assertArrayEquals(b, new BitWriter().leb128(value).toByteArray());
        BitReader r = reader(b);
        assertEquals(value, r.leb128("v"));
        assertEquals(0, r.bitsLeft());
    }

    @ParameterizedTest
    @CsvSource({"8000", "808000", "8080808010", "ffffffff1f", "8080808080"})
    void nonCanonicalLeb128BreaksBs1(String hex) {
        M3cFormatException e = assertThrows(M3cFormatException.class, () -> reader(HexFormat.of().parseHex(hex))
                .leb128("v"));
        assertEquals(Requirement.BS_1, e.requirement());
        assertEquals(100, e.offset());
        assertEquals("/x/v", e.element());
    }

    @Test
    void roundTripsEveryWidthAtEveryAlignment() throws M3cFormatException {
        Random rnd = new Random(5);
        for (int shift = 0; shift < 8; shift++) {
            for (int n = 0; n <= 64; n++) {
                long v = n == 0 ? 0 : n == 64 ? rnd.nextLong() : rnd.nextLong() >>> (64 - n);
                byte[] b = new BitWriter().u(shift, 0).u(n, v).u(3, 5).toByteArray();
                BitReader r = reader(b);
                assertEquals(0, r.u(shift, "pad"));
                assertEquals(v, r.u(n, "v"), "n=" + n + " shift=" + shift);
                assertEquals(5, r.u(3, "tail"));
            }
        }
    }

    @Test
    void msbFirstBitOrder() throws M3cFormatException {
        byte[] b = new BitWriter().u(3, 0b101).u(5, 0b00011).toByteArray();
        assertArrayEquals(new byte[] {(byte) 0b10100011}, b);
        BitReader r = reader(new byte[] {(byte) 0xA5, 0x0F});
        assertEquals(0xA, r.u(4, "a"));
        assertEquals(0x50, r.u(8, "b"));
        assertEquals(0xF, r.u(4, "c"));
    }

    @Test
    void readingPastTheEndThrowsWithOffsetAndRequirement() {
        BitReader r = reader(new byte[] {1, 2});
        M3cFormatException e = assertThrows(M3cFormatException.class, () -> r.u(17, "field"));
        assertEquals(Requirement.CK_4, e.requirement());
        assertTrue(e.getMessage().contains("t.m3c: offset 0x64: /x/field: expected 17 more bits, found 16 bits left"),
                e.getMessage());
    }

    @Test
    void writerRefusesValuesThatDoNotFit() {
        assertThrows(IllegalArgumentException.class, () -> new BitWriter().u(3, 8));
        assertThrows(IllegalArgumentException.class, () -> new BitWriter().leb128(1L << 32));
        assertThrows(IllegalArgumentException.class, () -> new BitWriter().leb128(-1));
    }

    @Test
    void stringChecksLimitBeforeReadingAndUtf8() {
        byte[] longDeclared = new BitWriter().leb128(1000).toByteArray();
        M3cFormatException e = assertThrows(M3cFormatException.class,
                () -> reader(longDeclared).string("s", 255, Requirement.SH_10));
        assertEquals(Requirement.SH_10, e.requirement());
        byte[] bad = {2, (byte) 0xC3, 0x28};
        assertEquals(Requirement.BS_2, assertThrows(M3cFormatException.class,
                () -> reader(bad).string("s", 255, Requirement.SH_10)).requirement());
    }
}
