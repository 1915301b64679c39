package org.m3cvc.codec.frame;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Reads the best video stream of any file FFmpeg can demux and decode (bytedeco FFmpeg 8.1), as RGB24 frames.
 *
 * <h2>Size</h2>
 * With a target {@link VideoFormat}, each picture is scaled (swscale, bicubic) by the smallest factor that makes it
 * cover the target, keeping the aspect ratio (square pixels assumed), then the centre is cropped: scaled size
 * {@code sw = W, sh = ceil(h*W/w)} when {@code W*h >= H*w}, else {@code sh = H, sw = ceil(w*H/h)}; the crop origin is
 * {@code ((sw-W)/2, (sh-H)/2)} (integer division). YUV input is converted with the matrix the stream declares
 * (BT.709 when tagged so, else BT.601) and its declared range (full for {@code yuvj*} or JPEG range, else limited).
 *
 * <h2>Rate</h2>
 * Input frame times are {@code (best_effort_timestamp - first) * time_base} seconds, the first frame at 0; a frame
 * without timestamp gets the previous time plus one period of the stream's frame rate ({@code av_guess_frame_rate},
 * i.e. frame counting at the average rate when the file has no timestamps at all); times never decrease. The input
 * ends at {@code end = t_last + duration_last} (the last frame's duration, or one period when unknown). Output frame
 * {@code k} (index {@code k}) exists for every {@code k} with {@code T_k = k*den/num < end} and shows the latest input
 * frame with {@code t <= T_k}; input frames are dropped or repeated as needed. Example: 40 frames at 25 fps
 * ({@code end} = 1.6 s) give 13 frames at 8 fps ({@code T_12} = 1.5 s, {@code T_13} = 1.625 s), showing inputs
 * {@code floor(k*25/8)}. Comparisons are exact (rational arithmetic).
 *
 * <p>With a null target ({@link #open(Path, VideoFormat)}), every decoded frame is returned at the input's own size,
 * numbered 0, 1, 2, ...; {@link #format()} then reports the coded size and the guessed frame rate (25/1 if none).
 *
 * <h2>Resources</h2>
 * Holds at most two decoded pictures (current and look-ahead) besides the decoder's own queue: long inputs stream.
 * Owns the demuxer, decoder, scaler, packet and frames; {@link #close()} frees all of them and is idempotent; any
 * call but {@code close()} after it throws {@link IllegalStateException}. Not thread-safe. The natives unpack into
 * {@code ~/.javacpp/cache} on first use; the ONNX Runtime / DJL environment variables play no part here.
 */
public final class FfmpegFrameSource implements FrameSource {
    private static final int SCALE_FLAGS = SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT | SWS_FULL_CHR_H_INP;

    private final Path file;
    private final VideoFormat format;
    /** True when frames are returned as decoded (null target): no scaling, no rate conversion. */
    private final boolean passThrough;

    private AVFormatContext fmt;
    private AVCodecContext dec;
    private AVPacket pkt;
    private AVFrame cur;
    private AVFrame ahead;
    private AVFrame rgbFrame;
    private SwsContext sws;
    private final int streamIndex;
    private final long tbNum;
    private final long tbDen;
    private final long inRateNum;
    private final long inRateDen;

    private boolean closed;
    private boolean inputEof;
    private boolean decoderEof;

    private long firstPts = Long.MIN_VALUE;
    private boolean countFrames;
    /** Time of the last decoded frame, seconds = num/den; null before the first. */
    private BigInteger[] lastTime;

    private boolean started;
    private boolean curValid;
    private BigInteger[] curTime;
    private BigInteger[] curDuration;
    private byte[] curRgb;
    private boolean aheadValid;
    private BigInteger[] aheadTime;
    private BigInteger[] aheadDuration;
    private long outIndex;

    private int swsW = -1, swsH = -1, swsFmt = -1, swsRange = -1, swsSpace = -1, swsOutW, swsOutH;

    private FfmpegFrameSource(Path file, VideoFormat target) throws IOException {
        FfmpegNative.init();
        this.file = file;
        String name = file.toString();
        // A name with '%' may be an image2 pattern (frame_%05d.png) that exists only as its expansions.
        if (!name.contains("%") && !Files.exists(file)) throw new IOException(file + ": not found");
        if (!name.contains("%") && Files.isDirectory(file)) throw new IOException(file + ": is a directory, not a media file");
        try {
            AVFormatContext ctx = new AVFormatContext(null);
            int r = avformat_open_input(ctx, name, null, null);
            if (r < 0) throw new IOException(file + ": cannot open as media (not a format FFmpeg reads?): " + FfmpegNative.describe(r));
            fmt = ctx;
            r = avformat_find_stream_info(fmt, (PointerPointer<?>) null);
            if (r < 0) throw new IOException(file + ": cannot read stream info: " + FfmpegNative.describe(r));
            int best = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, (PointerPointer<?>) null, 0);
            if (best < 0) throw new IOException(file + ": no video stream (" + fmt.nb_streams() + " streams): " + FfmpegNative.describe(best));
            streamIndex = best;
            AVStream st = fmt.streams(best);
            int codecId = st.codecpar().codec_id();
            AVCodec codec = avcodec_find_decoder(codecId);
            if (codec == null) {
                throw new IOException(file + ": video codec not supported by the bundled FFmpeg: " + avcodec_get_name(codecId).getString());
            }
            dec = avcodec_alloc_context3(codec);
            if (dec == null) throw new IOException(file + ": cannot allocate decoder");
            r = avcodec_parameters_to_context(dec, st.codecpar());
            if (r < 0) throw new IOException(file + ": bad codec parameters: " + FfmpegNative.describe(r));
            dec.pkt_timebase(st.time_base());
            r = avcodec_open2(dec, codec, (PointerPointer<?>) null);
            if (r < 0) throw new IOException(file + ": cannot open " + codec.name().getString() + " decoder: " + FfmpegNative.describe(r));
            if (dec.width() < 1 || dec.height() < 1) throw new IOException(file + ": video stream has no size");
            tbNum = st.time_base().num();
            tbDen = st.time_base().den();
            AVRational guess = av_guess_frame_rate(fmt, st, null);
            if (guess.num() > 0 && guess.den() > 0) {
                inRateNum = guess.num();
                inRateDen = guess.den();
            } else {
                inRateNum = 25;
                inRateDen = 1;
            }
            countFrames = tbNum <= 0 || tbDen <= 0;
            pkt = av_packet_alloc();
            cur = av_frame_alloc();
            ahead = av_frame_alloc();
            rgbFrame = av_frame_alloc();
            if (pkt == null || cur == null || ahead == null || rgbFrame == null) throw new IOException(file + ": out of memory");
            passThrough = target == null;
            format = passThrough ? new VideoFormat(dec.width(), dec.height(), inRateNum, inRateDen) : target;
        } catch (IOException | RuntimeException | Error e) {
            freeAll();
            throw e;
        }
    }

    /**
     * Opens {@code file} (or an FFmpeg image-sequence pattern such as {@code dir/%06d.png}).
     *
     * @param target size and rate of the frames to return, or null for every decoded frame at the input's size
     * @throws IOException naming the file: not found, not a readable media file, no video stream, codec not supported
     */
    public static FfmpegFrameSource open(Path file, VideoFormat target) throws IOException {
        return new FfmpegFrameSource(file, target);
    }

    @Override
    public VideoFormat format() {
        checkOpen();
        return format;
    }

    /** The input stream's frame rate (as guessed by FFmpeg; 25/1 when it gives none) and coded size. */
    public VideoFormat inputFormat() {
        checkOpen();
        return new VideoFormat(dec.width(), dec.height(), inRateNum, inRateDen);
    }

    @Override
    public Frame next() throws IOException {
        checkOpen();
        if (passThrough) {
            if (!decode(cur)) return null;
            return new Frame(format.width(), format.height(), outIndex++, convert(cur));
        }
        if (!started) {
            started = true;
            curValid = decode(cur);
            if (curValid) {
                curTime = lastTime;
                curDuration = durationOf(cur);
                aheadValid = decode(ahead);
                if (aheadValid) { aheadTime = lastTime; aheadDuration = durationOf(ahead); }
            }
        }
        if (!curValid) return null;
        // T_k = k * den / num seconds
        BigInteger[] t = {BigInteger.valueOf(outIndex).multiply(BigInteger.valueOf(format.frameRateDen())),
                BigInteger.valueOf(format.frameRateNum())};
        while (aheadValid && compare(aheadTime, t) <= 0) {
            AVFrame swap = cur; cur = ahead; ahead = swap;
            curTime = aheadTime;
            curDuration = aheadDuration;
            curRgb = null;
            av_frame_unref(ahead);
            aheadValid = decode(ahead);
            if (aheadValid) { aheadTime = lastTime; aheadDuration = durationOf(ahead); }
        }
        if (!aheadValid) {
            BigInteger[] end = add(curTime, curDuration);
            if (compare(t, end) >= 0) return null;
        }
        if (curRgb == null) curRgb = convert(cur);
        return new Frame(format.width(), format.height(), outIndex++, curRgb.clone());
    }

    /** Decodes the next picture of the chosen stream into {@code into}, setting {@link #lastTime}; false at the end. */
    private boolean decode(AVFrame into) throws IOException {
        av_frame_unref(into);
        while (true) {
            if (!decoderEof) {
                int r = avcodec_receive_frame(dec, into);
                if (r >= 0) {
                    stamp(into);
                    return true;
                }
                if (r == AVERROR_EOF) {
                    decoderEof = true;
                    return false;
                }
                if (r != FfmpegNative.AVERROR_EAGAIN) throw new IOException(file + ": decoding failed: " + FfmpegNative.describe(r));
            } else {
                return false;
            }
            if (inputEof) throw new IOException(file + ": decoder wants input after end of stream");
            int r = av_read_frame(fmt, pkt);
            if (r == AVERROR_EOF) {
                inputEof = true;
                r = avcodec_send_packet(dec, (AVPacket) null);
                if (r < 0 && r != AVERROR_EOF) throw new IOException(file + ": flushing decoder failed: " + FfmpegNative.describe(r));
                continue;
            }
            if (r < 0) throw new IOException(file + ": reading failed: " + FfmpegNative.describe(r));
            try {
                if (pkt.stream_index() != streamIndex) continue;
                r = avcodec_send_packet(dec, pkt);
                // A damaged packet is skipped, as the ffmpeg tool does; the stream goes on.
                if (r < 0 && r != AVERROR_INVALIDDATA && r != FfmpegNative.AVERROR_EAGAIN) {
                    throw new IOException(file + ": decoding failed: " + FfmpegNative.describe(r));
                }
            } finally {
                av_packet_unref(pkt);
            }
        }
    }

    /** Sets lastTime for a freshly decoded frame (seconds as num/den). */
    private void stamp(AVFrame f) {
        long pts = f.best_effort_timestamp();
        BigInteger[] t;
        if (lastTime == null) {
            if (pts == AV_NOPTS_VALUE) countFrames = true;
            firstPts = pts;
            t = new BigInteger[] {BigInteger.ZERO, BigInteger.ONE};
        } else if (countFrames || pts == AV_NOPTS_VALUE) {
            t = add(lastTime, period());
        } else {
            t = new BigInteger[] {BigInteger.valueOf(pts - firstPts).multiply(BigInteger.valueOf(tbNum)), BigInteger.valueOf(tbDen)};
            if (compare(t, lastTime) < 0) t = lastTime;
        }
        lastTime = t;
    }

    private BigInteger[] durationOf(AVFrame f) {
        if (!countFrames && f.duration() > 0) {
            return new BigInteger[] {BigInteger.valueOf(f.duration()).multiply(BigInteger.valueOf(tbNum)), BigInteger.valueOf(tbDen)};
        }
        return period();
    }

    private BigInteger[] period() {
        return new BigInteger[] {BigInteger.valueOf(inRateDen), BigInteger.valueOf(inRateNum)};
    }

    private static BigInteger[] add(BigInteger[] a, BigInteger[] b) {
        return new BigInteger[] {a[0].multiply(b[1]).add(b[0].multiply(a[1])), a[1].multiply(b[1])};
    }

    private static int compare(BigInteger[] a, BigInteger[] b) {
        return a[0].multiply(b[1]).compareTo(b[0].multiply(a[1]));
    }

    /** Scales {@code f} to cover the output size, converts to RGB24, crops the centre. */
    private byte[] convert(AVFrame f) throws IOException {
        int w = f.width(), h = f.height(), pf = f.format();
        int outW = format.width(), outH = format.height();
        int range = f.color_range() == AVCOL_RANGE_JPEG || isJpegFormat(pf) ? 1 : 0;
        int space = f.colorspace() == AVCOL_SPC_BT709 ? SWS_CS_ITU709 : SWS_CS_DEFAULT;
        if (sws == null || w != swsW || h != swsH || pf != swsFmt || range != swsRange || space != swsSpace) {
            int sw, sh;
            if (passThrough) {
                sw = w; sh = h;
                if (w != outW || h != outH) throw new IOException(file + ": picture size changed mid-stream from " + outW + "x" + outH + " to " + w + "x" + h);
            } else if ((long) outW * h >= (long) outH * w) {
                sw = outW; sh = (int) Math.max(outH, ceilDiv((long) h * outW, w));
            } else {
                sh = outH; sw = (int) Math.max(outW, ceilDiv((long) w * outH, h));
            }
            if (sws != null) sws_freeContext(sws);
            sws = sws_getContext(w, h, pf, sw, sh, AV_PIX_FMT_RGB24, SCALE_FLAGS, null, null, (DoublePointer) null);
            if (sws == null) throw new IOException(file + ": cannot convert " + w + "x" + h + " " + pixName(pf) + " to RGB24 " + sw + "x" + sh);
            sws_setColorspaceDetails(sws, sws_getCoefficients(space), range, sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
            av_frame_unref(rgbFrame);
            rgbFrame.format(AV_PIX_FMT_RGB24);
            rgbFrame.width(sw);
            rgbFrame.height(sh);
            int r = av_frame_get_buffer(rgbFrame, 0);
            if (r < 0) throw new IOException(file + ": cannot allocate " + sw + "x" + sh + " RGB picture: " + FfmpegNative.describe(r));
            swsW = w; swsH = h; swsFmt = pf; swsRange = range; swsSpace = space; swsOutW = sw; swsOutH = sh;
        }
        int r = sws_scale(sws, f.data(), f.linesize(), 0, h, rgbFrame.data(), rgbFrame.linesize());
        if (r < 0) throw new IOException(file + ": scaling failed: " + FfmpegNative.describe(r));
        int stride = rgbFrame.linesize(0);
        BytePointer base = rgbFrame.data(0);
        base.capacity((long) stride * swsOutH);
        ByteBuffer buf = base.asByteBuffer();
        int x0 = (swsOutW - outW) / 2, y0 = (swsOutH - outH) / 2;
        byte[] rgb = new byte[outW * outH * 3];
        for (int y = 0; y < outH; y++) {
            buf.position((y0 + y) * stride + x0 * 3);
            buf.get(rgb, y * outW * 3, outW * 3);
        }
        return rgb;
    }

    private static long ceilDiv(long a, long b) { return (a + b - 1) / b; }

    private static boolean isJpegFormat(int pf) {
        return pf == AV_PIX_FMT_YUVJ420P || pf == AV_PIX_FMT_YUVJ422P || pf == AV_PIX_FMT_YUVJ444P || pf == AV_PIX_FMT_YUVJ440P;
    }

    private static String pixName(int pf) {
        BytePointer p = av_get_pix_fmt_name(pf);
        return p == null ? "pix_fmt " + pf : p.getString();
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException(file + ": source is closed");
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        freeAll();
    }

    private void freeAll() {
        if (sws != null) { sws_freeContext(sws); sws = null; }
        if (rgbFrame != null) { av_frame_free(rgbFrame); rgbFrame = null; }
        if (cur != null) { av_frame_free(cur); cur = null; }
        if (ahead != null) { av_frame_free(ahead); ahead = null; }
        if (pkt != null) { av_packet_free(pkt); pkt = null; }
        if (dec != null) { avcodec_free_context(dec); dec = null; }
        if (fmt != null) { avformat_close_input(fmt); fmt = null; }
    }
}
