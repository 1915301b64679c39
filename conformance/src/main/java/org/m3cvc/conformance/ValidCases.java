package org.m3cvc.conformance;

import java.util.ArrayList;
import java.util.List;

import org.m3cvc.container.chunk.ChunkType;
import org.m3cvc.container.clip.ClipMode;
import org.m3cvc.container.header.SamplerId;
import org.m3cvc.container.keyframe.PlaneCoding;
import org.m3cvc.container.text.TextChunk;
import org.m3cvc.container.text.TextCoder;
import org.m3cvc.container.text.TextRole;

/** The valid streams of the suite: together they cover every syntax element and value class of spec clause 6. */
final class ValidCases {
    private ValidCases() {}

    static List<Case> all() {
        List<Case> c = new ArrayList<>();
        Base b;

        b = new Base().clips(1).trailing(false);
        b.header.size(2, 2);
        b.header.plane(1, 1, 2);
        b.header.latentChannels = 1; b.header.latentHeight = 1; b.header.latentWidth = 1;
        b.header.textCoder = TextCoder.RAW.code();
        b.coding = i -> PlaneCoding.RAW;
        StreamSpec s = b.build();
        s.seekIndex = false;
        c.add(new Case("v01_minimal", "Smallest stream: 2x2, one frame, one clip (prediction), 1x1 plane of a 2-vector "
                + "codebook coded raw, no texts, no seek index", s, null));

        b = new Base().lzwDescriptions("en");
        c.add(new Case("v02_reference_32x20", "Reference layout: 512x320 at 8 fps, 32x20 plane, 256 vectors, "
                + "3 interpolated clips and a trailing keyframe, LZW keyframe and clip descriptions, seek index",
                b.build(), null));

        b = new Base().lzwDescriptions("en");
        b.header.plane(32, 32, 256);
        b.header.size(512, 512);
        b.header.latentHeight = 64;
        c.add(new Case("v03_plane_32x32", "The paper's square 32x32 plane (1024 indices) on 512x512", b.build(), null));

        b = new Base().lzwDescriptions("en");
        b.header.plane(64, 64, 256);
        b.header.size(512, 512);
        b.header.latentHeight = 64;
        c.add(new Case("v04_plane_64x64", "The paper's square 64x64 plane (4096 indices)", b.build(), null));

        b = new Base();
        b.header.plane(64, 40, 256);
        c.add(new Case("v05_plane_64x40", "Non-square 64x40 plane for 16:10 (2560 indices), no texts", b.build(), null));

        b = new Base().clips(1, 1).trailing(false);
        b.header.plane(256, 256, 4096);
        b.header.size(2048, 2048);
        b.header.latentHeight = 256; b.header.latentWidth = 256;
        b.coding = i -> i == 0 ? PlaneCoding.RAW : PlaneCoding.CONTEXT_RANGE;
        b.planes = Base.PlaneStyle.RANDOM;
        c.add(new Case("v06_max_plane_codebook4096", "Largest plane (256x256) and codebook (4096, 12-bit indices), "
                + "random indices, raw then context_range", b.build(), null));

        b = new Base();
        b.header.plane(32, 20, 1000);
        b.coding = i -> i % 2 == 0 ? PlaneCoding.CONTEXT_RANGE : PlaneCoding.RAW;
        c.add(new Case("v07_codebook_1000_mixed_coding", "Codebook size not a power of two (1000, 10-bit literals); "
                + "raw and context_range planes in one stream", b.build(), null));

        b = new Base().clips(3, 5, 2, 6).trailing(false);
        b.mode = i -> ClipMode.PREDICTION;
        c.add(new Case("v08_prediction_only", "Every clip in prediction mode, keyframe_count = clip_count", b.build(), null));

        b = new Base().clips(4, 4, 4).trailing(false);
        c.add(new Case("v09_interpolation_then_prediction", "Interpolated clips, the last one predicted (no trailing "
                + "keyframe)", b.build(), null));

        int[] many = new int[300];
        for (int i = 0; i < many.length; i++) many[i] = 1 + i % 3;
        b = new Base().clips(many);
        b.header.plane(8, 5, 256);
        b.header.size(64, 40);
        b.header.latentHeight = 5; b.header.latentWidth = 8;
        b.texts = i -> i % 50 == 0 ? List.of(TextChunk.of(TextRole.CLIP_DESCRIPTION, i, TextCoder.LZW, "en",
                "clip " + i)) : List.of();
        c.add(new Case("v10_many_clips", "300 short clips (1-3 frames) with a seek index of 300 entries, multi-byte "
                + "leb128 offsets", b.build(), null));

        b = new Base().clips(4096).trailing(true);
        b.header.frameRateNum = 30000; b.header.frameRateDen = 1001;
        c.add(new Case("v11_max_clip_frames", "One clip of max_clip_frames (4096) frames at 30000/1001 fps, "
                + "interpolated to a trailing keyframe", b.build(), null));

        b = new Base().clips(2, 2);
        b.texts = i -> List.of(
                TextChunk.of(TextRole.KEYFRAME_DESCRIPTION, i, TextCoder.LZW, "en", ""),
                TextChunk.of(TextRole.CLIP_DESCRIPTION, i, TextCoder.LZW, "und", ""));
        c.add(new Case("v12_empty_texts_lzw", "Empty texts coded with LZW (END code only)", b.build(), null));

        b = new Base().clips(2, 2);
        b.header.textCoder = TextCoder.RAW.code();
        b.texts = i -> List.of(TextChunk.of(TextRole.KEYFRAME_DESCRIPTION, i, TextCoder.RAW, "en", ""),
                TextChunk.of(TextRole.OTHER, 0, TextCoder.RAW, "en", "raw text, stored as UTF-8"));
        c.add(new Case("v13_raw_texts", "text_coder raw: an empty and a plain text stored as UTF-8", b.build(), null));

        b = new Base().clips(2).trailing(false);
        b.texts = i -> List.of(TextChunk.of(TextRole.KEYFRAME_DESCRIPTION, 0, TextCoder.LZW, "en",
                longText(65536, 7)));
        c.add(new Case("v14_max_text_lzw", "A text of max_text_size (65536) bytes coded with LZW: the dictionary "
                + "fills and freezes, codes reach 12 bits", b.build(), null));

        b = new Base().clips(2).trailing(false);
        b.header.textCoder = TextCoder.RAW.code();
        b.texts = i -> List.of(TextChunk.of(TextRole.OTHER, 0, TextCoder.RAW, "en", longText(65536, 11)));
        c.add(new Case("v15_max_text_raw", "A raw text of max_text_size (65536) bytes", b.build(), null));

        b = new Base().clips(3, 3);
        b.texts = i -> List.of(
                TextChunk.of(TextRole.KEYFRAME_DESCRIPTION, i, TextCoder.LZW, "zh-Hans", "一只灰鹭站在浅水中，背后是芦苇。"),
                TextChunk.of(TextRole.CLIP_DESCRIPTION, i, TextCoder.LZW, "de", "Der Reiher hebt den Kopf; "
                        + "Straße, Größe, Öl – \"Zitat\" \\ Backslash\ttab\u0001ctl"),
                TextChunk.of(TextRole.OTHER, 0, TextCoder.LZW, "x-emoji", "🐦‍⬛ é (e + U+0301) ＡＢＣ 🇩🇪"));
        c.add(new Case("v16_non_ascii_texts", "Non-ASCII texts: CJK, German with quotes, backslash, tab and a "
                + "control character, emoji ZWJ sequences, combining marks; language tags zh-Hans, de, x-emoji",
                b.build(), null));

        b = new Base().clips(5);
        b.texts = i -> {
            List<TextChunk> t = new ArrayList<>();
            t.add(TextChunk.of(TextRole.KEYFRAME_DESCRIPTION, 0, TextCoder.LZW, "en", "keyframe 0"));
            t.add(TextChunk.of(TextRole.CLIP_DESCRIPTION, 0, TextCoder.LZW, "en", "clip 0"));
            t.add(TextChunk.of(TextRole.KEYFRAME_DESCRIPTION, 1, TextCoder.LZW, "en", "the trailing keyframe"));
            for (int k = 0; k < 13; k++) t.add(TextChunk.of(TextRole.OTHER, 0, TextCoder.LZW, "en", "note " + k));
            return t;
        };
        c.add(new Case("v17_max_texts_trailing_description", "max_clip_text_count (16) texts in one group, "
                + "including the description of the trailing keyframe and role other", b.build(), null));

        b = new Base().lzwDescriptions("en");
        s = b.build();
        s.body.add(s.find(ChunkType.CLIP_HEADER, 1), new ChunkSpec(0xC0, "between groups".getBytes(), null));
        s.body.add(s.find(ChunkType.KEYFRAME, 0) + 1, new ChunkSpec(0x81 + 0x40, new byte[0], null));
        s.body.add(s.find(ChunkType.END_OF_STREAM, 0), new ChunkSpec(0xFF, new byte[300], null));
        s.body.add(0, new ChunkSpec(0x80, new byte[] {1, 2, 3}, null));
        c.add(new Case("v18_unknown_ancillary", "Unknown ancillary chunks (0x80, 0xC0, 0xC1, 0xFF) first, between "
                + "groups, between a keyframe and its texts and before end_of_stream: all skipped", s, null));

        b = new Base().lzwDescriptions("en");
        s = b.build();
        s.seekIndex = false;
        c.add(new Case("v19_no_seek_index", "Several clips without a seek index (readers scan)", s, null));

        b = new Base().clips(3);
        b.header.samplerId = SamplerId.DDPM.code();
        b.header.samplerSteps = 1000;
        b.header.guidanceScaleQ8 = 0;
        b.header.noiseSeed = -1L;
        b.header.packName = "pack-" + "ü".repeat(124) + "é";
        b.header.packSha256 = Base.sha("other pack");
        c.add(new Case("v20_sampler_and_pack_extremes", "DDPM with 1000 steps, guidance 0, noise_seed 2^64-1, a "
                + "255-byte non-ASCII pack_name", b.build(), null));

        b = new Base().clips(2, 3);
        b.header.codedWidth = 640; b.header.codedHeight = 360;
        b.header.displayWidth = 637; b.header.displayHeight = 359;
        b.header.frameRateNum = 1_000_000; b.header.frameRateDen = 999_999;
        b.header.guidanceScaleQ8 = 65535;
        c.add(new Case("v21_display_crop_and_rates", "Odd display size cropped from 640x360, frame rate 1000000/999999, "
                + "guidance_scale_q8 65535", b.build(), null));

        b = new Base().clips(1).trailing(false);
        b.header.size(4096, 4096);
        b.header.latentChannels = 4; b.header.latentHeight = 1024; b.header.latentWidth = 1024;
        b.header.plane(1, 256, 256);
        c.add(new Case("v22_max_dimensions", "coded size 4096x4096, latent 4x1024x1024 (max_latent_elements), a "
                + "1x256 plane", b.build(), null));

        b = new Base().clips(127, 1, 4096, 4096, 4096, 3968).trailing(true);
        b.header.codedWidth = 128; b.header.codedHeight = 256;
        b.header.displayWidth = 127; b.header.displayHeight = 128;
        b.header.plane(16, 16, 128);
        c.add(new Case("v23_leb128_boundaries", "Values at leb128 length boundaries: first_frame 127 and 128, "
                + "keyframe_frame 16383, frame_count 16384, codebook_size 128",
                b.build(), null));

        b = new Base().clips(4, 4);
        b.planes = Base.PlaneStyle.CONSTANT;
        c.add(new Case("v24_constant_planes", "Planes of one repeated index (codebook_size - 1): context_range at its "
                + "most compressible", b.build(), null));

        b = new Base().clips(4, 4);
        b.planes = Base.PlaneStyle.RANDOM;
        c.add(new Case("v25_random_planes", "Uniformly random planes: context_range at its least compressible",
                b.build(), null));

        b = new Base().clips(1, 1, 1, 1).trailing(false);
        b.mode = i -> i % 2 == 0 ? ClipMode.INTERPOLATION : ClipMode.PREDICTION;
        b.header.plane(3, 7, 2);
        b.planes = Base.PlaneStyle.RANDOM;
        c.add(new Case("v26_one_frame_clips_binary_codebook", "One-frame clips alternating modes; 3x7 plane with a "
                + "binary codebook (1-bit literals)", b.build(), null));
        b = new Base().clips(2, 2);
        b.texts = i -> List.of(
                TextChunk.shortest(TextRole.KEYFRAME_DESCRIPTION, i, TextCoder.LZW, "en", "a heron"),
                TextChunk.shortest(TextRole.CLIP_DESCRIPTION, i, TextCoder.LZW, "en",
                        "The heron walks to the right, the heron stops, the heron walks to the right again."));
        c.add(new Case("v27_raw_and_lzw_texts", "text_coder lzw in the stream header; a short text stored raw (LZW "
                + "would expand it) beside LZW texts (TX-3 allows raw)", b.build(), null));

        b = new Base().order2Descriptions("en");
        c.add(new Case("v28_order2_descriptions", "Reference layout with keyframe and clip descriptions coded by "
                + "text_coder order2 (clause 8.7)", b.build(), null));

        b = new Base().clips(2, 2);
        b.header.textCoder = TextCoder.ORDER2.code();
        b.texts = i -> List.of(
                TextChunk.of(TextRole.KEYFRAME_DESCRIPTION, i, TextCoder.ORDER2, "en", ""),
                TextChunk.of(TextRole.CLIP_DESCRIPTION, i, TextCoder.ORDER2, "und", ""));
        c.add(new Case("v29_empty_texts_order2", "Empty texts coded with order2: text_data is empty", b.build(), null));

        b = new Base().clips(3, 3);
        b.header.textCoder = TextCoder.ORDER2.code();
        b.texts = i -> List.of(
                TextChunk.of(TextRole.KEYFRAME_DESCRIPTION, i, TextCoder.ORDER2, "zh-Hans", "一只灰鹭站在浅水中，背后是芦苇。"),
                TextChunk.of(TextRole.CLIP_DESCRIPTION, i, TextCoder.ORDER2, "de", "Der Reiher hebt den Kopf; "
                        + "Straße, Größe, Öl – \"Zitat\" \\ Backslash\ttab\u0001ctl"),
                TextChunk.of(TextRole.OTHER, 0, TextCoder.ORDER2, "x-emoji", "🐦‍⬛ é (e + U+0301) ＡＢＣ 🇩🇪 café"));
        c.add(new Case("v30_non_ascii_texts_order2", "Non-ASCII texts coded with order2: CJK, German with quotes, "
                + "backslash, tab and a control character, emoji ZWJ sequences, combining marks", b.build(), null));

        b = new Base().clips(2).trailing(false);
        b.header.textCoder = TextCoder.ORDER2.code();
        b.texts = i -> List.of(TextChunk.of(TextRole.KEYFRAME_DESCRIPTION, 0, TextCoder.ORDER2, "en",
                longText(65536, 7)));
        c.add(new Case("v31_max_text_order2", "A text of max_text_size (65536) bytes coded with order2", b.build(),
                null));

        b = new Base().clips(2, 2);
        b.header.textCoder = TextCoder.ORDER2.code();
        b.texts = i -> List.of(
                TextChunk.shortest(TextRole.KEYFRAME_DESCRIPTION, i, TextCoder.ORDER2, "en", "a"),
                TextChunk.shortest(TextRole.CLIP_DESCRIPTION, i, TextCoder.ORDER2, "en", "A red kite"));
        c.add(new Case("v32_raw_and_order2_texts", "text_coder order2 in the stream header; a one-byte text stored "
                + "raw (order2 would take 5 bytes) beside order2 texts, one of them the example of B.8", b.build(),
                null));
        return c;
    }

    /** Deterministic English-like text of exactly {@code bytes} ASCII bytes. */
    static String longText(int bytes, long seed) {
        String[] words = {"the", "heron", "water", "reeds", "light", "moves", "slowly", "camera", "left", "right",
                "a", "grey", "bird", "over", "calm", "surface", "and", "then", "stands", "still"};
        java.util.Random r = new java.util.Random(seed);
        StringBuilder sb = new StringBuilder(bytes);
        while (sb.length() < bytes) sb.append(words[r.nextInt(words.length)]).append(r.nextInt(12) == 0 ? ". " : " ");
        sb.setLength(bytes);
        return sb.toString();
    }
}
