package org.m3cvc.container;

import java.io.IOException;
import java.util.Objects;

/**
 * The one exception for malformed or unsupported input: it names the file, the byte (and bit) offset, the element,
 * what was expected, what was found and the broken requirement.
 *
 * <p>Message shape: {@code in.m3c: offset 0x1A2C bit 3: /clip_header[3]/clip_mode: expected 0..1, found 7 [CL-4, unsupported]}.
 */
public final class M3cFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long offset;
    private final int bit;
    private final String element;
    private final String expected;
    private final String found;
    private final Requirement requirement;

    /**
     * @param file name of the input as the user gave it (never null; "-" for standard input)
     * @param offset byte offset in the file where the fault was detected
     * @param bit bit within that byte, 0 = most significant
     * @param element element path, for example {@code /stream_header/coded_width}
     */
    public M3cFormatException(String file, long offset, int bit, String element, String expected, String found,
                              Requirement requirement) {
        super(format(file, offset, bit, element, expected, found, requirement));
        this.file = Objects.requireNonNull(file);
        this.offset = offset;
        this.bit = bit;
        this.element = Objects.requireNonNull(element);
        this.expected = Objects.requireNonNull(expected);
        this.found = Objects.requireNonNull(found);
        this.requirement = Objects.requireNonNull(requirement);
    }

    private static String format(String file, long offset, int bit, String element, String expected, String found,
                                 Requirement r) {
        return String.format("%s: offset 0x%X%s: %s: expected %s, found %s [%s, %s]", file, offset,
                bit == 0 ? "" : " bit " + bit, element, expected, found, r.id(),
                r.kind() == Requirement.Kind.CORRUPTED ? "corrupted" : "unsupported");
    }

    public String file() { return file; }

    public long offset() { return offset; }

    public int bit() { return bit; }

    public String element() { return element; }

    public String expected() { return expected; }

    public String found() { return found; }

    public Requirement requirement() { return requirement; }

    public Requirement.Kind kind() { return requirement.kind(); }
}
