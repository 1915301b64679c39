package org.m3cvc.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Plane indices processed; JMH reports the field as indices per second ({@code :indices}). */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class IndexCounters {
    public long indices;

    @Setup(Level.Iteration)
    public void reset() {
        indices = 0;
    }
}
