package org.m3cvc.cli.format;

import java.io.IOException;
import java.io.OutputStream;

import org.m3cvc.cli.schema.SectionDef;

/** The values of {@code --of}. */
public enum OutputFormat {
    TEXT, JSON, CSV;

    /** A formatter writing to {@code out} (not closed by it) for documents of {@code root}. */
    public Formatter formatter(OutputStream out, SectionDef root) throws IOException {
        return switch (this) {
            case TEXT -> new TextFormatter(out);
            case JSON -> new JsonFormatter(out);
            case CSV -> new CsvFormatter(out, root);
        };
    }
}
