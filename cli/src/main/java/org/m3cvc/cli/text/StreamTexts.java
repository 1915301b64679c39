package org.m3cvc.cli.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.m3cvc.cli.common.InputFiles;
import org.m3cvc.container.ClipGroup;
import org.m3cvc.container.M3cReader;
import org.m3cvc.container.header.StreamHeader;
import org.m3cvc.container.text.TextChunk;
import org.m3cvc.container.text.TextRole;

/**
 * The texts of a stream with their ids, read in one checked pass.
 *
 * <p>An id names a text by where it lives and what it describes, which an edit of another text does not change:
 * {@code clipI/keyframe_description/T} and {@code clipI/clip_description/T} (group I, text_target T; TX-8 allows one
 * per role and target), {@code clipI/other/N} (the N-th text of role other in group I, from 0).
 *
 * @param header the stream header
 * @param clips every clip group, in order
 */
record StreamTexts(StreamHeader header, List<Clip> clips) {

    /** One clip group: its clip_header fields and its texts in stream order. */
    record Clip(int clipIndex, int firstFrame, int clipFrameCount, List<Entry> texts) {}

    /** One text of group {@code clipIndex}. */
    record Entry(String id, int clipIndex, TextChunk chunk) {}

    static String id(int clipIndex, TextRole role, int targetOrOrdinal) {
        return "clip" + clipIndex + "/" + role.specName() + "/" + targetOrOrdinal;
    }

    /** Reads and checks the whole stream (a damaged file throws its format error). */
    static StreamTexts read(Path file, String name) throws IOException {
        List<Clip> clips = new ArrayList<>();
        try (M3cReader r = M3cReader.open(InputFiles.open(file), name)) {
            ClipGroup g;
            while ((g = r.nextClip()) != null) {
                int i = g.clip().clipIndex();
                List<Entry> texts = new ArrayList<>();
                int others = 0;
                for (TextChunk t : g.texts()) {
                    TextRole role = t.textRoleEnum();
                    texts.add(new Entry(id(i, role, role == TextRole.OTHER ? others++ : t.textTarget()), i, t));
                }
                clips.add(new Clip(i, g.clip().firstFrame(), g.clip().clipFrameCount(), List.copyOf(texts)));
            }
            // nextClip reads the last group through end_of_stream: a null there means the whole stream checked out.
            return new StreamTexts(r.streamHeader(), List.copyOf(clips));
        }
    }

    /** Every text by id, in stream order. */
    Map<String, Entry> byId() {
        Map<String, Entry> m = new LinkedHashMap<>();
        for (Clip c : clips) for (Entry e : c.texts()) m.put(e.id(), e);
        return m;
    }
}
