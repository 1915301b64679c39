package org.m3cvc.cli.schema;

import java.util.Objects;

/**
 * One field of a section.
 *
 * @param name the printed name: the spec element name for {@link Origin#SPEC} fields
 * @param type the value type
 * @param origin spec element or derived value
 * @param scale decimal places of a {@link FieldType#DECIMAL} field (values are rounded half-even to it); 0 otherwise
 * @param shownWith the option that adds this field ({@code ""}: always printed)
 * @param description one line for {@code --sections}
 */
public record FieldDef(String name, FieldType type, Origin origin, int scale, String shownWith, String description) {
    public FieldDef {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        Objects.requireNonNull(origin);
        Objects.requireNonNull(shownWith);
        Objects.requireNonNull(description);
        if (!name.matches("[a-z][a-z0-9_]*")) throw new IllegalArgumentException("field name " + name);
        if ((type == FieldType.DECIMAL) != (scale > 0)) throw new IllegalArgumentException("scale of " + name);
    }

    /** A spec element printed with its coded value. */
    public static FieldDef spec(String name, FieldType type, String description) {
        return new FieldDef(name, type, Origin.SPEC, 0, "", description);
    }

    /** A derived value. */
    public static FieldDef derived(String name, FieldType type, String description) {
        return new FieldDef(name, type, Origin.DERIVED, 0, "", description);
    }

    /** A derived decimal with {@code scale} decimal places. */
    public static FieldDef decimal(String name, int scale, String description) {
        return new FieldDef(name, FieldType.DECIMAL, Origin.DERIVED, scale, "", description);
    }

    /** This field, printed only with {@code option}. */
    public FieldDef shownWith(String option) {
        return new FieldDef(name, type, origin, scale, option, description);
    }
}
