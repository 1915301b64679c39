package org.m3cvc.cli.eval;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * A CSV table (RFC 4180 as Jackson writes it: header line, "\n" line ends, a field quoted only when it holds a comma,
 * quote or line break, as {@code probe --of csv} writes).
 * Decimals go in as {@link #fixed} values so that they print in plain notation with a fixed number of places
 * (rounded half-even): no {@code 1.0E-4}, the same text on every machine. Not thread-safe.
 */
final class CsvTable {
    private final List<String> columns;
    private final List<Object[]> rows = new ArrayList<>();

    CsvTable(String... columns) {
        this.columns = List.of(columns);
    }

    /** @throws IllegalArgumentException when the number of values is not the number of columns */
    void add(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns " + columns);
        }
        rows.add(values.clone());
    }

    /** {@code v} with {@code places} decimals; null (an empty field) for NaN or infinity. */
    static BigDecimal fixed(double v, int places) {
        if (!Double.isFinite(v)) return null;
        return new BigDecimal(v).setScale(places, RoundingMode.HALF_EVEN);
    }

    List<Object[]> rows() { return rows; }

    void write(OutputStream out) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder();
        for (String c : columns) schema.addColumn(c);
        try (SequenceWriter w = new CsvMapper().writer(schema.build().withHeader().withLineSeparator("\n"))
                .with(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .with(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
                .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValues(out)) {
            for (Object[] r : rows) w.write(Arrays.asList(r));
        }
    }

    /** Writes the table to {@code file} whole or not at all. */
    void write(Path file) throws IOException {
        Outputs.write(file, this::write);
    }
}
