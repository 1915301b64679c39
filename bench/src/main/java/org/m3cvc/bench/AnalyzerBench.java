package org.m3cvc.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.m3cvc.cli.Main;
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
 * Analyzer throughput: one operation is {@code m3cvc probe --of json FILE} through {@link Main#run}, output to a null
 * stream, from the file (in the page cache after the first run). Includes the command-line parsing and the JSON
 * writer, as a script calling the analyzer per file would pay them. Rates as in {@link ReaderBench}. Six warm-up
 * iterations: picocli and Jackson take longer than the library to reach steady state.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 3, time = 1)
public class AnalyzerBench {
    @Param({"v02_reference_32x20", "v04_plane_64x64", "v06_max_plane_codebook4096", BenchInputs.SYNTHETIC})
    public String stream;

    private static final PrintStream NULL = new PrintStream(OutputStream.nullOutputStream());

    private String[] args;
    private long size;
    private int clips;
    private Path scratch;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        scratch = Files.createTempDirectory("m3cvc-bench");
        Path file = BenchInputs.stream(stream, scratch);
        size = Files.size(file);
        try (var r = org.m3cvc.container.M3cReader.open(Files.newInputStream(file), stream)) {
            clips = r.streamHeader().clipCount();
        }
        args = new String[] {"probe", "--of", "json", file.toString()};
        int exit = Main.run(args, NULL, NULL);
        if (exit != 0) throw new IllegalStateException("m3cvc probe exits " + exit + " on " + file);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(scratch.resolve(BenchInputs.SYNTHETIC + ".m3c"));
        Files.deleteIfExists(scratch);
    }

    @Benchmark
    public int probeJson(StreamCounters c) {
        int exit = Main.run(args, NULL, NULL);
        c.bytes += size;
        c.clips += clips;
        return exit;
    }
}
