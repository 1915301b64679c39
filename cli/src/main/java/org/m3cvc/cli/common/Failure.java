package org.m3cvc.cli.common;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Objects;

import org.m3cvc.cli.ExitCodes;
import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.Requirement;

/**
 * Why reading a file stopped, in the one shape every command reports: the fields of {@link M3cFormatException} for a
 * format error, the file and a message otherwise.
 *
 * @param file the input as named in messages
 * @param kind what failed
 * @param message one line: for a format error the exception's message ({@code file: offset 0x..: element: expected
 *     .., found .. [ID, kind]}), else {@code file: reason}
 * @param offset byte offset of the fault; null unless a format error
 * @param bit bit of that byte; null unless a format error
 * @param element element path; null unless a format error
 * @param expected null unless a format error
 * @param found null unless a format error
 * @param requirement requirement id such as {@code CK-3}; null unless a format error
 */
public record Failure(String file, Kind kind, String message, Long offset, Integer bit, String element,
                      String expected, String found, String requirement) {

    /** Failure kinds, each with its exit code. */
    public enum Kind {
        CORRUPTED("corrupted", ExitCodes.NONCONFORMING),
        UNSUPPORTED("unsupported", ExitCodes.UNSUPPORTED),
        IO_ERROR("io_error", ExitCodes.IO_ERROR),
        INTERNAL_ERROR("internal_error", ExitCodes.INTERNAL);

        private final String label;
        private final int exitCode;

        Kind(String label, int exitCode) {
            this.label = label;
            this.exitCode = exitCode;
        }

        /** The name in output: corrupted, unsupported, io_error, internal_error. */
        public String label() { return label; }

        public int exitCode() { return exitCode; }
    }

    public Failure {
        Objects.requireNonNull(file);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(message);
    }

    public int exitCode() { return kind.exitCode(); }

    public boolean isFormatError() { return requirement != null; }

    public static Failure of(M3cFormatException e) {
        return new Failure(e.file(), e.kind() == Requirement.Kind.CORRUPTED ? Kind.CORRUPTED : Kind.UNSUPPORTED,
                e.getMessage(), e.offset(), e.bit(), e.element(), e.expected(), e.found(), e.requirement().id());
    }

    /** An input that cannot be opened or read; a format error given here is reported as one. */
    public static Failure of(String file, IOException e) {
        if (e instanceof M3cFormatException f) return of(f);
        return new Failure(file, Kind.IO_ERROR, file + ": " + reason(e), null, null, null, null, null, null);
    }

    /** A bug in m3cvc or its libraries, met while reading {@code file}. */
    public static Failure internal(String file, Throwable t) {
        return new Failure(file, Kind.INTERNAL_ERROR, file + ": internal error: " + oneLine(t), null, null, null, null,
                null, null);
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) return "no such file";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof FileSystemException fs && fs.getReason() != null) return fs.getReason().toLowerCase();
        String m = e.getMessage();
        return "read error: " + (m == null || m.isBlank() ? e.getClass().getSimpleName() : m.toLowerCase());
    }

    /** The throwable's class and message on one line. */
    public static String oneLine(Throwable t) {
        String m = t.getMessage();
        String s = t.getClass().getName() + (m == null ? "" : ": " + m);
        return s.replaceAll("[\\r\\n]+", " ");
    }
}
