package org.m3cvc.codec.pack;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The canonical form of a manifest (spec/model-pack.md clause 4): object members sorted by key (UTF-16 code units, as
 * RFC 8785), no whitespace, strings with JSON's minimal escaping, numbers only as integers. Whitespace and member
 * order of the stored file therefore do not change a pack's identity; any value does.
 */
final class CanonicalJson {
    private CanonicalJson() {}

    /**
     * @throws IllegalArgumentException for a non-integer number (the contract writes real values as decimal strings,
     *     so that the canonical form never depends on a float formatter)
     */
    static String of(JsonNode node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            write(g, node, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, JsonNode n, String pointer) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                List<String> keys = new ArrayList<>();
                for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) keys.add(it.next());
                keys.sort(null);
                for (String k : keys) {
                    g.writeFieldName(k);
                    write(g, n.get(k), pointer + "/" + k);
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                int i = 0;
                for (JsonNode c : n) write(g, c, pointer + "/" + i++);
                g.writeEndArray();
            }
            case STRING -> g.writeString(n.asText());
            case BOOLEAN -> g.writeBoolean(n.asBoolean());
            case NULL -> g.writeNull();
            case NUMBER -> {
                if (!n.isIntegralNumber() || !n.canConvertToLong()) {
                    throw new IllegalArgumentException(pointer + ": an integer (write real values as decimal strings)"
                            + ", found " + n);
                }
                g.writeNumber(n.asLong());
            }
            default -> throw new IllegalArgumentException(pointer + ": unsupported JSON value " + n.getNodeType());
        }
    }
}
