package org.m3cvc.cli.eval;

import java.io.IOException;
import java.util.Arrays;

import org.m3cvc.codec.frame.Frame;
import org.m3cvc.codec.frame.FrameSink;
import org.m3cvc.codec.frame.FrameSource;
import org.m3cvc.codec.metrics.Quality;

/**
 * Measures each decoded frame against the next reference frame as it arrives (PSNR and MS-SSIM of
 * {@link Quality}; LPIPS and CLIP similarity when {@link LearnedMetrics} has their models), so no decoded video is
 * stored. The time spent measuring is kept apart
 * ({@link #measuringNanos()}) so that a decoder's own time can be told from it. Owns the reference source and closes
 * it; the learned metrics stay the caller's. Not thread-safe.
 */
final class MetricsSink implements FrameSink {
    private final FrameSource reference;
    private final String what;
    private double[] psnr = new double[64];
    private double[] msSsim = new double[64];
    private double[] lpips = new double[64];
    private double[] clipSim = new double[64];
    private final LearnedMetrics learned;
    private int count;
    private long nanos;
    private boolean finished;
    private boolean closed;

    /**
     * @param what names the decoded video in messages
     * @param learned the learned metrics to take (not closed here)
     */
    MetricsSink(FrameSource reference, String what, LearnedMetrics learned) {
        this.reference = reference;
        this.what = what;
        this.learned = learned;
    }

    @Override
    public void write(Frame frame) throws IOException {
        if (closed || finished) throw new IllegalStateException(what + ": sink is closed");
        long t0 = System.nanoTime();
        Frame ref = reference.next();
        if (ref == null) throw new IOException(what + ": more frames than the reference's " + count);
        if (ref.width() != frame.width() || ref.height() != frame.height()) {
            throw new IOException(what + ": frame " + count + " is " + frame.width() + "x" + frame.height()
                    + ", the reference " + ref.width() + "x" + ref.height());
        }
        if (count == psnr.length) {
            psnr = Arrays.copyOf(psnr, count * 2);
            msSsim = Arrays.copyOf(msSsim, count * 2);
            lpips = Arrays.copyOf(lpips, count * 2);
            clipSim = Arrays.copyOf(clipSim, count * 2);
        }
        psnr[count] = Quality.psnr(ref, frame);
        msSsim[count] = Quality.msSsim(ref, frame);
        lpips[count] = learned.lpips(ref, frame);
        clipSim[count] = learned.clipSimilarity(ref, frame);
        count++;
        nanos += System.nanoTime() - t0;
    }

    /** Checks that the reference has no frame left: a decode must give every frame. */
    @Override
    public void finish() throws IOException {
        if (reference.next() != null) throw new IOException(what + ": " + count + " frames, the reference has more");
        finished = true;
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        reference.close();
    }

    int count() { return count; }

    double[] psnr() { return Arrays.copyOf(psnr, count); }

    double[] msSsim() { return Arrays.copyOf(msSsim, count); }

    /** Per-frame LPIPS, or null without the model. */
    double[] lpips() { return learned.hasLpips() ? Arrays.copyOf(lpips, count) : null; }

    /** Per-frame CLIP similarity, or null without the model. */
    double[] clipSim() { return learned.hasClip() ? Arrays.copyOf(clipSim, count) : null; }

    long measuringNanos() { return nanos; }
}
