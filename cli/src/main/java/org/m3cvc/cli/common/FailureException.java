package org.m3cvc.cli.common;

/**
 * Ends a command that has reported {@code failure} in its own output (probe's error section, say): the command line
 * prints {@link Failure#message()} on standard error and exits with {@link Failure#exitCode()}.
 */
public final class FailureException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Failure failure;

    public FailureException(Failure failure, Throwable cause) {
        super(failure.message(), cause);
        this.failure = failure;
    }

    public Failure failure() { return failure; }
}
