package org.m3cvc.cli.eval;

import java.util.List;
import java.util.regex.Pattern;

/** POSIX shell quoting, so that the command lines recorded in the CSV can be pasted into a shell. */
final class Shell {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private Shell() {}

    static String quote(String arg) {
        if (SAFE.matcher(arg).matches()) return arg;
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    static String join(List<String> args) {
        StringBuilder b = new StringBuilder();
        for (String a : args) {
            if (b.length() > 0) b.append(' ');
            b.append(quote(a));
        }
        return b.toString();
    }
}
