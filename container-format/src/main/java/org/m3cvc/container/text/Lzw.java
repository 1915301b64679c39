package org.m3cvc.container.text;

import java.util.HashMap;
import java.util.Map;

import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.Requirement;
import org.m3cvc.container.bits.BitReader;
import org.m3cvc.container.bits.BitWriter;

/**
 * The LZW variant of spec clause 8.2, over bytes.
 *
 * <ul>
 *   <li>Codes 0..255 are the bytes, {@value #CLEAR} is CLEAR, {@value #END} is END; the first free code is 258 and the
 *   dictionary holds at most {@value #MAX_CODES} codes, after which it is frozen (no entry is added).</li>
 *   <li>Codes are packed most significant bit first. The width of the j-th code after the start or a CLEAR is 9 for
 *   j = 0, else the bit length of min(258 + j - 1, 4095): the largest code the decoder can accept at that point.</li>
 *   <li>The stream ends with END, then zero bits to the next byte boundary, and nothing after.</li>
 * </ul>
 * Encoders never need CLEAR; a decoder accepts it anywhere.
 */
public final class Lzw {
    public static final int CLEAR = 256;
    public static final int END = 257;
    public static final int FIRST_FREE = 258;
    public static final int MAX_CODES = 4096;

    private Lzw() {}

    /** Width in bits of the j-th code after the start or a CLEAR (clause 8.2.2). */
    static int width(int j) {
        if (j == 0) return 9;
        int largest = Math.min(FIRST_FREE + j - 1, MAX_CODES - 1);
        return 32 - Integer.numberOfLeadingZeros(largest);
    }

    public static byte[] encode(byte[] data) {
        BitWriter w = new BitWriter();
        Map<Integer, Integer> dict = new HashMap<>();
        int next = FIRST_FREE;
        int j = 0;
        if (data.length > 0) {
            int cur = data[0] & 0xFF;
            for (int i = 1; i < data.length; i++) {
                int c = data[i] & 0xFF;
                Integer found = dict.get((cur << 8) | c);
                if (found != null) {
                    cur = found;
                    continue;
                }
                w.u(width(j++), cur);
                if (next < MAX_CODES) dict.put((cur << 8) | c, next++);
                cur = c;
            }
            w.u(width(j++), cur);
        }
        w.u(width(j), END);
        return w.zeroPadding().toByteArray();
    }

    /**
     * Decodes exactly {@code size} bytes from {@code in}, which covers exactly text_data.
     *
     * @throws M3cFormatException breaking TX-6: a code past the dictionary, output longer or shorter than
     *     {@code size}, a missing END, non-zero padding or bytes after it
     */
    public static byte[] decode(BitReader in, int size) throws M3cFormatException {
        byte[] out = new byte[size];
        int outLen = 0;
        int[] prefix = new int[MAX_CODES];
        byte[] suffix = new byte[MAX_CODES];
        byte[] first = new byte[MAX_CODES];
        int[] length = new int[MAX_CODES];
        for (int c = 0; c < 256; c++) {
            suffix[c] = (byte) c;
            first[c] = (byte) c;
            length[c] = 1;
        }
        int next = FIRST_FREE;
        int j = 0;
        int prev = -1;
        while (true) {
            long at = in.bitPosition();
            int code = (int) in.u(width(j), "text_data");
            if (code == CLEAR) {
                next = FIRST_FREE;
                j = 0;
                prev = -1;
                continue;
            }
            if (code == END) break;
            int entry;
            if (prev < 0) {
                if (code > 255) throw in.errorAt(at, "text_data", Requirement.TX_6, "a byte code (0..257)", code);
                entry = code;
            } else if (code < next) {
                entry = code;
                if (next < MAX_CODES) add(prefix, suffix, first, length, next++, prev, first[code]);
            } else if (code == next && next < MAX_CODES) {
                add(prefix, suffix, first, length, next++, prev, first[prev]);
                entry = code;
            } else {
                throw in.errorAt(at, "text_data", Requirement.TX_6, "a code at most " + next, code);
            }
            int len = length[entry];
            if (outLen + len > size) {
                throw in.errorAt(at, "text_data", Requirement.TX_6, "text_size = " + size + " bytes",
                        "more (" + (outLen + len) + " or more)");
            }
            for (int k = len - 1, c = entry; k >= 0; k--, c = prefix[c]) out[outLen + k] = suffix[c];
            outLen += len;
            prev = entry;
            j++;
        }
        if (outLen != size) {
            throw in.error("text_data", Requirement.TX_6, "text_size = " + size + " bytes", outLen + " bytes");
        }
        in.zeroPadding("text_data", Requirement.TX_6);
        in.requireEnd("text_data", Requirement.TX_6);
        return out;
    }

    private static void add(int[] prefix, byte[] suffix, byte[] first, int[] length, int code, int p, byte s) {
        prefix[code] = p;
        suffix[code] = s;
        first[code] = first[p];
        length[code] = length[p] + 1;
    }
}
