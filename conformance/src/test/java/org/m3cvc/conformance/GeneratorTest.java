package org.m3cvc.conformance;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.container.ClipGroup;
import org.m3cvc.container.M3cReader;
import org.m3cvc.container.M3cWriter;

/** The committed suite is exactly what the generator makes, and the writer agrees with the generator. */
class GeneratorTest {
    @TempDir Path tmp;

    @Test
    void committedStreamsEqualGeneratorOutput() throws IOException {
        ConformanceGenerator.generate(tmp);
        List<Path> fresh = list(tmp);
        List<Path> committed = list(SuiteFiles.DIR);
        assertEquals(fresh.stream().map(Path::toString).toList(), committed.stream().map(Path::toString).toList(),
                "file list; regenerate with scripts/regenerate-conformance");
        for (Path p : fresh) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve(p)), Files.readAllBytes(SuiteFiles.DIR.resolve(p)),
                    p + " differs from the generator's output; regenerate with scripts/regenerate-conformance");
        }
    }

    private static List<Path> list(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    /**
     * The writer, given the elements of a valid stream, writes the same bytes the generator assembled (for streams
     * the writer can express: no ancillary extension chunks).
     */
    @Test
    void writerReproducesValidStreams() throws IOException {
        int compared = 0;
        for (Case c : ValidCases.all()) {
            if (c.spec().body.stream().anyMatch(x -> x.syntax == null && x.type != 5)) continue;
            Path out = tmp.resolve(c.name() + ".m3c");
            byte[] expected = c.spec().toBytes();
            try (M3cReader r = M3cReader.open(new java.io.ByteArrayInputStream(expected), c.name());
                 M3cWriter w = M3cWriter.create(out, r.streamHeader(), c.spec().seekIndex)) {
                ClipGroup g;
                while ((g = r.nextClip()) != null) {
                    w.writeClip(g.clip(), g.keyframe(), g.texts());
                    if (g.trailingKeyframe() != null) w.writeTrailingKeyframe(g.trailingKeyframe());
                }
                w.finish();
            }
            assertArrayEquals(expected, Files.readAllBytes(out), c.name());
            compared++;
        }
        assertTrue(compared >= 20, "compared " + compared);
    }
}
