package org.m3cvc.container.header;

import static org.m3cvc.container.Limits.*;

import java.util.HexFormat;

import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.Requirement;
import org.m3cvc.container.bits.BitReader;
import org.m3cvc.container.bits.BitWriter;
import org.m3cvc.container.text.TextCoder;

/**
 * stream_header (spec clause 6.3): everything a decoder must know before the first clip. Fields keep the spec's
 * element names; coded enumerations are held as their codes so that any value can be written (conformance streams)
 * and checked on read.
 *
 * @param packSha256 pack_sha256, 32 bytes: SHA-256 of the model pack's canonical manifest (owned; do not modify)
 * @param guidanceScaleQ8 guidance_scale_q8: classifier-free guidance scale times 256
 */
public record StreamHeader(
        int codedWidth, int codedHeight, int displayWidth, int displayHeight,
        long frameRateNum, long frameRateDen, int frameCount, int clipCount, int keyframeCount,
        int planeWidth, int planeHeight, int codebookSize,
        int latentChannels, int latentHeight, int latentWidth,
        byte[] packSha256, String packName, int textCoder,
        int samplerId, int samplerSteps, int guidanceScaleQ8, long noiseSeed) {

    public StreamHeader {
        if (packSha256 == null || packSha256.length != 32) throw new IllegalArgumentException("pack_sha256 must be 32 bytes");
        if (packName == null) throw new IllegalArgumentException("pack_name is null");
    }

    public TextCoder textCoderEnum() { return TextCoder.fromCode(textCoder); }

    public SamplerId samplerIdEnum() { return SamplerId.fromCode(samplerId); }

    public String packSha256Hex() { return HexFormat.of().formatHex(packSha256); }

    /** Number of indices of one index plane. */
    public int planeSize() { return planeWidth * planeHeight; }

    /** Bits of one raw index: ceil(log2(codebook_size)). */
    public int indexBits() { return 32 - Integer.numberOfLeadingZeros(codebookSize - 1); }

    /** Reads a stream_header payload and checks SH-1..SH-13, BS-1, BS-2 and CK-4. */
    public static StreamHeader read(BitReader r) throws M3cFormatException {
        long at = r.bitPosition();
        int codedWidth = (int) r.leb128("coded_width", 2, MAX_CODED_DIMENSION, Requirement.SH_1);
        if ((codedWidth & 1) != 0) throw r.errorAt(at, "coded_width", Requirement.SH_1, "an even value", codedWidth);
        at = r.bitPosition();
        int codedHeight = (int) r.leb128("coded_height", 2, MAX_CODED_DIMENSION, Requirement.SH_1);
        if ((codedHeight & 1) != 0) throw r.errorAt(at, "coded_height", Requirement.SH_1, "an even value", codedHeight);
        int displayWidth = (int) r.leb128("display_width", 1, codedWidth, Requirement.SH_2);
        int displayHeight = (int) r.leb128("display_height", 1, codedHeight, Requirement.SH_2);
        long frameRateNum = r.leb128("frame_rate_num", 1, MAX_FRAME_RATE_TERM, Requirement.SH_3);
        long frameRateDen = r.leb128("frame_rate_den", 1, MAX_FRAME_RATE_TERM, Requirement.SH_3);
        int frameCount = (int) r.leb128("frame_count", 1, MAX_FRAME_COUNT, Requirement.SH_4);
        int clipCount = (int) r.leb128("clip_count", 1, Math.min(MAX_CLIP_COUNT, frameCount), Requirement.SH_5);
        int keyframeCount = (int) r.leb128("keyframe_count", clipCount, clipCount + 1L, Requirement.SH_6);
        int planeWidth = (int) r.leb128("plane_width", 1, MAX_PLANE_DIMENSION, Requirement.SH_7);
        int planeHeight = (int) r.leb128("plane_height", 1, MAX_PLANE_DIMENSION, Requirement.SH_7);
        int codebookSize = (int) r.leb128("codebook_size", MIN_CODEBOOK_SIZE, MAX_CODEBOOK_SIZE, Requirement.SH_8);
        int latentChannels = (int) r.leb128("latent_channels", 1, MAX_LATENT_CHANNELS, Requirement.SH_9);
        int latentHeight = (int) r.leb128("latent_height", 1, MAX_LATENT_DIMENSION, Requirement.SH_9);
        at = r.bitPosition();
        int latentWidth = (int) r.leb128("latent_width", 1, MAX_LATENT_DIMENSION, Requirement.SH_9);
        long elements = (long) latentChannels * latentHeight * latentWidth;
        if (elements > MAX_LATENT_ELEMENTS) {
            throw r.errorAt(at, "latent_width", Requirement.SH_9,
                    "latent_channels * latent_height * latent_width <= " + MAX_LATENT_ELEMENTS, elements);
        }
        byte[] packSha256 = r.bytes(32, "pack_sha256");
        String packName = r.string("pack_name", MAX_PACK_NAME_BYTES, Requirement.SH_10);
        at = r.bitPosition();
        int textCoder = r.u8("text_coder");
        if (TextCoder.fromCode(textCoder) == null) {
            throw r.errorAt(at, "text_coder", Requirement.SH_11, "0 (raw), 1 (lzw) or 2 (order2)", textCoder);
        }
        at = r.bitPosition();
        int samplerId = r.u8("sampler_id");
        if (SamplerId.fromCode(samplerId) == null) {
            throw r.errorAt(at, "sampler_id", Requirement.SH_12, "0 (ddpm) or 1 (ddim)", samplerId);
        }
        int samplerSteps = (int) r.leb128("sampler_steps", 1, MAX_SAMPLER_STEPS, Requirement.SH_13);
        int guidanceScaleQ8 = (int) r.u(16, "guidance_scale_q8");
        long noiseSeed = r.u(64, "noise_seed");
        r.requireEnd("noise_seed", Requirement.CK_4);
        return new StreamHeader(codedWidth, codedHeight, displayWidth, displayHeight, frameRateNum, frameRateDen,
                frameCount, clipCount, keyframeCount, planeWidth, planeHeight, codebookSize, latentChannels,
                latentHeight, latentWidth, packSha256, packName, textCoder, samplerId, samplerSteps, guidanceScaleQ8,
                noiseSeed);
    }

    /** Writes the payload as is; range checks are the reader's (the writer re-reads what it writes). */
    public void write(BitWriter w) {
        w.leb128(codedWidth).leb128(codedHeight).leb128(displayWidth).leb128(displayHeight)
                .leb128(frameRateNum).leb128(frameRateDen).leb128(frameCount).leb128(clipCount).leb128(keyframeCount)
                .leb128(planeWidth).leb128(planeHeight).leb128(codebookSize)
                .leb128(latentChannels).leb128(latentHeight).leb128(latentWidth)
                .bytes(packSha256).string(packName).u8(textCoder)
                .u8(samplerId).leb128(samplerSteps).u(16, guidanceScaleQ8).u(64, noiseSeed);
    }

    public byte[] toPayload() {
        BitWriter w = new BitWriter();
        write(w);
        return w.toByteArray();
    }

    /** A builder seeded with the reference defaults (512x320 at 8 fps, 32x20 plane, 256 vectors, DDIM 8 steps). */
    public static Builder builder() { return new Builder(); }

    /** Mutable builder; {@link #build()} makes the record. */
    public static final class Builder {
        public int codedWidth = 512, codedHeight = 320, displayWidth = 512, displayHeight = 320;
        public long frameRateNum = 8, frameRateDen = 1;
        public int frameCount = 1, clipCount = 1, keyframeCount = 1;
        public int planeWidth = 32, planeHeight = 20, codebookSize = 256;
        public int latentChannels = 4, latentHeight = 40, latentWidth = 64;
        public byte[] packSha256 = new byte[32];
        public String packName = "";
        public int textCoder = TextCoder.LZW.code();
        public int samplerId = SamplerId.DDIM.code(), samplerSteps = 8, guidanceScaleQ8 = 256;
        public long noiseSeed = 0;

        public Builder size(int w, int h) { codedWidth = displayWidth = w; codedHeight = displayHeight = h; return this; }

        public Builder frames(int frames, int clips, int keyframes) {
            frameCount = frames; clipCount = clips; keyframeCount = keyframes; return this;
        }

        public Builder plane(int w, int h, int codebook) { planeWidth = w; planeHeight = h; codebookSize = codebook; return this; }

        public Builder pack(String name, byte[] sha256) { packName = name; packSha256 = sha256.clone(); return this; }

        public StreamHeader build() {
            return new StreamHeader(codedWidth, codedHeight, displayWidth, displayHeight, frameRateNum, frameRateDen,
                    frameCount, clipCount, keyframeCount, planeWidth, planeHeight, codebookSize, latentChannels,
                    latentHeight, latentWidth, packSha256.clone(), packName, textCoder, samplerId, samplerSteps,
                    guidanceScaleQ8, noiseSeed);
        }
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.codedWidth = codedWidth; b.codedHeight = codedHeight; b.displayWidth = displayWidth; b.displayHeight = displayHeight;
        b.frameRateNum = frameRateNum; b.frameRateDen = frameRateDen; b.frameCount = frameCount; b.clipCount = clipCount;
        b.keyframeCount = keyframeCount; b.planeWidth = planeWidth; b.planeHeight = planeHeight; b.codebookSize = codebookSize;
        b.latentChannels = latentChannels; b.latentHeight = latentHeight; b.latentWidth = latentWidth;
        b.packSha256 = packSha256.clone(); b.packName = packName; b.textCoder = textCoder; b.samplerId = samplerId;
        b.samplerSteps = samplerSteps; b.guidanceScaleQ8 = guidanceScaleQ8; b.noiseSeed = noiseSeed;
        return b;
    }
}
