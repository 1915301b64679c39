package org.m3cvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden output of {@code probe --bitexact} (FATE's {@code fate-ffprobe_*}): a change to any field, name, order or
 * number format shows up as a diff against {@code src/test/resources/golden/}.
 *
 * <p>After an intended change, regenerate with {@code mvn -o package -pl cli -Dm3cvc.regenerateGolden=true} and
 * review the diff of the golden files before committing; without that switch the test only compares.
 */
class GoldenTest {
    static final String REGENERATE = "m3cvc.regenerateGolden";

    @TempDir Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "probe_show_chunks.json, --of json --show-chunks",
            "probe_all.txt, --of text --show-chunks --show-bits --show-planes --show-data",
            "probe_all.csv, --of csv --show-chunks --show-bits --show-planes --show-data",
            "probe_error.json, --of json --show-chunks --show-bits"})
    void probeMatchesGolden(String golden, String options) throws IOException {
        Path stream = TestStreams.reference(dir.resolve("golden.m3c"), true, true);
        if (golden.contains("error")) {
            // The first text chunk of clip group 2 with its payload damaged: CK-3 in the middle of a clip group.
            var text = TestStreams.chunks(stream, org.m3cvc.container.chunk.ChunkType.TEXT.code()).get(2);
            stream = TestStreams.flipByte(stream, dir.resolve("golden_error.m3c"), text.payloadOffset() + 1);
        }
        String[] args = (String.join(" ", "probe --bitexact", options) + " " + stream).split(" ");
        Cli r = Cli.run(args);
        assertEquals(golden.contains("error") ? 1 : 0, r.exit(), r.toString());
        Path file = goldenDir().resolve(golden);
        if (Boolean.getBoolean(REGENERATE)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, r.out(), StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(file), file + " is missing; create it with -D" + REGENERATE + "=true");
        String expected = Files.readString(file, StandardCharsets.UTF_8);
        assertEquals(expected, r.out(), "probe " + String.join(" ", Arrays.copyOf(args, args.length - 1))
                + " differs from " + file + "; if intended, regenerate with -D" + REGENERATE + "=true");
    }

    static Path goldenDir() {
        return Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/golden");
    }
}
