package org.m3cvc.codec.describe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The prompts of the description dialogue: UTF-8 text files shipped in this package's {@code prompts/} resources,
 * each of which a file of the same name in a user directory replaces. Placeholders {@code {seconds}},
 * {@code {duration_seconds}} and {@code {keyframe_description}} are filled in; other braces are left as they are.
 * Immutable.
 */
public final class PromptTemplates {
    /** Every template, by file name. */
    public enum Prompt {
        /** The system message of every dialogue. */
        SYSTEM("system.txt"),
        /** Keyframe turn 1: objects and background (with the keyframe image). */
        KEYFRAME_OBJECTS("keyframe-1-objects.txt"),
        /** Keyframe turn 2: what changed since the previous keyframe (with the previous keyframe image). */
        KEYFRAME_CHANGES("keyframe-2-changes.txt"),
        /** Keyframe turn 3: trivial details. */
        KEYFRAME_DETAILS("keyframe-3-details.txt"),
        /** Keyframe turn 4: the summary, which becomes the keyframe description D_i^F. */
        KEYFRAME_SUMMARY("keyframe-4-summary.txt"),
        /** The keyframe description in one turn (--turns 1). */
        KEYFRAME_SINGLE("keyframe-single.txt"),
        /** Clip turn 1: the main motion, given D_i^F (with the clip's first and last frames). */
        CLIP_MOTION("clip-1-motion.txt"),
        /** Clip turn 2: the summary, which becomes the clip description D_i^C. */
        CLIP_SUMMARY("clip-2-summary.txt"),
        /** The clip description in one turn (--turns 1). */
        CLIP_SINGLE("clip-single.txt");

        private final String fileName;

        Prompt(String fileName) {
            this.fileName = fileName;
        }

        public String fileName() { return fileName; }
    }

    /** A template longer than this is refused: prompts are paragraphs, not documents. */
    static final int MAX_TEMPLATE_BYTES = 64 * 1024;

    private final Map<Prompt, String> templates;

    private PromptTemplates(Map<Prompt, String> templates) {
        this.templates = templates;
    }

    /** The shipped templates. */
    public static PromptTemplates shipped() {
        try {
            return load(null);
        } catch (IOException e) {
            throw new IllegalStateException("shipped prompt templates missing from the jar", e);
        }
    }

    /**
     * The shipped templates, each replaced by the file of its name in {@code dir} where there is one.
     *
     * @param dir a directory of {@code *.txt} templates, or null for the shipped ones alone
     * @throws IOException naming the file: {@code dir} is not a directory, holds a {@code .txt} file that is not a
     *     template name (a typo would otherwise be ignored silently), or a template that is empty, too long or not
     *     UTF-8
     */
    public static PromptTemplates load(Path dir) throws IOException {
        Map<Prompt, String> m = new EnumMap<>(Prompt.class);
        for (Prompt p : Prompt.values()) {
            try (InputStream in = PromptTemplates.class.getResourceAsStream("prompts/" + p.fileName())) {
                if (in == null) throw new IOException("resource prompts/" + p.fileName() + " missing");
                m.put(p, new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
            }
        }
        if (dir != null) {
            if (!Files.isDirectory(dir)) throw new IOException(dir + ": no such directory (--prompts)");
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.txt")) {
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    Prompt p = Arrays.stream(Prompt.values()).filter(x -> x.fileName().equals(name)).findFirst()
                            .orElseThrow(() -> new IOException(f + ": not a prompt template; expected one of "
                                    + Arrays.stream(Prompt.values()).map(Prompt::fileName)
                                    .collect(Collectors.joining(", "))));
                    if (Files.size(f) > MAX_TEMPLATE_BYTES) {
                        throw new IOException(f + ": at most " + MAX_TEMPLATE_BYTES + " bytes expected");
                    }
                    String s;
                    try {
                        s = Files.readString(f, StandardCharsets.UTF_8).strip();
                    } catch (java.nio.charset.MalformedInputException e) {
                        throw new IOException(f + ": UTF-8 text expected");
                    }
                    if (s.isEmpty()) throw new IOException(f + ": an empty prompt template");
                    m.put(p, s);
                }
            }
        }
        return new PromptTemplates(m);
    }

    /** The template as loaded. */
    public String template(Prompt p) { return templates.get(p); }

    /** The template with {@code {name}} placeholders replaced by {@code values} (alternating names and values). */
    public String render(Prompt p, String... values) {
        String s = templates.get(p);
        for (int i = 0; i + 1 < values.length; i += 2) s = s.replace("{" + values[i] + "}", values[i + 1]);
        return s;
    }
}
