package org.m3cvc.conformance;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.codec.pack.ModelPack;
import org.m3cvc.codec.testpack.TestPackBuilder;
import org.m3cvc.container.M3cReader;

/**
 * The pixel streams: decoded on CPU with the test pack rebuilt here, with 1 and 2 threads, every frame has the MD5
 * the manifest gives ({@code frames_md5}, {@code frames_md5_all}; see {@link ConformanceGenerator#FRAMES_MD5_NOTE}).
 */
class PixelConformanceTest {
    @TempDir Path tmp;

    @Test
    void decodedFramesHaveTheManifestsMd5s() throws Exception {
        JsonNode m = new ObjectMapper().readTree(SuiteFiles.DIR.resolve("streams.json").toFile());
        assertTrue(m.has("pixel_md5"), "the manifest documents frames_md5");
        int checked = 0;
        for (JsonNode e : m.get("streams")) {
            if (!e.has("frames_md5")) continue;
            Path stream = SuiteFiles.DIR.resolve(e.get("file").asText());
            String[] wh = e.get("test_pack").get("command").asText().replaceAll(".*--size ", "").split("x");
            Path pack = tmp.resolve("pack-" + checked);
            ModelPack p = new TestPackBuilder(Integer.parseInt(wh[0]), Integer.parseInt(wh[1])).write(pack);
            String packSha = e.get("test_pack").get("pack_sha256").asText();
            assertEquals(packSha, p.identityHex(), stream + ": the rebuilt test pack's identity");
            assertEquals(TestPackBuilder.NAME, e.get("test_pack").get("name").asText());
            try (M3cReader r = M3cReader.open(Files.newInputStream(stream), stream.toString())) {
                assertEquals(packSha, r.streamHeader().packSha256Hex(), stream + ": pack_sha256 in the stream");
            }
            List<String> expected = new ArrayList<>();
            e.get("frames_md5").forEach(x -> expected.add(x.asText()));
            expected.add(e.get("frames_md5_all").asText());
            assertEquals(e.get("frames").asInt() + 1, expected.size(), stream + ": frames");
            for (int threads : new int[] {1, 2}) {
                assertEquals(expected, PixelCases.decodeAll(stream, pack, threads),
                        stream + ": frame MD5s (last: all frames) decoding on CPU with " + threads + " thread(s)");
            }
            checked++;
        }
        assertTrue(checked >= 2, "pixel streams checked: " + checked);
    }

    /** Encoding is deterministic: the same clip and options give the committed bytes (GeneratorTest checks all). */
    @Test
    void pixelCasesAreSmall() throws IOException {
        for (PixelCases.PixelCase c : PixelCases.all()) {
            Path f = SuiteFiles.DIR.resolve("valid/" + c.name() + ".m3c");
            assertTrue(Files.size(f) <= 4096, f + ": " + Files.size(f) + " bytes");
            assertTrue(c.frames() <= 24, c.name());
        }
    }
}
