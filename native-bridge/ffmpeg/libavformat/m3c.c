/*
 * m3c (m3cvc generative video) container: framing, stream header and chunk-order checks
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

#include <stdarg.h>
#include <string.h>

#include "libavutil/attributes.h"
#include "libavutil/crc.h"
#include "libavutil/error.h"
#include "libavutil/intreadwrite.h"
#include "libavutil/log.h"
#include "libavutil/mem.h"
#include "libavutil/thread.h"

#include "m3c.h"

/* --- 5.3 CRC-32C: reflected Castagnoli polynomial, init and final xor 0xFFFFFFFF ------------------------------- */

static AVCRC crc32c_table[1024];
static AVOnce crc32c_once = AV_ONCE_INIT;

static void crc32c_init(void)
{
    av_crc_init(crc32c_table, 1, 32, 0x82F63B78, sizeof(crc32c_table));
}

uint32_t ff_m3c_crc32c(const uint8_t *buf, size_t len)
{
    ff_thread_once(&crc32c_once, crc32c_init);
    return av_crc(crc32c_table, UINT32_MAX, buf, len) ^ UINT32_MAX;
}

/* --- 4.2 leb128 ------------------------------------------------------------------------------------------------ */

int ff_m3c_leb128_size(uint32_t v)
{
    int n = 1;
    while (v >= 0x80) {
        v >>= 7;
        n++;
    }
    return n;
}

int ff_m3c_put_leb128(uint8_t *p, uint32_t v)
{
    int n = 0;
    while (v >= 0x80) {
        p[n++] = (v & 0x7F) | 0x80;
        v >>= 7;
    }
    p[n++] = v;
    return n;
}

/* --- 4.3 reports ----------------------------------------------------------------------------------------------- */

static int is_unsupported(const char *req)
{
    static const char *const unsupported[] = { "FH-3", "CK-5", "SH-11", "SH-12", "CL-4", "KF-3", "TX-1" };
    for (int i = 0; i < FF_ARRAY_ELEMS(unsupported); i++)
        if (!strcmp(req, unsupported[i]))
            return 1;
    return 0;
}

int ff_m3c_fail(void *logctx, int64_t offset, const char *req, const char *path, const char *fmt, ...)
{
    char what[256];
    va_list ap;
    int unsupported = is_unsupported(req);

    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    av_log(logctx, AV_LOG_ERROR, "offset 0x%"PRIX64": %s: %s [%s, %s]\n", offset, path, what, req,
           unsupported ? "unsupported" : "corrupted");
    return unsupported ? AVERROR_PATCHWELCOME : AVERROR_INVALIDDATA;
}

/* --- payload reader: byte-aligned elements of one chunk payload ------------------------------------------------- */

typedef struct PayloadReader {
    void          *logctx;
    const uint8_t *start, *p, *end;
    int64_t        offset;      ///< file offset of start
    const char    *chunk;       ///< element path prefix, e.g. "/clip_header"
    int            error;
} PayloadReader;

static void reader_init(PayloadReader *r, void *logctx, const M3cChunk *c, const char *chunk)
{
    r->logctx = logctx;
    r->start  = r->p = c->payload;
    r->end    = c->payload + c->size;
    r->offset = c->offset + c->head_size;
    r->chunk  = chunk;
    r->error  = 0;
}

static int64_t reader_pos(const PayloadReader *r)
{
    return r->offset + (r->p - r->start);
}

static int reader_fail(PayloadReader *r, int64_t at, const char *req, const char *element, const char *fmt, ...)
    av_printf_format(5, 6);

static int reader_fail(PayloadReader *r, int64_t at, const char *req, const char *element, const char *fmt, ...)
{
    char path[96], what[200];
    va_list ap;
    if (r->error)
        return r->error;
    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    snprintf(path, sizeof(path), "%s/%s", r->chunk, element);
    r->error = ff_m3c_fail(r->logctx, at, req, path, "%s", what);
    return r->error;
}

/* Reading past the payload breaks CK-4 (5.2). Every read returns 0 once an error is recorded. */
static int need(PayloadReader *r, const char *element, int n)
{
    if (r->error)
        return 0;
    if (r->end - r->p < n) {
        reader_fail(r, reader_pos(r), "CK-4", element, "expected %d more byte(s) in the payload, found %d",
                    n, (int)(r->end - r->p));
        return 0;
    }
    return 1;
}

static uint32_t read_u8(PayloadReader *r, const char *element)
{
    return need(r, element, 1) ? *r->p++ : 0;
}

static uint32_t read_leb128(PayloadReader *r, const char *element)
{
    int64_t at = reader_pos(r);
    uint64_t value = 0;
    for (int i = 0; i < 5; i++) {
        unsigned b;
        if (!need(r, element, 1))
            return 0;
        b = *r->p++;
        value |= (uint64_t)(b & 0x7F) << (7 * i);
        if (!(b & 0x80)) {
            if (i > 0 && b == 0)
                return reader_fail(r, at, "BS-1", element, "expected a minimal leb128, found a redundant zero byte"), 0;
            if (value > UINT32_MAX)
                return reader_fail(r, at, "BS-1", element, "expected a leb128 of at most 2^32-1, found %"PRIu64,
                                   value), 0;
            return value;
        }
    }
    reader_fail(r, at, "BS-1", element, "expected a leb128 of at most 5 bytes, found more");
    return 0;
}

/* A leb128 element with a range [lo, hi]; out of range breaks req. */
static uint32_t read_leb128_in(PayloadReader *r, const char *element, uint32_t lo, uint32_t hi, const char *req)
{
    int64_t at = reader_pos(r);
    uint32_t v = read_leb128(r, element);
    if (!r->error && (v < lo || v > hi))
        reader_fail(r, at, req, element, "expected %"PRIu32" to %"PRIu32", found %"PRIu32, lo, hi, v);
    return v;
}

/* RFC 3629 UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF. */
static int valid_utf8(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint8_t c = s[i];
        int len;
        uint32_t cp, min;
        if (c < 0x80) { i++; continue; }
        else if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; min = 0x80; }
        else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; min = 0x800; }
        else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; min = 0x10000; }
        else return 0;
        if (n - i < len)
            return 0;
        for (int k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += len;
    }
    return 1;
}

/* --- 5.2 chunk framing ----------------------------------------------------------------------------------------- */

int ff_m3c_frame_chunk(void *logctx, const uint8_t *buf, int len, int64_t offset, M3cChunk *c)
{
    uint64_t size = 0;
    int i, head;
    uint32_t crc, stored;

    if (len < 1)
        return ff_m3c_fail(logctx, offset, "CK-1", "/chunk/chunk_type", "expected a chunk, found the end of the data");
    for (i = 0; ; i++) {
        unsigned b;
        if (i == 5)
            return ff_m3c_fail(logctx, offset + 1, "BS-1", "/chunk/chunk_size",
                               "expected a leb128 of at most 5 bytes, found more");
        if (1 + i >= len)
            return ff_m3c_fail(logctx, offset + 1 + i, "CK-1", "/chunk/chunk_size",
                               "expected the rest of the chunk, found the end of the data");
        b = buf[1 + i];
        size |= (uint64_t)(b & 0x7F) << (7 * i);
        if (!(b & 0x80)) {
            if (i > 0 && b == 0)
                return ff_m3c_fail(logctx, offset + 1, "BS-1", "/chunk/chunk_size",
                                   "expected a minimal leb128, found a redundant zero byte");
            if (size > UINT32_MAX)
                return ff_m3c_fail(logctx, offset + 1, "BS-1", "/chunk/chunk_size",
                                   "expected a leb128 of at most 2^32-1, found %"PRIu64, size);
            break;
        }
    }
    head = 2 + i;
    if (size > M3C_MAX_CHUNK_SIZE)
        return ff_m3c_fail(logctx, offset + 1, "CK-2", "/chunk/chunk_size", "expected at most %d, found %"PRIu64,
                           M3C_MAX_CHUNK_SIZE, size);
    if (len - head < (int64_t)size + 4)
        return ff_m3c_fail(logctx, offset, "CK-1", "/chunk",
                           "expected %"PRIu64" bytes of payload and CRC, found %d", size + 4, len - head);
    crc    = ff_m3c_crc32c(buf, head + size);
    stored = AV_RB32(buf + head + size);
    if (M3C_CRC_MISMATCH(crc, stored))
        return ff_m3c_fail(logctx, offset + head + size, "CK-3", "/chunk/chunk_crc",
                           "expected 0x%08"PRIX32" (CRC-32C of chunk type 0x%02X at 0x%"PRIX64"), found 0x%08"PRIX32,
                           crc, buf[0], offset, stored);
    c->offset     = offset;
    c->type       = buf[0];
    c->size       = size;
    c->head_size  = head;
    c->data       = buf;
    c->payload    = buf + head;
    c->total_size = head + size + 4;
    return 0;
}

static int end_of_payload(PayloadReader *r)
{
    if (r->error)
        return r->error;
    if (r->p != r->end)
        return reader_fail(r, reader_pos(r), "CK-4", "chunk_payload", "expected the end of the payload, found %d byte(s) left",
                           (int)(r->end - r->p));
    return 0;
}

/* --- 6.3 stream_header ----------------------------------------------------------------------------------------- */

int ff_m3c_parse_stream_header(void *logctx, const M3cChunk *c, M3cStreamHeader *sh)
{
    PayloadReader r;
    uint32_t name_len;
    int64_t at;

    reader_init(&r, logctx, c, "/stream_header");
    memset(sh, 0, sizeof(*sh));
    at = reader_pos(&r);
    sh->coded_width    = read_leb128(&r, "coded_width");
    if (!r.error && (sh->coded_width < 2 || sh->coded_width > M3C_MAX_CODED_DIMENSION || sh->coded_width & 1))
        return reader_fail(&r, at, "SH-1", "coded_width", "expected an even value from 2 to %d, found %"PRIu32,
                           M3C_MAX_CODED_DIMENSION, sh->coded_width);
    at = reader_pos(&r);
    sh->coded_height   = read_leb128(&r, "coded_height");
    if (!r.error && (sh->coded_height < 2 || sh->coded_height > M3C_MAX_CODED_DIMENSION || sh->coded_height & 1))
        return reader_fail(&r, at, "SH-1", "coded_height", "expected an even value from 2 to %d, found %"PRIu32,
                           M3C_MAX_CODED_DIMENSION, sh->coded_height);
    sh->display_width  = read_leb128_in(&r, "display_width", 1, sh->coded_width, "SH-2");
    sh->display_height = read_leb128_in(&r, "display_height", 1, sh->coded_height, "SH-2");
    sh->frame_rate_num = read_leb128_in(&r, "frame_rate_num", 1, M3C_MAX_FRAME_RATE_TERM, "SH-3");
    sh->frame_rate_den = read_leb128_in(&r, "frame_rate_den", 1, M3C_MAX_FRAME_RATE_TERM, "SH-3");
    sh->frame_count    = read_leb128_in(&r, "frame_count", 1, M3C_MAX_FRAME_COUNT, "SH-4");
    sh->clip_count     = read_leb128_in(&r, "clip_count", 1, FFMIN(M3C_MAX_CLIP_COUNT, sh->frame_count), "SH-5");
    sh->keyframe_count = read_leb128_in(&r, "keyframe_count", sh->clip_count, sh->clip_count + 1, "SH-6");
    sh->plane_width    = read_leb128_in(&r, "plane_width", 1, M3C_MAX_PLANE_DIMENSION, "SH-7");
    sh->plane_height   = read_leb128_in(&r, "plane_height", 1, M3C_MAX_PLANE_DIMENSION, "SH-7");
    sh->codebook_size  = read_leb128_in(&r, "codebook_size", M3C_MIN_CODEBOOK_SIZE, M3C_MAX_CODEBOOK_SIZE, "SH-8");
    sh->latent_channels = read_leb128_in(&r, "latent_channels", 1, M3C_MAX_LATENT_CHANNELS, "SH-9");
    sh->latent_height  = read_leb128_in(&r, "latent_height", 1, M3C_MAX_LATENT_DIMENSION, "SH-9");
    at = reader_pos(&r);
    sh->latent_width   = read_leb128_in(&r, "latent_width", 1, M3C_MAX_LATENT_DIMENSION, "SH-9");
    if (!r.error && (uint64_t)sh->latent_channels * sh->latent_height * sh->latent_width > M3C_MAX_LATENT_ELEMENTS)
        return reader_fail(&r, at, "SH-9", "latent_width", "expected at most %d latent elements, found %"PRIu64,
                           M3C_MAX_LATENT_ELEMENTS,
                           (uint64_t)sh->latent_channels * sh->latent_height * sh->latent_width);
    if (need(&r, "pack_sha256", 32)) {
        memcpy(sh->pack_sha256, r.p, 32);
        r.p += 32;
    }
    at = reader_pos(&r);
    name_len = read_leb128(&r, "pack_name");
    if (!r.error && name_len > M3C_MAX_PACK_NAME_BYTES)
        return reader_fail(&r, at, "SH-10", "pack_name", "expected at most %d bytes, found %"PRIu32,
                           M3C_MAX_PACK_NAME_BYTES, name_len);
    if (need(&r, "pack_name", name_len)) {
        if (!valid_utf8(r.p, name_len))
            return reader_fail(&r, at, "BS-2", "pack_name", "expected valid UTF-8, found invalid bytes");
        memcpy(sh->pack_name, r.p, name_len);
        sh->pack_name[name_len] = 0;
        r.p += name_len;
    }
    at = reader_pos(&r);
    sh->text_coder = read_u8(&r, "text_coder");
    if (!r.error && sh->text_coder > 2)
        return reader_fail(&r, at, "SH-11", "text_coder", "expected 0 (raw), 1 (lzw) or 2 (order2), found %d",
                           sh->text_coder);
    at = reader_pos(&r);
    sh->sampler_id = read_u8(&r, "sampler_id");
    if (!r.error && sh->sampler_id > 1)
        return reader_fail(&r, at, "SH-12", "sampler_id", "expected 0 (ddpm) or 1 (ddim), found %d", sh->sampler_id);
    sh->sampler_steps = read_leb128_in(&r, "sampler_steps", 1, M3C_MAX_SAMPLER_STEPS, "SH-13");
    if (need(&r, "guidance_scale_q8", 2)) {
        sh->guidance_scale_q8 = AV_RB16(r.p);
        r.p += 2;
    }
    if (need(&r, "noise_seed", 8)) {
        sh->noise_seed = AV_RB64(r.p);
        r.p += 8;
    }
    return end_of_payload(&r);
}

/* --- bit reader for 8.2 and 8.3 (MSB first, 4.1) ---------------------------------------------------------------- */

typedef struct BitReader {
    const uint8_t *buf;
    size_t size, bit;           ///< bit: next bit to read, counted from bit 7 of buf[0]
} BitReader;

/* Reads n <= 16 bits; returns -1 past the end. */
static int bits_read(BitReader *b, int n)
{
    int v = 0;
    if (b->bit + n > b->size * 8)
        return -1;
    for (int i = 0; i < n; i++, b->bit++)
        v = (v << 1) | ((b->buf[b->bit >> 3] >> (7 - (b->bit & 7))) & 1);
    return v;
}

/* Zero padding to the next byte boundary, then no byte left: 0 when both hold. */
static int bits_end_ok(BitReader *b)
{
    while (b->bit & 7) {
        if (bits_read(b, 1) != 0)
            return 0;
    }
    return b->bit == b->size * 8;
}

static int ceil_log2(uint32_t n)
{
    int b = 0;
    while ((1U << b) < n)
        b++;
    return b;
}

/* --- 8.3 raw and 8.4 context_range planes ----------------------------------------------------------------------- */

static int plane_raw(PayloadReader *r, const M3cStreamHeader *sh, int64_t at)
{
    BitReader b = { r->p, r->end - r->p, 0 };
    int B = ceil_log2(sh->codebook_size);
    int n = sh->plane_width * sh->plane_height;
    for (int i = 0; i < n; i++) {
        int v = bits_read(&b, B);
        if (v < 0)
            return reader_fail(r, at, "KF-4", "plane_data", "expected %d indices of %d bits, found %d",
                               n, B, i);
        if (v >= sh->codebook_size)
            return reader_fail(r, at + (b.bit - B) / 8, "KF-5", "plane_data",
                               "expected index %d below codebook_size %"PRIu32", found %d", i, sh->codebook_size, v);
    }
    if (!bits_end_ok(&b))
        return reader_fail(r, at, "KF-4", "plane_data", "expected %d bytes with zero padding, found %d byte(s)",
                           (int)((n * (int64_t)B + 7) / 8), (int)b.size);
    r->p = r->end;
    return 0;
}

typedef struct RangeDecoder {
    const uint8_t *p, *end;
    uint32_t range, code;
    int overrun;
} RangeDecoder;

/* Normalisation after every bit (8.4.1): a read past the end of the data sets overrun and shifts in a zero byte, so
 * that the caller can finish its symbol and report the error once. */
static void rc_normalize(RangeDecoder *rc)
{
    while (rc->range < (1U << 24)) {
        rc->range <<= 8;
        if (rc->p >= rc->end) {
            rc->overrun = 1;
            rc->code <<= 8;
        } else {
            rc->code = (rc->code << 8) | *rc->p++;
        }
    }
}

/* decode_bit of 8.4.1: the adaptive probability probs[i] of a 0, updated. */
static int rc_bit(RangeDecoder *rc, uint16_t *probs, int i)
{
    uint32_t p = probs[i], bound = (rc->range >> 11) * p;
    int bit;
    if (rc->code < bound) {
        rc->range = bound;
        probs[i]  = p + ((2048 - p) >> 4);
        bit = 0;
    } else {
        rc->range -= bound;
        rc->code  -= bound;
        probs[i]   = p - (p >> 4);
        bit = 1;
    }
    rc_normalize(rc);
    return bit;
}

/* decode_bit_static of 8.7.2: the fixed probability p of a 0, in (0, 2048), not adapted. */
static int rc_bit_static(RangeDecoder *rc, uint32_t p)
{
    uint32_t bound = (rc->range >> 11) * p;
    int bit;
    if (rc->code < bound) {
        rc->range = bound;
        bit = 0;
    } else {
        rc->range -= bound;
        rc->code  -= bound;
        bit = 1;
    }
    rc_normalize(rc);
    return bit;
}

static int plane_context_range(PayloadReader *r, const M3cStreamHeader *sh, int64_t at)
{
    const int W = sh->plane_width, H = sh->plane_height, B = ceil_log2(sh->codebook_size);
    uint16_t same0[4], same1[3], *literal = NULL;
    int16_t *K = NULL;
    RangeDecoder rc = { .p = r->p, .end = r->end };
    int ret = 0;

    if (r->end - r->p < 4)
        return reader_fail(r, at, "KF-4", "plane_data", "expected at least 4 bytes of range-coded data, found %d",
                           (int)(r->end - r->p));
    literal = av_malloc_array(1 << B, sizeof(*literal));
    K       = av_malloc_array(W * H, sizeof(*K));
    if (!literal || !K) {
        ret = AVERROR(ENOMEM);
        goto end;
    }
    for (int i = 0; i < 4; i++) same0[i] = 1024;
    for (int i = 0; i < 3; i++) same1[i] = 1024;
    for (int i = 0; i < 1 << B; i++) literal[i] = 1024;
    rc.code  = AV_RB32(rc.p);
    rc.p    += 4;
    rc.range = UINT32_MAX;
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
            int i = y * W + x, v;
            int a = x > 0 ? K[i - 1] : -1;
            int b = y > 0 ? K[i - W] : -1;
            int c = x > 0 && y > 0 ? K[i - W - 1] : -1;
            int d = y > 0 && x + 1 < W ? K[i - W + 1] : -1;
            int m0 = a >= 0 ? a : b, m1, ctx0, ctx1;
            ctx0 = m0 < 0 ? 0 : (b == m0) + (c == m0) + (d == m0);
            if      (b >= 0 && b != m0) m1 = b;
            else if (d >= 0 && d != m0) m1 = d;
            else if (c >= 0 && c != m0) m1 = c;
            else                        m1 = -1;
            ctx1 = m1 < 0 ? 0 : (c == m1) + (d == m1);
            if (m0 >= 0 && rc_bit(&rc, same0, ctx0)) {
                v = m0;
            } else if (m1 >= 0 && rc_bit(&rc, same1, ctx1)) {
                v = m1;
            } else {
                int node = 1;
                for (int k = 0; k < B; k++)
                    node = (node << 1) | rc_bit(&rc, literal, node);
                v = node - (1 << B);
                if (!rc.overrun && v >= sh->codebook_size) {
                    ret = reader_fail(r, at, "KF-5", "plane_data",
                                      "expected index %d below codebook_size %"PRIu32", found %d",
                                      i, sh->codebook_size, v);
                    goto end;
                }
            }
            if (rc.overrun) {
                ret = reader_fail(r, at, "KF-4", "plane_data",
                                  "expected range-coded data for %d indices, found its end at index %d", W * H, i);
                goto end;
            }
            K[i] = v;
        }
    }
    if (rc.p != rc.end) {
        ret = reader_fail(r, at, "KF-4", "plane_data", "expected the end of plane_data, found %d byte(s) left",
                          (int)(rc.end - rc.p));
        goto end;
    }
    r->p = r->end;
end:
    av_free(literal);
    av_free(K);
    return ret;
}

/* --- 8.2 LZW ------------------------------------------------------------------------------------------------- */

static int lzw_width(int j)
{
    int n = j == 0 ? 0 : FFMIN(258 + j - 1, 4095), w = 0;
    if (j == 0)
        return 9;
    while (n) {
        w++;
        n >>= 1;
    }
    return w;
}

/* Decodes text_data to out (text_size bytes); 0, or -1 for any condition of 8.2.3 that breaks TX-6. */
static int lzw_decode(const uint8_t *data, size_t size, uint8_t *out, uint32_t text_size, const char **why)
{
    uint16_t prefix[4096];
    uint8_t  suffix[4096], first[4096];
    uint16_t length[4096];
    BitReader b = { data, size, 0 };
    int next = 258, j = 0, prev = -1;
    uint32_t out_len = 0;

    for (int c = 0; c < 256; c++) {
        suffix[c] = first[c] = c;
        length[c] = 1;
    }
    for (;;) {
        int code = bits_read(&b, lzw_width(j)), entry;
        if (code < 0)
            return *why = "no END code before the end of text_data", -1;
        if (code == 256) {
            next = 258;
            j = 0;
            prev = -1;
            continue;
        }
        if (code == 257)
            break;
        if (prev < 0) {
            if (code > 255)
                return *why = "a first code above 255", -1;
            entry = code;
        } else if (code < next) {
            entry = code;
            if (next < 4096) {
                prefix[next] = prev; suffix[next] = first[code]; first[next] = first[prev];
                length[next] = length[prev] + 1; next++;
            }
        } else if (code == next && next < 4096) {
            prefix[next] = prev; suffix[next] = first[prev]; first[next] = first[prev];
            length[next] = length[prev] + 1; next++;
            entry = code;
        } else {
            return *why = "a code not yet defined", -1;
        }
        if (out_len + length[entry] > text_size)
            return *why = "more bytes than text_size", -1;
        for (int k = length[entry] - 1, e = entry; k >= 0; k--, e = prefix[e])
            out[out_len + k] = suffix[e];
        out_len += length[entry];
        prev = entry;
        j++;
    }
    if (out_len != text_size)
        return *why = "fewer bytes than text_size", -1;
    if (!bits_end_ok(&b))
        return *why = "non-zero padding or bytes after the END code", -1;
    return 0;
}

/* --- 8.7 order2 ---------------------------------------------------------------------------------------------- */

/* m3c_order2_table[ctx * 256 + node] (8.7.1): generated by native-bridge/ffmpeg/build from the normative
 * order2-table.bin of the reference implementation, so that the table has one source. */
#include "m3c_order2_table.h"

/* byte_class of 8.7.1 */
static int order2_class(int b)
{
    if (b >= 'a' && b <= 'z') return b - 'a' + 1;
    if (b >= 'A' && b <= 'Z') return b - 'A' + 1;
    if (b == ' ')             return 0;
    if (b >= '0' && b <= '9') return 27;
    if (b == '.' || b == ',' || b == ';' || b == ':' || b == '!' || b == '?') return 28;
    if (b >= 0x80)            return 29;
    if (b == '\'' || b == '"') return 30;
    return 31;
}

/* Decodes text_data to out (text_size bytes) by 8.7.2; 0, or -1 for any condition that breaks TX-6. Exactly
 * 8 * text_size decisions at most (it stops at the first byte whose decisions read past the end of text_data). */
static int order2_decode(const uint8_t *data, size_t size, uint8_t *out, uint32_t text_size, const char **why)
{
    RangeDecoder rc = { .p = data, .end = data + size };
    int b2 = 0x20, b1 = 0x20;

    if (text_size) {
        if (size < 4)
            return *why = "fewer than the range decoder's 4 initial bytes", -1;
        rc.code  = AV_RB32(rc.p);
        rc.p    += 4;
        rc.range = UINT32_MAX;
        for (uint32_t i = 0; i < text_size; i++) {
            const uint16_t *t = m3c_order2_table + ((order2_class(b2) * 32 + order2_class(b1)) << 8);
            int node = 1;
            for (int k = 0; k < 8; k++)
                node = (node << 1) | rc_bit_static(&rc, t[node]);
            if (rc.overrun)
                return *why = "its end before the last byte", -1;
            out[i] = node - 256;
            b2 = b1;
            b1 = out[i];
        }
    }
    if (rc.p != rc.end)
        return *why = "bytes left after the last decision", -1;
    return 0;
}

/* --- 6.2 order and 6.5 to 6.7 chunk syntax ----------------------------------------------------------------------- */

void ff_m3c_state_resume(M3cState *st, uint32_t clip, uint64_t first_frame)
{
    st->clips_read     = clip;
    st->keyframes_read = clip;
    st->frames_read    = first_frame;
    st->texts_left     = 0;
    st->in_group       = 0;
    st->trailing_read  = 0;
    st->ntargets       = 0;
}

static int order_fail(void *logctx, const M3cChunk *c, const char *req, const char *expected)
{
    return ff_m3c_fail(logctx, c->offset, req, "/chunk/chunk_type", "expected %s, found chunk type 0x%02X",
                       expected, c->type);
}

static int clip_header(void *logctx, M3cState *st, const M3cChunk *c)
{
    const M3cStreamHeader *sh = &st->sh;
    PayloadReader r;
    uint32_t clip_index, first_frame, count, mode, texts;
    int64_t at;

    if (st->in_group == 1)
        return order_fail(logctx, c, "ST-3", "the keyframe of the clip before another critical chunk");
    if (st->texts_left)
        return order_fail(logctx, c, "ST-5", "another text chunk of the clip group");
    if (st->trailing_read)
        return order_fail(logctx, c, "ST-4", "end_of_stream after the trailing keyframe");
    reader_init(&r, logctx, c, "/clip_header");
    at = reader_pos(&r);
    clip_index = read_leb128(&r, "clip_index");
    if (!r.error && (clip_index != st->clips_read || clip_index >= sh->clip_count))
        return reader_fail(&r, at, "CL-1", "clip_index", "expected %"PRIu32" (of clip_count %"PRIu32"), found %"PRIu32,
                           st->clips_read, sh->clip_count, clip_index);
    at = reader_pos(&r);
    first_frame = read_leb128(&r, "first_frame");
    if (!r.error && first_frame != st->frames_read)
        return reader_fail(&r, at, "CL-2", "first_frame", "expected %"PRIu64", found %"PRIu32,
                           st->frames_read, first_frame);
    count = read_leb128_in(&r, "clip_frame_count", 1, M3C_MAX_CLIP_FRAMES, "CL-3");
    at = reader_pos(&r);
    mode = read_u8(&r, "clip_mode");
    if (!r.error && mode > 1)
        return reader_fail(&r, at, "CL-4", "clip_mode", "expected 0 (prediction) or 1 (interpolation), found %"PRIu32,
                           mode);
    if (!r.error && mode == 1 && clip_index + 1 >= sh->keyframe_count)
        return reader_fail(&r, at, "CL-5", "clip_mode",
                           "expected 0 (prediction) for a clip without an end keyframe (keyframe_count %"PRIu32"), found 1",
                           sh->keyframe_count);
    texts = read_leb128_in(&r, "clip_text_count", 0, M3C_MAX_CLIP_TEXT_COUNT, "CL-6");
    if (end_of_payload(&r) < 0)
        return r.error;
    if (st->frames_read + count > sh->frame_count)
        return ff_m3c_fail(logctx, c->offset, "EN-2", "/clip_header/clip_frame_count",
                           "expected clips of at most frame_count %"PRIu32" frames in all, found %"PRIu64,
                           sh->frame_count, st->frames_read + count);
    st->clips_read++;
    st->frames_read      += count;
    st->group_first_frame = first_frame;
    st->group_frame_count = count;
    st->clip_mode         = mode;
    st->texts_left        = texts;
    st->in_group          = 1;
    st->ntargets          = 0;
    return 0;
}

static int keyframe(void *logctx, M3cState *st, const M3cChunk *c)
{
    const M3cStreamHeader *sh = &st->sh;
    PayloadReader r;
    uint32_t index, frame, coding, expected_frame;
    int trailing = st->in_group != 1;
    int64_t at;

    if (st->in_group == 0 && st->clips_read == 0)
        return order_fail(logctx, c, "ST-4", "a clip_header before the first keyframe");
    if (st->in_group == 2 && st->texts_left)
        return order_fail(logctx, c, "ST-5", "another text chunk of the clip group");
    // After the last clip group, a keyframe beyond keyframe_count is reported by its index (KF-1) below.
    if (trailing && st->clips_read < sh->clip_count)
        return order_fail(logctx, c, "ST-4", "a clip_header");
    reader_init(&r, logctx, c, "/keyframe");
    at = reader_pos(&r);
    index = read_leb128(&r, "keyframe_index");
    if (!r.error && (index != st->keyframes_read || index >= sh->keyframe_count))
        return reader_fail(&r, at, "KF-1", "keyframe_index",
                           "expected %"PRIu32" (of keyframe_count %"PRIu32"), found %"PRIu32,
                           st->keyframes_read, sh->keyframe_count, index);
    at = reader_pos(&r);
    frame = read_leb128(&r, "keyframe_frame");
    expected_frame = trailing ? sh->frame_count - 1 : st->group_first_frame;
    if (!r.error && frame != expected_frame)
        return reader_fail(&r, at, "KF-2", "keyframe_frame", "expected %"PRIu32", found %"PRIu32,
                           expected_frame, frame);
    if (!r.error && trailing && frame <= st->group_first_frame)
        return reader_fail(&r, at, "KF-2", "keyframe_frame",
                           "expected a trailing keyframe after the first frame %"PRIu32" of the last clip, found %"PRIu32,
                           st->group_first_frame, frame);
    at = reader_pos(&r);
    coding = read_u8(&r, "plane_coding");
    if (!r.error && coding > 1)
        return reader_fail(&r, at, "KF-3", "plane_coding", "expected 0 (raw) or 1 (context_range), found %"PRIu32,
                           coding);
    if (r.error)
        return r.error;
    at = reader_pos(&r);
    if (coding == 0 ? plane_raw(&r, sh, at) : plane_context_range(&r, sh, at))
        return r.error ? r.error : AVERROR(ENOMEM);
    st->keyframes_read++;
    if (trailing)
        st->trailing_read = 1;
    else
        st->in_group = 2;
    return 0;
}

static int text(void *logctx, M3cState *st, const M3cChunk *c)
{
    const M3cStreamHeader *sh = &st->sh;
    PayloadReader r;
    uint32_t role, target, coder, lang_len, size;
    int64_t at;
    const char *why = NULL;
    uint8_t *out;
    int last_group = st->clips_read == sh->clip_count;

    if (st->in_group != 2 || !st->texts_left)
        return order_fail(logctx, c, st->in_group == 1 ? "ST-3" : "ST-5",
                          st->in_group == 1 ? "the keyframe of the clip" : "no more text chunks in the clip group");
    reader_init(&r, logctx, c, "/text");
    at = reader_pos(&r);
    role = read_u8(&r, "text_role");
    if (!r.error && role > 2)
        return reader_fail(&r, at, "TX-1", "text_role",
                           "expected 0 (keyframe_description), 1 (clip_description) or 2 (other), found %"PRIu32, role);
    at = reader_pos(&r);
    target = read_leb128(&r, "text_target");
    if (!r.error) {
        uint32_t clip = st->clips_read - 1;
        int ok = role == 2 ? target == 0
               : role == 1 ? target == clip
               : target == clip || (last_group && sh->keyframe_count > sh->clip_count && target == sh->clip_count);
        if (!ok)
            return reader_fail(&r, at, "TX-2", "text_target", "expected %s, found %"PRIu32,
                               role == 2 ? "0 for role other" : role == 1 ? "the clip of the group"
                                                                          : "a keyframe of the group", target);
        if (role != 2) {
            uint32_t key = role << 24 | target;
            for (int i = 0; i < st->ntargets; i++)
                if (st->targets[i] == key)
                    return reader_fail(&r, at, "TX-8", "text_target",
                                       "expected one description per target and role, found a second for %"PRIu32,
                                       target);
            st->targets[st->ntargets++] = key;
        }
    }
    at = reader_pos(&r);
    coder = read_u8(&r, "text_coder");
    if (!r.error && coder != 0 && coder != sh->text_coder)
        return reader_fail(&r, at, "TX-3", "text_coder", "expected 0 (raw) or the stream_header's text_coder %d, found %"PRIu32,
                           sh->text_coder, coder);
    at = reader_pos(&r);
    lang_len = read_leb128(&r, "text_language");
    if (!r.error && (lang_len < 1 || lang_len > M3C_MAX_LANGUAGE_BYTES))
        return reader_fail(&r, at, "TX-4", "text_language", "expected 1 to %d bytes, found %"PRIu32,
                           M3C_MAX_LANGUAGE_BYTES, lang_len);
    if (need(&r, "text_language", lang_len)) {
        // a string is UTF-8 first (BS-2, 4.2), then a tag of the allowed characters (TX-4)
        if (!valid_utf8(r.p, lang_len))
            return reader_fail(&r, at, "BS-2", "text_language", "expected valid UTF-8, found invalid bytes");
        for (uint32_t i = 0; i < lang_len; i++) {
            uint8_t ch = r.p[i];
            if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-'))
                return reader_fail(&r, at, "TX-4", "text_language",
                                   "expected ASCII letters, digits and '-', found byte 0x%02X", ch);
        }
        r.p += lang_len;
    }
    at = reader_pos(&r);
    size = read_leb128_in(&r, "text_size", 0, M3C_MAX_TEXT_SIZE, "TX-5");
    if (r.error)
        return r.error;
    at = reader_pos(&r);
    if (coder == 0) {
        if (r.end - r.p != size)
            return reader_fail(&r, at, "TX-6", "text_data", "expected text_size %"PRIu32" bytes, found %d",
                               size, (int)(r.end - r.p));
        if (!valid_utf8(r.p, size))
            return reader_fail(&r, at, "TX-7", "text_data", "expected valid UTF-8, found invalid bytes");
    } else {
        out = av_malloc(FFMAX(size, 1));
        if (!out)
            return AVERROR(ENOMEM);
        if ((coder == 1 ? lzw_decode : order2_decode)(r.p, r.end - r.p, out, size, &why) < 0) {
            av_free(out);
            return reader_fail(&r, at, "TX-6", "text_data", "expected %s of %"PRIu32" bytes, found %s",
                               coder == 1 ? "an LZW code stream" : "an order2 range code", size, why);
        }
        if (!valid_utf8(out, size)) {
            av_free(out);
            return reader_fail(&r, at, "TX-7", "text_data", "expected valid UTF-8, found invalid bytes");
        }
        av_free(out);
    }
    st->texts_left--;
    return 0;
}

int ff_m3c_state_chunk(void *logctx, M3cState *st, const M3cChunk *c)
{
    switch (c->type) {
    case M3C_STREAM_HEADER:
        return order_fail(logctx, c, "ST-1", "one stream_header only, at the start");
    case M3C_SEEK_INDEX:
        return order_fail(logctx, c, "ST-2", "a seek_index only directly after the stream_header");
    case M3C_CLIP_HEADER:
        return clip_header(logctx, st, c);
    case M3C_KEYFRAME:
        return keyframe(logctx, st, c);
    case M3C_TEXT:
        return text(logctx, st, c);
    case M3C_END_OF_STREAM:
        return ff_m3c_state_end(logctx, st, c);
    default:
        if (!(c->type & M3C_ANCILLARY_BIT))
            return ff_m3c_fail(logctx, c->offset, "CK-5", "/chunk/chunk_type",
                               "expected a critical chunk type of version 1 (0x01 to 0x05), found 0x%02X", c->type);
        return 0;   // 6.9: an unknown ancillary chunk is skipped; its framing and CRC are checked
    }
}

int ff_m3c_state_end(void *logctx, M3cState *st, const M3cChunk *c)
{
    const M3cStreamHeader *sh = &st->sh;
    if (c->size)
        return ff_m3c_fail(logctx, c->offset + 1, "EN-1", "/end_of_stream/chunk_size", "expected 0, found %"PRIu32,
                           c->size);
    if (st->in_group == 1)
        return order_fail(logctx, c, "ST-3", "the keyframe of the clip before another critical chunk");
    if (st->texts_left)
        return order_fail(logctx, c, "ST-5", "another text chunk of the clip group");
    if (st->clips_read != sh->clip_count || st->keyframes_read != sh->keyframe_count ||
        st->frames_read != sh->frame_count)
        return ff_m3c_fail(logctx, c->offset, "EN-2", "/end_of_stream",
                           "expected %"PRIu32" clips, %"PRIu32" keyframes and %"PRIu32" frames, found %"PRIu32", %"PRIu32
                           " and %"PRIu64, sh->clip_count, sh->keyframe_count, sh->frame_count,
                           st->clips_read, st->keyframes_read, st->frames_read);
    return 0;
}
