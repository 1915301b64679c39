package org.m3cvc.cli.codec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.m3cvc.cli.ExitCodes;
import org.m3cvc.cli.Version;
import org.m3cvc.cli.common.InputFiles;
import org.m3cvc.codec.frame.CroppingSink;
import org.m3cvc.codec.frame.FrameSink;
import org.m3cvc.codec.frame.FrameSinks;
import org.m3cvc.codec.frame.VideoFormat;
import org.m3cvc.codec.pack.ModelPack;
import org.m3cvc.codec.pipeline.PackReconstruction;
import org.m3cvc.codec.pipeline.StageTimes;
import org.m3cvc.codec.pipeline.StreamDecoder;
import org.m3cvc.codec.runtime.PackSessions;
import org.m3cvc.container.M3cReader;
import org.m3cvc.container.header.StreamHeader;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code m3cvc decode IN.m3c -o OUT}: an .m3c stream to frames. */
@Command(name = "decode", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Decodes an .m3c stream with its model pack into a video: OUT.y4m, a PNG sequence "
                + "(a directory or a name with %%d), or any file FFmpeg writes (.mp4, .mkv, ...).",
                "The pack must be the one the stream names (pack_sha256) unless --force-pack."})
public final class DecodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "IN.m3c", description = "The stream.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "The output video.")
    Path output;

    @Mixin
    PackOptions packOptions;

    @Mixin
    StatsOptions statsOptions;

    @Option(names = "--force-pack", description = "Decode with a pack other than the stream's (output is not conforming).")
    boolean forcePack;

    @Option(names = {"-q", "--quiet"}, description = "No progress or summary.")
    boolean quiet;

    /** Opens where the decoded frames go, given the stream's display size and rate. */
    @FunctionalInterface
    public interface SinkOpener {
        FrameSink open(VideoFormat display) throws IOException;
    }

    @Override
    public Integer call() throws Exception {
        long frames = decode(fmt -> FrameSinks.forPath(output, fmt));
        if (!quiet) spec.commandLine().getOut().printf("%s: %d frames%n", output, frames);
        return ExitCodes.OK;
    }

    /**
     * Decodes IN.m3c with the parsed options into the sink {@code opener} gives (display area only); {@code -o} is
     * not written. {@code m3cvc eval} measures decoded frames this way without a lossy file in between.
     *
     * @param opener called once; the sink it returns is finished on success and closed in every case
     * @return the number of frames written
     */
    public long decode(SinkOpener opener) throws Exception {
        packOptions.checkThreads(spec);
        StageTimes times = statsOptions.begin();
        ModelPack pack = packOptions.open(times);
        ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "decode", quiet);
        long frames;
        try (M3cReader reader = M3cReader.open(InputFiles.open(input), input.toString())) {
            StreamHeader sh = reader.streamHeader();
            pack.checkStream(sh, forcePack);
            VideoFormat fmt = new VideoFormat(sh.displayWidth(), sh.displayHeight(), sh.frameRateNum(),
                    sh.frameRateDen());
            try (PackSessions sessions = packOptions.sessions(pack, times);
                 FrameSink sink = CroppingSink.of(opener.open(fmt), sh.codedWidth(), sh.codedHeight(),
                         sh.displayWidth(), sh.displayHeight());
                 PackReconstruction networks = new PackReconstruction(pack, sessions, sh, times)) {
                frames = StreamDecoder.decode(reader, networks.keyframes(), networks.clips(), sink, bar, times);
            }
        }
        bar.end();
        statsOptions.report("decode", pack.name(), times, frames, spec.commandLine().getErr());
        return frames;
    }
}
