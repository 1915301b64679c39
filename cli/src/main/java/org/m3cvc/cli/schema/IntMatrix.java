package org.m3cvc.cli.schema;

/**
 * Rows of whole numbers, row-major: the value of a {@link FieldType#MATRIX} field.
 *
 * @param width numbers per row, at least 1
 * @param values row-major, a whole number of rows; owned by the record, do not modify
 */
public record IntMatrix(int width, int[] values) {
    public IntMatrix {
        if (width < 1 || values.length % width != 0) {
            throw new IllegalArgumentException(values.length + " values in rows of " + width);
        }
    }

    public int height() { return values.length / width; }

    public int at(int x, int y) { return values[y * width + x]; }
}
