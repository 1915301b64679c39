package org.m3cvc.codec.frame;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;

/**
 * Shared helpers for the bytedeco FFmpeg classes of this package.
 *
 * <p>The bytedeco natives (libavcodec, libavformat, libswscale, ...) are unpacked from the {@code ffmpeg-*-linux-x86_64}
 * jar into {@code ~/.javacpp/cache} on first use (set {@code org.bytedeco.javacpp.cachedir} to move it). The
 * {@code ORT_DISABLE_TELEMETRY} and {@code DJL_OFFLINE} variables that the model code needs are irrelevant here.
 */
final class FfmpegNative {
    /** {@code AVERROR(EAGAIN)} on Linux; bytedeco 1.5.14 exports no constant for it. */
    static final int AVERROR_EAGAIN = -11;

    static {
        // FFmpeg logs to stderr by default; errors reach the caller as IOExceptions, keep only real errors in the log.
        av_log_set_level(AV_LOG_ERROR);
    }

    private FfmpegNative() {}

    /** Forces the static initialiser (log level) before any other FFmpeg call. */
    static void init() {}

    /** The FFmpeg message for a negative return code, e.g. "Invalid data found when processing input (-1094995529)". */
    static String describe(int code) {
        byte[] buf = new byte[256];
        if (av_strerror(code, buf, buf.length) < 0) return "error " + code;
        int n = 0;
        while (n < buf.length && buf[n] != 0) n++;
        return new String(buf, 0, n, StandardCharsets.UTF_8) + " (" + code + ")";
    }
}
