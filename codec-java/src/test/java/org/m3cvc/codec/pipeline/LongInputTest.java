package org.m3cvc.codec.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.container.M3cReader;

/** A 10-minute input streams through the encoder in a JVM whose heap is far smaller than the frames (2.4 GB). */
class LongInputTest {
    @TempDir Path dir;

    @Test
    void tenMinutesEncodeIn48MiBOfHeap() throws Exception {
        Path out = dir.resolve("long.m3c");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                LongInputMain.class.getName(), out.toString())).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "did not finish in 120 s");
        String text = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.exitValue(), text);
        // Flat frames carry no layout for the pooled embedder (it ignores overall brightness), so only the maximum
        // clip length splits: 4800 / 16 = 300 clips.
        assertEquals("4800 300", text.lines().reduce((a, b) -> b).orElse(""));
        try (M3cReader r = M3cReader.open(java.nio.file.Files.newInputStream(out), "long.m3c")) {
            assertEquals(4800, r.streamHeader().frameCount());
            r.readToEnd();
        }
    }
}
