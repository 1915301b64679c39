package org.m3cvc.cli.common;

/**
 * A file the user wrote for a command (a texts file, say) does not hold what the command expects: a usage error
 * (exit code 2), reported on one line as {@code FILE: /json/pointer: expected .., found ..}.
 */
public final class InputFileException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param file the file as named on the command line
     * @param where where in the file, for example a JSON pointer such as {@code /texts/3/text_role}
     * @param expected what the command expects there
     * @param found what is there, or null to leave it out
     */
    public InputFileException(String file, String where, String expected, String found) {
        super(file + ": " + where + ": expected " + expected + (found == null ? "" : ", found " + found));
    }
}
