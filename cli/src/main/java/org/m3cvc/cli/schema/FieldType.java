package org.m3cvc.cli.schema;

import java.math.BigDecimal;
import java.math.BigInteger;

/** The value type of a field; a formatter renders each type one way, so numbers stay numbers in every format. */
public enum FieldType {
    /** A whole number: {@link Integer}, {@link Long} or {@link BigInteger} (u(64) values such as noise_seed). */
    INTEGER("integer"),
    /** A {@link BigDecimal} whose scale is the field's {@link FieldDef#scale()}, so that output is bit-exact. */
    DECIMAL("decimal"),
    /** Free text (pack_name, decoded texts, file names): quoted and escaped in text output. */
    STRING("string"),
    /** A symbolic token without spaces: an enumeration value's spec name, a chunk category, a requirement id. */
    NAME("name"),
    /** Bytes or a checksum in hexadecimal. */
    HEX("hex"),
    BOOLEAN("boolean"),
    /** An {@link IntMatrix}: rows of whole numbers (an index plane). */
    MATRIX("matrix");

    private final String label;

    FieldType(String label) {
        this.label = label;
    }

    /** The name printed by {@code --sections}. */
    public String label() { return label; }

    /** Whether {@code value} is a legal Java value for this type (null never is: omit the field instead). */
    public boolean accepts(Object value) {
        return switch (this) {
            case INTEGER -> value instanceof Integer || value instanceof Long || value instanceof BigInteger;
            case DECIMAL -> value instanceof BigDecimal;
            case STRING, NAME, HEX -> value instanceof String;
            case BOOLEAN -> value instanceof Boolean;
            case MATRIX -> value instanceof IntMatrix;
        };
    }
}
