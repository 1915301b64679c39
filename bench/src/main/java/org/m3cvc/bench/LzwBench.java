package org.m3cvc.bench;

import java.util.concurrent.TimeUnit;

import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.Requirement;
import org.m3cvc.container.bits.BitReader;
import org.m3cvc.container.text.Lzw;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * LZW (clause 8.2) speed on English text ({@link BenchInputs#englishText}): a caption-sized text, a paragraph and a
 * text at max_text_size. {@code :bytes} is uncompressed bytes per second for both directions.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class LzwBench {
    @Param({"256", "4096", "65536"})
    public int textBytes;

    private byte[] text;
    private byte[] coded;

    @Setup(Level.Trial)
    public void setup() throws M3cFormatException {
        text = BenchInputs.englishText(textBytes);
        coded = Lzw.encode(text);
        if (!java.util.Arrays.equals(text, decode(coded, text.length))) throw new IllegalStateException("LZW round trip");
    }

    @Benchmark
    public byte[] encode(ByteCounters c) {
        c.bytes += text.length;
        return Lzw.encode(text);
    }

    @Benchmark
    public byte[] decode(ByteCounters c) throws M3cFormatException {
        c.bytes += text.length;
        return decode(coded, text.length);
    }

    private static byte[] decode(byte[] data, int size) throws M3cFormatException {
        return Lzw.decode(new BitReader(data, 0, data.length, "bench", 0, "/text", Requirement.TX_6), size);
    }
}
