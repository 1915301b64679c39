package org.m3cvc.container.text;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.Requirement;
import org.m3cvc.container.bits.BitReader;
import org.m3cvc.container.plane.RangeDecoder;
import org.m3cvc.container.plane.RangeEncoder;

/**
 * text_coder order2 (spec clause 8.7): each byte of the text, most significant bit first, is coded by the binary range
 * coder of clause 8.4.1 with a fixed probability taken from a normative table, indexed by the classes of the two
 * bytes before it and the node of the bit in the byte's binary tree. Nothing adapts, so the decoder holds no state
 * besides the range coder's and needs no memory beyond the shared, read-only table.
 *
 * <pre>
 *   ctx  = byte_class( b[i-2] ) * 32 + byte_class( b[i-1] )      (bytes before the text count as 0x20)
 *   node = 1, then node * 2 + bit for each of the 8 bits; p = table[ ctx * 256 + node ]
 * </pre>
 *
 * The table ({@value #TABLE_RESOURCE}, {@value #TABLE_ENTRIES} big-endian u(16) probabilities, SHA-256
 * {@value #TABLE_SHA256}) was built from English video descriptions by {@code Order2TableBuilder} of the conformance
 * module. An empty text codes to no bytes at all. Thread-safe: it holds only the immutable table.
 */
public final class Order2 {
    public static final int CLASSES = 32;
    public static final int CONTEXTS = CLASSES * CLASSES;
    public static final int TABLE_ENTRIES = CONTEXTS * 256;
    /** Every entry lies in [PROB_MIN, PROB_MAX]; entries with node 0 (unused) are 1024. */
    public static final int PROB_MIN = 16;
    public static final int PROB_MAX = 2048 - PROB_MIN;
    public static final String TABLE_RESOURCE = "order2-table.bin";
    /** §8.7.1: SHA-256 of the table as 2 * TABLE_ENTRIES big-endian bytes. */
    public static final String TABLE_SHA256 = "0d26dbd1a2862b5290da0b296dbaf0376240e4891ee1cefa56467f184d9e440d";

    private Order2() {}

    /** §8.7.1 byte_class: 0 space, 1..26 letters (either case), 27 digits, 28 . , ; : ! ?, 29 bytes >= 0x80,
     * 30 ' and ", 31 every other byte. */
    public static int byteClass(int b) {
        if (b >= 'a' && b <= 'z') return b - 'a' + 1;
        if (b >= 'A' && b <= 'Z') return b - 'A' + 1;
        if (b == ' ') return 0;
        if (b >= '0' && b <= '9') return 27;
        if (b == '.' || b == ',' || b == ';' || b == ':' || b == '!' || b == '?') return 28;
        if (b >= 0x80) return 29;
        if (b == '\'' || b == '"') return 30;
        return 31;
    }

    private static final class Table {
        static final short[] PROBS = load();
    }

    /** The normative table (shared; do not modify). */
    static short[] table() { return Table.PROBS; }

    private static short[] load() {
        byte[] raw;
        try (InputStream in = Order2.class.getResourceAsStream(TABLE_RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + TABLE_RESOURCE);
            raw = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + TABLE_RESOURCE, e);
        }
        String sha = sha256(raw);
        if (raw.length != 2 * TABLE_ENTRIES || !sha.equals(TABLE_SHA256)) {
            throw new IllegalStateException(TABLE_RESOURCE + ": expected " + 2 * TABLE_ENTRIES + " bytes of SHA-256 "
                    + TABLE_SHA256 + ", found " + raw.length + " bytes of " + sha);
        }
        return fromBytes(raw);
    }

    /** A table from its byte form (2 * TABLE_ENTRIES big-endian u(16)). */
    public static short[] fromBytes(byte[] raw) {
        if (raw.length != 2 * TABLE_ENTRIES) throw new IllegalArgumentException("table of " + raw.length + " bytes");
        short[] t = new short[TABLE_ENTRIES];
        for (int i = 0; i < TABLE_ENTRIES; i++) {
            int p = ((raw[2 * i] & 0xFF) << 8) | (raw[2 * i + 1] & 0xFF);
            if ((i & 255) != 0 && (p < PROB_MIN || p > PROB_MAX)) {
                throw new IllegalArgumentException("table entry " + i + " = " + p);
            }
            t[i] = (short) p;
        }
        return t;
    }

    public static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Codes {@code data} (the UTF-8 of a text): an empty text gives no bytes. */
    public static byte[] encode(byte[] data) {
        if (data.length == 0) return new byte[0];
        short[] t = table();
        RangeEncoder rc = new RangeEncoder();
        int b2 = ' ', b1 = ' ';
        for (byte x : data) {
            int b = x & 0xFF;
            int base = (byteClass(b2) * CLASSES + byteClass(b1)) << 8;
            int node = 1;
            for (int i = 7; i >= 0; i--) {
                int bit = (b >>> i) & 1;
                rc.encodeBitStatic(t[base + node], bit);
                node = (node << 1) | bit;
            }
            b2 = b1;
            b1 = b;
        }
        return rc.finish();
    }

    /**
     * Decodes exactly {@code size} bytes from {@code in}, which covers exactly text_data (§8.7.2). Makes exactly
     * 8 * {@code size} binary decisions whatever the data, each reading at most one byte.
     *
     * @throws M3cFormatException breaking TX-6: data that ends before {@code size} bytes are decoded (the short
     *     requirement of {@code in}), or bytes left after them
     */
    public static byte[] decode(BitReader in, int size) throws M3cFormatException {
        byte[] out = new byte[size];
        if (size > 0) {
            short[] t = table();
            RangeDecoder rc = new RangeDecoder(in, "text_data");
            int b2 = ' ', b1 = ' ';
            for (int k = 0; k < size; k++) {
                int base = (byteClass(b2) * CLASSES + byteClass(b1)) << 8;
                int node = 1;
                for (int i = 0; i < 8; i++) node = (node << 1) | rc.decodeBitStatic(t[base + node]);
                int b = node - 256;
                out[k] = (byte) b;
                b2 = b1;
                b1 = b;
            }
        }
        in.requireEnd("text_data", Requirement.TX_6);
        return out;
    }
}
