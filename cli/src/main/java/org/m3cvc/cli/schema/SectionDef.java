package org.m3cvc.cli.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One section of the field table: either an object holding fields (in printing order) and child sections, or an
 * array of instances of one element section (ffprobe's {@code SECTION_FLAG_IS_ARRAY}). Immutable.
 */
public final class SectionDef {
    private final String name;
    private final String description;
    private final String shownWith;
    private final SectionDef element;
    private final List<FieldDef> fields;
    private final List<SectionDef> children;

    private SectionDef(String name, String description, String shownWith, SectionDef element, List<FieldDef> fields,
                       List<SectionDef> children) {
        if (!name.matches("[a-z][a-z0-9_]*")) throw new IllegalArgumentException("section name " + name);
        this.name = name;
        this.description = Objects.requireNonNull(description);
        this.shownWith = Objects.requireNonNull(shownWith);
        this.element = element;
        this.fields = List.copyOf(fields);
        this.children = List.copyOf(children);
        Set<String> names = new HashSet<>();
        for (FieldDef f : this.fields) {
            if (!names.add(f.name())) throw new IllegalArgumentException(name + ": field " + f.name() + " twice");
        }
        for (SectionDef c : this.children) {
            if (!names.add(c.name)) throw new IllegalArgumentException(name + ": name " + c.name + " twice");
        }
    }

    /** An object section. */
    public static SectionDef object(String name, String shownWith, String description, List<FieldDef> fields,
                                    SectionDef... children) {
        return new SectionDef(name, description, shownWith, null, fields, List.of(children));
    }

    /** An array of instances of {@code element}; an array holds no fields of its own. */
    public static SectionDef array(String name, String shownWith, String description, SectionDef element) {
        return new SectionDef(name, description, shownWith, Objects.requireNonNull(element), List.of(), List.of());
    }

    public String name() { return name; }

    public String description() { return description; }

    /** The option that adds this section ({@code ""}: always printed). */
    public String shownWith() { return shownWith; }

    public boolean isArray() { return element != null; }

    /** The element section of an array; null for an object. */
    public SectionDef element() { return element; }

    /** Fields in printing order. */
    public List<FieldDef> fields() { return fields; }

    /** Child sections in printing order (for an array: its element). */
    public List<SectionDef> children() { return element != null ? List.of(element) : children; }

    /** The field called {@code fieldName}, or null. */
    public FieldDef field(String fieldName) {
        for (FieldDef f : fields) if (f.name().equals(fieldName)) return f;
        return null;
    }

    /** Position of {@code f} in {@link #fields()}, or -1. */
    public int indexOf(FieldDef f) { return fields.indexOf(f); }

    /** Whether an instance of {@code child} may open directly inside an instance of this section. */
    public boolean allows(SectionDef child) {
        return element != null ? element == child : children.contains(child);
    }

    /** Every field name under this section, depth first in printing order, each once: CSV's columns. */
    public List<String> allFieldNames() {
        Set<String> seen = new LinkedHashSet<>();
        collect(this, seen, Collections.newSetFromMap(new IdentityHashMap<>()));
        return new ArrayList<>(seen);
    }

    private static void collect(SectionDef s, Set<String> names, Set<SectionDef> visited) {
        if (!visited.add(s)) return;
        for (FieldDef f : s.fields) names.add(f.name());
        for (SectionDef c : s.children()) collect(c, names, visited);
    }

    @Override
    public String toString() { return name; }
}
