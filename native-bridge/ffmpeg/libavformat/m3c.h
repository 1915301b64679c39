/*
 * m3c (m3cvc generative video) container: elements, limits and checks shared by the demuxer and the muxer
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

#ifndef AVFORMAT_M3C_H
#define AVFORMAT_M3C_H

/*
 * Element names, requirement ids (e.g. [CK-3]) and clause numbers refer to the m3c specification,
 * spec/m3c.md of the m3cvc repository, format version 1.
 *
 * Packet mapping (spec Annex C): the codec extradata is the stream_header chunk exactly as stored (type, size,
 * payload, CRC), followed by any ancillary chunks that precede clip group 0 (not the seek_index, which the muxer
 * recomputes). A packet is clip group i exactly as stored: its clip_header chunk and every chunk up to, not
 * including, the next clip_header or end_of_stream (keyframe, texts, ancillary chunks and, for the last clip, the
 * trailing keyframe). pts = first_frame, duration = clip_frame_count, time base = frame_rate_den / frame_rate_num,
 * every packet a keyframe.
 */

#include <stddef.h>
#include <stdint.h>

#include "libavutil/attributes.h"

#define M3C_SIGNATURE           "\x89M3C\r\n\x1a\n"
#define M3C_SIGNATURE_SIZE      8
#define M3C_FILE_HEADER_SIZE    16
#define M3C_FORMAT_VERSION      1   ///< the version this reader implements and this writer follows

/* 6.1 chunk types */
#define M3C_STREAM_HEADER       0x01
#define M3C_CLIP_HEADER         0x02
#define M3C_KEYFRAME            0x03
#define M3C_TEXT                0x04
#define M3C_END_OF_STREAM       0x05
#define M3C_SEEK_INDEX          0x81
#define M3C_ANCILLARY_BIT       0x80

/*
 * 5.3: in a fuzzing build (FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION, set by native-bridge/ffmpeg/fuzz only) a CRC
 * mismatch is not an error, so that mutated inputs reach the checks behind the framing instead of all stopping at
 * CK-3 or FH-5, as libpng's and zlib's fuzz builds do. The CRC error paths stay covered by the invalid conformance
 * streams in native-bridge/ffmpeg/test.
 */
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
#define M3C_CRC_MISMATCH(computed, stored) ((void)(computed), (void)(stored), 0)
#else
#define M3C_CRC_MISMATCH(computed, stored) ((computed) != (stored))
#endif

/* 9.1 limits */
#define M3C_MAX_CHUNK_SIZE      (1 << 20)
#define M3C_MAX_CODED_DIMENSION 4096
#define M3C_MAX_FRAME_RATE_TERM 1000000
#define M3C_MAX_FRAME_COUNT     (1 << 24)
#define M3C_MAX_CLIP_COUNT      65536
#define M3C_MAX_CLIP_FRAMES     4096
#define M3C_MAX_PLANE_DIMENSION 256
#define M3C_MIN_CODEBOOK_SIZE   2
#define M3C_MAX_CODEBOOK_SIZE   4096
#define M3C_MAX_LATENT_CHANNELS 64
#define M3C_MAX_LATENT_DIMENSION 1024
#define M3C_MAX_LATENT_ELEMENTS (1 << 22)
#define M3C_MAX_PACK_NAME_BYTES 255
#define M3C_MAX_LANGUAGE_BYTES  35
#define M3C_MAX_CLIP_TEXT_COUNT 16
#define M3C_MAX_TEXT_SIZE       65536
#define M3C_MAX_SAMPLER_STEPS   1000

/** Largest chunk as stored: type, a 5-byte leb128 size, the payload and the CRC. */
#define M3C_MAX_CHUNK_BYTES     (1 + 5 + M3C_MAX_CHUNK_SIZE + 4)
/**
 * Largest packet (clip group) this implementation accepts: the spec bounds the critical chunks of a group
 * (clip_header, keyframe, 16 texts, trailing keyframe) but not the number of ancillary chunks inside it.
 */
#define M3C_MAX_PACKET_SIZE     (64 << 20)

/** The end_of_stream chunk is always these 6 bytes (6.8). */
#define M3C_END_OF_STREAM_CHUNK "\x05\x00\xAC\x49\x8E\x79"

typedef struct M3cStreamHeader {
    uint32_t coded_width, coded_height;
    uint32_t display_width, display_height;
    uint32_t frame_rate_num, frame_rate_den;
    uint32_t frame_count, clip_count, keyframe_count;
    uint32_t plane_width, plane_height, codebook_size;
    uint32_t latent_channels, latent_height, latent_width;
    uint8_t  pack_sha256[32];
    char     pack_name[M3C_MAX_PACK_NAME_BYTES + 1];
    uint8_t  text_coder, sampler_id;
    uint32_t sampler_steps;
    uint16_t guidance_scale_q8;
    uint64_t noise_seed;
} M3cStreamHeader;

/** A chunk framed in memory: data points at chunk_type; the payload and the CRC follow the head. */
typedef struct M3cChunk {
    int64_t        offset;      ///< file offset of chunk_type (for messages)
    int            type;
    uint32_t       size;        ///< chunk_size: payload bytes
    int            head_size;   ///< 1 + length of the chunk_size leb128
    const uint8_t *data;
    const uint8_t *payload;
    int            total_size;  ///< head_size + size + 4
} M3cChunk;

/**
 * Sequential reader state (6.2): the state machine that checks the order of chunks, fed one chunk at a time.
 * The demuxer runs it on the file, the muxer on what it writes, so both enforce one grammar.
 */
typedef struct M3cState {
    M3cStreamHeader sh;
    uint32_t clips_read;        ///< clip_header chunks read (or taken as read after a seek, clause 7)
    uint32_t keyframes_read;
    uint64_t frames_read;       ///< sum of clip_frame_count of the clips read
    uint32_t texts_left;        ///< text chunks still expected in the current group (ST-5)
    int      in_group;          ///< a clip_header was read; its keyframe not yet (ST-3) when 1, read when 2
    uint32_t group_first_frame; ///< first_frame of the current clip
    uint32_t group_frame_count;
    uint8_t  clip_mode;
    int      trailing_read;
    int      ntargets;          ///< descriptions of the current group (TX-8)
    uint32_t targets[M3C_MAX_CLIP_TEXT_COUNT];
} M3cState;

/** CRC-32C (5.3) of buf, as stored in the stream. */
uint32_t ff_m3c_crc32c(const uint8_t *buf, size_t len);

/** Number of bytes of the minimal leb128 coding of v (4.2). */
int ff_m3c_leb128_size(uint32_t v);

/** Writes the minimal leb128 coding of v at p; returns the number of bytes written (at most 5). */
int ff_m3c_put_leb128(uint8_t *p, uint32_t v);

/**
 * Reports a broken requirement in the reference reader's shape:
 * "offset 0x60: /clip_header/clip_mode: expected ..., found ... [CL-4, unsupported]".
 * @return AVERROR_PATCHWELCOME for a requirement of kind unsupported, AVERROR_INVALIDDATA otherwise
 */
int ff_m3c_fail(void *logctx, int64_t offset, const char *req, const char *path, const char *fmt, ...)
    av_printf_format(5, 6);

/**
 * Frames the chunk at buf (5.2): checks the size (BS-1, CK-2), that it lies inside the len bytes (CK-1) and its CRC
 * (CK-3), in that order. Does not look at the type.
 * @return 0 and *c filled, or a negative AVERROR after logging
 */
int ff_m3c_frame_chunk(void *logctx, const uint8_t *buf, int len, int64_t offset, M3cChunk *c);

/** Parses and checks a stream_header payload (6.3: SH-1 to SH-13, BS-1, BS-2, CK-4). */
int ff_m3c_parse_stream_header(void *logctx, const M3cChunk *c, M3cStreamHeader *sh);

/** Resets st to the state after the stream_header (and seek_index), resumed at clip group clip (clause 7). */
void ff_m3c_state_resume(M3cState *st, uint32_t clip, uint64_t first_frame);

/**
 * Checks one chunk after the stream_header in stream order (6.2 and 6.4 to 6.9): order, syntax, ranges, and the
 * coded data of keyframes and texts (8.2, 8.3). Ancillary chunks of unknown type only need framing.
 * @return 0, or a negative AVERROR after logging the broken requirement
 */
int ff_m3c_state_chunk(void *logctx, M3cState *st, const M3cChunk *c);

/** Checks what must hold at end_of_stream (EN-1, EN-2, ST-4). */
int ff_m3c_state_end(void *logctx, M3cState *st, const M3cChunk *c);

#endif /* AVFORMAT_M3C_H */
