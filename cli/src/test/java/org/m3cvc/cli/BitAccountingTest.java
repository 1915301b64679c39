package org.m3cvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.m3cvc.container.chunk.ChunkType;
import org.m3cvc.container.chunk.RawChunk;

class BitAccountingTest {
    @TempDir Path dir;

    static final List<String> CATEGORIES = List.of("headers_bits", "index_planes_bits", "texts_bits", "index_bits",
            "other_bits");

    Path stream(String kind) throws IOException {
        return switch (kind) {
            case "minimal" -> TestStreams.minimal(dir.resolve("m.m3c"));
            case "seek" -> TestStreams.reference(dir.resolve("s.m3c"), true, false);
            case "noseek" -> TestStreams.reference(dir.resolve("n.m3c"), false, false);
            default -> TestStreams.reference(dir.resolve("a.m3c"), true, true);
        };
    }

    @ParameterizedTest
    @CsvSource({"minimal", "seek", "noseek", "ancillary"})
    void categoriesSumToTheFileSize(String kind) throws IOException {
        Path f = stream(kind);
        JsonNode p = Cli.run("probe", "--of", "json", "--show-bits", "--show-chunks", f.toString()).json();
        JsonNode a = p.get("bit_accounting");
        long sum = 0;
        for (String c : CATEGORIES) sum += a.get(c).longValue();
        long fileBits = 8 * Files.size(f);
        assertEquals(fileBits, sum, a.toString());
        assertEquals(fileBits, a.get("total_bits").longValue());
        assertEquals(8 * p.get("input").get("file_size_bytes").longValue(), a.get("total_bits").longValue());

        // Each category is the sum of its chunks (the file header counts as headers).
        List<RawChunk> chunks = TestStreams.chunks(f);
        long headers = 16 * 8, planes = 0, texts = 0, index = 0, other = 0;
        for (RawChunk c : chunks) {
            long b = 8 * c.totalBytes();
            ChunkType t = c.knownType();
            if (t == null) other += b;
            else switch (t) {
                case KEYFRAME -> planes += b;
                case TEXT -> texts += b;
                case SEEK_INDEX -> index += b;
                default -> headers += b;
            }
        }
        assertEquals(headers, a.get("headers_bits").longValue());
        assertEquals(planes, a.get("index_planes_bits").longValue());
        assertEquals(texts, a.get("texts_bits").longValue());
        assertEquals(index, a.get("index_bits").longValue());
        assertEquals(other, a.get("other_bits").longValue());
        assertEquals(chunks.size(), a.get("chunk_count").intValue());
        if (!kind.equals("seek") && !kind.equals("ancillary")) assertEquals(0, index);

        JsonNode sh = p.get("stream_header");
        long pixels = sh.get("display_width").longValue() * sh.get("display_height").longValue()
                * sh.get("frame_count").longValue();
        assertEquals(BigDecimal.valueOf(fileBits).divide(BigDecimal.valueOf(pixels), 9, RoundingMode.HALF_EVEN),
                a.get("bits_per_pixel").decimalValue());

        // Clip groups plus what lies outside them make the whole file.
        long clipBits = 0;
        for (JsonNode c : p.get("clips")) {
            JsonNode b = c.get("bits");
            long s = b.get("headers_bits").longValue() + b.get("index_planes_bits").longValue()
                    + b.get("texts_bits").longValue() + b.get("other_bits").longValue();
            assertEquals(s, b.get("total_bits").longValue());
            assertEquals(c.get("clip_header").get("chunk_bits").longValue(), b.get("headers_bits").longValue());
            assertEquals(c.get("keyframe").get("chunk_bits").longValue(), b.get("index_planes_bits").longValue());
            long textBits = 0;
            for (JsonNode t : c.get("texts")) textBits += t.get("chunk_bits").longValue();
            assertEquals(textBits, b.get("texts_bits").longValue());
            clipBits += s;
        }
        long outside = 16 * 8 + 8 * chunks.get(0).totalBytes() + index
                + (p.has("trailing_keyframe") ? p.get("trailing_keyframe").get("chunk_bits").longValue() : 0)
                + 8 * chunks.get(chunks.size() - 1).totalBytes();
        long otherOutside = kind.equals("ancillary") ? 8 * chunks.get(chunks.size() - 2).totalBytes() : 0;
        assertEquals(fileBits, clipBits + outside + otherOutside);
        if (kind.equals("ancillary")) {
            // The ancillary chunk after clip group 0's texts belongs to that group.
            assertEquals(8 * chunks.get(6).totalBytes(), p.get("clips").get(0).get("bits").get("other_bits").longValue());
        }
    }
}
