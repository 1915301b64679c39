package org.m3cvc.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import org.m3cvc.container.text.Lzw;
import org.m3cvc.container.text.Order2;
import org.tukaani.xz.FinishableWrapperOutputStream;
import org.tukaani.xz.LZMA2Options;

/**
 * Compression report (not JMH): the text coders of the format against zstd and xz on the held-out descriptions of
 * {@code conformance/texts} (every line whose 0-based number is 4 modulo 5, the split of its README). Each text is
 * coded alone, as each text chunk is. Dictionaries (zstd's, LZMA2's preset dictionary) are built from the training
 * lines only, the same lines the order2 table was built from. Prints Markdown tables.
 *
 * <p>Usage, from the repository root: {@code java -cp benchmarks.jar org.m3cvc.bench.DescriptionBits}
 * ({@code -Dm3cvc.texts=DIR} to read another corpus directory).
 */
public final class DescriptionBits {
    static final List<String> FILES = List.of("keyframe_descriptions.txt", "clip_descriptions.txt");
    /** zstd dictionary size asked of ZDICT (zstd's --maxdict); 16 KiB for about 29 KB of training text. */
    static final int ZSTD_DICT_BYTES = 16 * 1024;

    private DescriptionBits() {}

    record Coder(String name, java.util.function.Function<byte[], byte[]> code) {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(System.getProperty("m3cvc.texts", "conformance/texts"));
        List<byte[]> test = lines(dir, true);
        List<byte[]> training = lines(dir, false);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] t : training) {
            all.writeBytes(t);
            all.write('\n');
        }
        byte[] trainingText = all.toByteArray();
        byte[] zdict = new byte[ZSTD_DICT_BYTES];
        long zn = Zstd.trainFromBuffer(training.toArray(new byte[0][]), zdict);
        if (Zstd.isError(zn)) throw new IllegalStateException("ZDICT: " + Zstd.getErrorName(zn));
        zdict = java.util.Arrays.copyOf(zdict, (int) zn);
        final byte[] zd = zdict;

        List<Coder> coders = new ArrayList<>();
        coders.add(new Coder("raw", t -> t));
        coders.add(new Coder("lzw", Lzw::encode));
        coders.add(new Coder("lzw or raw", t -> shorter(Lzw.encode(t), t)));
        coders.add(new Coder("order2", Order2::encode));
        coders.add(new Coder("order2 or raw", t -> shorter(Order2.encode(t), t)));
        coders.add(new Coder("zstd -19 (CLI frame)", t -> zstd(t, null, false)));
        coders.add(new Coder("zstd -19 minimal", t -> zstd(t, null, true)));
        coders.add(new Coder("zstd -19 minimal + dict", t -> zstd(t, zd, true)));
        coders.add(new Coder("zstd -19 minimal + training text as dict", t -> zstd(t, trainingText, true)));
        coders.add(new Coder("xz -9", PlaneBits::xz));
        coders.add(new Coder("lzma2 -9", t -> lzma2(t, null)));
        coders.add(new Coder("lzma2 -9 + training text as dict", t -> lzma2(t, trainingText)));

        long rawBytes = 0;
        for (byte[] t : test) rawBytes += t.length;
        long[] totals = new long[coders.size()];
        int[] beatsLzw = new int[coders.size()];
        for (byte[] t : test) {
            int lzw = Lzw.encode(t).length;
            for (int c = 0; c < coders.size(); c++) {
                int n = coders.get(c).code().apply(t).length;
                totals[c] += n;
                if (n < lzw) beatsLzw[c]++;
            }
        }
        long lzwTotal = totals[1];
        System.out.println("# Held-out descriptions: " + test.size() + " texts, " + rawBytes + " bytes (training: "
                + training.size() + " texts, " + trainingText.length + " bytes; zstd dictionary " + zd.length
                + " bytes)");
        System.out.println();
        System.out.println("| coder | bytes | bits per byte | vs lzw | texts shorter than lzw |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (int c = 0; c < coders.size(); c++) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %.3f | %.3f | %d of %d |%n", coders.get(c).name(), totals[c],
                    8.0 * totals[c] / rawBytes, (double) totals[c] / lzwTotal, beatsLzw[c], test.size());
        }
    }

    static byte[] shorter(byte[] coded, byte[] raw) { return coded.length < raw.length ? coded : raw; }

    /** Lines i of each corpus file with i % 5 == 4 (held out) or not (training): conformance/texts/README.md. */
    static List<byte[]> lines(Path dir, boolean heldOut) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (String f : FILES) {
            List<String> all = Files.readAllLines(dir.resolve(f), StandardCharsets.UTF_8);
            for (int i = 0; i < all.size(); i++) {
                if ((i % 5 == 4) == heldOut) out.add(all.get(i).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /**
     * zstd level 19. Not minimal: the frame as {@code zstd -19} writes it (magic number, content size, XXH64
     * checksum). Minimal: no magic number, checksum, content size or dictionary id, the least a container that knows
     * text_size could store.
     */
    static byte[] zstd(byte[] data, byte[] dict, boolean minimal) {
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            ctx.setLevel(19);
            ctx.setChecksum(!minimal);
            ctx.setContentSize(!minimal);
            ctx.setMagicless(minimal);
            ctx.setDictID(!minimal);
            if (dict != null) ctx.loadDict(dict);
            return ctx.compress(data);
        }
    }

    /** A raw LZMA2 stream at preset 9 (no .xz container, which has no room for a dictionary), optionally primed. */
    static byte[] lzma2(byte[] data, byte[] presetDict) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            LZMA2Options o = new LZMA2Options(9);
            if (presetDict != null) o.setPresetDict(presetDict);
            var enc = o.getOutputStream(new FinishableWrapperOutputStream(out));
            enc.write(data);
            enc.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
