/*
 * m3c (m3cvc generative video) muxer
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

/**
 * @file
 * m3c muxer. Writes the file header and the stream_header (from the extradata, or from AV_PKT_DATA_NEW_EXTRADATA
 * side data of the first packet: an encoder that learns the counts from the whole video sends it there), the
 * packets as they are (each one clip group, see m3c.h), end_of_stream, and on a seekable output the seek_index,
 * inserted after the stream_header once the clip group sizes are known. Every chunk written goes through the
 * same checks as the demuxer's (spec 11.2: a writer refuses to write a non-conforming stream).
 */

#include "libavutil/intreadwrite.h"
#include "libavutil/mem.h"
#include "libavutil/opt.h"

#include "avformat.h"
#include "avio_internal.h"
#include "internal.h"
#include "mux.h"
#include "m3c.h"

typedef struct M3cMuxContext {
    const AVClass *class;
    int       seek_index;       ///< option: write a seek_index on seekable output
    int       started;
    M3cState  st;
    int64_t   index_pos;        ///< file offset just after the stream_header chunk
    uint32_t  lead_size;        ///< ancillary chunks before clip group 0 (seek_offset_delta[0])
    uint32_t *group_size;       ///< bytes of clip group i (seek_offset_delta[i + 1])
    uint32_t *group_frames;     ///< clip_frame_count of clip i (seek_frame_delta[i + 1])
    uint8_t  *header;           ///< the extradata: stream_header chunk, then the ancillary chunks before clip 0
    int       header_size;
    int       failed;           ///< a packet was refused: the trailer only says so
} M3cMuxContext;

static const uint8_t file_header[M3C_FILE_HEADER_SIZE] = {
    0x89, 0x4D, 0x33, 0x43, 0x0D, 0x0A, 0x1A, 0x0A, 0x01, 0x01, 0x00, 0x00, 0x42, 0x7C, 0xAD, 0xEB,
};

static int m3c_init(AVFormatContext *s)
{
    if (s->nb_streams != 1 || s->streams[0]->codecpar->codec_id != AV_CODEC_ID_M3CVC) {
        av_log(s, AV_LOG_ERROR, "m3c holds exactly one m3cvc video stream, found %d stream(s)%s\n", s->nb_streams,
               s->nb_streams == 1 ? " of another codec" : "");
        return AVERROR(EINVAL);
    }
    return 0;
}

static int m3c_write_header(AVFormatContext *s)
{
    // Deferred to the first packet: its side data may carry the final stream_header.
    return 0;
}

/*
 * Takes the stream_header chunk and the ancillary chunks after it from the extradata (or the first packet's
 * new-extradata side data) and checks them; nothing is written before the first packet has passed its checks too.
 */
static int parse_extradata(AVFormatContext *s, const AVPacket *pkt)
{
    M3cMuxContext *m = s->priv_data;
    AVCodecParameters *par = s->streams[0]->codecpar;
    size_t size = 0;
    const uint8_t *ed = av_packet_get_side_data(pkt, AV_PKT_DATA_NEW_EXTRADATA, &size);
    M3cChunk c;
    int ret, pos;

    if (!ed) {
        ed   = par->extradata;
        size = par->extradata_size;
    }
    if (!ed || !size) {
        av_log(s, AV_LOG_ERROR, "m3c needs the stream_header chunk as extradata, found none\n");
        return AVERROR(EINVAL);
    }
    if ((ret = ff_m3c_frame_chunk(s, ed, size, M3C_FILE_HEADER_SIZE, &c)) < 0)
        return ret;
    if (c.type != M3C_STREAM_HEADER)
        return ff_m3c_fail(s, M3C_FILE_HEADER_SIZE, "ST-1", "/chunk/chunk_type",
                           "expected extradata starting with the stream_header (0x01), found chunk type 0x%02X", c.type);
    if ((ret = ff_m3c_parse_stream_header(s, &c, &m->st.sh)) < 0)
        return ret;
    m->index_pos = M3C_FILE_HEADER_SIZE + c.total_size;
    for (pos = c.total_size; pos < size; pos += c.total_size) {
        if ((ret = ff_m3c_frame_chunk(s, ed + pos, size - pos, M3C_FILE_HEADER_SIZE + pos, &c)) < 0)
            return ret;
        if (!(c.type & M3C_ANCILLARY_BIT) || c.type == M3C_SEEK_INDEX)
            return ff_m3c_fail(s, M3C_FILE_HEADER_SIZE + pos, "ST-2", "/chunk/chunk_type",
                               "expected only ancillary chunks after the stream_header in the extradata, found 0x%02X",
                               c.type);
        m->lead_size += c.total_size;
    }
    ff_m3c_state_resume(&m->st, 0, 0);
    m->group_size   = av_calloc(m->st.sh.clip_count, sizeof(*m->group_size));
    m->group_frames = av_calloc(m->st.sh.clip_count, sizeof(*m->group_frames));
    m->header       = av_memdup(ed, size);
    if (!m->group_size || !m->group_frames || !m->header)
        return AVERROR(ENOMEM);
    m->header_size = size;
    return 0;
}

static int write_packet(AVFormatContext *s, AVPacket *pkt)
{
    M3cMuxContext *m = s->priv_data;
    int64_t base;
    uint32_t clip;
    M3cChunk c;
    int ret;

    if (!m->header && (ret = parse_extradata(s, pkt)) < 0)
        return ret;
    base = m->started ? avio_tell(s->pb) : m->index_pos + m->lead_size;
    clip = m->st.clips_read;
    for (int pos = 0; pos < pkt->size; pos += c.total_size) {
        if ((ret = ff_m3c_frame_chunk(s, pkt->data + pos, pkt->size - pos, base + pos, &c)) < 0)
            return ret;
        if (pos == 0 && c.type != M3C_CLIP_HEADER)
            return ff_m3c_fail(s, base, "ST-4", "/chunk/chunk_type",
                               "expected a packet starting with a clip_header, found chunk type 0x%02X", c.type);
        if (pos > 0 && (c.type == M3C_CLIP_HEADER || c.type == M3C_END_OF_STREAM))
            return ff_m3c_fail(s, base + pos, "ST-4", "/chunk/chunk_type",
                               "expected one clip group per packet, found chunk type 0x%02X inside", c.type);
        if ((ret = ff_m3c_state_chunk(s, &m->st, &c)) < 0) {
            if (pos == 0)
                av_log(s, AV_LOG_ERROR, "packet %"PRIu32" is not clip group %"PRIu32" of the stream_header's %"PRIu32
                       " clips; cutting or joining m3c streams by stream copy is not supported\n",
                       clip, clip, m->st.sh.clip_count);
            return ret;
        }
    }
    if (pkt->size == 0)
        return ff_m3c_fail(s, base, "ST-4", "/clip_header", "expected a clip group, found an empty packet");
    if (!m->started) {
        avio_write(s->pb, file_header, sizeof(file_header));
        avio_write(s->pb, m->header, m->header_size);
        m->started = 1;
    }
    m->group_size[clip]   = pkt->size;
    m->group_frames[clip] = m->st.group_frame_count;
    avio_write(s->pb, pkt->data, pkt->size);
    return 0;
}

static int m3c_write_packet(AVFormatContext *s, AVPacket *pkt)
{
    M3cMuxContext *m = s->priv_data;
    int ret = write_packet(s, pkt);
    if (ret < 0)
        m->failed = 1;
    return ret;
}

static int write_seek_index(AVFormatContext *s)
{
    M3cMuxContext *m = s->priv_data;
    uint32_t n = m->st.sh.clip_count, payload = ff_m3c_leb128_size(n);
    uint8_t *chunk, *p;
    int head, total, ret;

    for (uint32_t i = 0; i < n; i++)
        payload += ff_m3c_leb128_size(i ? m->group_size[i - 1] : m->lead_size) +
                   ff_m3c_leb128_size(i ? m->group_frames[i - 1] : 0);
    // at most 1 + 65536 * 10 bytes, below max_chunk_size (9.1)
    head  = 1 + ff_m3c_leb128_size(payload);
    total = head + payload + 4;
    if (!(chunk = av_malloc(total)))
        return AVERROR(ENOMEM);
    p    = chunk;
    *p++ = M3C_SEEK_INDEX;
    p   += ff_m3c_put_leb128(p, payload);
    p   += ff_m3c_put_leb128(p, n);
    for (uint32_t i = 0; i < n; i++) {
        p += ff_m3c_put_leb128(p, i ? m->group_size[i - 1] : m->lead_size);
        p += ff_m3c_put_leb128(p, i ? m->group_frames[i - 1] : 0);
    }
    AV_WB32(p, ff_m3c_crc32c(chunk, head + payload));
    if ((ret = ff_format_shift_data(s, m->index_pos, total)) >= 0) {
        int64_t end = avio_tell(s->pb);
        avio_seek(s->pb, m->index_pos, SEEK_SET);
        avio_write(s->pb, chunk, total);
        avio_seek(s->pb, end, SEEK_SET);
    }
    av_free(chunk);
    return ret;
}

static int m3c_write_trailer(AVFormatContext *s)
{
    M3cMuxContext *m = s->priv_data;
    M3cChunk eos = { .offset = avio_tell(s->pb), .type = M3C_END_OF_STREAM, .size = 0, .head_size = 2,
                     .total_size = 6 };
    int ret;

    if (m->failed)
        return AVERROR_INVALIDDATA;
    if (!m->started) {
        av_log(s, AV_LOG_ERROR, "no clip was written; an m3c stream has at least one\n");
        return AVERROR(EINVAL);
    }
    if ((ret = ff_m3c_state_end(s, &m->st, &eos)) < 0) {
        av_log(s, AV_LOG_ERROR, "the stream_header's counts do not match the packets written "
               "(cutting or joining m3c streams by copy is not supported)\n");
        return ret;
    }
    avio_write(s->pb, (const uint8_t *)M3C_END_OF_STREAM_CHUNK, 6);
    if (m->seek_index) {
        if (s->pb->seekable & AVIO_SEEKABLE_NORMAL) {
            if ((ret = write_seek_index(s)) < 0)
                return ret;
        } else {
            av_log(s, AV_LOG_WARNING, "output not seekable: writing no seek_index (it is optional)\n");
        }
    }
    return 0;
}

static void m3c_deinit(AVFormatContext *s)
{
    M3cMuxContext *m = s->priv_data;
    av_freep(&m->group_size);
    av_freep(&m->group_frames);
    av_freep(&m->header);
}

#define OFFSET(x) offsetof(M3cMuxContext, x)
static const AVOption options[] = {
    { "seek_index", "write a seek_index (spec 6.4) when the output is seekable",
      OFFSET(seek_index), AV_OPT_TYPE_BOOL, { .i64 = 1 }, 0, 1, AV_OPT_FLAG_ENCODING_PARAM },
    { NULL },
};

static const AVClass m3c_muxer_class = {
    .class_name = "m3c muxer",
    .item_name  = av_default_item_name,
    .option     = options,
    .version    = LIBAVUTIL_VERSION_INT,
};

const AVOutputFormat ff_m3c_muxer = {
    .name           = "m3c",
    .long_name      = NULL_IF_CONFIG_SMALL("m3c (m3cvc generative video)"),
    .extensions     = "m3c",
    .priv_data_size = sizeof(M3cMuxContext),
    .audio_codec    = AV_CODEC_ID_NONE,
    .video_codec    = AV_CODEC_ID_M3CVC,
    .init           = m3c_init,
    .write_header   = m3c_write_header,
    .write_packet   = m3c_write_packet,
    .write_trailer  = m3c_write_trailer,
    .deinit         = m3c_deinit,
    // a packet is a whole clip: its duration is clip_frame_count, not one frame
    .flags          = AVFMT_VARIABLE_FPS,
    .priv_class     = &m3c_muxer_class,
};
