package org.m3cvc.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;

import org.m3cvc.container.ChunkEvent;
import org.m3cvc.container.M3cReader;
import org.m3cvc.container.M3cWriter;
import org.m3cvc.container.chunk.ChunkWriter;
import org.m3cvc.container.chunk.RawChunk;
import org.m3cvc.container.clip.ClipHeader;
import org.m3cvc.container.clip.ClipMode;
import org.m3cvc.container.header.StreamHeader;
import org.m3cvc.container.keyframe.IndexPlane;
import org.m3cvc.container.keyframe.Keyframe;
import org.m3cvc.container.keyframe.PlaneCoding;
import org.m3cvc.container.text.TextChunk;
import org.m3cvc.container.text.TextCoder;
import org.m3cvc.container.text.TextRole;

/** Small deterministic streams written with {@link M3cWriter}, and ways to break them. */
final class TestStreams {
    private TestStreams() {}

    static final int CODEBOOK = 64;
    static final int PLANE_W = 8;
    static final int PLANE_H = 6;
    /** An unknown ancillary chunk type (bit 7 set). */
    static final int ANCILLARY_TYPE = 0xC1;
    static final String NON_ASCII_TEXT = "Ein roter Drachen über dem Feld — 風箏 🪁";
    static final String ESCAPED_TEXT = "He said \"turn\" \\ then\nleft\tfast";
    static final long NOISE_SEED = 0xFEDC_BA98_7654_3210L;

    static IndexPlane plane(long seed) {
        Random r = new Random(seed);
        int[] k = new int[PLANE_W * PLANE_H];
        for (int i = 0; i < k.length; i++) k[i] = r.nextInt(3) == 0 ? r.nextInt(CODEBOOK) : (i > 0 ? k[i - 1] : 5);
        return new IndexPlane(PLANE_W, PLANE_H, k);
    }

    static StreamHeader header(int frames, int clips, int keyframes) {
        StreamHeader.Builder b = StreamHeader.builder().size(64, 48).frames(frames, clips, keyframes)
                .plane(PLANE_W, PLANE_H, CODEBOOK);
        b.displayWidth = 60;
        b.frameRateNum = 30000;
        b.frameRateDen = 1001;
        b.samplerId = 0;
        b.samplerSteps = 50;
        b.guidanceScaleQ8 = 384;
        b.noiseSeed = NOISE_SEED;
        byte[] sha = new byte[32];
        for (int i = 0; i < sha.length; i++) sha[i] = (byte) (i * 7 + 1);
        b.pack("test-pack-ü", sha);
        return b.build();
    }

    /**
     * Three clips (interpolation, prediction, interpolation into a trailing keyframe), 20 frames, both plane codings,
     * LZW texts of every role incl. non-ASCII and escapes.
     *
     * @param ancillary whether to add unknown ancillary chunks: one inside clip group 0, one after the trailing
     *     keyframe
     */
    static Path reference(Path out, boolean seekIndex, boolean ancillary) throws IOException {
        StreamHeader sh = header(20, 3, 4);
        try (M3cWriter w = M3cWriter.create(out, sh, seekIndex)) {
            List<TextChunk> t0 = List.of(
                    TextChunk.of(TextRole.KEYFRAME_DESCRIPTION, 0, TextCoder.LZW, "de", NON_ASCII_TEXT),
                    TextChunk.of(TextRole.CLIP_DESCRIPTION, 0, TextCoder.LZW, "en", ESCAPED_TEXT));
            w.writeClip(new ClipHeader(0, 0, 8, ClipMode.INTERPOLATION.code(), t0.size()),
                    Keyframe.of(0, 0, PlaneCoding.CONTEXT_RANGE, plane(10), CODEBOOK), t0);
            if (ancillary) w.writeAncillary(ANCILLARY_TYPE, "side data".getBytes(StandardCharsets.US_ASCII));
            w.writeClip(new ClipHeader(1, 8, 6, ClipMode.PREDICTION.code(), 0),
                    Keyframe.of(1, 8, PlaneCoding.RAW, plane(11), CODEBOOK), List.of());
            List<TextChunk> t2 = List.of(
                    TextChunk.of(TextRole.KEYFRAME_DESCRIPTION, 3, TextCoder.LZW, "en", "the last frame: a kite"),
                    TextChunk.of(TextRole.OTHER, 0, TextCoder.LZW, "de-CH", "Titel"));
            w.writeClip(new ClipHeader(2, 14, 6, ClipMode.INTERPOLATION.code(), t2.size()),
                    Keyframe.of(2, 14, PlaneCoding.CONTEXT_RANGE, plane(12), CODEBOOK), t2);
            w.writeTrailingKeyframe(Keyframe.of(3, 19, PlaneCoding.RAW, plane(13), CODEBOOK));
            if (ancillary) w.writeAncillary(ANCILLARY_TYPE + 1, new byte[] {1, 2, 3});
            w.finish();
        }
        return out;
    }

    /** One frame, one prediction clip, a raw 8x6 plane, no texts, no seek index. */
    static Path minimal(Path out) throws IOException {
        try (M3cWriter w = M3cWriter.create(out, header(1, 1, 1), false)) {
            w.writeClip(new ClipHeader(0, 0, 1, ClipMode.PREDICTION.code(), 0),
                    Keyframe.of(0, 0, PlaneCoding.RAW, plane(1), CODEBOOK), List.of());
            w.finish();
        }
        return out;
    }

    /** Every chunk of a valid file, in order. */
    static List<RawChunk> chunks(Path file) throws IOException {
        List<RawChunk> out = new ArrayList<>();
        try (M3cReader r = M3cReader.open(Files.newInputStream(file), file.toString())) {
            ChunkEvent e;
            while ((e = r.next()) != null) out.add(e.raw());
        }
        return out;
    }

    /** The chunks of {@code type}. */
    static List<RawChunk> chunks(Path file, int type) throws IOException {
        return chunks(file).stream().filter(c -> c.type() == type).toList();
    }

    /** A copy of {@code src} with byte {@code offset} inverted. */
    static Path flipByte(Path src, Path out, long offset) throws IOException {
        byte[] b = Files.readAllBytes(src);
        b[Math.toIntExact(offset)] ^= (byte) 0xFF;
        return Files.write(out, b);
    }

    /** A copy of {@code src} with new format_version and read_version and a matching file_header_crc. */
    static Path withVersions(Path src, Path out, int formatVersion, int readVersion) throws IOException {
        byte[] b = Files.readAllBytes(src);
        b[8] = (byte) formatVersion;
        b[9] = (byte) readVersion;
        CRC32C crc = new CRC32C();
        crc.update(b, 0, 12);
        long v = crc.getValue();
        for (int i = 0; i < 4; i++) b[12 + i] = (byte) (v >>> (24 - 8 * i));
        return Files.write(out, b);
    }

    /** A copy of {@code src} (which must have no seek index) with a chunk inserted before end_of_stream. */
    static Path withChunkBeforeEnd(Path src, Path out, int type, byte[] payload) throws IOException {
        byte[] b = Files.readAllBytes(src);
        List<RawChunk> cs = chunks(src);
        int end = Math.toIntExact(cs.get(cs.size() - 1).offset());
        byte[] chunk = ChunkWriter.frame(type, payload);
        byte[] r = new byte[b.length + chunk.length];
        System.arraycopy(b, 0, r, 0, end);
        System.arraycopy(chunk, 0, r, end, chunk.length);
        System.arraycopy(b, end, r, end + chunk.length, b.length - end);
        return Files.write(out, r);
    }
}
