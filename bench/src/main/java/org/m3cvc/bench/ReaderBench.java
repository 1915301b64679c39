package org.m3cvc.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.m3cvc.container.M3cReader;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Streaming reader throughput: one operation opens a whole stream from memory and reads and checks it to the end
 * (CRCs, structure, plane and text decoding). Rates: ops/s = streams/s, {@code :bytes} = bytes/s, {@code :clips} =
 * clip groups/s. The input is in memory, so this measures parsing, not the disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ReaderBench {
    @Param({"v02_reference_32x20", "v04_plane_64x64", "v06_max_plane_codebook4096", "v10_many_clips",
            "v14_max_text_lzw", BenchInputs.SYNTHETIC})
    public String stream;

    private byte[] bytes;
    private int clips;
    private Path scratch;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        scratch = Files.createTempDirectory("m3cvc-bench");
        bytes = Files.readAllBytes(BenchInputs.stream(stream, scratch));
        try (M3cReader r = M3cReader.open(new ByteArrayInputStream(bytes), stream)) {
            clips = r.streamHeader().clipCount();
            r.readToEnd();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(scratch.resolve(BenchInputs.SYNTHETIC + ".m3c"));
        Files.deleteIfExists(scratch);
    }

    @Benchmark
    public long readToEnd(StreamCounters c) throws IOException {
        try (M3cReader r = M3cReader.open(new ByteArrayInputStream(bytes), stream)) {
            long chunks = r.readToEnd();
            c.bytes += bytes.length;
            c.clips += clips;
            return chunks;
        }
    }
}
