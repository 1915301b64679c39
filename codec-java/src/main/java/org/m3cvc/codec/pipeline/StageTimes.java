package org.m3cvc.codec.pipeline;

/**
 * Wall-clock time and call count per {@link Stage}, from {@link System#nanoTime()}. The pipeline classes take one
 * optionally; {@link #OFF} (their default) records nothing and never reads the clock, so timing costs one
 * well-predicted branch per stage when it is off.
 *
 * <p>Usage: {@code long t = times.start(); work(); times.stop(Stage.X, t);} — {@link #stop} returns the time it read,
 * so consecutive stages chain: {@code t = times.stop(Stage.A, t); workB(); times.stop(Stage.B, t);}.
 *
 * <p>Not thread-safe: an instance is confined to the thread that runs the pipeline (the networks' own ONNX Runtime
 * threads do not touch it). {@link #OFF} is immutable and may be shared.
 */
public final class StageTimes {
    /** Records nothing. */
    public static final StageTimes OFF = new StageTimes(false);

    private final boolean on;
    private final long createdNanos;
    private final long[] nanos = new long[Stage.values().length];
    private final long[] calls = new long[Stage.values().length];

    private StageTimes(boolean on) {
        this.on = on;
        this.createdNanos = on ? System.nanoTime() : 0;
    }

    /** A recording instance whose {@link #elapsedNanos()} counts from now. */
    public static StageTimes recording() { return new StageTimes(true); }

    /** {@code times} itself, or {@link #OFF} for null. */
    public static StageTimes orOff(StageTimes times) { return times == null ? OFF : times; }

    public boolean enabled() { return on; }

    /** The current {@link System#nanoTime()}, or 0 when off. */
    public long start() { return on ? System.nanoTime() : 0L; }

    /**
     * Adds the time since {@code startNanos} and one call to {@code stage}.
     *
     * @return the time read (the start of a following stage), or 0 when off
     */
    public long stop(Stage stage, long startNanos) {
        if (!on) return 0L;
        long now = System.nanoTime();
        nanos[stage.ordinal()] += now - startNanos;
        calls[stage.ordinal()]++;
        return now;
    }

    /** Adds {@code addNanos} and {@code addCalls} to {@code stage}; for time measured by the caller. */
    public void add(Stage stage, long addNanos, long addCalls) {
        if (!on) return;
        nanos[stage.ordinal()] += addNanos;
        calls[stage.ordinal()] += addCalls;
    }

    /** Total nanoseconds recorded for {@code stage} (0 when off). */
    public long nanos(Stage stage) { return nanos[stage.ordinal()]; }

    /** Calls recorded for {@code stage} (0 when off). */
    public long calls(Stage stage) { return calls[stage.ordinal()]; }

    /** Nanoseconds since {@link #recording()} created this instance (0 when off). */
    public long elapsedNanos() { return on ? System.nanoTime() - createdNanos : 0L; }
}
