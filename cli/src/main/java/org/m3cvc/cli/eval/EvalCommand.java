package org.m3cvc.cli.eval;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.m3cvc.cli.ExitCodes;
import org.m3cvc.cli.Version;
import org.m3cvc.codec.frame.FfmpegFrameSource;
import org.m3cvc.codec.frame.Frame;
import org.m3cvc.codec.frame.FrameSource;
import org.m3cvc.codec.frame.VideoFormat;
import org.m3cvc.codec.frame.Y4mFrameSink;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code m3cvc eval CLIP... --out DIR}: m3cvc against x264 and x265 on the same clips in one run. See
 * {@code docs/eval.md} for what each output holds and how it is computed.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Evaluates m3cvc against x264 and x265 (system ffmpeg, -preset veryslow) on the same clips: "
                + "each clip is prepared once at --size and --fps, encoded at every rate point, decoded and measured "
                + "(PSNR and MS-SSIM on RGB, bpp from the real output size; LPIPS and CLIP similarity with --lpips and "
                + "--clip models).",
                "Writes to --out: frames.csv, points.csv, bdrate.csv (Bjontegaard delta rate against x265) and R-D "
                        + "plots rd_CLIP_METRIC.svg/.png; the streams and reference.y4m under work/."})
public final class EvalCommand implements Callable<Integer> {
    /** The codecs an evaluation can run. */
    public enum CodecName { m3cvc, x264, x265 }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CLIP", arity = "0..*", description = "Input videos (any file FFmpeg reads).")
    List<Path> clips = new ArrayList<>();

    @Option(names = "--clips", paramLabel = "FILE", description = "A list of input videos, one per line ('#' starts a "
            + "comment; relative paths are relative to the list's directory).")
    Path clipList;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created).")
    Path out;

    @Option(names = "--pack", paramLabel = "DIR", description = "m3cvc model pack (default: as m3cvc encode).")
    Path pack;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "512x320", description = "Frame size (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--fps", paramLabel = "N[/D]", defaultValue = "8", description = "Frame rate (default: ${DEFAULT-VALUE}).")
    String fps;

    @Option(names = "--frames", paramLabel = "N", description = "Evaluate only the first N frames of each clip.")
    Long frames;

    @Option(names = "--codecs", split = ",", paramLabel = "NAME", defaultValue = "m3cvc,x264,x265",
            description = "Codecs to run: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    List<CodecName> codecs;

    @Option(names = "--bpp", split = ",", paramLabel = "X", defaultValue = "0.001,0.002,0.004,0.008",
            description = "m3cvc rate points: --bpp targets of m3cvc encode (default: ${DEFAULT-VALUE}).")
    List<String> bpps;

    @Option(names = "--m3cvc-args", paramLabel = "ARGS", defaultValue = "",
            description = "Extra m3cvc encode options for every rate point, space-separated (default: none: the "
                    + "encoder's two-pass rate control chooses keyframe threshold and clip length per target).")
    String m3cvcArgs;

    @Option(names = "--x264-crf", split = ",", paramLabel = "CRF", defaultValue = "51,46,41,36",
            description = "x264 rate points (default: ${DEFAULT-VALUE}; 51 is its lowest rate).")
    List<Integer> x264Crf;

    @Option(names = "--x265-crf", split = ",", paramLabel = "CRF", defaultValue = "51,46,41,36",
            description = "x265 rate points (default: ${DEFAULT-VALUE}; 51 is its lowest rate).")
    List<Integer> x265Crf;

    @Option(names = "--preset", defaultValue = "veryslow", description = "x264/x265 preset (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--ffmpeg", paramLabel = "PROGRAM", defaultValue = "ffmpeg",
            description = "The ffmpeg program that runs x264 and x265 (default: ${DEFAULT-VALUE}).")
    String ffmpeg;

    @Option(names = "--bd-method", defaultValue = "pchip",
            description = "BD-rate interpolation: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    BdRate.Method bdMethod;

    @Option(names = "--threads", defaultValue = "2", description = "m3cvc intra-op threads per network (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--lpips", paramLabel = "MODEL.onnx", description = "Also measure LPIPS with this ONNX model: inputs "
            + "reference and distorted, float32 NCHW RGB in [-1, 1]; output the distance [N] or [N,1,1,1] (docs/eval.md).")
    Path lpipsModel;

    @Option(names = "--clip", paramLabel = "MODEL.onnx", description = "Also measure CLIP similarity with this ONNX image "
            + "encoder: input float32 NCHW RGB with CLIP's normalisation, 224x224 unless it declares a size; output an "
            + "embedding [N, D]; the cosine of reference and decoded embeddings (docs/eval.md).")
    Path clipModel;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        VideoFormat fmt = format();
        List<Path> inputs = inputs();
        try (LearnedMetrics learned = learned()) {
            List<Contender> contenders = contenders(learned);
            Files.createDirectories(out);
            PrintWriter err = spec.commandLine().getErr();
            List<PointResult> results = new ArrayList<>();
            Set<String> names = new LinkedHashSet<>();
            for (Path input : inputs) {
                EvalClip clip = prepare(input, fmt, uniqueName(input, names));
                for (Contender c : contenders) {
                    for (String point : c.points()) {
                        PointResult r = c.run(clip, point);
                        results.add(r);
                        if (!quiet) progress(err, r);
                    }
                }
                // Rewritten after every clip, so that a long run interrupted later keeps what it has measured.
                new EvalReport(results, contenderNames(contenders), bdMethod).write(out);
            }
            new EvalReport(results, contenderNames(contenders), bdMethod).print(spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }

    private static void progress(PrintWriter err, PointResult r) {
        String learned = (r.frameLpips() == null ? "" : String.format(Locale.ROOT, ", LPIPS %.5f", r.lpips()))
                + (r.frameClipSim() == null ? "" : String.format(Locale.ROOT, ", CLIP %.5f", r.clipSim()));
        err.printf(Locale.ROOT, "eval: %s %s %s: %d bytes, %.6f bpp, PSNR %.3f dB, MS-SSIM %.5f%s "
                        + "(encode %.2f s, decode %.2f s%s)%n", r.clip(), r.codec(), r.point(), r.bytes(),
                r.bpp(), r.psnr(), r.msSsim(), learned, r.encodeSeconds(), r.decodeSeconds(),
                r.note().isEmpty() ? "" : "; " + r.note());
        err.flush();
    }

    /**
     * The --lpips and --clip models, loaded and checked before anything runs: a file that is missing, not ONNX, or
     * not of the metric's contract is a usage error naming the file and what was expected.
     */
    private LearnedMetrics learned() {
        LpipsModel lpips = null;
        try {
            if (lpipsModel != null) lpips = LpipsModel.open(lpipsModel, threads);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--lpips " + e.getMessage());
        }
        try {
            return new LearnedMetrics(lpips, clipModel == null ? null : ClipModel.open(clipModel, threads));
        } catch (IOException e) {
            try {
                if (lpips != null) lpips.close();
            } catch (IOException ignored) {
                // The CLIP model's failure is the one to report.
            }
            throw new ParameterException(spec.commandLine(), "--clip " + e.getMessage());
        }
    }

    private VideoFormat format() {
        String[] wh = size.toLowerCase(Locale.ROOT).split("x");
        int w = -1, h = -1;
        try {
            if (wh.length == 2) { w = Integer.parseInt(wh[0]); h = Integer.parseInt(wh[1]); }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        if (w < 1 || h < 1) throw new ParameterException(spec.commandLine(), "--size " + size + ": expected WxH, for example 512x320");
        String[] p = fps.split("/");
        long num = -1, den = -1;
        try {
            if (p.length <= 2) { num = Long.parseLong(p[0]); den = p.length == 2 ? Long.parseLong(p[1]) : 1; }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        if (num < 1 || den < 1) throw new ParameterException(spec.commandLine(), "--fps " + fps + ": expected N or N/D, for example 8");
        if (frames != null && frames < 1) throw new ParameterException(spec.commandLine(), "--frames " + frames + ": expected at least 1");
        if (threads < 1) throw new ParameterException(spec.commandLine(), "--threads " + threads + ": expected at least 1");
        return new VideoFormat(w, h, num, den);
    }

    private List<Path> inputs() throws IOException {
        List<Path> in = new ArrayList<>(clips);
        if (clipList != null) {
            Path base = clipList.toAbsolutePath().getParent();
            for (String line : Files.readAllLines(clipList, StandardCharsets.UTF_8)) {
                int hash = line.indexOf('#');
                String s = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (!s.isEmpty()) in.add(base.resolve(s));
            }
        }
        if (in.isEmpty()) throw new ParameterException(spec.commandLine(), "no clips: give CLIP... or --clips FILE");
        for (Path p : in) if (!Files.isRegularFile(p)) throw new IOException(p + ": not found");
        return in;
    }

    private List<Contender> contenders(LearnedMetrics learned) {
        List<Contender> list = new ArrayList<>();
        List<String> extra = m3cvcArgs.isBlank() ? List.of() : List.of(m3cvcArgs.strip().split("\\s+"));
        for (CodecName c : new LinkedHashSet<>(codecs)) {
            switch (c) {
                case m3cvc -> {
                    for (String b : bpps) {
                        double v;
                        try { v = Double.parseDouble(b); } catch (NumberFormatException e) { v = -1; }
                        if (!(v > 0)) throw new ParameterException(spec.commandLine(), "--bpp " + b + ": expected a positive number");
                    }
                    list.add(new M3cvcContender(bpps, pack, extra, threads, learned));
                }
                case x264, x265 -> {
                    FfmpegContender.Codec codec = c == CodecName.x264 ? FfmpegContender.Codec.X264 : FfmpegContender.Codec.X265;
                    List<Integer> crfs = c == CodecName.x264 ? x264Crf : x265Crf;
                    for (int crf : crfs) {
                        if (crf < 0 || crf > 51) throw new ParameterException(spec.commandLine(), "--" + c + "-crf " + crf + ": expected 0..51");
                    }
                    String why = FfmpegContender.unavailable(ffmpeg, codec);
                    if (why != null) {
                        throw new ParameterException(spec.commandLine(), c + ": " + why + " (leave it out with --codecs)");
                    }
                    list.add(new FfmpegContender(codec, crfs, ffmpeg, preset, learned));
                }
                default -> throw new IllegalStateException(c.name());
            }
        }
        return list;
    }

    private static List<String> contenderNames(List<Contender> contenders) {
        List<String> n = new ArrayList<>();
        for (Contender c : contenders) n.add(c.name());
        return n;
    }

    /** The clip's file name without extension; a repeated name gets _2, _3, ... */
    static String uniqueName(Path input, Set<String> taken) {
        String f = input.getFileName().toString();
        int dot = f.lastIndexOf('.');
        String base = (dot > 0 ? f.substring(0, dot) : f).replaceAll("[^A-Za-z0-9._-]", "_");
        String name = base;
        for (int i = 2; !taken.add(name); i++) name = base + "_" + i;
        return name;
    }

    /** Writes the clip's reference.y4m (the frames every codec gets, 4:2:0) and counts its frames. */
    private EvalClip prepare(Path input, VideoFormat fmt, String name) throws IOException {
        Path dir = Files.createDirectories(out.resolve("work").resolve(name));
        Path y4m = dir.resolve("reference.y4m");
        long n = 0;
        boolean limited;
        try (FrameSource src = FfmpegFrameSource.open(input, fmt);
             Y4mFrameSink sink = new Y4mFrameSink(y4m, fmt)) {
            Frame f = null;
            while ((frames == null || n < frames) && (f = src.next()) != null) {
                sink.write(f);
                n++;
            }
            if (n == 0) throw new IOException(input + ": no frames at " + fmt.width() + "x" + fmt.height());
            // Whether --frames cut the clip short (so that the recorded m3cvc command says so).
            limited = f != null && src.next() != null;
            sink.finish();
        }
        return new EvalClip(name, input, fmt, n, limited, y4m, dir);
    }
}
