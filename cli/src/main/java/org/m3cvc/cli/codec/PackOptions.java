package org.m3cvc.cli.codec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.m3cvc.codec.pack.ModelPack;
import org.m3cvc.codec.pack.PackException;
import org.m3cvc.codec.pipeline.Stage;
import org.m3cvc.codec.pipeline.StageTimes;
import org.m3cvc.codec.runtime.Device;
import org.m3cvc.codec.runtime.PackSessions;

import picocli.CommandLine.Option;

/** Options shared by encode and decode: which model pack, where networks run. */
public final class PackOptions {
    /** Where the pack is looked for when --pack is not given and M3CVC_PACK is unset (relative to the jar's root). */
    static final String DEFAULT_PACK = "models/reference";

    @Option(names = "--pack", paramLabel = "DIR",
            description = "Model pack directory (default: $M3CVC_PACK, else models/reference of this installation).")
    Path pack;

    @Option(names = "--device", defaultValue = "auto",
            description = "Where networks run: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Device device;

    @Option(names = "--threads", defaultValue = "2", description = "Intra-op threads per network (default: ${DEFAULT-VALUE}).")
    int threads;

    /** --threads must be at least 1: a usage error otherwise. */
    public void checkThreads(picocli.CommandLine.Model.CommandSpec spec) {
        if (threads < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threads " + threads
                    + ": expected at least 1");
        }
    }

    /** {@link #open()}, timed as {@link Stage#PACK_OPEN}. */
    public ModelPack open(StageTimes times) throws IOException {
        long t = times.start();
        ModelPack p = open();
        times.stop(Stage.PACK_OPEN, t);
        return p;
    }

    /** The pack's sessions on --device with --threads, timed as {@link Stage#PACK_OPEN}; the caller closes them. */
    public PackSessions sessions(ModelPack pack, StageTimes times) throws Exception {
        long t = times.start();
        PackSessions s = PackSessions.open(pack, device, threads);
        times.stop(Stage.PACK_OPEN, t);
        return s;
    }

    ModelPack open() throws IOException {
        Path dir = pack;
        if (dir == null && System.getenv("M3CVC_PACK") != null) dir = Path.of(System.getenv("M3CVC_PACK"));
        if (dir == null) dir = installRoot().resolve(DEFAULT_PACK);
        if (!Files.isDirectory(dir)) {
            throw new PackException(dir.toString(), "manifest.json", "a model pack directory (give --pack DIR; "
                    + "'m3cvc testpack DIR' writes a small test pack)", "no such directory");
        }
        return ModelPack.open(dir);
    }

    /** The directory holding cli/target/m3cvc.jar's project, or the working directory. */
    static Path installRoot() {
        try {
            Path jar = Path.of(PackOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path p = jar.getParent();
            for (int i = 0; i < 3 && p != null; i++, p = p.getParent()) {
                if (Files.isDirectory(p.resolve("models"))) return p;
            }
        } catch (Exception e) {
            // Fall through to the working directory.
        }
        return Path.of("").toAbsolutePath();
    }
}
