package org.m3cvc.cli.format;

import java.math.BigDecimal;

import org.m3cvc.cli.schema.IntMatrix;

/** Plain renderings of field values shared by the text and CSV formatters. */
final class Values {
    private Values() {}

    /** A number without exponent, a boolean as true/false, a string as is. */
    static String plain(Object value) {
        if (value instanceof BigDecimal d) return d.toPlainString();
        return String.valueOf(value);
    }

    /** One row of a matrix, numbers separated by single spaces. */
    static String row(IntMatrix m, int y) {
        StringBuilder sb = new StringBuilder(m.width() * 4);
        for (int x = 0; x < m.width(); x++) {
            if (x > 0) sb.append(' ');
            sb.append(m.at(x, y));
        }
        return sb.toString();
    }
}
