package org.m3cvc.cli.codec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.m3cvc.cli.ExitCodes;
import org.m3cvc.cli.Version;
import org.m3cvc.codec.frame.FfmpegFrameSource;
import org.m3cvc.codec.frame.Frame;
import org.m3cvc.codec.frame.VideoFormat;
import org.m3cvc.codec.metrics.Quality;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code m3cvc compare REF DIST}: PSNR and MS-SSIM of a decoded video against its reference, frame by frame. Both are
 * read through FFmpeg at the same size and rate (the distorted video's, unless --size/--fps), so a source clip can be
 * compared with its 512x320, 8 fps decode directly.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Compares a video with a reference: PSNR and MS-SSIM (RGB, averaged over channels) per frame "
                + "and in the mean.", "Both inputs are scaled and centre-cropped to the same size and rate first."})
public final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REF", description = "The reference video (e.g. the source clip).")
    Path reference;

    @Parameters(index = "1", paramLabel = "DIST", description = "The video to judge (e.g. a decode).")
    Path distorted;

    @Option(names = "--per-frame", description = "Print a CSV line per frame: frame,psnr,ms_ssim.")
    boolean perFrame;

    @Override
    public Integer call() throws Exception {
        VideoFormat fmt;
        try (FfmpegFrameSource d = FfmpegFrameSource.open(distorted, null)) {
            fmt = d.inputFormat();
        }
        PrintWriter out = spec.commandLine().getOut();
        double psnr = 0, ms = 0;
        long n = 0;
        try (FfmpegFrameSource ref = FfmpegFrameSource.open(reference, fmt);
             FfmpegFrameSource dist = FfmpegFrameSource.open(distorted, fmt)) {
            if (perFrame) out.println("frame,psnr,ms_ssim");
            Frame a, b;
            while ((a = ref.next()) != null && (b = dist.next()) != null) {
                double p = Quality.psnr(a, b), m = Quality.msSsim(a, b);
                if (perFrame) out.printf(Locale.ROOT, "%d,%.4f,%.6f%n", n, p, m);
                psnr += p;
                ms += m;
                n++;
            }
        }
        if (n == 0) throw new java.io.IOException(reference + ", " + distorted + ": no frames to compare");
        out.printf(Locale.ROOT, "frames: %d%npsnr_db: %.4f%nms_ssim: %.6f%n", n, psnr / n, ms / n);
        return ExitCodes.OK;
    }
}
