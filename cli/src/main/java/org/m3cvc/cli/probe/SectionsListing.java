package org.m3cvc.cli.probe;

import static org.m3cvc.cli.schema.SectionsSchema.FIELD;
import static org.m3cvc.cli.schema.SectionsSchema.FIELDS;
import static org.m3cvc.cli.schema.SectionsSchema.ROOT;
import static org.m3cvc.cli.schema.SectionsSchema.SECTION;
import static org.m3cvc.cli.schema.SectionsSchema.SECTIONS;

import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.m3cvc.cli.format.SectionWriter;
import org.m3cvc.cli.schema.FieldDef;
import org.m3cvc.cli.schema.ProbeSchema;
import org.m3cvc.cli.schema.SectionDef;

/** {@code probe --sections}: the field table of {@link ProbeSchema}, written through the chosen formatter. */
public final class SectionsListing {
    private SectionsListing() {}

    public static void write(SectionWriter w) throws IOException {
        w.begin(ROOT).begin(SECTIONS);
        for (SectionDef s : ProbeSchema.ROOT.children()) section(w, s, s.name(), Collections.newSetFromMap(
                new IdentityHashMap<>()));
        w.end(SECTIONS).end(ROOT).finish();
    }

    private static void section(SectionWriter w, SectionDef s, String path, Set<SectionDef> onPath)
            throws IOException {
        if (!onPath.add(s)) throw new IllegalStateException("section " + s + " contains itself");
        w.begin(SECTION).field("section_path", path).field("section_kind", s.isArray() ? "array" : "object");
        if (!s.shownWith().isEmpty()) w.field("shown_with", s.shownWith());
        w.field("description", s.description()).begin(FIELDS);
        for (FieldDef f : s.fields()) {
            w.begin(FIELD).field("field_name", f.name()).field("field_type", f.type().label())
                    .field("origin", f.origin().label());
            if (f.scale() > 0) w.field("scale", f.scale());
            if (!f.shownWith().isEmpty()) w.field("shown_with", f.shownWith());
            w.field("description", f.description()).end(FIELD);
        }
        w.end(FIELDS).end(SECTION);
        for (SectionDef c : s.children()) section(w, c, path + "." + c.name(), onPath);
        onPath.remove(s);
    }
}
