package org.m3cvc.codec.pack;

import java.io.IOException;

/**
 * A model pack that cannot be used: its manifest is malformed, a file is missing or altered, or it is not the pack a
 * stream was encoded for. The message names the pack, the manifest field (a JSON pointer) or file, what was expected
 * and what was found.
 */
public final class PackException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String where;

    public PackException(String pack, String where, String expected, String found) {
        super(pack + ": " + where + ": expected " + expected + ", found " + found);
        this.where = where;
    }

    /** The manifest field (JSON pointer such as {@code /roles/denoiser/file}) or pack file at fault. */
    public String where() { return where; }
}
