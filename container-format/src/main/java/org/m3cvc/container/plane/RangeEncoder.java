package org.m3cvc.container.plane;

import static org.m3cvc.container.plane.RangeDecoder.ADAPT_SHIFT;
import static org.m3cvc.container.plane.RangeDecoder.PROB_BITS;
import static org.m3cvc.container.plane.RangeDecoder.PROB_ONE;

import java.io.ByteArrayOutputStream;

/**
 * The encoder matching {@link RangeDecoder} (LZMA's carry-propagating encoder). Its output is exactly as long as the
 * decoder consumes: 4 bytes plus one per normalisation step.
 *
 * <p>Not thread-safe; one instance codes one plane.
 */
public final class RangeEncoder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long low;
    private int range = 0xFFFF_FFFF;
    private int cache;
    private long cacheSize = 1;
    private boolean firstByte = true;
    private boolean finished;

    public void encodeBit(short[] probs, int i, int bit) {
        if (finished) throw new IllegalStateException("finished");
        int p = probs[i];
        int bound = (range >>> PROB_BITS) * p;
        if (bit == 0) {
            range = bound;
            probs[i] = (short) (p + ((PROB_ONE - p) >>> ADAPT_SHIFT));
        } else {
            low += bound & 0xFFFF_FFFFL;
            range -= bound;
            probs[i] = (short) (p - (p >>> ADAPT_SHIFT));
        }
        while (Integer.compareUnsigned(range, RangeDecoder.TOP) < 0) {
            range <<= 8;
            shiftLow();
        }
    }

    /** Encodes one bit with the fixed probability {@code p} of a 0, in (0, 2048), which is not adapted. */
    public void encodeBitStatic(int p, int bit) {
        if (finished) throw new IllegalStateException("finished");
        int bound = (range >>> PROB_BITS) * p;
        if (bit == 0) {
            range = bound;
        } else {
            low += bound & 0xFFFF_FFFFL;
            range -= bound;
        }
        while (Integer.compareUnsigned(range, RangeDecoder.TOP) < 0) {
            range <<= 8;
            shiftLow();
        }
    }

    private void shiftLow() {
        if (low < 0xFF00_0000L || low > 0xFFFF_FFFFL) {
            int carry = (int) (low >>> 32);
            int temp = cache;
            do {
                emit((temp + carry) & 0xFF);
                temp = 0xFF;
            } while (--cacheSize != 0);
            cache = (int) ((low >>> 24) & 0xFF);
        }
        cacheSize++;
        low = (low & 0x00FF_FFFFL) << 8;
    }

    private void emit(int b) {
        if (firstByte) {
            // LZMA's first byte is always 0 (low starts below 2^32 and the first carry lands past it); §8.4.1 omits it.
            if (b != 0) throw new IllegalStateException("range coder first byte " + b);
            firstByte = false;
            return;
        }
        out.write(b);
    }

    /** Flushes and returns the coded bytes. */
    public byte[] finish() {
        if (!finished) {
            for (int i = 0; i < 5; i++) shiftLow();
            finished = true;
        }
        return out.toByteArray();
    }
}
