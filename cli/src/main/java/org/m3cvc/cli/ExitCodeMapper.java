package org.m3cvc.cli;

import org.m3cvc.cli.common.FailureException;
import org.m3cvc.container.M3cFormatException;

import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParameterException;

/** Maps what a command throws to an exit code of {@link ExitCodes}. */
final class ExitCodeMapper implements IExitCodeExceptionMapper {
    @Override
    public int getExitCode(Throwable t) {
        if (t instanceof FailureException f) return f.failure().exitCode();
        if (t instanceof M3cFormatException f) return ExitCodes.of(f.kind());
        if (t instanceof org.m3cvc.cli.common.InputFileException) return ExitCodes.USAGE;
        if (t instanceof ParameterException) return ExitCodes.USAGE;
        if (t instanceof org.m3cvc.codec.pack.PackException) return ExitCodes.PACK;
        if (t instanceof java.io.IOException) return ExitCodes.IO_ERROR;
        return ExitCodes.INTERNAL;
    }
}
