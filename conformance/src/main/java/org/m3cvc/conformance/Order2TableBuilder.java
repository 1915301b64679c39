package org.m3cvc.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.m3cvc.container.text.Order2;

/**
 * Builds the normative probability table of text_coder order2 (spec clause 8.7.1) from the training part of the
 * description corpus ({@code conformance/texts}, every line whose 0-based number is not 4 modulo 5; the others are the
 * held-out test set of the benchmark and never enter the table). Deterministic: integer counts, then one fixed
 * sequence of binary64 operations per entry (Java's floating point is strict), so the output is the same everywhere;
 * a test rebuilds it and compares it with the shipped resource.
 *
 * <p>Each entry is the probability that the bit at {@code node} is 0 given the two previous byte classes, blended
 * with its order-1 (previous class) and order-0 estimates so that contexts the training text never saw fall back on
 * shorter ones:
 *
 * <pre>
 *   q0 = ( n0(node) + 1/2 ) / ( n(node) + 1 )
 *   q1 = ( n0(c1, node) + q0 ) / ( n(c1, node) + 1 )
 *   q2 = ( n0(c2, c1, node) + q1 ) / ( n(c2, c1, node) + 1 )
 *   entry = clamp( floor( 2048 * q2 + 1/2 ), 16, 2032 )
 * </pre>
 *
 * <p>Usage: {@code Order2TableBuilder TEXTS_DIR OUT_FILE}.
 */
public final class Order2TableBuilder {
    /** The corpus files, one description per line (conformance/texts/README.md). */
    public static final List<String> CORPUS_FILES = List.of("keyframe_descriptions.txt", "clip_descriptions.txt");

    private Order2TableBuilder() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Order2TableBuilder TEXTS_DIR OUT_FILE");
            System.exit(2);
        }
        byte[] table = build(training(Path.of(args[0])));
        Files.write(Path.of(args[1]), table);
        System.out.println("wrote " + args[1] + " (" + table.length + " bytes, SHA-256 " + Order2.sha256(table) + ")");
    }

    /** Lines {@code i} of each corpus file with {@code i % 5 == 4} (held out) or not (training), in file order. */
    public static List<String> lines(Path textsDir, boolean heldOut) throws IOException {
        List<String> out = new ArrayList<>();
        for (String f : CORPUS_FILES) {
            List<String> all = Files.readAllLines(textsDir.resolve(f), StandardCharsets.UTF_8);
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).isEmpty()) throw new IOException(f + ": empty line " + (i + 1));
                if ((i % 5 == 4) == heldOut) out.add(all.get(i));
            }
        }
        return out;
    }

    public static List<String> training(Path textsDir) throws IOException { return lines(textsDir, false); }

    /** The table as 2 * TABLE_ENTRIES big-endian bytes. */
    public static byte[] build(List<String> texts) {
        int cl = Order2.CLASSES;
        long[] n0 = new long[256 * 2];
        long[] n1 = new long[cl * 256 * 2];
        long[] n2 = new long[Order2.CONTEXTS * 256 * 2];
        for (String s : texts) {
            int b2 = ' ', b1 = ' ';
            for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
                int b = x & 0xFF;
                int c1 = Order2.byteClass(b1);
                int ctx = Order2.byteClass(b2) * cl + c1;
                int node = 1;
                for (int i = 7; i >= 0; i--) {
                    int bit = (b >>> i) & 1;
                    n0[node * 2 + bit]++;
                    n1[(c1 * 256 + node) * 2 + bit]++;
                    n2[(ctx * 256 + node) * 2 + bit]++;
                    node = (node << 1) | bit;
                }
                b2 = b1;
                b1 = b;
            }
        }
        byte[] out = new byte[2 * Order2.TABLE_ENTRIES];
        for (int ctx = 0; ctx < Order2.CONTEXTS; ctx++) {
            int c1 = ctx % cl;
            for (int node = 0; node < 256; node++) {
                int p = 1024;
                if (node > 0) {
                    double q0 = (n0[node * 2] + 0.5) / (n0[node * 2] + n0[node * 2 + 1] + 1.0);
                    int i1 = (c1 * 256 + node) * 2;
                    double q1 = (n1[i1] + q0) / (n1[i1] + n1[i1 + 1] + 1.0);
                    int i2 = (ctx * 256 + node) * 2;
                    double q2 = (n2[i2] + q1) / (n2[i2] + n2[i2 + 1] + 1.0);
                    p = (int) Math.floor(2048.0 * q2 + 0.5);
                    p = Math.max(Order2.PROB_MIN, Math.min(Order2.PROB_MAX, p));
                }
                int e = ctx * 256 + node;
                out[2 * e] = (byte) (p >>> 8);
                out[2 * e + 1] = (byte) p;
            }
        }
        return out;
    }
}
