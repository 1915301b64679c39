package org.m3cvc.container.bits;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the descriptors of spec/m3c.md clause 4, most significant bit first (the mirror of {@link BitReader}).
 *
 * <p>Values are range-checked: a value that does not fit its descriptor throws {@link IllegalArgumentException}
 * rather than being truncated. The writer does not check syntax-level ranges; the element classes do.
 *
 * <p>Not thread-safe.
 */
public final class BitWriter {
    private byte[] buf = new byte[64];
    private long bitPos;

    /** Bits written so far. */
    public long bitPosition() { return bitPos; }

    public boolean byteAligned() { return (bitPos & 7) == 0; }

    private void ensure(long bits) {
        long needBytes = (bitPos + bits + 7) >>> 3;
        if (needBytes > buf.length) {
            if (needBytes > Integer.MAX_VALUE - 8) throw new IllegalStateException("too large");
            buf = Arrays.copyOf(buf, (int) Math.max(needBytes, Math.min(Integer.MAX_VALUE - 8L, buf.length * 2L)));
        }
    }

    /** u(n), 0 &lt;= n &lt;= 64; for n &lt; 64 the value must be in [0, 2^n). */
    public BitWriter u(int n, long value) {
        if (n < 0 || n > 64) throw new IllegalArgumentException("u(" + n + ")");
        if (n < 64 && (value >>> n) != 0) throw new IllegalArgumentException(value + " does not fit u(" + n + ")");
        ensure(n);
        for (int i = n - 1; i >= 0; i--) {
            int bit = (int) ((value >>> i) & 1);
            int byteIndex = (int) (bitPos >>> 3);
            buf[byteIndex] |= (byte) (bit << (7 - (bitPos & 7)));
            bitPos++;
        }
        return this;
    }

    public BitWriter flag(boolean b) { return u(1, b ? 1 : 0); }

    public BitWriter u8(int value) { return u(8, value); }

    /** leb128(), minimal encoding; value in [0, 2^32-1]. */
    public BitWriter leb128(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) throw new IllegalArgumentException(value + " does not fit leb128");
        requireAligned();
        do {
            int b = (int) (value & 0x7F);
            value >>>= 7;
            u(8, value != 0 ? b | 0x80 : b);
        } while (value != 0);
        return this;
    }

    /** Writes bytes as they are, at a byte boundary. */
    public BitWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public BitWriter bytes(byte[] b, int off, int len) {
        requireAligned();
        ensure((long) len * 8);
        System.arraycopy(b, off, buf, (int) (bitPos >>> 3), len);
        bitPos += (long) len * 8;
        return this;
    }

    /** string(): leb128 byte length, then the UTF-8 bytes. */
    public BitWriter string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        leb128(b.length);
        return bytes(b);
    }

    /** Pads with zero bits to the next byte boundary. */
    public BitWriter zeroPadding() {
        int pad = (int) ((8 - (bitPos & 7)) & 7);
        return u(pad, 0);
    }

    /** The bytes written; the last byte is zero-padded if the position is not byte-aligned. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, (int) ((bitPos + 7) >>> 3));
    }

    /** Number of bytes {@link #leb128(long)} would write for {@code value}. */
    public static int leb128Size(long value) {
        int n = 1;
        while ((value >>>= 7) != 0) n++;
        return n;
    }

    private void requireAligned() {
        if (!byteAligned()) throw new IllegalStateException("descriptor at non-byte boundary, bit " + bitPos);
    }
}
