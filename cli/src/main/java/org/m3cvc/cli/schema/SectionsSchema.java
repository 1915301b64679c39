package org.m3cvc.cli.schema;

import static org.m3cvc.cli.schema.FieldDef.derived;
import static org.m3cvc.cli.schema.SectionDef.array;
import static org.m3cvc.cli.schema.SectionDef.object;

import java.util.List;

/**
 * The table of {@code probe --sections}' own output: one {@code section} per section of {@link ProbeSchema}, each
 * listing its fields. It goes through the same formatters as probe output.
 */
public final class SectionsSchema {
    private SectionsSchema() {}

    public static final SectionDef FIELD = object("field", ProbeSchema.ALWAYS, "one field of the section",
            List.of(derived("field_name", FieldType.NAME, "the printed name"),
                    derived("field_type", FieldType.NAME, "integer, decimal, string, name, hex, boolean or matrix"),
                    derived("origin", FieldType.NAME, "spec: a syntax element of spec/syntax.json; derived: computed"),
                    derived("scale", FieldType.INTEGER, "decimal places (decimal fields only)"),
                    derived("shown_with", FieldType.STRING, "the option that adds the field (absent: always)"),
                    derived("description", FieldType.STRING, "what the field holds")));

    public static final SectionDef FIELDS = array("fields", ProbeSchema.ALWAYS, "the section's fields in order", FIELD);

    public static final SectionDef SECTION = object("section", ProbeSchema.ALWAYS, "one section of probe output",
            List.of(derived("section_path", FieldType.NAME, "names from the document root, joined by '.'"),
                    derived("section_kind", FieldType.NAME, "object or array (an array holds instances of its element)"),
                    derived("shown_with", FieldType.STRING, "the option that adds the section (absent: always)"),
                    derived("description", FieldType.STRING, "what the section holds")),
            FIELDS);

    public static final SectionDef SECTIONS = array("sections", ProbeSchema.ALWAYS, "every section, depth first",
            SECTION);

    public static final SectionDef ROOT = object("probe_sections", ProbeSchema.ALWAYS,
            "the sections and fields of m3cvc probe", List.of(), SECTIONS);
}
