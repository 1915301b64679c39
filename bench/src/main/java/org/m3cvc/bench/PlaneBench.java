package org.m3cvc.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.Requirement;
import org.m3cvc.container.bits.BitReader;
import org.m3cvc.container.keyframe.IndexPlane;
import org.m3cvc.container.keyframe.PlaneCoding;
import org.m3cvc.container.plane.PlaneCoder;
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
 * Index-plane coder speed (clause 8.3 raw, 8.4 context_range) on 256-vector planes, one plane per operation, cycling
 * through the photo stand-in planes of {@link StandInPlanes.Photos} ({@code -p planes=regions}: the synthetic
 * "regions" planes, for machines without the photographs). {@code :indices} is indices per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class PlaneBench {
    private static final int CODEBOOK = 256;

    @Param({"32x20", "64x64"})
    public String size;

    @Param({"context_range", "raw"})
    public String coding;

    /** Which stand-ins: "photos", or "regions" (synthetic; scripts/bench picks it when no photographs are installed). */
    @Param({"photos"})
    public String planes;

    private PlaneCoder coder;
    private IndexPlane[] plane;
    private byte[][] data;
    private int w, h, next;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        String[] wh = size.split("x");
        w = Integer.parseInt(wh[0]);
        h = Integer.parseInt(wh[1]);
        coder = PlaneCoder.of(PlaneCoding.valueOf(coding.toUpperCase(java.util.Locale.ROOT)));
        List<IndexPlane> p = switch (planes) {
            case "photos" -> StandInPlanes.Photos.cachedPlanes(w, h, PlaneBits.PHOTO_SEED);
            case "regions" -> StandInPlanes.regions(w, h, CODEBOOK, 16, 12);
            default -> throw new IllegalArgumentException("planes=" + planes + ", expected photos or regions");
        };
        if (p == null) {
            throw new IllegalStateException("no photographs in /usr/share/backgrounds or -Dm3cvc.images: run with "
                    + "-p planes=regions");
        }
        plane = p.toArray(new IndexPlane[0]);
        data = new byte[plane.length][];
        for (int i = 0; i < plane.length; i++) {
            data[i] = coder.encode(plane[i], CODEBOOK);
            if (!plane[i].equals(decode(data[i]))) throw new IllegalStateException("plane round trip " + i);
        }
    }

    @Benchmark
    public byte[] encode(IndexCounters c) {
        IndexPlane p = plane[next];
        next = (next + 1) % plane.length;
        c.indices += (long) w * h;
        return coder.encode(p, CODEBOOK);
    }

    @Benchmark
    public IndexPlane decode(IndexCounters c) throws M3cFormatException {
        byte[] d = data[next];
        next = (next + 1) % plane.length;
        c.indices += (long) w * h;
        return decode(d);
    }

    private IndexPlane decode(byte[] d) throws M3cFormatException {
        return coder.decode(new BitReader(d, 0, d.length, "bench", 0, "/plane_data", Requirement.KF_4), w, h, CODEBOOK);
    }
}
