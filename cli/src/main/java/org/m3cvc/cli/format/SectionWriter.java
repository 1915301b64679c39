package org.m3cvc.cli.format;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

import org.m3cvc.cli.schema.FieldDef;
import org.m3cvc.cli.schema.FieldType;
import org.m3cvc.cli.schema.SectionDef;

/**
 * The analyzer's only way to output: checks every section and field against the field table, then passes it to a
 * {@link Formatter}. A section not allowed where it opens, a field its section does not declare, a field out of table
 * order or twice, a field after a child section or a value of the wrong type is a programming error and throws
 * {@link IllegalStateException}; so the output can only ever hold what {@code probe --sections} lists.
 *
 * <p>Not thread-safe.
 */
public final class SectionWriter {
    private static final class Frame {
        final SectionDef def;
        int lastField = -1;
        boolean childOpened;

        Frame(SectionDef def) {
            this.def = def;
        }
    }

    private final Formatter out;
    private final SectionDef root;
    private final Deque<Frame> open = new ArrayDeque<>();
    private boolean rootDone;

    /** @param out receives the checked calls; not closed by this writer */
    public SectionWriter(Formatter out, SectionDef root) {
        this.out = Objects.requireNonNull(out);
        this.root = Objects.requireNonNull(root);
    }

    /** Opens {@code section}: the root first, then only sections its parent allows. */
    public SectionWriter begin(SectionDef section) throws IOException {
        Frame parent = open.peek();
        if (parent == null) {
            if (section != root || rootDone) throw new IllegalStateException("document must start with " + root);
        } else {
            if (!parent.def.allows(section)) {
                throw new IllegalStateException(section + " is not allowed in " + parent.def);
            }
            parent.childOpened = true;
        }
        out.beginSection(section, parent == null ? null : parent.def);
        open.push(new Frame(section));
        return this;
    }

    /** Writes field {@code name} of the open section. */
    public SectionWriter field(String name, Object value) throws IOException {
        Frame f = top();
        FieldDef def = f.def.field(name);
        if (def == null) throw new IllegalStateException(f.def + " has no field " + name);
        if (f.childOpened) throw new IllegalStateException(f.def + "." + name + " after a child section");
        int i = f.def.indexOf(def);
        if (i <= f.lastField) throw new IllegalStateException(f.def + "." + name + " out of table order or repeated");
        if (!def.type().accepts(value)) {
            throw new IllegalStateException(f.def + "." + name + ": " + (value == null ? "null" : value.getClass()
                    .getSimpleName()) + " is not " + def.type().label());
        }
        if (value instanceof BigDecimal d && d.scale() != def.scale()) {
            throw new IllegalStateException(f.def + "." + name + ": scale " + d.scale() + ", table says " + def.scale());
        }
        f.lastField = i;
        out.field(def, value);
        return this;
    }

    /** Writes decimal field {@code name} as {@code num / den}, rounded half-even to the field's scale. */
    public SectionWriter ratio(String name, long num, long den) throws IOException {
        return field(name, BigDecimal.valueOf(num).divide(BigDecimal.valueOf(den), scaleOf(name),
                RoundingMode.HALF_EVEN));
    }

    /**
     * Writes decimal field {@code name} from a double, rounded half-even to the field's scale from its exact binary
     * value (not from {@link Double#toString}, whose digits changed between JDK releases).
     */
    public SectionWriter decimal(String name, double value) throws IOException {
        return field(name, new BigDecimal(value).setScale(scaleOf(name), RoundingMode.HALF_EVEN));
    }

    private int scaleOf(String name) {
        FieldDef def = top().def.field(name);
        if (def == null || def.type() != FieldType.DECIMAL) throw new IllegalStateException(top().def + "." + name);
        return def.scale();
    }

    /** Closes the innermost open section, which must be {@code section}. */
    public SectionWriter end(SectionDef section) throws IOException {
        Frame f = top();
        if (f.def != section) throw new IllegalStateException("closing " + section + " while " + f.def + " is open");
        open.pop();
        Frame parent = open.peek();
        out.endSection(section, parent == null ? null : parent.def);
        if (parent == null) rootDone = true;
        return this;
    }

    /** Opens {@code section}, writes nothing in it and closes it: an empty array or an empty object. */
    public SectionWriter empty(SectionDef section) throws IOException {
        return begin(section).end(section);
    }

    /** Closes every open section inside the root, innermost first: how output resumes after a failure. */
    public void unwindToRoot() throws IOException {
        while (open.size() > 1) end(open.peek().def);
    }

    /** Whether {@code section} is open at any depth. */
    public boolean isOpen(SectionDef section) {
        for (Frame f : open) if (f.def == section) return true;
        return false;
    }

    /** Completes the document; the root must have been closed. */
    public void finish() throws IOException {
        if (!open.isEmpty() || !rootDone) throw new IllegalStateException("document not closed");
        out.finish();
    }

    private Frame top() {
        Frame f = open.peek();
        if (f == null) throw new IllegalStateException("no open section");
        return f;
    }
}
