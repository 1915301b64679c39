package org.m3cvc.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.m3cvc.container.clip.ClipHeader;
import org.m3cvc.container.header.StreamHeader;
import org.m3cvc.container.keyframe.Keyframe;
import org.m3cvc.container.text.TextChunk;

/**
 * The canonical decoded-syntax serialization of spec clause 10: every value a decoder acts on, in stream order, and
 * nothing that only concerns coding (CRCs, chunk sizes, plane_coding, text_coder, the seek index, ancillary chunks).
 * Two streams that decode identically serialize identically; its MD5 is the bit-exact conformance point.
 *
 * <pre>
 * m3c-decoded-syntax 1
 * stream_header coded_width=512 ... noise_seed=42
 * clip_header clip_index=0 first_frame=0 clip_frame_count=8 clip_mode=1
 * keyframe keyframe_index=0 keyframe_frame=0 plane=3,3,17,...
 * text text_role=0 text_target=0 text_language="en" text="A red kite"
 * </pre>
 */
public final class DecodedSyntax {
    public static final String MAGIC_LINE = "m3c-decoded-syntax 1";

    private DecodedSyntax() {}

    /** Serializes what {@code reader} has left to read (it must be freshly opened). */
    public static String of(M3cReader reader) throws IOException {
        StringBuilder sb = new StringBuilder(MAGIC_LINE).append('\n');
        ChunkEvent e;
        while ((e = reader.next()) != null) append(sb, e.syntax());
        return sb.toString();
    }

    /**
     * Serializes parsed elements given in stream order (a {@code StreamHeader}, {@code ClipHeader}s, {@code Keyframe}s
     * with their planes, {@code TextChunk}s with their texts); anything else is skipped as clause 10.1 says. For
     * tools that hold the elements already, such as an encoder or the conformance generator.
     */
    public static String of(Iterable<?> elements) {
        StringBuilder sb = new StringBuilder(MAGIC_LINE).append('\n');
        for (Object o : elements) append(sb, o);
        return sb.toString();
    }

    /** MD5 of {@link #of} in lowercase hex. */
    public static String md5(M3cReader reader) throws IOException {
        return md5(of(reader));
    }

    public static String md5(String serialized) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(serialized.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JDK", e);
        }
    }

    /** Appends the line of one element (none for elements clause 10.1 excludes). */
    public static void append(StringBuilder sb, Object s) {
        if (s instanceof StreamHeader h) {
            sb.append("stream_header")
                    .append(" coded_width=").append(h.codedWidth())
                    .append(" coded_height=").append(h.codedHeight())
                    .append(" display_width=").append(h.displayWidth())
                    .append(" display_height=").append(h.displayHeight())
                    .append(" frame_rate_num=").append(h.frameRateNum())
                    .append(" frame_rate_den=").append(h.frameRateDen())
                    .append(" frame_count=").append(h.frameCount())
                    .append(" clip_count=").append(h.clipCount())
                    .append(" keyframe_count=").append(h.keyframeCount())
                    .append(" plane_width=").append(h.planeWidth())
                    .append(" plane_height=").append(h.planeHeight())
                    .append(" codebook_size=").append(h.codebookSize())
                    .append(" latent_channels=").append(h.latentChannels())
                    .append(" latent_height=").append(h.latentHeight())
                    .append(" latent_width=").append(h.latentWidth())
                    .append(" pack_sha256=").append(h.packSha256Hex())
                    .append(" pack_name=").append(quote(h.packName()))
                    .append(" sampler_id=").append(h.samplerId())
                    .append(" sampler_steps=").append(h.samplerSteps())
                    .append(" guidance_scale_q8=").append(h.guidanceScaleQ8())
                    .append(" noise_seed=").append(Long.toUnsignedString(h.noiseSeed()))
                    .append('\n');
        } else if (s instanceof ClipHeader c) {
            sb.append("clip_header clip_index=").append(c.clipIndex())
                    .append(" first_frame=").append(c.firstFrame())
                    .append(" clip_frame_count=").append(c.clipFrameCount())
                    .append(" clip_mode=").append(c.clipMode())
                    .append('\n');
        } else if (s instanceof Keyframe k) {
            sb.append("keyframe keyframe_index=").append(k.keyframeIndex())
                    .append(" keyframe_frame=").append(k.keyframeFrame())
                    .append(" plane=");
            int[] idx = k.plane().indices();
            for (int i = 0; i < idx.length; i++) {
                if (i > 0) sb.append(',');
                sb.append(idx[i]);
            }
            sb.append('\n');
        } else if (s instanceof TextChunk t) {
            sb.append("text text_role=").append(t.textRole())
                    .append(" text_target=").append(t.textTarget())
                    .append(" text_language=").append(quote(t.textLanguage()))
                    .append(" text=").append(quote(t.text()))
                    .append('\n');
        }
        // seek_index, end_of_stream and ancillary chunks do not change what is decoded.
    }

    /** Clause 10.2 quoting: {@code "} and {@code \} escaped, U+0000..U+001F and U+007F as \\u00XX, the rest as is. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c < 0x20 || c == 0x7F) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.append('"').toString();
    }
}
