package org.m3cvc.cli.format;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

import org.m3cvc.cli.schema.FieldDef;
import org.m3cvc.cli.schema.FieldType;
import org.m3cvc.cli.schema.IntMatrix;
import org.m3cvc.cli.schema.SectionDef;
import org.m3cvc.container.DecodedSyntax;

/**
 * Human-readable output: one {@code name: value} per line, sections as {@code name:} headers indented two spaces per
 * level. The root is not printed, nor are array sections: their instances appear one after another under the
 * element's name. Strings are quoted and escaped as in the decoded-syntax serialization (spec clause 10.2), so a
 * text holding a newline still takes one line, as is any empty value; a matrix prints one row per line.
 */
public final class TextFormatter implements Formatter {
    private static final String INDENT = "  ";

    private final Writer out;
    /** Per open section: whether it printed a header (and so indents what it holds). */
    private final Deque<Boolean> printed = new ArrayDeque<>();
    private int depth;

    /** @param out receives UTF-8; not closed */
    public TextFormatter(OutputStream out) {
        this.out = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    }

    @Override
    public void beginSection(SectionDef section, SectionDef parent) throws IOException {
        boolean header = parent != null && !section.isArray();
        if (header) {
            line(section.name() + ":");
            depth++;
        }
        printed.push(header);
    }

    @Override
    public void field(FieldDef field, Object value) throws IOException {
        if (field.type() == FieldType.MATRIX) {
            IntMatrix m = (IntMatrix) value;
            line(field.name() + ":");
            depth++;
            for (int y = 0; y < m.height(); y++) line(Values.row(m, y));
            depth--;
        } else if (field.type() == FieldType.STRING || "".equals(value)) {
            // An empty hex string (an empty payload) too: "name: " would read as a header with trailing blank.
            line(field.name() + ": " + DecodedSyntax.quote((String) value));
        } else {
            line(field.name() + ": " + Values.plain(value));
        }
    }

    @Override
    public void endSection(SectionDef section, SectionDef parent) throws IOException {
        if (printed.pop()) depth--;
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }

    private void line(String s) throws IOException {
        for (int i = 0; i < depth; i++) out.write(INDENT);
        out.write(s);
        out.write('\n');
    }
}
