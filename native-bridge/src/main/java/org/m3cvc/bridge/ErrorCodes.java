package org.m3cvc.bridge;

import java.io.IOException;
import java.util.concurrent.ExecutionException;

import org.m3cvc.codec.pack.PackException;
import org.m3cvc.container.M3cFormatException;

import picocli.CommandLine.ParameterException;

/** The error codes of m3cvc_bridge.h, and the message a host shows for each failure. */
final class ErrorCodes {
    static final int OK = 0;
    static final int INVALID_ARGUMENT = -1;
    static final int INVALID_DATA = -2;
    static final int PACK = -3;
    static final int IO = -4;
    static final int AGAIN = -5;
    static final int INTERNAL = -6;

    private ErrorCodes() {}

    static int code(Throwable t) {
        t = cause(t);
        if (t instanceof BridgeException b) return b.code();
        if (t instanceof ParameterException || t instanceof IllegalArgumentException) return INVALID_ARGUMENT;
        if (t instanceof M3cFormatException) return INVALID_DATA;
        if (t instanceof PackException) return PACK;
        if (t instanceof IOException) return IO;
        return INTERNAL;
    }

    /** One line for the host's log: the message, with the type for failures that have none worth showing. */
    static String message(Throwable t) {
        t = cause(t);
        String m = t.getMessage();
        if (t instanceof BridgeException || t instanceof ParameterException || t instanceof M3cFormatException
                || t instanceof PackException || (t instanceof IOException && m != null)) {
            return m;
        }
        return t.getClass().getName() + (m == null ? "" : ": " + m);
    }

    private static Throwable cause(Throwable t) {
        while (t instanceof ExecutionException && t.getCause() != null) t = t.getCause();
        return t;
    }
}
