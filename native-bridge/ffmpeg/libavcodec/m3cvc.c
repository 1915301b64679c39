/*
 * m3cvc decoder and encoder: a thin wrapper over the Java codec, reached through libm3cvcbridge.so (the JavaCPP
 * bridge, ABI in m3cvc_bridge.h). The bridge is loaded with dlopen on first use ($M3CVC_BRIDGE, else the option
 * "bridge", else "libm3cvcbridge.so" on the library path), so FFmpeg builds without a JDK, and probing, stream copy
 * and players that only demux never start a JVM.
 *
 * Decoder: one packet is one clip group (spec Annex C); a clip in interpolation mode needs the first keyframe of the
 * next packet, so frames of packet i come out after packet i + 1 (or the end) went in. Frames are RGB24 with their own
 * pts, duration and keyframe flag (the clip's first frame).
 * Encoder: the Java encoder chooses keyframes over the whole input, so every packet comes after the end of the input;
 * the final stream_header goes out as new extradata on the first packet.
 *
 * This file is part of FFmpeg.
 *
 * FFmpeg is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Lesser General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 *
 * FFmpeg is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the GNU
 * Lesser General Public License for more details.
 *
 * You should have received a copy of the GNU Lesser General Public
 * License along with FFmpeg; if not, write to the Free Software
 * Foundation, Inc., 51 Franklin Street, Fifth Floor, Boston, MA 02110-1301 USA
 */

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "config_components.h"

#include "libavutil/avstring.h"
#include "libavutil/bprint.h"
#include "libavutil/imgutils.h"
#include "libavutil/internal.h"
#include "libavutil/opt.h"
#include "libavutil/thread.h"

#include "avcodec.h"
#include "codec_internal.h"
#include "decode.h"
#include "encode.h"
#include "internal.h"
#include "m3cvc_bridge.h"

#define ERRCAP 2048

/** The bridge's functions, looked up once per process. */
typedef struct M3cvcBridge {
    m3cvc_encoder_open_fn           encoder_open;
    m3cvc_encoder_send_frame_fn     encoder_send_frame;
    m3cvc_encoder_finish_fn         encoder_finish;
    m3cvc_encoder_extradata_fn      encoder_extradata;
    m3cvc_encoder_receive_packet_fn encoder_receive_packet;
    m3cvc_decoder_open_fn           decoder_open;
    m3cvc_decoder_send_packet_fn    decoder_send_packet;
    m3cvc_decoder_receive_frame_fn  decoder_receive_frame;
    m3cvc_decoder_flush_fn          decoder_flush;
    m3cvc_close_fn                  close;
} M3cvcBridge;

static AVMutex bridge_mutex = AV_MUTEX_INITIALIZER;
static M3cvcBridge bridge;
static int bridge_loaded;

/* Loads the bridge (once per process); 0 or a negative AVERROR, with the reason logged. */
static int load_bridge(void *log, const char *option_path, const M3cvcBridge **out)
{
    int ret = 0;
    ff_mutex_lock(&bridge_mutex);
    if (!bridge_loaded) {
        const char *path = getenv("M3CVC_BRIDGE");
        void *h;
        m3cvc_abi_version_fn version;
        if (!path || !*path)
            path = option_path && *option_path ? option_path : "libm3cvcbridge.so";
        h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        if (!h) {
            av_log(log, AV_LOG_ERROR, "cannot load the m3cvc bridge %s: %s; build it with `mvn package` and set "
                   "M3CVC_BRIDGE to native-bridge/target/libm3cvcbridge.so\n", path, dlerror());
            ret = AVERROR_EXTERNAL;
            goto end;
        }
        version = (m3cvc_abi_version_fn)dlsym(h, "m3cvc_abi_version");
        if (!version || version() != M3CVC_BRIDGE_ABI_VERSION) {
            av_log(log, AV_LOG_ERROR, "the m3cvc bridge %s speaks ABI %d, this FFmpeg %d\n", path,
                   version ? version() : -1, M3CVC_BRIDGE_ABI_VERSION);
            dlclose(h);
            ret = AVERROR_EXTERNAL;
            goto end;
        }
#define LOOKUP(field, name) \
        if (!(bridge.field = dlsym(h, name))) { \
            av_log(log, AV_LOG_ERROR, "the m3cvc bridge %s lacks %s\n", path, name); \
            memset(&bridge, 0, sizeof(bridge)); \
            dlclose(h); \
            ret = AVERROR_EXTERNAL; \
            goto end; \
        }
        LOOKUP(encoder_open,           "m3cvc_encoder_open")
        LOOKUP(encoder_send_frame,     "m3cvc_encoder_send_frame")
        LOOKUP(encoder_finish,         "m3cvc_encoder_finish")
        LOOKUP(encoder_extradata,      "m3cvc_encoder_extradata")
        LOOKUP(encoder_receive_packet, "m3cvc_encoder_receive_packet")
        LOOKUP(decoder_open,           "m3cvc_decoder_open")
        LOOKUP(decoder_send_packet,    "m3cvc_decoder_send_packet")
        LOOKUP(decoder_receive_frame,  "m3cvc_decoder_receive_frame")
        LOOKUP(decoder_flush,          "m3cvc_decoder_flush")
        LOOKUP(close,                  "m3cvc_close")
#undef LOOKUP
        bridge_loaded = 1; /* never unloaded: a JVM cannot be restarted in a process */
    }
    *out = &bridge;
end:
    ff_mutex_unlock(&bridge_mutex);
    return ret;
}

/* The AVERROR for a bridge error code, after logging its message. */
static int bridge_error(void *log, int code, const char *what, const char *msg)
{
    av_log(log, AV_LOG_ERROR, "%s: %s\n", what, *msg ? msg : "failed");
    switch (code) {
    case M3CVC_ERR_INVALID_ARGUMENT: return AVERROR(EINVAL);
    case M3CVC_ERR_INVALID_DATA:     return AVERROR_INVALIDDATA;
    case M3CVC_ERR_PACK:             return AVERROR(ENOENT);
    case M3CVC_ERR_IO:               return AVERROR(EIO);
    case M3CVC_ERR_AGAIN:            return AVERROR(EAGAIN);
    default:                         return AVERROR_EXTERNAL;
    }
}

/* Appends "--name\nvalue\n" to an option list (one argument per line, the bridge's format). */
static void add_arg(AVBPrint *bp, const char *name, const char *value)
{
    if (!value || !*value)
        return;
    av_bprintf(bp, "--%s\n%s\n", name, value);
}

/* Common options of both directions. */
static void add_pack_args(AVBPrint *bp, const char *pack, const char *device, int threads)
{
    char n[32];
    add_arg(bp, "pack", pack);
    add_arg(bp, "device", device);
    if (threads > 0) {
        snprintf(n, sizeof(n), "%d", threads);
        add_arg(bp, "threads", n);
    }
}

/* Whitespace-separated extra arguments, each on its own line. */
static void add_extra_args(AVBPrint *bp, const char *extra)
{
    const char *p = extra;
    while (p && *p) {
        size_t n;
        p += strspn(p, " \t\n");
        n = strcspn(p, " \t\n");
        if (n)
            av_bprintf(bp, "%.*s\n", (int)n, p);
        p += n;
    }
}

#define OFFSET(x) offsetof(M3cvcContext, x)
#define VD AV_OPT_FLAG_VIDEO_PARAM | AV_OPT_FLAG_DECODING_PARAM
#define VE AV_OPT_FLAG_VIDEO_PARAM | AV_OPT_FLAG_ENCODING_PARAM

typedef struct M3cvcContext {
    const AVClass *class;
    const M3cvcBridge *b;
    int64_t handle;
    /* options */
    char *bridge_path;
    char *pack;
    char *device;
    int ort_threads;
    int force_pack;
    double bpp;
    char *plane;
    char *threshold;
    char *fps;
    int prediction;
    char *sampler;
    int steps;
    char *guidance;
    int64_t seed;
    char *text_coder;
    char *texts;
    char *describe;
    char *extra;
    /* decoder state */
    AVPacket *pkt;
    int eof_sent;
    int64_t rate[2];
    /* encoder state */
    AVFrame *frame;
    int finished;
    int64_t frames_in;   ///< pictures sent: the pts of a picture without one
    int packets_out;
} M3cvcContext;

#if CONFIG_M3CVC_DECODER
static av_cold int m3cvc_decode_init(AVCodecContext *avctx)
{
    M3cvcContext *s = avctx->priv_data;
    avctx->pix_fmt = AV_PIX_FMT_RGB24;
    s->pkt = av_packet_alloc();
    if (!s->pkt)
        return AVERROR(ENOMEM);
    /* The bridge and its JVM start with the first packet, not here: probing opens decoders too. */
    return 0;
}

static int m3cvc_decode_open_bridge(AVCodecContext *avctx, const AVPacket *pkt)
{
    M3cvcContext *s = avctx->priv_data;
    const uint8_t *extradata = avctx->extradata;
    size_t size = avctx->extradata_size;
    char err[ERRCAP] = "";
    int64_t info[5] = { 0 };
    AVBPrint opts;
    int ret;

    if (!size)
        extradata = av_packet_get_side_data(pkt, AV_PKT_DATA_NEW_EXTRADATA, &size);
    if (!extradata || !size) {
        av_log(avctx, AV_LOG_ERROR, "m3cvc needs the stream_header chunk as extradata, found none\n");
        return AVERROR_INVALIDDATA;
    }
    if ((ret = load_bridge(avctx, s->bridge_path, &s->b)) < 0)
        return ret;
    av_bprint_init(&opts, 0, AV_BPRINT_SIZE_UNLIMITED);
    add_pack_args(&opts, s->pack, s->device, s->ort_threads);
    if (s->force_pack)
        av_bprintf(&opts, "--force-pack\n");
    add_extra_args(&opts, s->extra);
    if (!av_bprint_is_complete(&opts)) {
        av_bprint_finalize(&opts, NULL);
        return AVERROR(ENOMEM);
    }
    s->handle = s->b->decoder_open(opts.str, extradata, (int32_t)size, info, err, sizeof(err));
    av_bprint_finalize(&opts, NULL);
    if (s->handle <= 0) {
        int code = (int)s->handle;
        s->handle = 0;
        return bridge_error(avctx, code, "m3cvc decoder", err);
    }
    s->rate[0] = info[2];
    s->rate[1] = info[3];
    return ff_set_dimensions(avctx, (int)info[0], (int)info[1]);
}

static int m3cvc_receive_frame(AVCodecContext *avctx, AVFrame *frame)
{
    M3cvcContext *s = avctx->priv_data;
    char err[ERRCAP] = "";
    int ret;

    for (;;) {
        if (s->handle > 0) {
            int64_t info[2] = { 0 };
            int r;
            if ((ret = ff_get_buffer(avctx, frame, 0)) < 0)
                return ret;
            r = s->b->decoder_receive_frame(s->handle, frame->data[0], frame->linesize[0], info, err, sizeof(err));
            if (r == 1) {
                AVRational frame_tb = { (int)s->rate[1], (int)s->rate[0] };
                AVRational tb = avctx->pkt_timebase.num > 0 ? avctx->pkt_timebase : frame_tb;
                frame->pts          = av_rescale_q(info[0], frame_tb, tb);
                frame->pkt_dts      = AV_NOPTS_VALUE;
                frame->pkt_duration = av_rescale_q(info[0] + 1, frame_tb, tb) - frame->pts;
                frame->key_frame    = info[1] != 0;
                frame->pict_type    = info[1] ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_P;
                return 0;
            }
            av_frame_unref(frame);
            if (r < 0)
                return bridge_error(avctx, r, "m3cvc decoder", err);
        }
        if (s->eof_sent)
            return AVERROR_EOF;
        ret = ff_decode_get_packet(avctx, s->pkt);
        if (ret == AVERROR_EOF) {
            if (s->handle <= 0)
                return AVERROR_EOF;
            s->eof_sent = 1;
            ret = s->b->decoder_send_packet(s->handle, NULL, 0, -1, err, sizeof(err));
            if (ret < 0)
                return bridge_error(avctx, ret, "m3cvc decoder", err);
            continue;
        }
        if (ret < 0)
            return ret;
        if (s->handle <= 0 && (ret = m3cvc_decode_open_bridge(avctx, s->pkt)) < 0) {
            av_packet_unref(s->pkt);
            return ret;
        }
        ret = s->b->decoder_send_packet(s->handle, s->pkt->data, s->pkt->size, s->pkt->pos, err, sizeof(err));
        av_packet_unref(s->pkt);
        if (ret < 0)
            return bridge_error(avctx, ret, "m3cvc decoder", err);
    }
}

static void m3cvc_decode_flush(AVCodecContext *avctx)
{
    M3cvcContext *s = avctx->priv_data;
    if (s->handle > 0)
        s->b->decoder_flush(s->handle);
    s->eof_sent = 0;
    av_packet_unref(s->pkt);
}

static av_cold int m3cvc_decode_close(AVCodecContext *avctx)
{
    M3cvcContext *s = avctx->priv_data;
    if (s->handle > 0)
        s->b->close(s->handle);
    s->handle = 0;
    av_packet_free(&s->pkt);
    return 0;
}

static const AVOption decoder_options[] = {
    { "bridge", "path of libm3cvcbridge.so (the M3CVC_BRIDGE environment variable wins)", OFFSET(bridge_path), AV_OPT_TYPE_STRING, { .str = NULL }, 0, 0, VD },
    { "pack", "model pack directory (default: $M3CVC_PACK, else models/reference of the installation)", OFFSET(pack), AV_OPT_TYPE_STRING, { .str = NULL }, 0, 0, VD },
    { "device", "where networks run: auto, cpu or cuda", OFFSET(device), AV_OPT_TYPE_STRING, { .str = NULL }, 0, 0, VD },
    { "ort_threads", "ONNX Runtime intra-op threads per network (0: the codec's default, 2)", OFFSET(ort_threads), AV_OPT_TYPE_INT, { .i64 = 0 }, 0, 256, VD },
    { "force_pack", "decode with a pack other than the stream's (output is not conforming)", OFFSET(force_pack), AV_OPT_TYPE_BOOL, { .i64 = 0 }, 0, 1, VD },
    { "m3cvc_args", "further `m3cvc decode` arguments, whitespace-separated", OFFSET(extra), AV_OPT_TYPE_STRING, { .str = NULL }, 0, 0, VD },
    { NULL }
};

static const AVClass m3cvc_decoder_class = {
    .class_name = "m3cvc decoder",
    .item_name  = av_default_item_name,
    .option     = decoder_options,
    .version    = LIBAVUTIL_VERSION_INT,
};

const FFCodec ff_m3cvc_decoder = {
    .p.name         = "m3cvc",
    .p.long_name    = NULL_IF_CONFIG_SMALL("m3cvc (M3-CVC generative video, Java codec through libm3cvcbridge)"),
    .p.type         = AVMEDIA_TYPE_VIDEO,
    .p.id           = AV_CODEC_ID_M3CVC,
    .p.capabilities = AV_CODEC_CAP_DELAY,
    .p.priv_class   = &m3cvc_decoder_class,
    .p.wrapper_name = "m3cvc",
    .priv_data_size = sizeof(M3cvcContext),
    .init           = m3cvc_decode_init,
    FF_CODEC_RECEIVE_FRAME_CB(m3cvc_receive_frame),
    .flush          = m3cvc_decode_flush,
    .close          = m3cvc_decode_close,
    .caps_internal  = FF_CODEC_CAP_INIT_CLEANUP | FF_CODEC_CAP_SETS_FRAME_PROPS,
};
#endif

#if CONFIG_M3CVC_ENCODER
static av_cold int m3cvc_encode_init(AVCodecContext *avctx)
{
    M3cvcContext *s = avctx->priv_data;
    char err[ERRCAP] = "";
    char n[64];
    int64_t info[2] = { 0 };
    AVBPrint opts;
    int ret;

    s->frame = av_frame_alloc();
    if (!s->frame)
        return AVERROR(ENOMEM);
    if ((ret = load_bridge(avctx, s->bridge_path, &s->b)) < 0)
        return ret;
    av_bprint_init(&opts, 0, AV_BPRINT_SIZE_UNLIMITED);
    add_pack_args(&opts, s->pack, s->device, s->ort_threads);
    if (s->bpp > 0) {
        snprintf(n, sizeof(n), "%.17g", s->bpp);
        add_arg(&opts, "bpp", n);
    }
    add_arg(&opts, "plane", s->plane);
    add_arg(&opts, "threshold", s->threshold);
    add_arg(&opts, "fps", s->fps);
    if (s->prediction)
        av_bprintf(&opts, "--prediction\n");
    add_arg(&opts, "sampler", s->sampler);
    if (s->steps > 0) {
        snprintf(n, sizeof(n), "%d", s->steps);
        add_arg(&opts, "steps", n);
    }
    add_arg(&opts, "guidance", s->guidance);
    snprintf(n, sizeof(n), "%"PRId64, s->seed);
    add_arg(&opts, "seed", n);
    add_arg(&opts, "text-coder", s->text_coder);
    add_arg(&opts, "texts", s->texts);
    add_arg(&opts, "describe", s->describe);
    add_extra_args(&opts, s->extra);
    if (!av_bprint_is_complete(&opts)) {
        av_bprint_finalize(&opts, NULL);
        return AVERROR(ENOMEM);
    }
    s->handle = s->b->encoder_open(opts.str, info, err, sizeof(err));
    av_bprint_finalize(&opts, NULL);
    if (s->handle <= 0) {
        int code = (int)s->handle;
        s->handle = 0;
        return bridge_error(avctx, code, "m3cvc encoder", err);
    }
    s->rate[0] = info[0];
    s->rate[1] = info[1];
    return 0;
}

static int m3cvc_send_frame(AVCodecContext *avctx, const AVFrame *f)
{
    M3cvcContext *s = avctx->priv_data;
    char err[ERRCAP] = "";
    AVRational rate = avctx->framerate.num > 0 ? avctx->framerate : av_inv_q(avctx->time_base);
    int64_t timing[M3CVC_TIMING_COUNT] = {
        f->pts != AV_NOPTS_VALUE ? f->pts : s->frames_in,
        /* pkt_duration is in the input stream's time base, not avctx's (FFmpeg 5.1): one period of the rate instead */
        0,
        avctx->time_base.num, avctx->time_base.den,
        rate.num, rate.den, 0
    };
    int ret = s->b->encoder_send_frame(s->handle, f->data[0], f->width, f->height, f->linesize[0], timing, err,
                                       sizeof(err));
    s->frames_in++;
    return ret < 0 ? bridge_error(avctx, ret, "m3cvc encoder", err) : 0;
}

static int m3cvc_receive_packet(AVCodecContext *avctx, AVPacket *pkt)
{
    M3cvcContext *s = avctx->priv_data;
    char err[ERRCAP] = "";
    int64_t info[2] = { 0 };
    AVRational frame_tb = { (int)s->rate[1], (int)s->rate[0] };
    int ret, size;

    while (!s->finished) {
        ret = ff_encode_get_frame(avctx, s->frame);
        if (ret == AVERROR_EOF) {
            /* The whole input is in: the Java encoder selects keyframes and writes the stream now. */
            s->finished = 1;
            ret = s->b->encoder_finish(s->handle, err, sizeof(err));
            if (ret < 0)
                return bridge_error(avctx, ret, "m3cvc encoder", err);
            break;
        }
        if (ret < 0)
            return ret;
        ret = m3cvc_send_frame(avctx, s->frame);
        av_frame_unref(s->frame);
        if (ret < 0)
            return ret;
    }
    size = s->b->encoder_receive_packet(s->handle, NULL, 0, info, err, sizeof(err));
    if (size < 0)
        return bridge_error(avctx, size, "m3cvc encoder", err);
    if (size == 0)
        return AVERROR_EOF;
    if ((ret = ff_get_encode_buffer(avctx, pkt, size, 0)) < 0)
        return ret;
    ret = s->b->encoder_receive_packet(s->handle, pkt->data, size, info, err, sizeof(err));
    if (ret != size)
        return ret < 0 ? bridge_error(avctx, ret, "m3cvc encoder", err) : AVERROR_BUG;
    pkt->pts      = av_rescale_q(info[0], frame_tb, avctx->time_base);
    pkt->dts      = pkt->pts;
    pkt->duration = av_rescale_q(info[0] + info[1], frame_tb, avctx->time_base) - pkt->pts;
    pkt->flags   |= AV_PKT_FLAG_KEY;
    if (s->packets_out++ == 0) {
        /* The counts of the stream_header are known only now (Annex C): the muxer takes it from here. */
        int n = s->b->encoder_extradata(s->handle, NULL, 0, err, sizeof(err));
        uint8_t *side;
        if (n <= 0)
            return bridge_error(avctx, n ? n : M3CVC_ERR_INTERNAL, "m3cvc encoder", err);
        side = av_packet_new_side_data(pkt, AV_PKT_DATA_NEW_EXTRADATA, n);
        if (!side)
            return AVERROR(ENOMEM);
        if (s->b->encoder_extradata(s->handle, side, n, err, sizeof(err)) != n)
            return bridge_error(avctx, M3CVC_ERR_INTERNAL, "m3cvc encoder", err);
    }
    return 0;
}

static av_cold int m3cvc_encode_close(AVCodecContext *avctx)
{
    M3cvcContext *s = avctx->priv_data;
    if (s->handle > 0)
        s->b->close(s->handle);
    s->handle = 0;
    av_frame_free(&s->frame);
    return 0;
}

static const AVOption encoder_options[] = {
    { "bridge", "path of libm3cvcbridge.so (the M3CVC_BRIDGE environment variable wins)", OFFSET(bridge_path), AV_OPT_TYPE_STRING, { .str = NULL }, 0, 0, VE },
    { "pack", "model pack directory (default: $M3CVC_PACK, else models/reference of the installation)", OFFSET(pack), AV_OPT_TYPE_STRING, { .str = NULL }, 0, 0, VE },
    { "device", "where networks run: auto, cpu or cuda", OFFSET(device), AV_OPT_TYPE_STRING, { .str = NULL }, 0, 0, VE },
    { "ort_threads", "ONNX Runtime intra-op threads per network (0: the codec's default, 2)", OFFSET(ort_threads), AV_OPT_TYPE_INT, { .i64 = 0 }, 0, 256, VE },
    { "bpp", "target bits per pixel (0: no target)", OFFSET(bpp), AV_OPT_TYPE_DOUBLE, { .dbl = 0 }, 0, 24, VE },
    { "plane", "index-plane size WxH, one the pack supports (default: chosen by rate control with -bpp, else its first)", OFFSET(plane), AV_OPT_TYPE_STRING, { .str = NULL }, 0, 0, VE },
    { "threshold", "keyframe threshold D_th (default: the pack's)", OFFSET(threshold), AV_OPT_TYPE_STRING, { .str = NULL }, 0, 0, VE },
    { "m3c_fps", "coded frame rate N or N/D; input frames are dropped or repeated to it", OFFSET(fps), AV_OPT_TYPE_STRING, { .str = "8" }, 0, 0, VE },
    { "prediction", "predict every clip from its keyframe (default: interpolate between keyframes)", OFFSET(prediction), AV_OPT_TYPE_BOOL, { .i64 = 0 }, 0, 1, VE },
    { "sampler", "diffusion sampler the decoder uses: ddpm or ddim", OFFSET(sampler), AV_OPT_TYPE_STRING, { .str = NULL }, 0, 0, VE },
    { "steps", "sampler steps (0: the pack's default, else 8)", OFFSET(steps), AV_OPT_TYPE_INT, { .i64 = 0 }, 0, 1000, VE },
    { "guidance", "classifier-free guidance scale", OFFSET(guidance), AV_OPT_TYPE_STRING, { .str = NULL }, 0, 0, VE },
    { "seed", "noise seed written to the stream", OFFSET(seed), AV_OPT_TYPE_INT64, { .i64 = 0 }, INT64_MIN, INT64_MAX, VE },
    { "text_coder", "coder of the descriptions: lzw, order2 or raw", OFFSET(text_coder), AV_OPT_TYPE_STRING, { .str = NULL }, 0, 0, VE },
    { "texts", "JSON sidecar of keyframe and clip descriptions keyed by time", OFFSET(texts), AV_OPT_TYPE_STRING, { .str = NULL }, 0, 0, VE },
    { "describe", "where descriptions come from: none, sidecar, openai or attributes", OFFSET(describe), AV_OPT_TYPE_STRING, { .str = NULL }, 0, 0, VE },
    { "m3cvc_args", "further `m3cvc encode` arguments, whitespace-separated", OFFSET(extra), AV_OPT_TYPE_STRING, { .str = NULL }, 0, 0, VE },
    { NULL }
};

static const AVClass m3cvc_encoder_class = {
    .class_name = "m3cvc encoder",
    .item_name  = av_default_item_name,
    .option     = encoder_options,
    .version    = LIBAVUTIL_VERSION_INT,
};

const FFCodec ff_m3cvc_encoder = {
    .p.name         = "m3cvc",
    .p.long_name    = NULL_IF_CONFIG_SMALL("m3cvc (M3-CVC generative video, Java codec through libm3cvcbridge)"),
    .p.type         = AVMEDIA_TYPE_VIDEO,
    .p.id           = AV_CODEC_ID_M3CVC,
    .p.capabilities = AV_CODEC_CAP_DELAY,
    .p.priv_class   = &m3cvc_encoder_class,
    .p.wrapper_name = "m3cvc",
    .p.pix_fmts     = (const enum AVPixelFormat[]){ AV_PIX_FMT_RGB24, AV_PIX_FMT_NONE },
    .priv_data_size = sizeof(M3cvcContext),
    .init           = m3cvc_encode_init,
    FF_CODEC_RECEIVE_PACKET_CB(m3cvc_receive_packet),
    .close          = m3cvc_encode_close,
    .caps_internal  = FF_CODEC_CAP_INIT_CLEANUP,
};
#endif
