package org.m3cvc.cli.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.m3cvc.cli.common.InputFileException;
import org.m3cvc.container.Limits;
import org.m3cvc.container.text.TextChunk;
import org.m3cvc.container.text.TextCoder;
import org.m3cvc.container.text.TextRole;

/**
 * The texts file of {@code m3cvc text export} and {@code import}:
 *
 * <pre>
 * {"m3cvc_texts": 1, "file": "in.m3c", "text_coder": "lzw",
 *  "clips": [{"clip_index": 0, "first_frame": 0, "clip_frame_count": 8}, ...],
 *  "texts": [{"id": "clip0/keyframe_description/0", "clip_index": 0, "text_role": "keyframe_description",
 *             "text_target": 0, "text_language": "en", "text_coder": "lzw", "text": "A heron in reeds."}, ...]}
 * </pre>
 *
 * Import reads {@code texts} only ({@code clips} and the rest are for the reader): an entry with an {@code id} updates
 * that text ({@code "text": null} removes it), an entry without one adds a text, and texts the file does not name stay
 * as they are. Every fault is reported with the file, the JSON pointer of the member and what was expected.
 */
final class TextsJson {
    static final int FORMAT_VERSION = 1;
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> MEMBERS = Set.of("id", "clip_index", "text_role", "text_target", "text_language",
            "text_coder", "text");
    /** How many ids an unknown-id message lists before "...". */
    private static final int IDS_LISTED = 8;

    private TextsJson() {}

    /** The export of {@code st}. */
    static ObjectNode export(StreamTexts st, String fileName) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("m3cvc_texts", FORMAT_VERSION);
        root.put("file", fileName);
        root.put("text_coder", coderName(st.header().textCoder()));
        ArrayNode clips = root.putArray("clips");
        ArrayNode texts = root.putArray("texts");
        for (StreamTexts.Clip c : st.clips()) {
            clips.addObject().put("clip_index", c.clipIndex()).put("first_frame", c.firstFrame())
                    .put("clip_frame_count", c.clipFrameCount());
            for (StreamTexts.Entry e : c.texts()) {
                TextChunk t = e.chunk();
                texts.addObject().put("id", e.id()).put("clip_index", e.clipIndex())
                        .put("text_role", t.textRoleEnum().specName()).put("text_target", t.textTarget())
                        .put("text_language", t.textLanguage()).put("text_coder", coderName(t.textCoder()))
                        .put("text", t.text());
            }
        }
        return root;
    }

    private static String coderName(int code) {
        TextCoder c = TextCoder.fromCode(code);
        return c == null ? Integer.toString(code) : c.specName();
    }

    /** The result of an import: new text lists for the groups that change, and what changed. */
    record Plan(Map<Integer, List<TextChunk>> replacements, int changed, int added, int removed, int unchanged) {}

    /**
     * Applies the texts file {@code root} (already parsed) to the stream's texts.
     *
     * @param file the texts file's name, for messages
     * @param stream the stream's name, for messages
     */
    static Plan plan(JsonNode root, StreamTexts st, String file, String stream) throws InputFileException {
        return plan(root, st, file, stream, null);
    }

    /**
     * As {@link #plan(JsonNode, StreamTexts, String, String)}, for an output whose stream text_coder becomes
     * {@code newCoder} (null: the stream's stays): every text of the output is coded anew with it, or raw where that
     * is shorter (TX-3), and "text_coder" members are checked but ignored.
     */
    static Plan plan(JsonNode root, StreamTexts st, String file, String stream, TextCoder newCoder)
            throws InputFileException {
        if (root == null || !root.isObject()) throw new InputFileException(file, "(root)", "a JSON object", kind(root));
        JsonNode version = root.get("m3cvc_texts");
        if (version != null && !(version.isInt() && version.intValue() == FORMAT_VERSION)) {
            throw new InputFileException(file, "/m3cvc_texts", Integer.toString(FORMAT_VERSION), version.toString());
        }
        JsonNode list = root.get("texts");
        if (list == null || !list.isArray()) throw new InputFileException(file, "/texts", "an array of texts", kind(list));
        Map<String, StreamTexts.Entry> existing = st.byId();
        int clipCount = st.clips().size();
        // Per group: the texts in stream order, each slot null once removed; additions appended.
        Map<Integer, List<TextChunk>> groups = new TreeMap<>();
        Map<Integer, Boolean> touched = new HashMap<>();
        for (StreamTexts.Clip c : st.clips()) {
            List<TextChunk> l = new ArrayList<>();
            for (StreamTexts.Entry e : c.texts()) l.add(e.chunk());
            groups.put(c.clipIndex(), l);
        }
        Map<String, String> seenIds = new HashMap<>();
        Map<String, String> describedBy = new HashMap<>();
        for (StreamTexts.Entry e : existing.values()) {
            if (e.chunk().textRoleEnum() != TextRole.OTHER) describedBy.put(descKey(e.chunk()), e.id());
        }
        int changed = 0, added = 0, removed = 0, unchanged = 0;
        int streamCoder = newCoder != null ? newCoder.code() : st.header().textCoder();
        boolean recode = newCoder != null && newCoder.code() != st.header().textCoder();
        for (int i = 0; i < list.size(); i++) {
            String at = "/texts/" + i;
            JsonNode n = list.get(i);
            if (!n.isObject()) throw new InputFileException(file, at, "an object", kind(n));
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!MEMBERS.contains(name)) {
                    throw new InputFileException(file, at + "/" + escape(name), "no member of that name (members: id, clip_index, "
                            + "text_role, text_target, text_language, text_coder, text)", null);
                }
            }
            if (!n.has("text")) throw new InputFileException(file, at + "/text", "a string (or null to remove the text)", "nothing");
            JsonNode textNode = n.get("text");
            if (!textNode.isNull() && !textNode.isTextual()) {
                throw new InputFileException(file, at + "/text", "a string (or null to remove the text)", kind(textNode));
            }
            String text = textNode.isNull() ? null : textNode.textValue();
            if (text != null && text.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_TEXT_SIZE) {
                throw new InputFileException(file, at + "/text", "at most " + Limits.MAX_TEXT_SIZE + " bytes of UTF-8 (TX-5)",
                        text.getBytes(StandardCharsets.UTF_8).length + " bytes");
            }
            JsonNode idNode = n.get("id");
            if (idNode != null && !idNode.isNull()) {
                if (!idNode.isTextual()) throw new InputFileException(file, at + "/id", "a string", kind(idNode));
                String id = idNode.textValue();
                StreamTexts.Entry e = existing.get(id);
                if (e == null) {
                    throw new InputFileException(file, at + "/id", "the id of a text of " + stream + " (" + listIds(existing)
                            + ")", quote(id));
                }
                String first = seenIds.putIfAbsent(id, at);
                if (first != null) throw new InputFileException(file, at + "/id", "each id once", quote(id) + " again (first at " + first + ")");
                TextChunk old = e.chunk();
                // Where a text lives and what it describes is its id: those members may repeat it, not change it.
                same(file, at + "/clip_index", n.get("clip_index"), e.clipIndex());
                sameRole(file, at + "/text_role", n.get("text_role"), old.textRoleEnum());
                same(file, at + "/text_target", n.get("text_target"), old.textTarget());
                List<TextChunk> group = groups.get(e.clipIndex());
                int slot = indexOfIdentity(group, old);
                if (text == null) {
                    group.set(slot, null);
                    touched.put(e.clipIndex(), true);
                    if (old.textRoleEnum() != TextRole.OTHER) describedBy.remove(descKey(old));
                    removed++;
                    continue;
                }
                String lang = n.has("text_language") ? language(file, at, n.get("text_language")) : old.textLanguage();
                TextCoder coder = n.has("text_coder") && !recode ? coder(file, at, n.get("text_coder"), streamCoder)
                        : TextCoder.fromCode(old.textCoder());
                if (recode && n.has("text_coder")) recodedCoder(file, at, n.get("text_coder"), st.header().textCoder(), newCoder);
                if (text.equals(old.text()) && lang.equals(old.textLanguage()) && coder.code() == old.textCoder()) {
                    unchanged++;
                    continue;
                }
                TextChunk t = TextChunk.of(old.textRoleEnum(), old.textTarget(), coder, lang, text);
                group.set(slot, t);
                touched.put(e.clipIndex(), true);
                changed++;
            } else {
                if (text == null) {
                    throw new InputFileException(file, at + "/text", "a string for a new text (null removes a text named by id)",
                            "null");
                }
                int clip = integer(file, at + "/clip_index", n.get("clip_index"), 0, clipCount - 1,
                        "the clip_index of a clip of " + stream + " (0.." + (clipCount - 1) + ") for a new text");
                if (!n.has("text_role")) {
                    throw new InputFileException(file, at + "/text_role", "keyframe_description, clip_description or other for a "
                            + "new text", "nothing");
                }
                TextRole role = role(file, at + "/text_role", n.get("text_role"));
                boolean last = clip == clipCount - 1;
                boolean trailing = st.header().keyframeCount() > st.header().clipCount();
                int target;
                String allowed = switch (role) {
                    case CLIP_DESCRIPTION -> Integer.toString(clip);
                    case KEYFRAME_DESCRIPTION -> clip + (last && trailing ? " or " + clipCount + " (the trailing keyframe)" : "");
                    case OTHER -> "0";
                };
                if (n.has("text_target")) {
                    target = integer(file, at + "/text_target", n.get("text_target"), 0, Limits.MAX_CLIP_COUNT,
                            allowed + " (TX-2)");
                    boolean ok = switch (role) {
                        case CLIP_DESCRIPTION -> target == clip;
                        case KEYFRAME_DESCRIPTION -> target == clip || (last && trailing && target == clipCount);
                        case OTHER -> target == 0;
                    };
                    if (!ok) throw new InputFileException(file, at + "/text_target", allowed + " (TX-2)", Integer.toString(target));
                } else {
                    target = role == TextRole.OTHER ? 0 : clip;
                }
                if (!n.has("text_language")) {
                    throw new InputFileException(file, at + "/text_language", "a BCP 47 tag such as \"en\" for a new text", "nothing");
                }
                String lang = language(file, at, n.get("text_language"));
                if (recode && n.has("text_coder")) recodedCoder(file, at, n.get("text_coder"), st.header().textCoder(), newCoder);
                TextChunk t = n.has("text_coder") && !recode
                        ? TextChunk.of(role, target, coder(file, at, n.get("text_coder"), streamCoder), lang, text)
                        : TextChunk.shortest(role, target, TextCoder.fromCode(streamCoder), lang, text);
                if (role != TextRole.OTHER) {
                    String holder = describedBy.putIfAbsent(descKey(t), at);
                    if (holder != null) {
                        throw new InputFileException(file, at, "no second " + role.specName() + " of " + (role == TextRole.CLIP_DESCRIPTION
                                ? "clip " : "keyframe ") + target + " (TX-8)", "one already at " + holder);
                    }
                }
                groups.get(clip).add(t);
                touched.put(clip, true);
                added++;
            }
        }
        Map<Integer, List<TextChunk>> replacements = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<TextChunk>> g : groups.entrySet()) {
            if (!touched.containsKey(g.getKey()) && !(recode && !g.getValue().isEmpty())) continue;
            List<TextChunk> l = new ArrayList<>();
            for (TextChunk t : g.getValue()) {
                if (t == null) continue;
                if (recode) {
                    t = TextChunk.shortest(t.textRoleEnum(), t.textTarget(), newCoder, t.textLanguage(), t.text());
                }
                l.add(t);
            }
            if (l.size() > Limits.MAX_CLIP_TEXT_COUNT) {
                throw new InputFileException(file, "/texts", "at most " + Limits.MAX_CLIP_TEXT_COUNT + " texts in clip "
                        + g.getKey() + " (max_clip_text_count, CL-6)", l.size() + " after this import");
            }
            replacements.put(g.getKey(), List.copyOf(l));
        }
        return new Plan(replacements, changed, added, removed, unchanged);
    }

    private static String descKey(TextChunk t) { return t.textRole() + ":" + t.textTarget(); }

    private static int indexOfIdentity(List<TextChunk> l, TextChunk t) {
        for (int i = 0; i < l.size(); i++) if (l.get(i) == t) return i;
        throw new IllegalStateException("text not in its group");
    }

    private static void same(String file, String at, JsonNode n, int expected) throws InputFileException {
        if (n == null) return;
        if (!n.isInt() || n.intValue() != expected) {
            throw new InputFileException(file, at, expected + " (as the id says; the id decides where a text lives)", n.toString());
        }
    }

    private static void sameRole(String file, String at, JsonNode n, TextRole expected) throws InputFileException {
        if (n == null) return;
        if (!n.isTextual() || !n.textValue().equals(expected.specName())) {
            throw new InputFileException(file, at, quote(expected.specName()) + " (as the id says)", n.toString());
        }
    }

    private static int integer(String file, String at, JsonNode n, int min, int max, String expected) throws InputFileException {
        if (n == null) throw new InputFileException(file, at, expected, "nothing");
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < min || n.intValue() > max) {
            throw new InputFileException(file, at, expected, n.toString());
        }
        return n.intValue();
    }

    private static TextRole role(String file, String at, JsonNode n) throws InputFileException {
        if (n.isTextual()) for (TextRole r : TextRole.values()) if (r.specName().equals(n.textValue())) return r;
        throw new InputFileException(file, at, "keyframe_description, clip_description or other", n.toString());
    }

    private static String language(String file, String at, JsonNode n) throws InputFileException {
        if (n.isTextual() && n.textValue().matches("[A-Za-z0-9-]{1," + Limits.MAX_LANGUAGE_BYTES + "}")) {
            return n.textValue();
        }
        throw new InputFileException(file, at + "/text_language", "a BCP 47 tag of 1 to " + Limits.MAX_LANGUAGE_BYTES
                + " letters, digits and '-' such as \"en\" (TX-4)", n.toString());
    }

    /**
     * A "text_coder" member when the import re-codes every text: it may name raw, the input's coder (as an exported
     * file does) or the new one, and is then ignored.
     */
    private static void recodedCoder(String file, String at, JsonNode n, int oldCoder, TextCoder newCoder)
            throws InputFileException {
        if (n.isTextual()) {
            for (TextCoder c : TextCoder.values()) {
                if (c.specName().equals(n.textValue()) && (c == TextCoder.RAW || c.code() == oldCoder || c == newCoder)) {
                    return;
                }
            }
        }
        throw new InputFileException(file, at + "/text_coder", "\"raw\", \"" + TextCoder.fromCode(oldCoder).specName()
                + "\" or \"" + newCoder.specName() + "\" (ignored: --text-coder re-codes every text)", n.toString());
    }

    private static TextCoder coder(String file, String at, JsonNode n, int streamCoder) throws InputFileException {
        TextCoder sc = TextCoder.fromCode(streamCoder);
        String expected = sc == TextCoder.RAW ? "\"raw\" (the stream's text_coder)"
                : "\"raw\" or \"" + sc.specName() + "\" (the stream's text_coder; TX-3)";
        if (n.isTextual()) {
            if (n.textValue().equals(TextCoder.RAW.specName())) return TextCoder.RAW;
            if (n.textValue().equals(sc.specName())) return sc;
        }
        throw new InputFileException(file, at + "/text_coder", expected, n.toString());
    }

    private static String listIds(Map<String, StreamTexts.Entry> ids) {
        if (ids.isEmpty()) return "it has none";
        StringBuilder sb = new StringBuilder("one of ");
        int k = 0;
        for (String id : ids.keySet()) {
            if (k > 0) sb.append(", ");
            if (k++ == IDS_LISTED) {
                sb.append("... ").append(ids.size()).append(" in all");
                break;
            }
            sb.append(id);
        }
        return sb.toString();
    }

    /** A JSON value as found, for messages: its JSON text, or a name for nothing. */
    static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) return "nothing";
        String s = n.toString();
        return n.isContainerNode() ? (n.isArray() ? "an array" : "an object") : (s.length() > 60 ? s.substring(0, 60) + "..." : s);
    }

    private static String quote(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A member name as a JSON pointer token (RFC 6901). */
    private static String escape(String name) {
        String q = quote(name.replace("~", "~0").replace("/", "~1"));
        return q.substring(1, q.length() - 1); // JSON escapes: a name must not break the message's line

    }
}
