package org.m3cvc.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** What the stream benchmarks processed; JMH reports each field as a rate per second ({@code :bytes}, {@code :clips}). */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class StreamCounters {
    public long bytes;
    public long clips;

    @Setup(Level.Iteration)
    public void reset() {
        bytes = 0;
        clips = 0;
    }
}
