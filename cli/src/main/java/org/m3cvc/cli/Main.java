package org.m3cvc.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;

import org.m3cvc.cli.codec.CompareCommand;
import org.m3cvc.cli.codec.DecodeCommand;
import org.m3cvc.cli.codec.EncodeCommand;
import org.m3cvc.cli.codec.TestPackCommand;
import org.m3cvc.cli.eval.EvalCommand;
import org.m3cvc.cli.probe.ProbeCommand;
import org.m3cvc.cli.syntax.SyntaxCommand;
import org.m3cvc.cli.text.TextCommand;
import org.m3cvc.cli.text.TextExportCommand;
import org.m3cvc.cli.text.TextImportCommand;
import org.m3cvc.cli.verify.VerifyCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code m3cvc} command: {@code probe}, {@code verify} and {@code syntax} of .m3c streams, which need the
 * container library alone (probing never loads a model), and {@code encode}, {@code decode} and {@code testpack},
 * which run the codec.
 */
@Command(name = "m3cvc", mixinStandardHelpOptions = true, versionProvider = Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {"Encodes, decodes, analyzes and validates .m3c streams of the M3-CVC generative video codec.",
                "Run 'm3cvc COMMAND --help' for the options of a command."})
public final class Main implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** Read through {@link FailureHandler#debug}; declared here so that every command accepts it. */
    @Option(names = FailureHandler.DEBUG_OPTION, hidden = true, scope = ScopeType.INHERIT,
            description = "Print the stack trace of an internal error.")
    private boolean debug;

    private Main() {}

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: probe, verify, syntax, encode, decode, testpack, compare, text or eval");
    }

    /**
     * Runs m3cvc with {@code args}, writing to {@code out} and {@code err} (UTF-8), and returns the exit code of
     * {@link ExitCodes} without exiting the JVM. Never throws and never prints a stack trace unless {@code --debug}.
     * Neither stream is closed.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        try {
            return commandLine(out, outWriter, errWriter).execute(args);
        } catch (Throwable t) {
            // picocli lets Errors (StackOverflowError, OutOfMemoryError, ...) through: they end here, on one line.
            errWriter.println(FailureHandler.message(t));
            if (Arrays.asList(args).contains(FailureHandler.DEBUG_OPTION)) t.printStackTrace(errWriter);
            return ExitCodes.INTERNAL;
        } finally {
            outWriter.flush();
            errWriter.flush();
            out.flush();
            err.flush();
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static CommandLine commandLine(PrintStream out, PrintWriter outWriter, PrintWriter errWriter) {
        CommandLine cl = new CommandLine(new Main())
                .addSubcommand(new ProbeCommand(out))
                .addSubcommand(new VerifyCommand(out))
                .addSubcommand(new SyntaxCommand(out))
                .addSubcommand(new EncodeCommand())
                .addSubcommand(new DecodeCommand())
                .addSubcommand(new TestPackCommand())
                .addSubcommand(new CompareCommand())
                .addSubcommand(new CommandLine(new TextCommand())
                        .addSubcommand(new TextExportCommand(out))
                        .addSubcommand(new TextImportCommand()))
                .addSubcommand(new EvalCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(outWriter)
                .setErr(errWriter)
                .setExitCodeExceptionMapper(new ExitCodeMapper())
                .setExecutionExceptionHandler(new FailureHandler())
                .setParameterExceptionHandler(new UsageErrorHandler());
        exitCodeList(cl);
        return cl;
    }

    private static void exitCodeList(CommandLine cl) {
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.helpList());
        for (CommandLine sub : cl.getSubcommands().values()) exitCodeList(sub);
    }
}
