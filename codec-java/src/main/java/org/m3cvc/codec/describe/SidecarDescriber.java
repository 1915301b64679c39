package org.m3cvc.codec.describe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.m3cvc.codec.frame.Frame;
import org.m3cvc.container.Limits;

/**
 * Texts given by the user in a JSON sidecar file ({@code --texts FILE}), keyed by time, since the user cannot know
 * where keyframes will fall:
 *
 * <pre>
 * {"language": "en",
 *  "descriptions": [
 *    {"start_seconds": 0,   "keyframe": "A grey heron in shallow water, reeds behind.", "clip": "The heron walks right."},
 *    {"start_seconds": 4.5, "keyframe": "Close-up of the heron's head.", "clip": "It turns to the camera."}]}
 * </pre>
 *
 * A keyframe or clip at time t takes the entry with the largest start_seconds ≤ t; an entry may leave out either
 * text. Immutable after loading.
 */
public final class SidecarDescriber implements Describer {
    record Entry(double start, String keyframe, String clip) {}

    private final String language;
    private final List<Entry> entries;

    private SidecarDescriber(String language, List<Entry> entries) {
        this.language = language;
        this.entries = entries;
    }

    /** @throws IOException naming the file and the JSON member at fault */
    public static SidecarDescriber load(Path file) throws IOException {
        if (Files.size(file) > 16L << 20) throw new IOException(file + ": a texts file of at most 16 MiB expected");
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new IOException(file + ": a JSON object expected");
        String language = root.path("language").asText("und");
        if (!language.matches("[A-Za-z0-9-]{1," + Limits.MAX_LANGUAGE_BYTES + "}")) {
            throw new IOException(file + ": /language: a BCP 47 tag expected, found \"" + language + "\"");
        }
        JsonNode list = root.get("descriptions");
        if (list == null || !list.isArray()) throw new IOException(file + ": /descriptions: an array expected");
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            JsonNode start = e.get("start_seconds");
            if (start == null || !start.isNumber() || start.asDouble() < 0) {
                throw new IOException(file + ": /descriptions/" + i + "/start_seconds: a number >= 0 expected");
            }
            entries.add(new Entry(start.asDouble(), text(file, e, i, "keyframe"), text(file, e, i, "clip")));
        }
        entries.sort(Comparator.comparingDouble(Entry::start));
        return new SidecarDescriber(language, List.copyOf(entries));
    }

    private static String text(Path file, JsonNode e, int i, String key) throws IOException {
        JsonNode t = e.get(key);
        if (t == null || t.isNull()) return null;
        if (!t.isTextual()) throw new IOException(file + ": /descriptions/" + i + "/" + key + ": a string expected");
        if (t.asText().getBytes(StandardCharsets.UTF_8).length > Limits.MAX_TEXT_SIZE) {
            throw new IOException(file + ": /descriptions/" + i + "/" + key + ": at most " + Limits.MAX_TEXT_SIZE
                    + " bytes expected");
        }
        return t.asText();
    }

    private Entry at(double t) {
        Entry found = null;
        for (Entry e : entries) {
            if (e.start() <= t) found = e;
            else break;
        }
        return found;
    }

    @Override
    public String describeKeyframe(Frame keyframe, Frame previousKeyframe, double timeSeconds) {
        Entry e = at(timeSeconds);
        return e == null ? null : e.keyframe();
    }

    @Override
    public String describeClip(String keyframeDescription, double timeSeconds, double durationSeconds) {
        Entry e = at(timeSeconds);
        return e == null ? null : e.clip();
    }

    @Override
    public String language() { return language; }
}
