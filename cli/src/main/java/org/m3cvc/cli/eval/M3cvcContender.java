package org.m3cvc.cli.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.m3cvc.cli.codec.DecodeCommand;
import org.m3cvc.cli.codec.EncodeCommand;
import org.m3cvc.codec.frame.FfmpegFrameSource;

import picocli.CommandLine;

/**
 * m3cvc in process, through the same option parsing and code as {@code m3cvc encode} and {@code m3cvc decode}: one
 * rate point per --bpp target. The encoder reads the clip itself through FfmpegFrameSource at the eval's size and
 * rate (limited to the eval's frame count), which are the reference frames; the decoder writes straight into a
 * {@link MetricsSink}, so no lossy file sits between decoder and measurement.
 *
 * <p>Each point runs {@code m3cvc encode --bpp X} with {@code extraArgs} (by default none): the encoder's two-pass rate
 * control chooses keyframe threshold and clip length for the target, which the progress line reports.
 */
final class M3cvcContender implements Contender {
    private final List<String> bpps;
    private final Path pack;
    private final List<String> extraArgs;
    private final int threads;
    private final LearnedMetrics learned;

    /**
     * @param pack the model pack, or null for the commands' default
     * @param learned the learned metrics to take, the caller's to close
     */
    M3cvcContender(List<String> bpps, Path pack, List<String> extraArgs, int threads, LearnedMetrics learned) {
        this.bpps = List.copyOf(bpps);
        this.pack = pack;
        this.extraArgs = List.copyOf(extraArgs);
        this.threads = threads;
        this.learned = learned;
    }

    @Override
    public String name() { return "m3cvc"; }

    @Override
    public List<String> points() {
        List<String> p = new ArrayList<>();
        for (String b : bpps) p.add("bpp" + b);
        return p;
    }

    @Override
    public PointResult run(EvalClip clip, String point) throws Exception {
        String bpp = point.substring("bpp".length());
        Path dir = Files.createDirectories(clip.dir().resolve(name()));
        Path m3c = dir.resolve(point + ".m3c");
        List<String> enc = new ArrayList<>(List.of(clip.source().toString(), "-o", m3c.toString()));
        enc.addAll(packArgs());
        enc.addAll(List.of("--size", clip.format().width() + "x" + clip.format().height(), "--fps",
                clip.format().frameRateNum() + "/" + clip.format().frameRateDen(), "--bpp", bpp, "--threads",
                Integer.toString(threads), "-q"));
        enc.addAll(extraArgs);
        EncodeCommand encoder = new EncodeCommand();
        parse(encoder, enc);
        long t0 = System.nanoTime();
        encoder.encode(fmt -> new LimitedSource(FfmpegFrameSource.open(clip.source(), fmt), clip.frames()));
        double encodeS = (System.nanoTime() - t0) / 1e9;

        DecodeCommand decoder = new DecodeCommand();
        // -o is required by the command but not written: frames go to the measuring sink.
        List<String> dec = new ArrayList<>(List.of(m3c.toString(), "-o", dir.resolve(point + ".y4m").toString()));
        dec.addAll(packArgs());
        dec.addAll(List.of("--threads", Integer.toString(threads), "-q"));
        parse(decoder, dec);
        MetricsSink[] sink = new MetricsSink[1];
        long t1 = System.nanoTime();
        decoder.decode(fmt -> sink[0] = new MetricsSink(clip.reference(), m3c.toString(), learned));
        double decodeS = (System.nanoTime() - t1 - sink[0].measuringNanos()) / 1e9;

        long bytes = Files.size(m3c);
        String command = "m3cvc encode " + Shell.join(enc)
                + (clip.limited() ? " # first " + clip.frames() + " frames" : "");
        return Measured.result(clip, name(), point, bytes, encodeS, decodeS, command,
                "rate control: " + encoder.rateSetting(), sink[0]);
    }

    /** --pack DIR, or nothing: the commands' own default ($M3CVC_PACK, else models/reference). */
    private List<String> packArgs() {
        return pack == null ? List.of() : List.of("--pack", pack.toString());
    }

    private static void parse(Object command, List<String> args) {
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args.toArray(new String[0]));
    }
}
