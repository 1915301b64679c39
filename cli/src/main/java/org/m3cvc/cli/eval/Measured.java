package org.m3cvc.cli.eval;

import java.io.IOException;

/**
 * Builds a {@link PointResult} from a finished {@link MetricsSink}: MS-SSIM is the mean over frames, PSNR the
 * sequence PSNR {@code 10·log10(255² / mean MSE)} (as FFmpeg's psnr filter and x264's "global" PSNR), so that a
 * frame decoded exactly (a black lead-in, capped at 100 dB per frame) does not lift a point's PSNR by dB. LPIPS and CLIP
 * similarity, when measured, are means over frames (a frame whose CLIP similarity is undefined left out).
 */
final class Measured {
    private Measured() {}

    static PointResult result(EvalClip clip, String codec, String point, long bytes, double encodeS, double decodeS,
                              String command, String note, MetricsSink sink) throws IOException {
        if (sink.count() != clip.frames()) {
            throw new IOException(clip.name() + " " + codec + " " + point + ": decoded " + sink.count()
                    + " frames, expected " + clip.frames());
        }
        double[] p = sink.psnr(), m = sink.msSsim(), l = sink.lpips(), c = sink.clipSim();
        double bpp = bytes * 8.0 / clip.pixels();
        return new PointResult(clip.name(), codec, point, clip.frames(), bytes, bpp, sequencePsnr(p), mean(m),
                encodeS, decodeS, command, note, p, m, mean(l), mean(c), l, c);
    }

    /** The mean of the finite values; NaN for null or none. */
    static double mean(double[] values) {
        if (values == null) return Double.NaN;
        double s = 0;
        int n = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** 10·log10(1 / mean(10^(−psnr/10))): per-frame PSNRs back to normalised MSE, averaged, to dB. */
    static double sequencePsnr(double[] framePsnr) {
        double mse = 0;
        for (double v : framePsnr) mse += Math.pow(10, -v / 10);
        mse /= framePsnr.length;
        return Math.min(org.m3cvc.codec.metrics.Quality.PSNR_CAP, -10 * Math.log10(mse));
    }
}
