package org.m3cvc.container.plane;

import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.bits.BitReader;

/**
 * The binary range decoder of spec clause 8.4.1: LZMA's, with 11-bit probabilities, adaptation shift
 * {@value #ADAPT_SHIFT}, normalisation after every bit, and without LZMA's always-zero first byte.
 * All arithmetic is on unsigned 32-bit integers; there is no floating point.
 *
 * <p>Not thread-safe.
 */
public final class RangeDecoder {
    /** Probabilities are P(bit = 0) in units of 1/2048. */
    public static final int PROB_BITS = 11;
    public static final int PROB_ONE = 1 << PROB_BITS;
    public static final int PROB_INIT = PROB_ONE / 2;
    /** Faster than LZMA's 5: a plane has only ~1000 symbols to learn from. */
    public static final int ADAPT_SHIFT = 4;
    static final int TOP = 1 << 24;

    private final BitReader in;
    private final String element;
    private int range = 0xFFFF_FFFF;
    private int code;

    /** Reads the 4 initial bytes of {@code code} from plane_data. */
    public RangeDecoder(BitReader in) throws M3cFormatException {
        this(in, "plane_data");
    }

    /**
     * Reads the 4 initial bytes of {@code code}; {@code element} (plane_data, text_data) names the coded element in
     * errors, and {@code in}'s short requirement is the one a read past its end breaks.
     */
    public RangeDecoder(BitReader in, String element) throws M3cFormatException {
        this.in = in;
        this.element = element;
        this.code = (int) in.u(32, element);
    }

    /** Decodes one bit with the adaptive probability {@code probs[i]}, which it updates. */
    public int decodeBit(short[] probs, int i) throws M3cFormatException {
        int p = probs[i];
        int bound = (range >>> PROB_BITS) * p;
        int bit;
        if (Integer.compareUnsigned(code, bound) < 0) {
            range = bound;
            probs[i] = (short) (p + ((PROB_ONE - p) >>> ADAPT_SHIFT));
            bit = 0;
        } else {
            range -= bound;
            code -= bound;
            probs[i] = (short) (p - (p >>> ADAPT_SHIFT));
            bit = 1;
        }
        while (Integer.compareUnsigned(range, TOP) < 0) {
            range <<= 8;
            code = (code << 8) | in.u8(element);
        }
        return bit;
    }

    /**
     * Decodes one bit with the fixed probability {@code p} of a 0, in (0, 2048), which is not adapted (the
     * decode_bit_static of spec clause 8.7.2).
     */
    public int decodeBitStatic(int p) throws M3cFormatException {
        int bound = (range >>> PROB_BITS) * p;
        int bit;
        if (Integer.compareUnsigned(code, bound) < 0) {
            range = bound;
            bit = 0;
        } else {
            range -= bound;
            code -= bound;
            bit = 1;
        }
        while (Integer.compareUnsigned(range, TOP) < 0) {
            range <<= 8;
            code = (code << 8) | in.u8(element);
        }
        return bit;
    }

    /** A probability table of {@code n} entries, each at {@link #PROB_INIT}. */
    public static short[] probs(int n) {
        short[] p = new short[n];
        java.util.Arrays.fill(p, (short) PROB_INIT);
        return p;
    }
}
