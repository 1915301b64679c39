/*
 * m3cvc bridge ABI: the C functions libm3cvcbridge.so exports for a host (the m3cvc codec of the patched FFmpeg) to
 * reach the Java codec. Version 1. A host loads the library with dlopen, checks m3cvc_abi_version() against
 * M3CVC_BRIDGE_ABI_VERSION, and looks each function up by the name given here.
 *
 * Every function may be called from any thread; calls on one handle must not overlap. The first call of a function
 * other than m3cvc_abi_version starts a JVM in the process (once, with -Xrs so that the host keeps its signal
 * handlers); a failure to start it is M3CVC_ERR_JVM. Functions that take err/errcap write a NUL-terminated UTF-8
 * message there on failure (truncated to errcap bytes). No function lets a Java exception reach the host.
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
#ifndef AVCODEC_M3CVC_BRIDGE_H
#define AVCODEC_M3CVC_BRIDGE_H

#include <stdint.h>

#define M3CVC_BRIDGE_ABI_VERSION 1

#define M3CVC_OK                    0
#define M3CVC_ERR_INVALID_ARGUMENT (-1) /* an option, handle or call order the bridge refuses */
#define M3CVC_ERR_INVALID_DATA     (-2) /* a stream (extradata or packet) that does not conform */
#define M3CVC_ERR_PACK             (-3) /* a model pack missing, damaged, or not the stream's */
#define M3CVC_ERR_IO               (-4) /* reading or writing failed, or the input cannot be encoded */
#define M3CVC_ERR_AGAIN            (-5) /* not available yet */
#define M3CVC_ERR_INTERNAL         (-6) /* a bug: anything else the Java side threw */
#define M3CVC_ERR_JVM              (-7) /* the JVM or the codec's classes could not be started */

/* Timing of an encoder input frame: [pts, duration (0 if unknown), time_base num, time_base den,
 * frame rate num, frame rate den (for a frame without duration), reserved (0)]. */
#define M3CVC_TIMING_COUNT 7

#ifdef __cplusplus
extern "C" {
#endif

/* M3CVC_BRIDGE_ABI_VERSION of the library. Starts no JVM. */
typedef int32_t (*m3cvc_abi_version_fn)(void);

/* Opens an encoder. options: arguments of `m3cvc encode`, one per line (e.g. "--pack\n/dir\n--bpp\n0.004").
 * info[0..1]: the coded frame rate (num, den). Returns a handle > 0, or an error code. */
typedef int64_t (*m3cvc_encoder_open_fn)(const char *options, int64_t *info, char *err, int32_t errcap);

/* One RGB24 picture (any size: scaled to cover the coded size and centre-cropped), height rows linesize bytes apart,
 * timing as M3CVC_TIMING_COUNT values. May block while the encoder is behind. */
typedef int32_t (*m3cvc_encoder_send_frame_fn)(int64_t enc, const uint8_t *rgb24, int32_t width, int32_t height,
                                               int32_t linesize, int64_t *timing, char *err, int32_t errcap);

/* Ends the input and runs the encoder to the end of the stream; packets are available afterwards. */
typedef int32_t (*m3cvc_encoder_finish_fn)(int64_t enc, char *err, int32_t errcap);

/* After finish: the extradata (spec Annex C). Returns its size, copying it when cap >= size. */
typedef int32_t (*m3cvc_encoder_extradata_fn)(int64_t enc, uint8_t *buf, int32_t cap, char *err, int32_t errcap);

/* After finish: the next packet (one clip group). Returns its size and sets info[0..1] to (first frame, frame count),
 * taking the packet only when cap >= size (call again with a larger buffer otherwise); 0 when none is left. */
typedef int32_t (*m3cvc_encoder_receive_packet_fn)(int64_t enc, uint8_t *buf, int32_t cap, int64_t *info,
                                                   char *err, int32_t errcap);

/* Opens a decoder for the stream whose extradata is given. options: `m3cvc decode` arguments (--pack, --device,
 * --threads, --force-pack), one per line. info[0..4]: display width, height, frame rate num, den, frame count. */
typedef int64_t (*m3cvc_decoder_open_fn)(const char *options, const uint8_t *extradata, int32_t size, int64_t *info,
                                         char *err, int32_t errcap);

/* Sends one packet (pos: its offset in the stream, or -1); NULL data ends the input. Call only after
 * receive_frame returned 0. */
typedef int32_t (*m3cvc_decoder_send_packet_fn)(int64_t dec, const uint8_t *data, int32_t size, int64_t pos,
                                                char *err, int32_t errcap);

/* Writes the next frame (display size, RGB24) to dst, rows linesize bytes apart; info[0..1] = (frame index,
 * 1 if the clip's keyframe). Returns 1 for a frame, 0 when a packet (or the end) must be sent first. */
typedef int32_t (*m3cvc_decoder_receive_frame_fn)(int64_t dec, uint8_t *dst, int32_t linesize, int64_t *info,
                                                  char *err, int32_t errcap);

/* Drops all state but the stream header (a seek): the next packet may be any clip group. */
typedef int32_t (*m3cvc_decoder_flush_fn)(int64_t dec);

/* Closes an encoder (without finish: no stream) or a decoder. */
typedef int32_t (*m3cvc_close_fn)(int64_t handle);

#ifdef __cplusplus
}
#endif

#endif /* AVCODEC_M3CVC_BRIDGE_H */
