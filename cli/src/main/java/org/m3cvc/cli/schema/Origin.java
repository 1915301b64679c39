package org.m3cvc.cli.schema;

/** Where a field's value comes from. */
public enum Origin {
    /** A syntax element of spec/syntax.json, printed under its element name with its coded value. */
    SPEC("spec"),
    /** Computed by the analyzer (names of coded values, sizes, statistics, offsets); never named like an element. */
    DERIVED("derived");

    private final String label;

    Origin(String label) {
        this.label = label;
    }

    public String label() { return label; }
}
