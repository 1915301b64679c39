package org.m3cvc.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.m3cvc.container.Requirement;

/**
 * Exit codes of every m3cvc command. Scripts rely on them: they never change meaning.
 *
 * <table>
 *   <caption>Exit codes</caption>
 *   <tr><td>0</td><td>success; the stream is valid</td></tr>
 *   <tr><td>1</td><td>the stream does not conform (a requirement of kind corrupted is broken)</td></tr>
 *   <tr><td>2</td><td>usage error (bad options or arguments, or a texts file that is not what text import expects)</td></tr>
 *   <tr><td>3</td><td>unsupported (a requirement of kind unsupported is broken: newer read_version, unknown critical
 *       chunk, unknown coder id)</td></tr>
 *   <tr><td>4</td><td>I/O error: the file cannot be opened or read, an output cannot be written, or the description
 *       server cannot be reached or fails</td></tr>
 *   <tr><td>5</td><td>model pack error: missing, damaged, or not the pack the stream was encoded with</td></tr>
 *   <tr><td>70</td><td>internal error (a bug in m3cvc; rerun with --debug for the stack trace)</td></tr>
 * </table>
 */
public final class ExitCodes {
    private ExitCodes() {}

    public static final int OK = 0;
    public static final int NONCONFORMING = 1;
    public static final int USAGE = 2;
    public static final int UNSUPPORTED = 3;
    public static final int IO_ERROR = 4;
    public static final int PACK = 5;
    /** sysexits.h EX_SOFTWARE. */
    public static final int INTERNAL = 70;

    /** The code of a broken requirement of kind {@code kind}. */
    public static int of(Requirement.Kind kind) {
        return kind == Requirement.Kind.CORRUPTED ? NONCONFORMING : UNSUPPORTED;
    }

    /** The exit code list of every command's help, in order. */
    public static Map<String, String> helpList() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Integer.toString(OK), "success; the stream is valid");
        m.put(Integer.toString(NONCONFORMING), "the stream does not conform (a corrupted requirement is broken)");
        m.put(Integer.toString(USAGE), "usage error: bad options or arguments (or texts file)");
        m.put(Integer.toString(UNSUPPORTED), "unsupported: newer read_version, unknown critical chunk or coder id");
        m.put(Integer.toString(IO_ERROR), "I/O error: a file cannot be read or written, or the description server fails");
        m.put(Integer.toString(PACK), "model pack missing, damaged, or not the stream's (encode, decode)");
        m.put(Integer.toString(INTERNAL), "internal error (a bug; --debug prints its stack trace)");
        return m;
    }
}
