package org.m3cvc.cli.codec;

import java.io.PrintWriter;

import org.m3cvc.codec.pipeline.Progress;

/** A one-line progress counter on standard error, redrawn at most 5 times a second; silent when quiet. */
final class ProgressBar implements Progress {
    private final PrintWriter err;
    private final String label;
    private final boolean quiet;
    private final long start = System.nanoTime();
    private long lastDraw;

    ProgressBar(PrintWriter err, String label, boolean quiet) {
        this.err = err;
        this.label = label;
        this.quiet = quiet;
    }

    @Override
    public void frames(long done, long total) {
        if (quiet) return;
        long now = System.nanoTime();
        if (now - lastDraw < 200_000_000L && done != total) return;
        lastDraw = now;
        double s = (now - start) / 1e9;
        String of = total > 0 ? String.format(" / %d (%3.0f%%)", total, 100.0 * done / total) : "";
        err.printf("\r%s: %d frames%s, %.1f fps", label, done, of, s > 0 ? done / s : 0.0);
        err.flush();
    }

    void end() {
        if (!quiet) err.println();
    }
}
