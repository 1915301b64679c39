package org.m3cvc.cli;

import java.io.IOException;
import java.io.PrintWriter;

import org.m3cvc.cli.common.Failure;
import org.m3cvc.cli.common.FailureException;
import org.m3cvc.container.M3cFormatException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one failure path of every command: one line on standard error, the exit code from the
 * {@link ExitCodeMapper}. A stack trace is printed only with the hidden {@code --debug} option.
 */
final class FailureHandler implements IExecutionExceptionHandler {
    static final String DEBUG_OPTION = "--debug";

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        err.println(message(ex));
        if (debug(parsed)) ex.printStackTrace(err);
        err.flush();
        return cl.getExitCodeExceptionMapper().getExitCode(ex);
    }

    static String message(Throwable t) {
        if (t instanceof FailureException f) return f.failure().message();
        if (t instanceof M3cFormatException f) return f.getMessage();
        if (t instanceof org.m3cvc.cli.common.InputFileException f) return f.getMessage();
        if (t instanceof IOException e) {
            return "m3cvc: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return "m3cvc: internal error: " + Failure.oneLine(t) + " (a bug; rerun with " + DEBUG_OPTION
                + " for the stack trace)";
    }

    static boolean debug(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(DEBUG_OPTION)) return true;
        }
        return false;
    }
}
