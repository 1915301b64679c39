package org.m3cvc.cli.text;

import java.util.concurrent.Callable;

import org.m3cvc.cli.Version;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code m3cvc text}: groups {@code export} and {@code import}. */
@Command(name = "text", mixinStandardHelpOptions = true, versionProvider = Version.class,
        synopsisSubcommandLabel = "(export | import)",
        description = {"Exports the keyframe and clip descriptions of an .m3c stream as JSON, or rewrites a stream with "
                + "edited texts (every other chunk is copied byte for byte)."})
public final class TextCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: export or import");
    }
}
