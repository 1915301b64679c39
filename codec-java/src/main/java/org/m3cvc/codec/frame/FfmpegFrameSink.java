package org.m3cvc.codec.frame;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Encodes frames into any file FFmpeg can write, the muxer chosen from the destination's extension
 * ({@code av_guess_format}).
 *
 * <p>Encoder: {@link Encoder#DEFAULT} takes the muxer's default video encoder if the bundled FFmpeg has it, else
 * MPEG-4 Part 2 ({@code mpeg4}, quantiser 2) where the muxer accepts it. The bytedeco {@code ffmpeg} artifact is the
 * LGPL build without libx264, so {@code .mp4} gets {@code mpeg4}; {@code .mkv} gets the muxer's default if present.
 * Pixel format {@code yuv420p} (converted by swscale: BT.601, limited range) unless the encoder lacks it, then its
 * first supported format. {@link Encoder#FFV1_LOSSLESS} writes FFV1 in packed RGB ({@code bgr0}; 8-bit {@code gbrp} is not offered by this FFV1 encoder): pixels come back
 * exactly (use {@code .mkv}, {@code .avi} or {@code .nut}).
 *
 * <p>Timing: time base = 1/frame rate, frame {@code n} (in write order) has pts {@code n} and duration 1, so the last
 * frame keeps its duration in mp4 (without a duration the muxer drops it).
 *
 * <p>Writes to a temporary file in the destination's directory; {@link #finish()} flushes the encoder, writes the
 * trailer and renames; {@link #close()} frees every native object and, without {@code finish()}, deletes the
 * temporary. Not thread-safe. Natives unpack into {@code ~/.javacpp/cache} on first use.
 */
public final class FfmpegFrameSink implements FrameSink {
    /** Which video encoder to use. */
    public enum Encoder {
        /** The container's default video encoder if bundled, else mpeg4. */
        DEFAULT,
        /** FFV1 in {@code bgr0}: lossless RGB. */
        FFV1_LOSSLESS
    }

    private final Path out;
    private final VideoFormat format;
    private final TempOutput temp;
    private AVFormatContext oc;
    private AVCodecContext enc;
    private AVStream stream;
    private AVFrame rgbFrame;
    private AVFrame encFrame;
    private AVPacket pkt;
    private SwsContext sws;
    private boolean headerWritten;
    private String encoderName;
    private long pts;
    private boolean finished;
    private boolean closed;

    /** Same as {@code new FfmpegFrameSink(out, format, Encoder.DEFAULT)}. */
    public FfmpegFrameSink(Path out, VideoFormat format) throws IOException {
        this(out, format, Encoder.DEFAULT);
    }

    /**
     * @throws IOException naming {@code out}: no muxer for the extension, no usable encoder, directory not writable
     */
    public FfmpegFrameSink(Path out, VideoFormat format, Encoder encoder) throws IOException {
        FfmpegNative.init();
        this.out = out;
        this.format = format;
        AVOutputFormat ofmt = av_guess_format(null, out.getFileName().toString(), null);
        if (ofmt == null) throw new IOException(out + ": no FFmpeg muxer for this file name extension");
        this.temp = TempOutput.file(out);
        try {
            open(ofmt, encoder);
        } catch (IOException | RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private void open(AVOutputFormat ofmt, Encoder choice) throws IOException {
        AVFormatContext ctx = new AVFormatContext(null);
        int r = avformat_alloc_output_context2(ctx, ofmt, (String) null, temp.temp().toString());
        if (r < 0) throw new IOException(out + ": cannot create " + ofmt.name().getString() + " muxer: " + FfmpegNative.describe(r));
        oc = ctx;
        AVCodec codec;
        if (choice == Encoder.FFV1_LOSSLESS) {
            codec = avcodec_find_encoder(AV_CODEC_ID_FFV1);
            if (codec == null) throw new IOException(out + ": the bundled FFmpeg has no FFV1 encoder");
            if (avformat_query_codec(ofmt, AV_CODEC_ID_FFV1, FF_COMPLIANCE_NORMAL) == 0) {
                throw new IOException(out + ": the " + ofmt.name().getString() + " muxer cannot hold FFV1 (use .mkv, .avi or .nut)");
            }
        } else {
            int id = ofmt.video_codec();
            if (id == AV_CODEC_ID_NONE) throw new IOException(out + ": the " + ofmt.name().getString() + " muxer has no video");
            codec = avcodec_find_encoder(id);
            if (codec == null && avformat_query_codec(ofmt, AV_CODEC_ID_MPEG4, FF_COMPLIANCE_NORMAL) == 1) {
                codec = avcodec_find_encoder(AV_CODEC_ID_MPEG4);
            }
            if (codec == null) {
                throw new IOException(out + ": the bundled FFmpeg has no encoder for " + avcodec_get_name(id).getString()
                        + ", the " + ofmt.name().getString() + " muxer's video codec");
            }
        }
        stream = avformat_new_stream(oc, null);
        if (stream == null) throw new IOException(out + ": cannot add a stream");
        encoderName = codec.name().getString();
        enc = avcodec_alloc_context3(codec);
        if (enc == null) throw new IOException(out + ": cannot allocate encoder");
        enc.width(format.width());
        enc.height(format.height());
        AVRational tb = av_make_q(Math.toIntExact(format.frameRateDen()), Math.toIntExact(format.frameRateNum()));
        enc.time_base(tb);
        enc.framerate(av_make_q(Math.toIntExact(format.frameRateNum()), Math.toIntExact(format.frameRateDen())));
        enc.pix_fmt(choice == Encoder.FFV1_LOSSLESS ? AV_PIX_FMT_BGR0 : pickPixelFormat(codec));
        if (codec.id() == AV_CODEC_ID_MPEG4) {
            enc.flags(enc.flags() | AV_CODEC_FLAG_QSCALE);
            enc.global_quality(2 * FF_QP2LAMBDA);
        }
        if ((ofmt.flags() & AVFMT_GLOBALHEADER) != 0) enc.flags(enc.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        r = avcodec_open2(enc, codec, (PointerPointer<?>) null);
        if (r < 0) throw new IOException(out + ": cannot open " + codec.name().getString() + " encoder: " + FfmpegNative.describe(r));
        r = avcodec_parameters_from_context(stream.codecpar(), enc);
        if (r < 0) throw new IOException(out + ": cannot set stream parameters: " + FfmpegNative.describe(r));
        stream.time_base(enc.time_base());
        if ((ofmt.flags() & AVFMT_NOFILE) == 0) {
            AVIOContext pb = new AVIOContext(null);
            r = avio_open(pb, temp.temp().toString(), AVIO_FLAG_WRITE);
            if (r < 0) throw new IOException(out + ": cannot open for writing: " + FfmpegNative.describe(r));
            oc.pb(pb);
        }
        r = avformat_write_header(oc, (PointerPointer<?>) null);
        if (r < 0) throw new IOException(out + ": cannot write header: " + FfmpegNative.describe(r));
        headerWritten = true;
        pkt = av_packet_alloc();
        rgbFrame = allocFrame(AV_PIX_FMT_RGB24);
        encFrame = allocFrame(enc.pix_fmt());
        sws = sws_getContext(format.width(), format.height(), AV_PIX_FMT_RGB24, format.width(), format.height(), enc.pix_fmt(),
                SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INP, null, null, (DoublePointer) null);
        if (pkt == null || sws == null) throw new IOException(out + ": cannot set up conversion to " + av_get_pix_fmt_name(enc.pix_fmt()).getString());
    }

    private static final int FF_QP2LAMBDA = 118;

    /** yuv420p if the encoder takes it (or declares no list), else the first format it lists. */
    private static int pickPixelFormat(AVCodec codec) {
        try (PointerPointer<?> list = new PointerPointer<>(1); IntPointer count = new IntPointer(1)) {
            int r = avcodec_get_supported_config(null, codec, AV_CODEC_CONFIG_PIX_FORMAT, 0, list, count);
            int n = count.get();
            if (r < 0 || list.get(0) == null || n <= 0) return AV_PIX_FMT_YUV420P;
            IntPointer fmts = new IntPointer(list.get(0)).capacity(n);
            for (int i = 0; i < n; i++) if (fmts.get(i) == AV_PIX_FMT_YUV420P) return AV_PIX_FMT_YUV420P;
            return fmts.get(0);
        }
    }

    private AVFrame allocFrame(int pixFmt) throws IOException {
        AVFrame f = av_frame_alloc();
        if (f == null) throw new IOException(out + ": out of memory");
        f.format(pixFmt);
        f.width(format.width());
        f.height(format.height());
        int r = av_frame_get_buffer(f, 0);
        if (r < 0) {
            av_frame_free(f);
            throw new IOException(out + ": cannot allocate picture: " + FfmpegNative.describe(r));
        }
        return f;
    }

    /** The FFmpeg name of the chosen encoder, e.g. {@code mpeg4} or {@code ffv1}. */
    public String encoderName() { return encoderName; }

    @Override
    public void write(Frame frame) throws IOException {
        checkOpen();
        if (frame.width() != format.width() || frame.height() != format.height()) {
            throw new IllegalArgumentException(out + ": frame " + frame.width() + "x" + frame.height() + ", sink is " + format.width() + "x" + format.height());
        }
        int stride = rgbFrame.linesize(0), rowBytes = format.width() * 3;
        BytePointer base = rgbFrame.data(0);
        base.capacity((long) stride * format.height());
        ByteBuffer buf = base.asByteBuffer();
        for (int y = 0; y < format.height(); y++) {
            buf.position(y * stride);
            buf.put(frame.rgb(), y * rowBytes, rowBytes);
        }
        int r = av_frame_make_writable(encFrame);
        if (r < 0) throw new IOException(out + ": " + FfmpegNative.describe(r));
        r = sws_scale(sws, rgbFrame.data(), rgbFrame.linesize(), 0, format.height(), encFrame.data(), encFrame.linesize());
        if (r < 0) throw new IOException(out + ": pixel conversion failed: " + FfmpegNative.describe(r));
        encFrame.pts(pts++);
        encFrame.duration(1);
        if (enc.codec_id() == AV_CODEC_ID_MPEG4) encFrame.quality(enc.global_quality());
        encode(encFrame);
    }

    private void encode(AVFrame f) throws IOException {
        int r = avcodec_send_frame(enc, f);
        if (r < 0) throw new IOException(out + ": encoding failed: " + FfmpegNative.describe(r));
        while (true) {
            r = avcodec_receive_packet(enc, pkt);
            if (r == FfmpegNative.AVERROR_EAGAIN || r == AVERROR_EOF) return;
            if (r < 0) throw new IOException(out + ": encoding failed: " + FfmpegNative.describe(r));
            if (pkt.duration() <= 0) pkt.duration(1);
            av_packet_rescale_ts(pkt, enc.time_base(), stream.time_base());
            pkt.stream_index(stream.index());
            r = av_interleaved_write_frame(oc, pkt); // takes the packet's reference
            if (r < 0) throw new IOException(out + ": writing failed: " + FfmpegNative.describe(r));
        }
    }

    @Override
    public void finish() throws IOException {
        checkOpen();
        try {
            encode(null);
            int r = av_write_trailer(oc);
            if (r < 0) throw new IOException(out + ": cannot write trailer: " + FfmpegNative.describe(r));
            headerWritten = false;
            if (oc.pb() != null) {
                AVIOContext pb = oc.pb();
                oc.pb(null);
                r = avio_closep(pb);
                if (r < 0) throw new IOException(out + ": cannot close: " + FfmpegNative.describe(r));
            }
            temp.commit();
            finished = true;
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (sws != null) { sws_freeContext(sws); sws = null; }
        if (rgbFrame != null) { av_frame_free(rgbFrame); rgbFrame = null; }
        if (encFrame != null) { av_frame_free(encFrame); encFrame = null; }
        if (pkt != null) { av_packet_free(pkt); pkt = null; }
        if (enc != null) { avcodec_free_context(enc); enc = null; }
        if (oc != null) {
            if (oc.pb() != null) {
                AVIOContext pb = oc.pb();
                oc.pb(null);
                avio_closep(pb);
            }
            avformat_free_context(oc);
            oc = null;
        }
        if (!finished) temp.discard();
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException(out + ": sink is closed");
    }
}
