package org.m3cvc.cli.codec;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Parses {@code WxH} option values; a malformed one is a usage error (exit 2), never an internal one. */
final class SizeOption {
    private SizeOption() {}

    static int[] parse(String value, String option, CommandSpec spec) {
        String[] p = value.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (p.length == 2) {
                int w = Integer.parseInt(p[0]), h = Integer.parseInt(p[1]);
                if (w > 0 && h > 0) return new int[] {w, h};
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new ParameterException(spec.commandLine(), option + " " + value + ": expected WxH, for example 512x320");
    }
}
