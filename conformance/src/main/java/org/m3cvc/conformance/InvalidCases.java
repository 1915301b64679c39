package org.m3cvc.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.m3cvc.container.bits.BitWriter;
import org.m3cvc.container.chunk.ChunkType;
import org.m3cvc.container.seek.SeekIndex;
import org.m3cvc.container.clip.ClipHeader;
import org.m3cvc.container.clip.ClipMode;
import org.m3cvc.container.header.FileHeader;
import org.m3cvc.container.keyframe.Keyframe;
import org.m3cvc.container.keyframe.PlaneCoding;
import org.m3cvc.container.text.Lzw;
import org.m3cvc.container.text.Order2;
import org.m3cvc.container.text.TextChunk;
import org.m3cvc.container.text.TextCoder;
import org.m3cvc.container.text.TextRole;

/**
 * The invalid streams of the suite. Each starts from a valid stream and changes one thing, so that it breaks exactly
 * the requirement it is named after; chunk CRCs and the seek index are recomputed unless the case is about them.
 */
final class InvalidCases {
    private InvalidCases() {}

    private static final List<Case> cases = new ArrayList<>();

    /** The reference stream: 3 clips of 8, 8, 4 frames, trailing keyframe, LZW descriptions, seek index. */
    static StreamSpec ref() {
        return new Base().lzwDescriptions("en").build();
    }

    private static void add(String req, String name, String description, StreamSpec s) {
        cases.add(new Case("i_" + req.toLowerCase().replace("-", "") + "_" + name, description, s, req));
    }

    private static void add(String req, String name, String description, Consumer<StreamSpec> change) {
        StreamSpec s = ref();
        change.accept(s);
        add(req, name, description, s);
    }

    /** A case on the stream with order2 descriptions: {@code change} replaces its first text (keyframe 0's). */
    private static void addOrder2(String req, String name, String description,
                                  java.util.function.UnaryOperator<TextChunk> change) {
        StreamSpec s = new Base().order2Descriptions("en").build();
        ChunkSpec c = s.chunk(ChunkType.TEXT, 0);
        c.payload = change.apply((TextChunk) c.syntax).toPayload();
        add(req, name, description, s);
    }

    static byte[] concat(byte[] a, byte... b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static TextChunk text(int role, int target, int coder, String lang, int size, byte[] data) {
        return new TextChunk(role, target, coder, lang, size, data, null);
    }

    static Keyframe keyframe(int index, int frame, int coding, byte[] data) {
        return new Keyframe(index, frame, coding, data, null);
    }

    static synchronized List<Case> all() {
        cases.clear();
        add("BS-1", "leb128_not_minimal", "clip_frame_count 8 coded as 88 00 (two bytes)", s ->
                s.chunk(ChunkType.CLIP_HEADER, 0).payload = new byte[] {0, 0, (byte) 0x88, 0, 1, 2});
        add("BS-1", "leb128_over_32_bits", "clip_index coded as 2^32 in five leb128 bytes", s ->
                s.chunk(ChunkType.CLIP_HEADER, 0).payload = new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80,
                        (byte) 0x80, 0x10, 0, 8, 1, 2});
        add("BS-2", "language_not_utf8", "text_language holds the bytes C3 28 (malformed UTF-8)", s -> {
            byte[] data = Lzw.encode("x".getBytes());
            s.chunk(ChunkType.TEXT, 0).payload = new BitWriter().u8(0).leb128(0).u8(1).leb128(2).u8(0xC3).u8(0x28)
                    .leb128(1).bytes(data).toByteArray();
        });

        add("FH-1", "png_signature", "A PNG signature instead of the .m3c one", s -> {
            byte[] fh = s.fileHeader.clone();
            System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, 0, fh, 0, 4);
            s.fileHeader = fh;
        });
        StreamSpec empty = ref();
        empty.truncateTo = 0;
        add("FH-1", "empty_file", "An empty file", empty);
        add("FH-2", "read_version_zero", "read_version 0 (file_header_crc updated)", s ->
                s.fileHeader = new FileHeader(1, 0, 0).toBytes());
        add("FH-2", "read_newer_than_format", "read_version 2 > format_version 1", s ->
                s.fileHeader = new FileHeader(1, 2, 0).toBytes());
        add("FH-3", "read_version_2", "format_version and read_version 2: a stream for a newer reader", s ->
                s.fileHeader = new FileHeader(2, 2, 0).toBytes());
        add("FH-4", "file_flags_set", "file_flags 1 (file_header_crc updated)", s ->
                s.fileHeader = new FileHeader(1, 1, 1).toBytes());
        add("FH-5", "header_crc", "file_header_crc off by one bit", s -> {
            byte[] fh = s.fileHeader.clone();
            fh[15] ^= 1;
            s.fileHeader = fh;
        });

        StreamSpec trunc = ref();
        trunc.truncateTo = trunc.toBytes().length - 20;
        add("CK-1", "truncated_payload", "File cut inside the trailing keyframe's payload", trunc);
        StreamSpec truncCrc = ref();
        truncCrc.truncateTo = truncCrc.toBytes().length - 2;
        add("CK-1", "truncated_crc", "File cut inside the end_of_stream chunk_crc", truncCrc);
        add("CK-2", "chunk_size_over_limit", "An ancillary chunk declaring max_chunk_size + 1 bytes", s -> {
            ChunkSpec big = new ChunkSpec(0xC0, new byte[0], null);
            big.framedOverride = new BitWriter().u8(0xC0).leb128(1_048_577).toByteArray();
            s.body.add(s.find(ChunkType.CLIP_HEADER, 1), big);
        });
        add("CK-3", "payload_bit_flip", "One bit of keyframe 1's plane_data flipped; chunk_crc unchanged", s -> {
            ChunkSpec k = s.chunk(ChunkType.KEYFRAME, 1);
            byte[] f = k.framed();
            f[f.length - 10] ^= 0x10;
            k.framedOverride = f;
        });
        add("CK-4", "clip_header_trailing_byte", "clip_header payload with one byte after clip_text_count", s -> {
            ChunkSpec c = s.chunk(ChunkType.CLIP_HEADER, 0);
            c.payload = concat(c.payload, (byte) 0);
        });
        add("CK-4", "stream_header_short", "stream_header payload missing the last byte of noise_seed", s -> {
            byte[] p = s.header.build().toPayload();
            s.headerPayloadOverride = Arrays.copyOf(p, p.length - 1);
        });
        add("CK-5", "unknown_critical_chunk", "A critical chunk of undefined type 0x10 between clip groups", s ->
                s.body.add(s.find(ChunkType.CLIP_HEADER, 1), new ChunkSpec(0x10, new byte[] {1}, null)));

        add("ST-1", "no_stream_header", "The first chunk is a clip_header; there is no stream_header", s -> {
            s.seekIndex = false;
            s.omitStreamHeader = true;
        });
        add("ST-1", "second_stream_header", "A second stream_header after the first clip group", s ->
                s.body.add(s.find(ChunkType.CLIP_HEADER, 1), new ChunkSpec(ChunkType.STREAM_HEADER.code(),
                        s.header.build().toPayload(), null)));
        add("ST-2", "late_seek_index", "The seek_index after the first clip group instead of after the stream_header",
                s -> {
                    s.seekIndex = false;
                    s.body.add(s.find(ChunkType.CLIP_HEADER, 1), new ChunkSpec(ChunkType.SEEK_INDEX.code(),
                            new byte[] {3, 0, 0, 0, 0, 0, 0}, null));
                });
        add("ST-3", "text_before_keyframe", "Clip 0's first text comes before its keyframe", s -> {
            int k = s.find(ChunkType.KEYFRAME, 0);
            ChunkSpec kf = s.body.remove(k);
            s.body.add(k + 1, kf);
        });
        add("ST-3", "clip_header_twice", "Two clip_headers in a row: clip 1's keyframe is missing", s -> {
            int k = s.find(ChunkType.KEYFRAME, 1);
            s.body.remove(k);
            s.body.remove(k);
            s.body.remove(k);
        });
        add("ST-4", "keyframe_without_clip", "An extra keyframe between clip groups 0 and 1", s ->
                s.body.add(s.find(ChunkType.CLIP_HEADER, 1), ChunkSpec.of((Keyframe) s.chunk(ChunkType.KEYFRAME, 1).syntax)));
        add("ST-5", "missing_text", "clip_text_count 2 but only one text follows", s ->
                s.body.remove(s.find(ChunkType.TEXT, 1)));
        add("ST-5", "extra_text", "clip_text_count 2 but three texts follow", s ->
                s.body.add(s.find(ChunkType.TEXT, 1) + 1, ChunkSpec.of(TextChunk.of(TextRole.OTHER, 0, TextCoder.LZW,
                        "en", "one too many"))));
        add("ST-6", "missing_end", "The stream ends without end_of_stream", s ->
                s.body.remove(s.find(ChunkType.END_OF_STREAM, 0)));
        add("ST-6", "bytes_after_end", "One byte after end_of_stream", s -> s.tail = new byte[] {0});

        add("SH-1", "odd_width", "coded_width 511 (odd)", s -> s.header(b -> { b.codedWidth = 511; b.displayWidth = 511; }));
        add("SH-1", "height_over_limit", "coded_height 4098 > max_coded_dimension", s -> s.header(b -> b.codedHeight = 4098));
        add("SH-2", "display_wider_than_coded", "display_width 514 > coded_width 512", s -> s.header(b -> b.displayWidth = 514));
        add("SH-3", "frame_rate_den_zero", "frame_rate_den 0", s -> s.header(b -> b.frameRateDen = 0));
        add("SH-4", "frame_count_zero", "frame_count 0", s -> s.header(b -> b.frameCount = 0));
        add("SH-4", "frame_count_over_limit", "frame_count 2^24 + 1", s -> s.header(b -> b.frameCount = (1 << 24) + 1));
        add("SH-5", "more_clips_than_frames", "clip_count 21 > frame_count 20", s -> s.header(b -> b.clipCount = 21));
        add("SH-6", "keyframe_count_too_high", "keyframe_count = clip_count + 2", s -> s.header(b -> b.keyframeCount = 5));
        add("SH-7", "plane_width_zero", "plane_width 0", s -> s.header(b -> b.planeWidth = 0));
        add("SH-7", "plane_height_over_limit", "plane_height 257", s -> s.header(b -> b.planeHeight = 257));
        add("SH-8", "codebook_of_one", "codebook_size 1", s -> s.header(b -> b.codebookSize = 1));
        add("SH-8", "codebook_over_limit", "codebook_size 4097", s -> s.header(b -> b.codebookSize = 4097));
        add("SH-9", "latent_too_many_elements", "latent 64x1024x1024 > max_latent_elements", s -> s.header(b -> {
            b.latentChannels = 64; b.latentHeight = 1024; b.latentWidth = 1024; }));
        add("SH-9", "latent_channels_over_limit", "latent_channels 65", s -> s.header(b -> b.latentChannels = 65));
        add("SH-10", "pack_name_too_long", "pack_name of 256 bytes", s -> s.header(b -> b.packName = "p".repeat(256)));
        add("SH-11", "unknown_text_coder", "stream_header text_coder 3", s -> s.header(b -> b.textCoder = 3));
        add("SH-12", "unknown_sampler", "sampler_id 2", s -> s.header(b -> b.samplerId = 2));
        add("SH-13", "zero_steps", "sampler_steps 0", s -> s.header(b -> b.samplerSteps = 0));
        add("SH-13", "too_many_steps", "sampler_steps 1001", s -> s.header(b -> b.samplerSteps = 1001));

        add("SI-1", "entry_count", "seek_entry_count 2 for 3 clips", s ->
                s.seekPayloadOverride = new byte[] {2, 0, 0, 0, 0});
        add("SI-2", "offset_off_by_one", "Seek entry 1's offset delta one byte too large", s -> {
            SeekIndex si = s.computedSeekIndex();
            long[] od = si.seekOffsetDeltas().clone();
            od[1] += 1;
            s.seekPayloadOverride = new SeekIndex(od, si.seekFrameDeltas()).toPayload();
        });
        add("SI-2", "frame_delta_wrong", "Seek entry 2's frame delta 7 instead of 8", s -> {
            SeekIndex si = s.computedSeekIndex();
            long[] fd = si.seekFrameDeltas().clone();
            fd[2] -= 1;
            s.seekPayloadOverride = new SeekIndex(si.seekOffsetDeltas(), fd).toPayload();
        });

        add("CL-1", "clip_index_skips", "The second clip_header says clip_index 2", s -> {
            ChunkSpec c = s.chunk(ChunkType.CLIP_HEADER, 1);
            ClipHeader h = (ClipHeader) c.syntax;
            c.payload = new ClipHeader(2, h.firstFrame(), h.clipFrameCount(), h.clipMode(), h.clipTextCount()).toPayload();
        });
        add("CL-2", "first_frame_gap", "Clip 1 starts at frame 9 instead of 8", s -> {
            ChunkSpec c = s.chunk(ChunkType.CLIP_HEADER, 1);
            ClipHeader h = (ClipHeader) c.syntax;
            c.payload = new ClipHeader(1, 9, h.clipFrameCount(), h.clipMode(), h.clipTextCount()).toPayload();
            c.syntax = new ClipHeader(1, 9, h.clipFrameCount(), h.clipMode(), h.clipTextCount());
        });
        add("CL-3", "zero_frames", "clip_frame_count 0", s -> s.chunk(ChunkType.CLIP_HEADER, 0).payload =
                new ClipHeader(0, 0, 0, 1, 2).toPayload());
        add("CL-3", "too_many_frames", "clip_frame_count 4097", s -> s.chunk(ChunkType.CLIP_HEADER, 0).payload =
                new ClipHeader(0, 0, 4097, 1, 2).toPayload());
        add("CL-4", "unknown_mode", "clip_mode 2", s -> s.chunk(ChunkType.CLIP_HEADER, 0).payload =
                new ClipHeader(0, 0, 8, 2, 2).toPayload());
        Base noTrail = new Base().trailing(false);
        noTrail.mode = i -> ClipMode.INTERPOLATION;
        add("CL-5", "interpolation_without_end_keyframe", "The last clip interpolates but there is no trailing keyframe",
                noTrail.build());
        add("CL-6", "too_many_texts", "clip_text_count 17", s -> s.chunk(ChunkType.CLIP_HEADER, 0).payload =
                new ClipHeader(0, 0, 8, 1, 17).toPayload());

        add("KF-1", "wrong_index", "Clip 0's keyframe says keyframe_index 1", s -> {
            ChunkSpec c = s.chunk(ChunkType.KEYFRAME, 0);
            Keyframe k = (Keyframe) c.syntax;
            c.payload = keyframe(1, 0, k.planeCoding(), k.planeData()).toPayload();
        });
        add("KF-1", "extra_trailing_keyframe", "A trailing keyframe although keyframe_count = clip_count", s -> {
            s.header(b -> b.keyframeCount = 3);
            ClipMode p = ClipMode.PREDICTION;
            ChunkSpec c = s.chunk(ChunkType.CLIP_HEADER, 2);
            ClipHeader h = (ClipHeader) c.syntax;
            c.payload = new ClipHeader(2, h.firstFrame(), h.clipFrameCount(), p.code(), h.clipTextCount()).toPayload();
        });
        add("KF-2", "wrong_frame", "Clip 1's keyframe says keyframe_frame 9 instead of 8", s -> {
            ChunkSpec c = s.chunk(ChunkType.KEYFRAME, 1);
            Keyframe k = (Keyframe) c.syntax;
            c.payload = keyframe(1, 9, k.planeCoding(), k.planeData()).toPayload();
        });
        add("KF-2", "trailing_frame", "The trailing keyframe at frame 18 instead of frame_count - 1 = 19", s -> {
            ChunkSpec c = s.chunk(ChunkType.KEYFRAME, 3);
            Keyframe k = (Keyframe) c.syntax;
            c.payload = keyframe(3, 18, k.planeCoding(), k.planeData()).toPayload();
        });
        add("KF-3", "unknown_plane_coding", "plane_coding 2", s -> {
            ChunkSpec c = s.chunk(ChunkType.KEYFRAME, 0);
            Keyframe k = (Keyframe) c.syntax;
            c.payload = keyframe(0, 0, 2, k.planeData()).toPayload();
        });
        add("KF-4", "range_data_extra_byte", "context_range plane_data with one byte appended", s -> {
            ChunkSpec c = s.chunk(ChunkType.KEYFRAME, 0);
            Keyframe k = (Keyframe) c.syntax;
            c.payload = keyframe(0, 0, k.planeCoding(), concat(k.planeData(), (byte) 0)).toPayload();
        });
        add("KF-4", "range_data_short", "context_range plane_data missing its last byte", s -> {
            ChunkSpec c = s.chunk(ChunkType.KEYFRAME, 0);
            Keyframe k = (Keyframe) c.syntax;
            c.payload = keyframe(0, 0, k.planeCoding(), Arrays.copyOf(k.planeData(), k.planeData().length - 1))
                    .toPayload();
        });
        add("KF-4", "raw_data_short", "raw plane_data one byte short", s -> {
            ChunkSpec c = s.chunk(ChunkType.KEYFRAME, 0);
            c.payload = keyframe(0, 0, PlaneCoding.RAW.code(), new byte[32 * 20 - 1]).toPayload();
        });
        StreamSpec pad = new Base().clips(1).trailing(false).build();
        pad.header(b -> b.plane(3, 1, 1000));
        pad.chunk(ChunkType.KEYFRAME, 0).payload = keyframe(0, 0, PlaneCoding.RAW.code(),
                new BitWriter().u(10, 1).u(10, 2).u(10, 3).u(2, 1).toByteArray()).toPayload();
        add("KF-4", "raw_padding_not_zero", "raw 3x1 plane of 10-bit indices whose 2 padding bits are 01", pad);
        StreamSpec big = new Base().clips(1).trailing(false).build();
        big.header(b -> b.plane(2, 1, 200));
        big.chunk(ChunkType.KEYFRAME, 0).payload = keyframe(0, 0, PlaneCoding.RAW.code(), new byte[] {5, (byte) 255})
                .toPayload();
        add("KF-5", "index_over_codebook", "raw index 255 with codebook_size 200", big);

        add("TX-1", "unknown_role", "text_role 3", s -> {
            TextChunk t = (TextChunk) s.chunk(ChunkType.TEXT, 0).syntax;
            s.chunk(ChunkType.TEXT, 0).payload = text(3, 0, t.textCoder(), "en", t.textSize(), t.textData()).toPayload();
        });
        add("TX-2", "wrong_clip_target", "Clip 0's clip_description targets clip 1", s -> {
            TextChunk t = (TextChunk) s.chunk(ChunkType.TEXT, 1).syntax;
            s.chunk(ChunkType.TEXT, 1).payload = text(1, 1, t.textCoder(), "en", t.textSize(), t.textData()).toPayload();
        });
        StreamSpec lzwInRaw = new Base().clips(1).trailing(false).build();
        lzwInRaw.header(b -> b.textCoder = TextCoder.RAW.code());
        lzwInRaw.body.add(2, ChunkSpec.of(TextChunk.of(TextRole.OTHER, 0, TextCoder.LZW, "en", "lzw text")));
        lzwInRaw.chunk(ChunkType.CLIP_HEADER, 0).payload = new ClipHeader(0, 0, 1, 0, 1).toPayload();
        add("TX-3", "lzw_text_in_raw_stream", "An LZW text in a stream whose text_coder is raw", lzwInRaw);
        add("TX-4", "empty_language", "text_language empty", s -> {
            TextChunk t = (TextChunk) s.chunk(ChunkType.TEXT, 0).syntax;
            s.chunk(ChunkType.TEXT, 0).payload = text(0, 0, 1, "", t.textSize(), t.textData()).toPayload();
        });
        add("TX-4", "underscore_language", "text_language en_US (underscore is not allowed)", s -> {
            TextChunk t = (TextChunk) s.chunk(ChunkType.TEXT, 0).syntax;
            s.chunk(ChunkType.TEXT, 0).payload = text(0, 0, 1, "en_US", t.textSize(), t.textData()).toPayload();
        });
        add("TX-5", "text_size_over_limit", "text_size 65537", s -> {
            TextChunk t = (TextChunk) s.chunk(ChunkType.TEXT, 0).syntax;
            s.chunk(ChunkType.TEXT, 0).payload = text(0, 0, 1, "en", 65537, t.textData()).toPayload();
        });
        add("TX-6", "lzw_shorter_than_size", "LZW text decoding to one byte less than text_size", s -> {
            TextChunk t = (TextChunk) s.chunk(ChunkType.TEXT, 0).syntax;
            s.chunk(ChunkType.TEXT, 0).payload = text(0, 0, 1, "en", t.textSize() + 1, t.textData()).toPayload();
        });
        add("TX-6", "lzw_code_past_dictionary", "LZW code 300 where the dictionary ends at 258", s ->
                s.chunk(ChunkType.TEXT, 0).payload = text(0, 0, 1, "en", 2,
                        new BitWriter().u(9, 'a').u(9, 300).u(9, Lzw.END).zeroPadding().toByteArray()).toPayload());
        add("TX-6", "lzw_without_end", "LZW data that stops without the END code", s -> {
            byte[] d = new BitWriter().u(9, 'a').u(9, 'b').zeroPadding().toByteArray();
            s.chunk(ChunkType.TEXT, 0).payload = text(0, 0, 1, "en", 2, d).toPayload();
        });
        StreamSpec o2InLzw = ref();
        o2InLzw.chunk(ChunkType.TEXT, 0).payload = TextChunk.of(TextRole.KEYFRAME_DESCRIPTION, 0, TextCoder.ORDER2,
                "en", "an order2 text").toPayload();
        add("TX-3", "order2_text_in_lzw_stream", "An order2 text in a stream whose text_coder is lzw", o2InLzw);
        addOrder2("TX-6", "order2_truncated", "order2 text_data without its last byte", t ->
                text(0, 0, 2, "en", t.textSize(), Arrays.copyOf(t.textData(), t.textData().length - 1)));
        addOrder2("TX-6", "order2_byte_left", "order2 text_data with a byte after the last one decoding reads",
                t -> text(0, 0, 2, "en", t.textSize(), concat(t.textData(), (byte) 0)));
        addOrder2("TX-6", "order2_shorter_than_init", "order2 text_data of 3 bytes for a 5-byte text: the range "
                + "decoder's 4 initial bytes are missing", t -> text(0, 0, 2, "en", 5, new byte[] {0x28, (byte) 0xF1, 0x18}));
        addOrder2("TX-6", "order2_empty_text_with_data", "An empty order2 text (text_size 0) whose text_data is not "
                + "empty (4 zero bytes)", t -> text(0, 0, 2, "en", 0, new byte[4]));
        addOrder2("TX-7", "order2_text_not_utf8", "order2 text_data that decodes to the malformed UTF-8 bytes C3 28",
                t -> text(0, 0, 2, "en", 2, Order2.encode(new byte[] {(byte) 0xC3, 0x28})));
        StreamSpec rawLen = new Base().clips(1).trailing(false).build();
        rawLen.header(b -> b.textCoder = 0);
        rawLen.body.add(2, ChunkSpec.of(text(2, 0, 0, "en", 5, "four".getBytes())));
        rawLen.chunk(ChunkType.CLIP_HEADER, 0).payload = new ClipHeader(0, 0, 1, 0, 1).toPayload();
        add("TX-6", "raw_length_mismatch", "raw text_data of 4 bytes with text_size 5", rawLen);
        StreamSpec badUtf = new Base().clips(1).trailing(false).build();
        badUtf.header(b -> b.textCoder = 0);
        badUtf.body.add(2, ChunkSpec.of(text(2, 0, 0, "en", 2, new byte[] {(byte) 0xC3, 0x28})));
        badUtf.chunk(ChunkType.CLIP_HEADER, 0).payload = new ClipHeader(0, 0, 1, 0, 1).toPayload();
        add("TX-7", "raw_text_not_utf8", "A raw text of the malformed UTF-8 bytes C3 28", badUtf);
        add("TX-8", "two_clip_descriptions", "Two clip_descriptions for clip 0", s -> {
            TextChunk t = (TextChunk) s.chunk(ChunkType.TEXT, 1).syntax;
            s.chunk(ChunkType.TEXT, 0).payload = t.toPayload();
        });

        add("EN-1", "payload_not_empty", "end_of_stream with a one-byte payload", s ->
                s.chunk(ChunkType.END_OF_STREAM, 0).payload = new byte[] {0});
        StreamSpec frames = new Base().trailing(false).build();
        frames.header(b -> b.frameCount = 21);
        add("EN-2", "frames_short_of_frame_count", "Clips add up to 20 frames; frame_count says 21", frames);
        StreamSpec clipsShort = new Base().trailing(false).build();
        clipsShort.header(b -> { b.clipCount = 4; b.keyframeCount = 4; });
        clipsShort.seekIndex = false;
        add("EN-2", "clips_short_of_clip_count", "3 clip groups; clip_count says 4", clipsShort);
        StreamSpec over = new Base().trailing(false).build();
        over.header(b -> b.frameCount = 19);
        add("EN-2", "frames_over_frame_count", "The last clip runs past frame_count (19)", over);
        return List.copyOf(cases);
    }

}
