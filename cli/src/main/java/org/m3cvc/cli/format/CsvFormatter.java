package org.m3cvc.cli.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.m3cvc.cli.schema.FieldDef;
import org.m3cvc.cli.schema.FieldType;
import org.m3cvc.cli.schema.IntMatrix;
import org.m3cvc.cli.schema.SectionDef;

/**
 * CSV output through Jackson CSV, flattened to <b>one row per section instance that holds fields</b>: the file
 * header, the stream header, each clip header, keyframe, text, byte string, chunk and histogram bin, the bit
 * accounting, the error. The first column, {@code section}, is the instance's path: section names joined by '.', array
 * instances numbered, e.g. {@code clip[2].text[0]} or {@code clip[0].keyframe}; arrays themselves add no name. The other
 * columns are every field name of the table in table order, each once; a field of the same name means the same in
 * every section, and a cell is empty where the row's section lacks that field. A matrix cell holds its rows
 * separated by {@code ;}, numbers by spaces. Rows come in document order, so the header line is the same for every
 * input and options.
 */
public final class CsvFormatter implements Formatter {
    private static final String SECTION_COLUMN = "section";

    private static final class Frame {
        final SectionDef def;
        final String path;
        int instances;
        String[] row;

        Frame(SectionDef def, String path) {
            this.def = def;
            this.path = path;
        }
    }

    private final Map<String, Integer> columns = new HashMap<>();
    private final int width;
    private final SequenceWriter rows;
    private final Deque<Frame> open = new ArrayDeque<>();

    /**
     * @param out receives UTF-8; not closed
     * @param root the table whose fields make the columns
     */
    public CsvFormatter(OutputStream out, SectionDef root) throws IOException {
        List<String> names = new ArrayList<>();
        names.add(SECTION_COLUMN);
        names.addAll(root.allFieldNames());
        if (names.lastIndexOf(SECTION_COLUMN) != 0) throw new IllegalArgumentException("a field is named section");
        CsvSchema.Builder schema = CsvSchema.builder();
        for (int i = 0; i < names.size(); i++) {
            columns.put(names.get(i), i);
            schema.addColumn(names.get(i));
        }
        this.width = names.size();
        this.rows = new CsvMapper().writer(schema.build().withHeader().withLineSeparator("\n"))
                .with(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
                .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValues(out);
    }

    @Override
    public void beginSection(SectionDef section, SectionDef parent) throws IOException {
        Frame p = open.peek();
        String path;
        if (p == null) {
            path = "";
        } else {
            flush(p);
            String name = p.def.isArray() ? section.name() + "[" + p.instances++ + "]" : section.name();
            path = section.isArray() ? p.path : p.path.isEmpty() ? name : p.path + "." + name;
        }
        open.push(new Frame(section, path));
    }

    @Override
    public void field(FieldDef field, Object value) throws IOException {
        Frame f = open.peek();
        if (f.row == null) {
            f.row = new String[width];
            f.row[0] = f.path;
        }
        f.row[columns.get(field.name())] = field.type() == FieldType.MATRIX ? matrix((IntMatrix) value)
                : Values.plain(value);
    }

    @Override
    public void endSection(SectionDef section, SectionDef parent) throws IOException {
        flush(open.pop());
    }

    @Override
    public void finish() throws IOException {
        rows.close();
    }

    /** Writes the section's row once its own fields are complete: before its first child, or at its end. */
    private void flush(Frame f) throws IOException {
        if (f.row == null) return;
        rows.write(Arrays.asList(f.row));
        f.row = null;
    }

    private static String matrix(IntMatrix m) {
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < m.height(); y++) {
            if (y > 0) sb.append(';');
            sb.append(Values.row(m, y));
        }
        return sb.toString();
    }
}
