package org.m3cvc.cli.codec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.m3cvc.codec.pipeline.Stage;
import org.m3cvc.codec.pipeline.StageTimes;

import picocli.CommandLine.Option;

/**
 * {@code --stats} and {@code --stats-json FILE} of encode and decode: wall time per pipeline {@link Stage} and the peak
 * heap. Off by default, and then the pipeline gets {@link StageTimes#OFF} and no heap listener is installed.
 *
 * <p>Per stage: calls, total seconds, milliseconds per call, and frames/s = the run's frames divided by the stage's
 * total (the rate the run would reach if that stage were its only cost). {@code other} is wall time not in any stage
 * (JVM warm-up, pipeline glue, opening the input).
 */
public final class StatsOptions {
    @Option(names = "--stats", description = "At the end, print the time spent per stage (calls, total s, ms/call, "
            + "frames/s) and the peak heap to standard error.")
    boolean stats;

    @Option(names = "--stats-json", paramLabel = "FILE", description = "Write the same figures as JSON to FILE.")
    Path statsJson;

    private HeapWatch heap;

    /**
     * Starts the clock and the heap watch when figures were asked for.
     *
     * @return a recording {@link StageTimes}, or {@link StageTimes#OFF}
     * @throws IOException when the --stats-json directory does not exist (found now, not after the run)
     */
    StageTimes begin() throws IOException {
        if (!stats && statsJson == null) return StageTimes.OFF;
        if (statsJson != null) {
            Path dir = statsJson.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) throw new IOException(statsJson + ": no such directory " + dir);
        }
        heap = HeapWatch.start();
        return StageTimes.recording();
    }

    /**
     * Prints and writes the figures asked for; does nothing when {@code times} is off.
     *
     * @param frames frames read (encode) or written (decode)
     */
    void report(String command, String pack, StageTimes times, long frames, PrintWriter err) throws IOException {
        if (!times.enabled()) return;
        double wall = times.elapsedNanos() / 1e9;
        HeapWatch.Figures h = heap.stop();
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("command", command);
        root.put("pack", pack);
        root.put("frames", frames);
        root.put("wall_s", wall);
        root.put("frames_per_s", wall > 0 ? frames / wall : 0);
        ArrayNode rows = root.putArray("stages");
        long staged = 0;
        for (Stage s : Stage.values()) {
            long calls = times.calls(s);
            if (calls == 0) continue;
            long ns = times.nanos(s);
            staged += ns;
            ObjectNode r = rows.addObject();
            r.put("stage", s.id());
            r.put("calls", calls);
            r.put("total_s", ns / 1e9);
            r.put("ms_per_call", ns / 1e6 / calls);
            if (ns > 0) r.put("frames_per_s", frames / (ns / 1e9));
            else r.putNull("frames_per_s");
        }
        root.put("other_s", Math.max(0, wall - staged / 1e9));
        ObjectNode hn = root.putObject("heap");
        hn.put("peak_bytes", h.peakBytes());
        hn.put("pool_peak_sum_bytes", h.poolPeakSumBytes());
        hn.put("max_bytes", h.maxBytes());
        hn.put("gc_count", h.collections());
        hn.put("gc_s", h.collectionMillis() / 1e3);

        if (stats) {
            err.printf("%n%-16s %8s %10s %10s %12s%n", "stage", "calls", "total s", "ms/call", "frames/s");
            for (var r : rows) {
                err.printf("%-16s %8d %10.3f %10.3f %12s%n", r.get("stage").asText(), r.get("calls").asLong(),
                        r.get("total_s").asDouble(), r.get("ms_per_call").asDouble(),
                        r.get("frames_per_s").isNull() ? "-" : String.format("%.1f", r.get("frames_per_s").asDouble()));
            }
            err.printf("%-16s %8s %10.3f%n", "other", "", root.get("other_s").asDouble());
            err.printf("%-16s %8d %10.3f %10s %12.1f%n", "total", frames, wall, "", root.get("frames_per_s").asDouble());
            err.printf("heap: peak %.1f MiB in use (before a collection or at the end), pool peaks sum %.1f MiB, "
                    + "max %.0f MiB; %d collections, %.3f s%n", h.peakBytes() / 1048576.0,
                    h.poolPeakSumBytes() / 1048576.0, h.maxBytes() / 1048576.0, h.collections(),
                    h.collectionMillis() / 1e3);
            err.flush();
        }
        if (statsJson != null) {
            // Temp file and rename: never a half-written file under the name asked for.
            Path target = statsJson.toAbsolutePath();
            Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            try {
                json.writeValue(tmp.toFile(), root);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
