package org.m3cvc.cli.eval;

/**
 * One codec at one rate point on one clip: the real size of what it wrote, its quality and times.
 *
 * @param bpp bytes * 8 / (width * height * frames)
 * @param psnr sequence PSNR from the mean MSE over frames, dB
 * @param msSsim mean over frames
 * @param encodeSeconds wall time of the encoder (for m3cvc, in process, pack and sessions opened included)
 * @param decodeSeconds wall time of the decoder, measuring excluded
 * @param command what produced the stream, as a shell command line
 * @param note what the codec chose by itself (m3cvc's rate control setting), for the progress line only; may be empty
 * @param lpips mean over frames; NaN, and {@code frameLpips} null, when not measured (no --lpips)
 * @param clipSim mean over frames (of frames with a defined similarity); NaN, and {@code frameClipSim} null, when not
 *        measured (no --clip)
 */
record PointResult(String clip, String codec, String point, long frames, long bytes, double bpp, double psnr,
                   double msSsim, double encodeSeconds, double decodeSeconds, String command, String note,
                   double[] framePsnr, double[] frameMsSsim, double lpips, double clipSim, double[] frameLpips,
                   double[] frameClipSim) {
    BdRate.Point rd(Metric m) { return new BdRate.Point(bpp, value(m)); }

    /** The point's value of {@code m}; NaN when not measured. */
    double value(Metric m) {
        return switch (m) {
            case PSNR -> psnr;
            case MSSSIM -> msSsim;
            case LPIPS -> lpips;
            case CLIP_SIM -> clipSim;
        };
    }

    /** Per-frame values of {@code m}; null when not measured. */
    double[] frames(Metric m) {
        return switch (m) {
            case PSNR -> framePsnr;
            case MSSSIM -> frameMsSsim;
            case LPIPS -> frameLpips;
            case CLIP_SIM -> frameClipSim;
        };
    }
}
