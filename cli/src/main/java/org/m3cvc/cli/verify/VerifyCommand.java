package org.m3cvc.cli.verify;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.m3cvc.cli.ExitCodes;
import org.m3cvc.cli.Version;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code m3cvc verify}: the verdict on each file. A failure's one-line message always goes to standard error, as every
 * command's errors do; standard output gets the report in the chosen format: for text the valid files' lines, for
 * JSON every result. The exit code is that of the first failure.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Reads each file completely, checking every requirement of the format. Prints 'FILE: valid "
                + "(N chunks, decoded-syntax md5 X)' on standard output for a valid file, the error line on standard "
                + "error for one that is not (with --of json, every result also goes to standard output).",
                "The exit code is that of the first file that fails, else 0."})
public final class VerifyCommand implements Callable<Integer> {
    /** The values of verify's {@code --of}. */
    public enum Format { TEXT, JSON }

    private final PrintStream out;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The .m3c files.")
    private List<Path> files;

    @Option(names = "--of", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: text or json (an array of results). Default: ${DEFAULT-VALUE}.")
    private Format format;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing for valid files.")
    private boolean quiet;

    /** @param out where results go; not closed */
    public VerifyCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        VerifyPrinter printer = format == Format.JSON ? new VerifyJsonPrinter(out) : new VerifyTextPrinter(out);
        PrintWriter err = spec.commandLine().getErr();
        int exit = ExitCodes.OK;
        for (Path f : files) {
            VerifyResult r = Verify.check(f);
            if (!r.valid()) {
                err.print(r.line() + "\n");
                err.flush();
            }
            if (!(quiet && r.valid())) printer.print(r);
            if (exit == ExitCodes.OK) exit = r.exitCode();
        }
        printer.finish();
        return exit;
    }
}
