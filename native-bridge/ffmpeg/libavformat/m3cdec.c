/*
 * m3c (m3cvc generative video) demuxer
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
 * m3c demuxer: one packet per clip group (see m3c.h for the mapping). On a seekable input, read_header makes one
 * sequential, fully checking pass over the stream (spec clause 7), so that a non-conforming stream fails at open
 * time with the broken requirement, and seeking works with or without a seek_index. On a pipe every check runs
 * as the packets are read.
 */

#include "libavutil/intreadwrite.h"
#include "libavutil/mem.h"
#include "libavutil/opt.h"

#include "avformat.h"
#include "internal.h"
#include "m3c.h"

typedef struct M3cDemuxContext {
    const AVClass *class;
    int       check_all;        ///< option: the checking pass at open on seekable input
    M3cState  st;
    uint8_t  *buf;              ///< the chunk read last (lookahead)
    unsigned  buf_size;
    M3cChunk  next;
    int       have_next;
    int       eof;
    int       has_seek_index;   ///< table filled from the seek_index (else from the checking pass)
    int64_t  *clip_offset;      ///< clause 7: clip_offset[i], clip_first_frame[i]; nb_clips entries known
    int64_t  *clip_first_frame;
    uint32_t  nb_clips;
    int64_t   first_clip_offset;
} M3cDemuxContext;

static int m3c_probe(const AVProbeData *p)
{
    if (p->buf_size >= M3C_SIGNATURE_SIZE && !memcmp(p->buf, M3C_SIGNATURE, M3C_SIGNATURE_SIZE))
        return AVPROBE_SCORE_MAX;
    return 0;
}

/* Reads and frames the next chunk into m->next (5.2: BS-1, CK-2 before allocating, CK-1, CK-3). */
static int read_next(AVFormatContext *s)
{
    M3cDemuxContext *m = s->priv_data;
    AVIOContext *pb = s->pb;
    int64_t offset = avio_tell(pb);
    uint8_t head[6];
    uint64_t size = 0;
    int n, i, got, ret;

    m->have_next = 0;
    n = avio_read(pb, head, 1);
    if (n <= 0) {
        if (n < 0 && n != AVERROR_EOF)
            return n;
        return ff_m3c_fail(s, offset, "ST-6", "/end_of_stream", "expected an end_of_stream chunk, found the end of the file");
    }
    for (i = 0; i < 5; i++) {
        n = avio_read(pb, head + 1 + i, 1);
        if (n <= 0)
            break;
        size |= (uint64_t)(head[1 + i] & 0x7F) << (7 * i);
        if (!(head[1 + i] & 0x80))
            break;
    }
    if (n <= 0 || i == 5 || size > M3C_MAX_CHUNK_SIZE || (i > 0 && !head[1 + i]) || size > UINT32_MAX) {
        M3cChunk dummy;
        // ff_m3c_frame_chunk names the fault: truncated size (CK-1), leb128 (BS-1) or size (CK-2)
        ret = ff_m3c_frame_chunk(s, head, 1 + i + (n > 0 && i < 5), offset, &dummy);
        return ret < 0 ? ret : AVERROR_INVALIDDATA;
    }
    av_fast_malloc(&m->buf, &m->buf_size, 2 + i + size + 4);
    if (!m->buf)
        return AVERROR(ENOMEM);
    memcpy(m->buf, head, 2 + i);
    got = avio_read(pb, m->buf + 2 + i, size + 4);
    if (got < 0 && got != AVERROR_EOF)
        return got;
    ret = ff_m3c_frame_chunk(s, m->buf, 2 + i + FFMAX(got, 0), offset, &m->next);
    if (ret < 0)
        return ret;
    m->have_next = 1;
    return 0;
}

/* ST-6: nothing follows end_of_stream. */
static int check_end_of_input(AVFormatContext *s)
{
    uint8_t b;
    int64_t offset = avio_tell(s->pb);
    if (avio_read(s->pb, &b, 1) == 1)
        return ff_m3c_fail(s, offset, "ST-6", "/end_of_stream",
                           "expected the end of the file after end_of_stream, found byte 0x%02X", b);
    return 0;
}

static int record_clip(M3cDemuxContext *m, int64_t offset, int64_t first_frame)
{
    if (m->nb_clips >= m->st.sh.clip_count)
        return AVERROR_BUG;
    m->clip_offset[m->nb_clips]      = offset;
    m->clip_first_frame[m->nb_clips] = first_frame;
    m->nb_clips++;
    return 0;
}

/*
 * Reads one clip group (into pkt when it is not NULL): the lookahead clip_header and every chunk up to the next
 * clip_header or end_of_stream, each checked by the state machine before the packet is delivered.
 * Returns AVERROR_EOF after a checked end_of_stream.
 */
static int read_group(AVFormatContext *s, AVPacket *pkt)
{
    M3cDemuxContext *m = s->priv_data;
    M3cState *st = &m->st;
    uint32_t clip = st->clips_read;
    int64_t pos;
    int ret;

    if (m->eof)
        return AVERROR_EOF;
    if (!m->have_next && (ret = read_next(s)) < 0)
        return ret;
    if (m->next.type == M3C_END_OF_STREAM) {
        if ((ret = ff_m3c_state_end(s, st, &m->next)) < 0 || (ret = check_end_of_input(s)) < 0)
            return ret;
        m->have_next = 0;
        m->eof = 1;
        return AVERROR_EOF;
    }
    pos = m->next.offset;
    if (m->has_seek_index && m->next.type == M3C_CLIP_HEADER && clip < m->nb_clips && pos != m->clip_offset[clip])
        return ff_m3c_fail(s, pos, "SI-2", "/seek_index/seek_offset_delta",
                           "expected clip_header %"PRIu32" at offset 0x%"PRIX64", found it at 0x%"PRIX64,
                           clip, m->clip_offset[clip], pos);
    if (m->next.type != M3C_CLIP_HEADER) {
        ret = ff_m3c_state_chunk(s, st, &m->next);
        return ret < 0 ? ret : ff_m3c_fail(s, pos, "ST-4", "/chunk/chunk_type",
                                           "expected a clip_header, found chunk type 0x%02X", m->next.type);
    }
    if ((ret = ff_m3c_state_chunk(s, st, &m->next)) < 0)
        return ret;
    if (m->has_seek_index && clip < m->nb_clips && st->group_first_frame != m->clip_first_frame[clip])
        return ff_m3c_fail(s, pos, "SI-2", "/seek_index/seek_frame_delta",
                           "expected first_frame %"PRId64" for clip %"PRIu32", found %"PRIu32,
                           m->clip_first_frame[clip], clip, st->group_first_frame);
    if (!m->has_seek_index && clip == m->nb_clips && (ret = record_clip(m, pos, st->group_first_frame)) < 0)
        return ret;
    if (pkt && (ret = av_new_packet(pkt, m->next.total_size)) < 0)
        return ret;
    if (pkt)
        memcpy(pkt->data, m->next.data, m->next.total_size);
    for (;;) {
        if ((ret = read_next(s)) < 0)
            goto fail;
        if (m->next.type == M3C_CLIP_HEADER || m->next.type == M3C_END_OF_STREAM)
            break;
        if ((ret = ff_m3c_state_chunk(s, st, &m->next)) < 0)
            goto fail;
        if (pkt) {
            int old = pkt->size;
            if (old + m->next.total_size > M3C_MAX_PACKET_SIZE) {
                ret = ff_m3c_fail(s, m->next.offset, "CK-2", "/clip_header",
                                  "expected a clip group of at most %d bytes (this demuxer's limit), found more",
                                  M3C_MAX_PACKET_SIZE);
                goto fail;
            }
            if ((ret = av_grow_packet(pkt, m->next.total_size)) < 0)
                goto fail;
            memcpy(pkt->data + old, m->next.data, m->next.total_size);
        }
    }
    if (pkt) {
        pkt->pts = pkt->dts = st->group_first_frame;
        pkt->duration       = st->group_frame_count;
        pkt->pos            = pos;
        pkt->flags         |= AV_PKT_FLAG_KEY;
        pkt->stream_index   = 0;
    }
    return 0;
fail:
    if (pkt)
        av_packet_unref(pkt);
    return ret;
}

static int read_file_header(AVFormatContext *s)
{
    uint8_t h[M3C_FILE_HEADER_SIZE];
    int n = avio_read(s->pb, h, sizeof(h));
    uint32_t crc;

    if (n < M3C_SIGNATURE_SIZE || memcmp(h, M3C_SIGNATURE, M3C_SIGNATURE_SIZE))
        return ff_m3c_fail(s, 0, "FH-1", "/file_header/file_signature", "expected 89 4D 33 43 0D 0A 1A 0A, found %s",
                           n < M3C_SIGNATURE_SIZE ? "fewer than 8 bytes" : "other bytes");
    if (n < M3C_FILE_HEADER_SIZE)
        return ff_m3c_fail(s, n, "CK-1", "/file_header", "expected 16 bytes, found %d", n);
    crc = ff_m3c_crc32c(h, 12);
    if (M3C_CRC_MISMATCH(crc, AV_RB32(h + 12)))
        return ff_m3c_fail(s, 12, "FH-5", "/file_header/file_header_crc", "expected 0x%08"PRIX32", found 0x%08"PRIX32,
                           crc, AV_RB32(h + 12));
    if (h[9] < 1 || h[9] > h[8])
        return ff_m3c_fail(s, 9, "FH-2", "/file_header/read_version",
                           "expected 1 to format_version %d, found %d", h[8], h[9]);
    if (h[9] > M3C_FORMAT_VERSION)
        return ff_m3c_fail(s, 9, "FH-3", "/file_header/read_version", "expected at most %d, found %d",
                           M3C_FORMAT_VERSION, h[9]);
    if (AV_RB16(h + 10))
        return ff_m3c_fail(s, 10, "FH-4", "/file_header/file_flags", "expected 0, found 0x%04X", AV_RB16(h + 10));
    return 0;
}

/* 6.4: fills the clip table from the seek_index (SI-1 here; SI-2 as the clip headers are read). */
static int read_seek_index(AVFormatContext *s)
{
    M3cDemuxContext *m = s->priv_data;
    const M3cChunk *c = &m->next;
    const uint8_t *p = c->payload, *end = c->payload + c->size;
    int64_t base = c->offset + c->total_size, offset = base, frame = 0;
    uint32_t v[2], count = 0;
    int64_t at = c->offset + c->head_size;

    // the payload's leb128s are re-read with the shared checks through a tiny local decoder
    for (int k = -1; k < (int)count; k++) {
        for (int e = 0; e < (k < 0 ? 1 : 2); e++) {
            uint64_t val = 0;
            int i;
            for (i = 0; ; i++) {
                if (p >= end)
                    return ff_m3c_fail(s, at, "CK-4", "/seek_index", "expected more bytes in the payload, found its end");
                val |= (uint64_t)(*p & 0x7F) << (7 * i);
                if (!(*p++ & 0x80))
                    break;
                if (i == 4)
                    return ff_m3c_fail(s, at, "BS-1", "/seek_index", "expected a leb128 of at most 5 bytes, found more");
            }
            if ((i > 0 && !p[-1]) || val > UINT32_MAX)
                return ff_m3c_fail(s, at, "BS-1", "/seek_index", "expected a minimal leb128 of at most 2^32-1");
            v[e] = val;
            at = c->offset + c->head_size + (p - c->payload);
        }
        if (k < 0) {
            count = v[0];
            // each entry takes at least 2 bytes: refuse before allocating (6.4.1)
            if (count > (end - p) / 2)
                return ff_m3c_fail(s, at, "CK-4", "/seek_index/seek_entry_count",
                                   "expected at most %d entries in the payload, found %"PRIu32,
                                   (int)((end - p) / 2), count);
            if (count != m->st.sh.clip_count)
                return ff_m3c_fail(s, c->offset + c->head_size, "SI-1", "/seek_index/seek_entry_count",
                                   "expected clip_count %"PRIu32", found %"PRIu32, m->st.sh.clip_count, count);
            continue;
        }
        offset += v[0];
        frame  += v[1];
        m->clip_offset[k]      = offset;
        m->clip_first_frame[k] = frame;
    }
    if (p != end)
        return ff_m3c_fail(s, at, "CK-4", "/seek_index", "expected the end of the payload, found %d byte(s) left",
                           (int)(end - p));
    m->nb_clips = count;
    m->has_seek_index = 1;
    return 0;
}

static int m3c_read_header(AVFormatContext *s)
{
    M3cDemuxContext *m = s->priv_data;
    M3cStreamHeader *sh = &m->st.sh;
    uint8_t *extradata = NULL;
    int extradata_size = 0, ret;
    AVStream *st;

    if ((ret = read_file_header(s)) < 0)
        return ret;
    if ((ret = read_next(s)) < 0)
        return ret;
    if (m->next.type != M3C_STREAM_HEADER)
        return ff_m3c_fail(s, m->next.offset, "ST-1", "/chunk/chunk_type",
                           "expected the stream_header (0x01) first, found chunk type 0x%02X", m->next.type);
    if ((ret = ff_m3c_parse_stream_header(s, &m->next, sh)) < 0)
        return ret;
    if (!(extradata = av_memdup(m->next.data, m->next.total_size)))
        return AVERROR(ENOMEM);
    extradata_size = m->next.total_size;
    m->clip_offset      = av_calloc(sh->clip_count, sizeof(*m->clip_offset));
    m->clip_first_frame = av_calloc(sh->clip_count, sizeof(*m->clip_first_frame));
    if (!m->clip_offset || !m->clip_first_frame) {
        ret = AVERROR(ENOMEM);
        goto fail;
    }
    ff_m3c_state_resume(&m->st, 0, 0);
    if ((ret = read_next(s)) < 0)
        goto fail;
    if (m->next.type == M3C_SEEK_INDEX) {
        if ((ret = read_seek_index(s)) < 0 || (ret = read_next(s)) < 0)
            goto fail;
    }
    // Ancillary chunks before clip group 0 travel in the extradata, after the stream_header chunk.
    while (m->next.type & M3C_ANCILLARY_BIT) {
        uint8_t *tmp;
        if ((ret = ff_m3c_state_chunk(s, &m->st, &m->next)) < 0)
            goto fail;
        if (extradata_size + m->next.total_size > M3C_MAX_PACKET_SIZE) {
            ret = ff_m3c_fail(s, m->next.offset, "CK-2", "/chunk",
                              "expected at most %d bytes of ancillary chunks before clip 0, found more",
                              M3C_MAX_PACKET_SIZE);
            goto fail;
        }
        if (!(tmp = av_realloc(extradata, extradata_size + m->next.total_size))) {
            ret = AVERROR(ENOMEM);
            goto fail;
        }
        extradata = tmp;
        memcpy(extradata + extradata_size, m->next.data, m->next.total_size);
        extradata_size += m->next.total_size;
        if ((ret = read_next(s)) < 0)
            goto fail;
    }
    m->first_clip_offset = m->next.offset;

    if (!(st = avformat_new_stream(s, NULL))) {
        ret = AVERROR(ENOMEM);
        goto fail;
    }
    st->codecpar->codec_type = AVMEDIA_TYPE_VIDEO;
    st->codecpar->codec_id   = AV_CODEC_ID_M3CVC;
    // what a decoder presents: the display area (8.1 step 4), as RGB24 frames (the reference decoder's output)
    st->codecpar->width      = sh->display_width;
    st->codecpar->height     = sh->display_height;
    st->codecpar->format     = AV_PIX_FMT_RGB24;
    if ((ret = ff_alloc_extradata(st->codecpar, extradata_size)) < 0)
        goto fail;
    memcpy(st->codecpar->extradata, extradata, extradata_size);
    av_freep(&extradata);
    avpriv_set_pts_info(st, 64, sh->frame_rate_den, sh->frame_rate_num);
    st->avg_frame_rate = st->r_frame_rate = (AVRational){ sh->frame_rate_num, sh->frame_rate_den };
    st->start_time = 0;
    st->duration   = sh->frame_count;
    st->nb_frames  = sh->frame_count;

    if (m->check_all && (s->pb->seekable & AVIO_SEEKABLE_NORMAL)) {
        // Clause 7 "without a seek index", done always: one fully checking pass, then back to clip group 0.
        while ((ret = read_group(s, NULL)) >= 0)
            ;
        if (ret != AVERROR_EOF)
            return ret;
        if (!m->has_seek_index)
            m->has_seek_index = 1;  // the table is complete and checked
        if ((ret = avio_seek(s->pb, m->first_clip_offset, SEEK_SET)) < 0)
            return ret;
        ff_m3c_state_resume(&m->st, 0, 0);
        m->have_next = 0;
        m->eof = 0;
    }
    for (uint32_t i = 0; i < m->nb_clips; i++)
        av_add_index_entry(st, m->clip_offset[i], m->clip_first_frame[i], 0, 0, AVINDEX_KEYFRAME);
    return 0;
fail:
    av_freep(&extradata);
    return ret;
}

static int m3c_read_packet(AVFormatContext *s, AVPacket *pkt)
{
    return read_group(s, pkt);
}

/* Clause 7: the clip holding timestamp ts (frames), resumed at its clip group. */
static int m3c_read_seek(AVFormatContext *s, int stream_index, int64_t ts, int flags)
{
    M3cDemuxContext *m = s->priv_data;
    int64_t ret;
    int lo = 0, hi, i;

    if (!(s->pb->seekable & AVIO_SEEKABLE_NORMAL))
        return AVERROR(ENOSYS);
    if (!m->has_seek_index) {
        // no seek_index and no pass at open (check_all 0): make the sequential pass now (clause 7)
        if ((ret = avio_seek(s->pb, m->first_clip_offset, SEEK_SET)) < 0)
            return ret;
        ff_m3c_state_resume(&m->st, 0, 0);
        m->have_next = m->eof = 0;
        while ((ret = read_group(s, NULL)) >= 0)
            ;
        if (ret != AVERROR_EOF)
            return ret;
        m->has_seek_index = 1;
    }
    if (m->nb_clips != m->st.sh.clip_count)
        return AVERROR_BUG;
    // the largest i with clip_first_frame[i] <= ts
    hi = m->nb_clips - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (m->clip_first_frame[mid] <= ts)
            lo = mid;
        else
            hi = mid - 1;
    }
    i = lo;
    if (!(flags & AVSEEK_FLAG_BACKWARD) && m->clip_first_frame[i] < ts) {
        if (i + 1 >= m->nb_clips)
            return AVERROR(EINVAL);
        i++;
    }
    if ((ret = avio_seek(s->pb, m->clip_offset[i], SEEK_SET)) < 0)
        return ret;
    ff_m3c_state_resume(&m->st, i, m->clip_first_frame[i]);
    m->have_next = 0;
    m->eof = 0;
    return 0;
}

static int m3c_read_close(AVFormatContext *s)
{
    M3cDemuxContext *m = s->priv_data;
    av_freep(&m->buf);
    av_freep(&m->clip_offset);
    av_freep(&m->clip_first_frame);
    return 0;
}

#define OFFSET(x) offsetof(M3cDemuxContext, x)
static const AVOption options[] = {
    { "check_all", "check the whole stream when opening a seekable input (spec clause 7), so that errors show at open",
      OFFSET(check_all), AV_OPT_TYPE_BOOL, { .i64 = 1 }, 0, 1, AV_OPT_FLAG_DECODING_PARAM },
    { NULL },
};

static const AVClass m3c_demuxer_class = {
    .class_name = "m3c demuxer",
    .item_name  = av_default_item_name,
    .option     = options,
    .version    = LIBAVUTIL_VERSION_INT,
};

const AVInputFormat ff_m3c_demuxer = {
    .name           = "m3c",
    .long_name      = NULL_IF_CONFIG_SMALL("m3c (m3cvc generative video)"),
    .priv_data_size = sizeof(M3cDemuxContext),
    .flags_internal = FF_FMT_INIT_CLEANUP,
    // only read_seek resumes the checking state at a clip group; generic seeking would bypass it
    .flags          = AVFMT_NOBINSEARCH | AVFMT_NOGENSEARCH,
    .read_probe     = m3c_probe,
    .read_header    = m3c_read_header,
    .read_packet    = m3c_read_packet,
    .read_seek      = m3c_read_seek,
    .read_close     = m3c_read_close,
    .extensions     = "m3c",
    .priv_class     = &m3c_demuxer_class,
};
