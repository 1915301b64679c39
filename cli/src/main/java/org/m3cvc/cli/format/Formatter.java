package org.m3cvc.cli.format;

import java.io.IOException;

import org.m3cvc.cli.schema.FieldDef;
import org.m3cvc.cli.schema.SectionDef;

/**
 * Renders a stream of sections and fields in one output format. Calls arrive well nested and already checked
 * against the field table by {@link SectionWriter}: a section's fields come before its child sections, fields come in
 * table order, each at most once, with a value of the field's type. Output is written as it comes, so memory does
 * not grow with the input.
 *
 * <p>Implementations write UTF-8 with {@code \n} line ends whatever the platform, so output is bit-exact, and do not
 * close the stream they write to. Not thread-safe.
 */
public interface Formatter {
    /**
     * Opens an instance of {@code section}.
     *
     * @param parent the enclosing section; null for the document root
     */
    void beginSection(SectionDef section, SectionDef parent) throws IOException;

    void field(FieldDef field, Object value) throws IOException;

    void endSection(SectionDef section, SectionDef parent) throws IOException;

    /** Completes the document (after the root section ended) and flushes. */
    void finish() throws IOException;
}
