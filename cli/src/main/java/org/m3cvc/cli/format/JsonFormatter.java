package org.m3cvc.cli.format;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

import org.m3cvc.cli.schema.FieldDef;
import org.m3cvc.cli.schema.IntMatrix;
import org.m3cvc.cli.schema.SectionDef;

/**
 * JSON output through Jackson's streaming generator: the root is one object, object sections are nested objects,
 * array sections are arrays of objects, a matrix is an array of rows (one line each). Integers and decimals are JSON numbers (decimals
 * in plain notation with their table scale), booleans are JSON booleans. Indented two spaces, {@code \n} line ends.
 */
public final class JsonFormatter implements Formatter {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private final OutputStream stream;
    private final JsonGenerator gen;

    /** @param out receives UTF-8; not closed */
    public JsonFormatter(OutputStream out) throws IOException {
        this.stream = out;
        this.gen = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        DefaultIndenter lines = new DefaultIndenter("  ", "\n");
        gen.setPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(lines)
                .withArrayIndenter(new RowIndenter(lines)));
    }

    /** Arrays one value per line, except the numbers of a matrix row, which stay on the row's line. */
    private record RowIndenter(DefaultIndenter lines) implements DefaultPrettyPrinter.Indenter {
        @Override
        public void writeIndentation(JsonGenerator g, int level) throws IOException {
            JsonStreamContext ctx = g.getOutputContext();
            if (ctx.inArray() && ctx.getParent() != null && ctx.getParent().inArray()) g.writeRaw(' ');
            else lines.writeIndentation(g, level);
        }

        @Override
        public boolean isInline() { return false; }
    }

    @Override
    public void beginSection(SectionDef section, SectionDef parent) throws IOException {
        if (parent != null && !parent.isArray()) gen.writeFieldName(section.name());
        if (section.isArray()) gen.writeStartArray();
        else gen.writeStartObject();
    }

    @Override
    public void field(FieldDef field, Object value) throws IOException {
        gen.writeFieldName(field.name());
        switch (field.type()) {
            case INTEGER -> {
                if (value instanceof BigInteger b) gen.writeNumber(b);
                else gen.writeNumber(((Number) value).longValue());
            }
            case DECIMAL -> gen.writeNumber((BigDecimal) value);
            case BOOLEAN -> gen.writeBoolean((Boolean) value);
            case MATRIX -> {
                IntMatrix m = (IntMatrix) value;
                gen.writeStartArray();
                for (int y = 0; y < m.height(); y++) {
                    gen.writeArray(m.values(), y * m.width(), m.width());
                }
                gen.writeEndArray();
            }
            case STRING, NAME, HEX -> gen.writeString((String) value);
        }
    }

    @Override
    public void endSection(SectionDef section, SectionDef parent) throws IOException {
        if (section.isArray()) gen.writeEndArray();
        else gen.writeEndObject();
    }

    @Override
    public void finish() throws IOException {
        gen.flush();
        stream.write('\n');
        stream.flush();
    }
}
