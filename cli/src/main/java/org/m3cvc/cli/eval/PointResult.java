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
 */
record PointResult(String clip, String codec, String point, long frames, long bytes, double bpp, double psnr,
                   double msSsim, double encodeSeconds, double decodeSeconds, String command, String note,
                   double[] framePsnr, double[] frameMsSsim) {
    BdRate.Point rd(Metric m) { return new BdRate.Point(bpp, m == Metric.PSNR ? psnr : msSsim); }
}
