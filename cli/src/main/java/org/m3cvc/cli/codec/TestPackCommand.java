package org.m3cvc.cli.codec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.m3cvc.cli.ExitCodes;
import org.m3cvc.cli.Version;
import org.m3cvc.codec.pack.ModelPack;
import org.m3cvc.codec.testpack.TestPackBuilder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code m3cvc testpack DIR}: writes the hand-built plumbing pack (not learned; for tests and demos). */
@Command(name = "testpack", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Writes the small hand-built test model pack (a VQ colour-block codec, not learned): the "
                + "whole pipeline runs with it, without trained weights."})
public final class TestPackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "Directory to write the pack to (created).")
    Path dir;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "512x320",
            description = "Frame size the networks take, multiples of 16 (default: ${DEFAULT-VALUE}).")
    String size;

    @Override
    public Integer call() throws Exception {
        int[] wh = SizeOption.parse(size, "--size", spec);
        if (wh[0] % 16 != 0 || wh[1] % 16 != 0) {
            throw new ParameterException(spec.commandLine(), "--size " + size + ": both sides must be multiples of 16");
        }
        ModelPack pack = new TestPackBuilder(wh[0], wh[1]).write(dir);
        spec.commandLine().getOut().printf("%s: pack %s %s%n", dir, pack.name(), pack.identityHex());
        return ExitCodes.OK;
    }
}
