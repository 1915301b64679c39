package org.m3cvc.cli.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.m3cvc.codec.frame.FfmpegFrameSource;
import org.m3cvc.codec.frame.Frame;

/**
 * x264 or x265 through the system {@code ffmpeg} program, one rate point per CRF, {@code -preset veryslow}, reading
 * the clip's reference.y4m.
 *
 * <p>To reach the lowest rates these encoders can, the whole clip is one GOP (keyint = the clip's frame count, scene
 * cuts still start an I frame) and the output is a raw Annex B elementary stream, so that no container overhead is
 * counted: the SEI carrying the encoder's version and options (some 600 bytes for x264, which a real low-rate
 * deployment would leave out too) is removed, by {@code info=0} for x265 and the {@code filter_units} bitstream filter
 * for x264. What is left is decodable by any H.264/HEVC decoder; bpp comes from its real size.
 *
 * <p>Decoding: {@code ffmpeg -i OUT -f null -} is timed for decode_s, then the stream is decoded again in process
 * (bytedeco FFmpeg, at its own size) for the metrics.
 */
final class FfmpegContender implements Contender {
    enum Codec {
        X264("x264", "libx264", "h264", "h264"),
        X265("x265", "libx265", "hevc", "hevc");

        final String id;
        final String encoder;
        final String muxer;
        final String extension;

        Codec(String id, String encoder, String muxer, String extension) {
            this.id = id;
            this.encoder = encoder;
            this.muxer = muxer;
            this.extension = extension;
        }
    }

    private final Codec codec;
    private final List<Integer> crfs;
    private final String ffmpeg;
    private final String preset;
    private final LearnedMetrics learned;

    /** @param learned the learned metrics to take, the caller's to close */
    FfmpegContender(Codec codec, List<Integer> crfs, String ffmpeg, String preset, LearnedMetrics learned) {
        this.codec = codec;
        this.crfs = List.copyOf(crfs);
        this.ffmpeg = ffmpeg;
        this.preset = preset;
        this.learned = learned;
    }

    @Override
    public String name() { return codec.id; }

    @Override
    public List<String> points() {
        List<String> p = new ArrayList<>();
        for (int c : crfs) p.add("crf" + c);
        return p;
    }

    /** The encoding command line for {@code crf}. */
    List<String> command(Path in, Path out, int crf, long frames) {
        List<String> c = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                "-i", in.toString(), "-an", "-c:v", codec.encoder, "-preset", preset, "-crf", Integer.toString(crf)));
        String keyint = Long.toString(Math.max(1, frames));
        if (codec == Codec.X264) {
            c.addAll(List.of("-g", keyint, "-bsf:v", "filter_units=remove_types=6"));
        } else {
            c.addAll(List.of("-x265-params", "keyint=" + keyint + ":info=0:log-level=error"));
        }
        c.addAll(List.of("-f", codec.muxer, out.toString()));
        return c;
    }

    @Override
    public PointResult run(EvalClip clip, String point) throws Exception {
        int crf = Integer.parseInt(point.substring("crf".length()));
        Path dir = Files.createDirectories(clip.dir().resolve(name()));
        Path out = dir.resolve(point + "." + codec.extension);
        List<String> enc = command(clip.referenceY4m(), out, crf, clip.frames());
        long t0 = System.nanoTime();
        run(enc, dir.resolve(point + ".log"));
        double encodeS = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        run(List.of(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-i", out.toString(), "-f", "null", "-"),
                dir.resolve(point + ".decode.log"));
        double decodeS = (System.nanoTime() - t1) / 1e9;
        long bytes = Files.size(out);
        try (MetricsSink sink = new MetricsSink(clip.reference(), out.toString(), learned);
             FfmpegFrameSource decoded = FfmpegFrameSource.open(out, null)) {
            Frame f;
            while ((f = decoded.next()) != null) sink.write(f);
            sink.finish();
            return Measured.result(clip, name(), point, bytes, encodeS, decodeS, Shell.join(enc), "", sink);
        }
    }

    /** Runs a command to completion, its output in {@code log}; a non-zero exit is an IOException quoting the log. */
    static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int rc = p.waitFor();
        if (rc != 0) {
            String text = Files.readString(log, StandardCharsets.UTF_8).strip();
            if (text.length() > 500) text = "..." + text.substring(text.length() - 500);
            throw new IOException(Shell.join(command) + ": exit " + rc + (text.isEmpty() ? "" : ": " + text));
        }
    }

    /**
     * Whether {@code ffmpeg} runs and has {@code codec}'s encoder; null when it does, else why not.
     */
    static String unavailable(String ffmpeg, Codec codec) {
        try {
            Process p = new ProcessBuilder(ffmpeg, "-hide_banner", "-encoders").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) return ffmpeg + " -encoders failed";
            for (String line : text.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 2 && f[1].equals(codec.encoder)) return null;
            }
            return ffmpeg + " has no " + codec.encoder + " encoder";
        } catch (IOException e) {
            return ffmpeg + " cannot run (" + e.getMessage() + "); on Debian: apt-get install ffmpeg";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
