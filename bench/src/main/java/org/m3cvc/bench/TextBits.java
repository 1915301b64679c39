package org.m3cvc.bench;

import java.util.Locale;

import org.m3cvc.container.text.Lzw;

/**
 * Compression report (not JMH): text_coder lzw (clause 8.2) against xz -9 on English text of caption to
 * max_text_size lengths ({@link BenchInputs#englishText}), in bits per character (byte). Prints a Markdown table.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.m3cvc.bench.TextBits}.
 */
public final class TextBits {
    private TextBits() {}

    public static void main(String[] args) {
        System.out.println("# Bits per byte of English text (" + BenchInputs.englishTextSource() + ")");
        System.out.println();
        System.out.println("| bytes | lzw | xz -9 (with .xz container) | lzma2 (no container) |");
        System.out.println("|---:|---:|---:|---:|");
        for (int n : new int[] {64, 256, 1024, 4096, 16384, 65536}) {
            byte[] text = BenchInputs.englishText(n);
            System.out.printf(Locale.ROOT, "| %d | %.3f | %.3f | %.3f |%n", n, 8.0 * Lzw.encode(text).length / n,
                    8.0 * PlaneBits.xz(text).length / n, 8.0 * PlaneBits.lzma2(text).length / n);
        }
    }
}
