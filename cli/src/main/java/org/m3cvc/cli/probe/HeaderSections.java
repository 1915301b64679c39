package org.m3cvc.cli.probe;

import static org.m3cvc.cli.schema.ProbeSchema.FILE_HEADER;
import static org.m3cvc.cli.schema.ProbeSchema.SEEK_ENTRIES;
import static org.m3cvc.cli.schema.ProbeSchema.SEEK_ENTRY;
import static org.m3cvc.cli.schema.ProbeSchema.SEEK_INDEX;
import static org.m3cvc.cli.schema.ProbeSchema.STREAM_HEADER;

import java.io.IOException;
import java.math.BigInteger;
import java.util.HexFormat;

import org.m3cvc.cli.format.SectionWriter;
import org.m3cvc.container.chunk.RawChunk;
import org.m3cvc.container.header.FileHeader;
import org.m3cvc.container.header.StreamHeader;
import org.m3cvc.container.seek.SeekIndex;

/** The file_header, stream_header and seek_index sections. */
final class HeaderSections {
    private HeaderSections() {}

    static void fileHeader(SectionWriter w, FileHeader fh) throws IOException {
        byte[] b = fh.toBytes();
        // The reader verified file_header_crc, so the CRC the header's fields give is the stored one.
        long crc = ((b[12] & 0xFFL) << 24) | ((b[13] & 0xFFL) << 16) | ((b[14] & 0xFFL) << 8) | (b[15] & 0xFFL);
        w.begin(FILE_HEADER)
                .field("file_signature", HexFormat.of().withUpperCase().formatHex(FileHeader.FILE_SIGNATURE))
                .field("format_version", fh.formatVersion())
                .field("read_version", fh.readVersion())
                .field("file_flags", fh.fileFlags())
                .field("file_header_crc", crcHex(crc))
                .end(FILE_HEADER);
    }

    static void streamHeader(SectionWriter w, RawChunk c, StreamHeader h) throws IOException {
        w.begin(STREAM_HEADER)
                .field("offset", c.offset())
                .field("coded_width", h.codedWidth())
                .field("coded_height", h.codedHeight())
                .field("display_width", h.displayWidth())
                .field("display_height", h.displayHeight())
                .field("frame_rate_num", h.frameRateNum())
                .field("frame_rate_den", h.frameRateDen())
                .field("frame_count", h.frameCount())
                .field("clip_count", h.clipCount())
                .field("keyframe_count", h.keyframeCount())
                .field("plane_width", h.planeWidth())
                .field("plane_height", h.planeHeight())
                .field("codebook_size", h.codebookSize())
                .field("latent_channels", h.latentChannels())
                .field("latent_height", h.latentHeight())
                .field("latent_width", h.latentWidth())
                .field("pack_sha256", h.packSha256Hex())
                .field("pack_name", h.packName())
                .field("text_coder", h.textCoder())
                .field("text_coder_name", h.textCoderEnum().specName())
                .field("sampler_id", h.samplerId())
                .field("sampler_id_name", h.samplerIdEnum().specName())
                .field("sampler_steps", h.samplerSteps())
                .field("guidance_scale_q8", h.guidanceScaleQ8())
                .field("noise_seed", new BigInteger(Long.toUnsignedString(h.noiseSeed())))
                .ratio("frame_rate", h.frameRateNum(), h.frameRateDen())
                // Both factors are below 2^24 and 2^20: the product fits a long.
                .ratio("duration_seconds", (long) h.frameCount() * h.frameRateDen(), h.frameRateNum())
                .ratio("guidance_scale", h.guidanceScaleQ8(), 256)
                .field("raw_index_bits", h.indexBits())
                .end(STREAM_HEADER);
    }

    /** @param indexEnd offset just past the seek_index chunk, where entry 0's delta counts from (clause 6.4) */
    static void seekIndex(SectionWriter w, RawChunk c, SeekIndex si) throws IOException {
        long[] offsets = si.absoluteOffsets(c.offset() + c.totalBytes());
        long[] frames = si.absoluteFrames();
        w.begin(SEEK_INDEX)
                .field("seek_index_present", true)
                .field("offset", c.offset())
                .field("seek_entry_count", si.entryCount())
                .begin(SEEK_ENTRIES);
        for (int i = 0; i < si.entryCount(); i++) {
            w.begin(SEEK_ENTRY)
                    .field("seek_offset_delta", si.seekOffsetDeltas()[i])
                    .field("seek_frame_delta", si.seekFrameDeltas()[i])
                    .field("clip_offset", offsets[i])
                    .field("clip_first_frame", frames[i])
                    .end(SEEK_ENTRY);
        }
        w.end(SEEK_ENTRIES).end(SEEK_INDEX);
    }

    static void seekIndexAbsent(SectionWriter w) throws IOException {
        w.begin(SEEK_INDEX).field("seek_index_present", false).end(SEEK_INDEX);
    }

    static String crcHex(long crc) {
        return String.format("0x%08X", crc);
    }
}
