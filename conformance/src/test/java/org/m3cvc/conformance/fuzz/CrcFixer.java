package org.m3cvc.conformance.fuzz;

import java.util.zip.CRC32C;

/**
 * Rewrites file_header_crc and every chunk_crc of an input so that they match (spec clauses 5.1 and 5.2), as libpng's
 * fuzzers do for PNG chunk CRCs. Without it almost every mutation dies at CK-3 or FH-5 and the fuzzer never reaches
 * the payload parsers; the targets therefore read both the input as given (which keeps the CRC checks covered) and
 * its fixed copy.
 *
 * <p>Walks the chunk framing leniently and stops, leaving the rest untouched, where it stops making sense: a chunk
 * that runs past the end, or a chunk_size of more than 5 bytes.
 */
final class CrcFixer {
    private static final int FILE_HEADER_BYTES = 16;
    private static final int FILE_HEADER_CRC_AT = 12;

    private CrcFixer() {}

    /** A copy of {@code data} with consistent CRCs (or {@code data} itself when it has no room for any). */
    static byte[] fix(byte[] data) {
        if (data.length < FILE_HEADER_BYTES) return data;
        byte[] out = data.clone();
        putCrc(out, FILE_HEADER_CRC_AT, crc(out, 0, FILE_HEADER_CRC_AT));
        int at = FILE_HEADER_BYTES;
        while (at < out.length) {
            int p = at + 1;
            long size = 0;
            int i = 0;
            while (true) {
                if (p >= out.length || i == 5) return out;
                int b = out[p++] & 0xFF;
                size |= (long) (b & 0x7F) << (7 * i++);
                if ((b & 0x80) == 0) break;
            }
            long crcAt = p + size;
            if (crcAt + 4 > out.length) return out;
            putCrc(out, (int) crcAt, crc(out, at, (int) crcAt));
            at = (int) crcAt + 4;
        }
        return out;
    }

    private static long crc(byte[] b, int from, int to) {
        CRC32C c = new CRC32C();
        c.update(b, from, to - from);
        return c.getValue();
    }

    private static void putCrc(byte[] b, int at, long crc) {
        b[at] = (byte) (crc >>> 24);
        b[at + 1] = (byte) (crc >>> 16);
        b[at + 2] = (byte) (crc >>> 8);
        b[at + 3] = (byte) crc;
    }
}
