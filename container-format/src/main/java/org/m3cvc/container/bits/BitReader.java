package org.m3cvc.container.bits;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.Requirement;

/**
 * Reads the descriptors of spec/m3c.md clause 4 from a byte array, most significant bit first.
 *
 * <pre>
 *   byte k:   | b7 b6 b5 b4 b3 b2 b1 b0 |   u(3) reads b7 b6 b5, the next u(5) reads b4..b0
 * </pre>
 *
 * <p>Every read checks the end first and throws {@link M3cFormatException} naming the element, its file offset and the
 * requirement that the shortage breaks ({@code shortRequirement}: CK-4 for chunk payloads, KF-4 or TX-6 for coded
 * plane and text data). Element names given to the read methods are spec element names; the reader prefixes them with
 * its {@code path}.
 *
 * <p>Not thread-safe.
 */
public final class BitReader {
    private final byte[] buf;
    private final int end;
    private final String file;
    private final long baseOffset;
    private final String path;
    private final Requirement shortRequirement;
    private long bitPos;

    /**
     * @param buf bytes to read; not copied, must not change while read
     * @param from first byte to read
     * @param to one past the last byte to read
     * @param file input name for messages
     * @param baseOffset file offset of {@code buf[0]}
     * @param path element path prefix for messages, for example {@code /clip_header[2]}
     * @param shortRequirement the requirement broken when the data ends before the syntax does
     */
    public BitReader(byte[] buf, int from, int to, String file, long baseOffset, String path,
                     Requirement shortRequirement) {
        if (from < 0 || to < from || to > buf.length) throw new IllegalArgumentException("bad range " + from + ".." + to);
        this.buf = buf;
        this.end = to;
        this.file = file;
        this.baseOffset = baseOffset;
        this.path = path;
        this.shortRequirement = shortRequirement;
        this.bitPos = (long) from * 8;
    }

    /** Position in bits from {@code buf[0]}. */
    public long bitPosition() { return bitPos; }

    /** Bits left before the end. */
    public long bitsLeft() { return (long) end * 8 - bitPos; }

    public boolean byteAligned() { return (bitPos & 7) == 0; }

    /** The file offset of the next bit, in bytes. */
    public long fileOffset() { return baseOffset + (bitPos >>> 3); }

    public String path() { return path; }

    public String file() { return file; }

    /** A format error at the current position. */
    public M3cFormatException error(String element, Requirement r, String expected, Object found) {
        return errorAt(bitPos, element, r, expected, found);
    }

    /** A format error at {@code atBit} (a position previously returned by {@link #bitPosition()}). */
    public M3cFormatException errorAt(long atBit, String element, Requirement r, String expected, Object found) {
        return new M3cFormatException(file, baseOffset + (atBit >>> 3), (int) (atBit & 7), path + "/" + element,
                expected, String.valueOf(found), r);
    }

    private void need(long bits, String element) throws M3cFormatException {
        if (bits > bitsLeft()) {
            throw error(element, shortRequirement, bits + " more bits", bitsLeft() + " bits left");
        }
    }

    /** u(n): an unsigned n-bit value, 0 &lt;= n &lt;= 64 (u(64) returns the bits as a signed long). */
    public long u(int n, String element) throws M3cFormatException {
        if (n < 0 || n > 64) throw new IllegalArgumentException("u(" + n + ")");
        need(n, element);
        long v = 0;
        int left = n;
        while (left > 0) {
            int byteIndex = (int) (bitPos >>> 3);
            int bitInByte = (int) (bitPos & 7);
            int avail = 8 - bitInByte;
            int take = Math.min(avail, left);
            int bits = ((buf[byteIndex] & 0xFF) >>> (avail - take)) & ((1 << take) - 1);
            v = (v << take) | bits;
            left -= take;
            bitPos += take;
        }
        return v;
    }

    /** u(1) as a boolean. */
    public boolean flag(String element) throws M3cFormatException {
        return u(1, element) != 0;
    }

    /** u(8) at a byte boundary. */
    public int u8(String element) throws M3cFormatException {
        return (int) u(8, element);
    }

    /**
     * leb128(): requires byte alignment; enforces BS-1 (minimal, at most 5 bytes, at most 2^32-1).
     */
    public long leb128(String element) throws M3cFormatException {
        requireAligned();
        long start = bitPos;
        long value = 0;
        for (int i = 0; i < 5; i++) {
            int b = (int) u(8, element);
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (i > 0 && b == 0) {
                    throw errorAt(start, element, Requirement.BS_1, "minimal leb128 encoding", "a redundant zero byte");
                }
                if (value > 0xFFFF_FFFFL) {
                    throw errorAt(start, element, Requirement.BS_1, "at most 4294967295", value);
                }
                return value;
            }
        }
        throw errorAt(start, element, Requirement.BS_1, "leb128 of at most 5 bytes", "more");
    }

    /** leb128() checked against an inclusive range. */
    public long leb128(String element, long min, long max, Requirement r) throws M3cFormatException {
        long at = bitPos;
        long v = leb128(element);
        if (v < min || v > max) throw errorAt(at, element, r, min + ".." + max, v);
        return v;
    }

    /** u(n) checked against an inclusive range. */
    public long u(int n, String element, long min, long max, Requirement r) throws M3cFormatException {
        long at = bitPos;
        long v = u(n, element);
        if (v < min || v > max) throw errorAt(at, element, r, min + ".." + max, v);
        return v;
    }

    /** b(n): n whole bytes, at a byte boundary. */
    public byte[] bytes(int n, String element) throws M3cFormatException {
        requireAligned();
        need((long) n * 8, element);
        int from = (int) (bitPos >>> 3);
        byte[] out = new byte[n];
        System.arraycopy(buf, from, out, 0, n);
        bitPos += (long) n * 8;
        return out;
    }

    /**
     * string(): a leb128 length then UTF-8. The length is checked against {@code maxBytes} (breaking
     * {@code limitRequirement}) before anything is allocated; invalid UTF-8 breaks BS-2.
     */
    public String string(String element, int maxBytes, Requirement limitRequirement) throws M3cFormatException {
        long at = bitPos;
        long n = leb128(element);
        if (n > maxBytes) throw errorAt(at, element, limitRequirement, "at most " + maxBytes + " bytes", n + " bytes");
        long dataAt = bitPos;
        byte[] raw = bytes((int) n, element);
        return decodeUtf8(raw, dataAt, element);
    }

    private String decodeUtf8(byte[] raw, long at, String element) throws M3cFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw errorAt(at, element, Requirement.BS_2, "valid UTF-8", "malformed bytes");
        }
    }

    /** rest: every byte left, at a byte boundary. */
    public byte[] rest(String element) throws M3cFormatException {
        requireAligned();
        return bytes((int) (bitsLeft() >>> 3), element);
    }

    /**
     * A reader over every byte left, failing with {@code shortRequirement} when its syntax runs past them; this reader
     * moves to its end. For data whose own process (plane or text decoding) has its own requirement.
     */
    public BitReader remainder(Requirement shortRequirement) {
        requireAligned();
        int from = (int) (bitPos >>> 3);
        bitPos = (long) end * 8;
        return new BitReader(buf, from, end, file, baseOffset, path, shortRequirement);
    }

    /** A copy of buffer bytes [from, to), for keeping coded data next to what it decodes to. */
    public byte[] copyBytes(int from, int to) {
        return java.util.Arrays.copyOfRange(buf, from, to);
    }

    /** Skips to the next byte boundary; the skipped bits must be zero, else {@code r} is broken. */
    public void zeroPadding(String element, Requirement r) throws M3cFormatException {
        long at = bitPos;
        int pad = (int) ((8 - (bitPos & 7)) & 7);
        if (pad > 0 && u(pad, element) != 0) throw errorAt(at, element, r, "zero padding bits", "non-zero bits");
    }

    /** Requires that nothing is left; otherwise {@code r} is broken at the first byte left. */
    public void requireEnd(String element, Requirement r) throws M3cFormatException {
        if (bitsLeft() != 0) {
            throw error(element, r, "end of data", (bitsLeft() >>> 3) + " bytes left");
        }
    }

    private void requireAligned() {
        // Invariant of the syntax: byte-oriented descriptors only appear at byte boundaries.
        if (!byteAligned()) throw new IllegalStateException("descriptor at non-byte boundary, bit " + bitPos);
    }
}
