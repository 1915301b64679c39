package org.m3cvc.codec.describe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import org.m3cvc.codec.describe.PromptTemplates.Prompt;
import org.m3cvc.codec.frame.Frame;
import org.m3cvc.container.Limits;

/**
 * The paper's multi-round dialogue (section 3.3) with a multimodal model behind an OpenAI-compatible server. Each turn
 * is one chat-completions request holding the whole dialogue so far.
 *
 * <p>Keyframe, {@code turns} = 4: (1) objects and background, with the keyframe image; (2) what changed since the
 * previous keyframe, with the previous keyframe image, so that the dialogue then holds both (left out for the first
 * keyframe, which has none); (3) trivial details; (4) a summary, whose answer is the keyframe description D_i^F.
 * {@code turns} = 2 keeps (1) and (4); {@code turns} = 1 asks for the description in one request (the paper's
 * single-step ablation).
 *
 * <p>Clip ({@code turns} 2 or 4): (1) the main motion, given D_i^F, with the clip's first and last frames; (2) a
 * summary, whose answer is the clip description D_i^C. {@code turns} = 1 asks in one request. A clip of one frame has
 * no motion and gets no description.
 *
 * <p>{@code style} is appended to the prompt of the last turn of each dialogue, the one whose answer becomes the
 * text. Every request's answer is looked up in the {@link ResponseCache} first. Texts longer than max_text_size are
 * cut at a character boundary. Not thread-safe (the encoder describes one frame at a time).
 */
public final class OpenAiDescriber implements Describer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChatCompletionsClient client;
    private final PromptTemplates prompts;
    private final ResponseCache cache;
    private final int turns;
    private final String style;
    private final String language;
    private long requests;
    private long cacheHits;

    /**
     * @param turns 1, 2 or 4
     * @param style text appended to the last prompt of each dialogue; null or blank for none
     * @param language the BCP 47 tag of the texts the prompts ask for (the shipped prompts are English: "en")
     */
    public OpenAiDescriber(ChatCompletionsClient client, PromptTemplates prompts, ResponseCache cache, int turns,
                           String style, String language) {
        if (turns != 1 && turns != 2 && turns != 4) throw new IllegalArgumentException("turns " + turns + ": 1, 2 or 4");
        this.client = Objects.requireNonNull(client);
        this.prompts = Objects.requireNonNull(prompts);
        this.cache = Objects.requireNonNull(cache);
        this.turns = turns;
        this.style = style == null || style.isBlank() ? null : style.strip();
        this.language = Objects.requireNonNull(language);
    }

    /** Requests answered so far, from the server or the cache. */
    public long requests() { return requests; }

    /** Of {@link #requests()}, those the cache answered. */
    public long cacheHits() { return cacheHits; }

    @Override
    public String language() { return language; }

    @Override
    public String describeKeyframe(Frame keyframe, Frame previousKeyframe, double timeSeconds) throws Exception {
        Dialogue d = new Dialogue();
        String t = seconds(timeSeconds);
        FrameImage key = new FrameImage(keyframe);
        if (turns == 1) return limit(d.ask(last(prompts.render(Prompt.KEYFRAME_SINGLE, "seconds", t)), key));
        d.ask(prompts.render(Prompt.KEYFRAME_OBJECTS, "seconds", t), key);
        if (turns == 4) {
            if (previousKeyframe != null) {
                d.ask(prompts.render(Prompt.KEYFRAME_CHANGES, "seconds", t), new FrameImage(previousKeyframe));
            }
            d.ask(prompts.render(Prompt.KEYFRAME_DETAILS, "seconds", t));
        }
        return limit(d.ask(last(prompts.render(Prompt.KEYFRAME_SUMMARY, "seconds", t))));
    }

    /** Without frames nothing can be said about motion: none. */
    @Override
    public String describeClip(String keyframeDescription, double timeSeconds, double durationSeconds) {
        return null;
    }

    @Override
    public String describeClip(String keyframeDescription, Frame firstFrame, Frame lastFrame, double timeSeconds,
                               double durationSeconds) throws Exception {
        if (lastFrame == null || lastFrame == firstFrame || lastFrame.index() == firstFrame.index()) return null;
        String[] vars = {"seconds", seconds(timeSeconds), "duration_seconds", seconds(durationSeconds),
                "keyframe_description", keyframeDescription == null ? "(no description)" : keyframeDescription};
        Dialogue d = new Dialogue();
        FrameImage first = new FrameImage(firstFrame), last = new FrameImage(lastFrame);
        if (turns == 1) return limit(d.ask(last(prompts.render(Prompt.CLIP_SINGLE, vars)), first, last));
        d.ask(prompts.render(Prompt.CLIP_MOTION, vars), first, last);
        return limit(d.ask(last(prompts.render(Prompt.CLIP_SUMMARY, vars))));
    }

    /** The prompt of a dialogue's last turn, with the style appended. */
    private String last(String prompt) {
        return style == null ? prompt : prompt + "\n\n" + style;
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }

    /** Cuts a text to max_text_size bytes of UTF-8, at a character boundary. */
    static String limit(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (b.length <= Limits.MAX_TEXT_SIZE) return text;
        int n = Limits.MAX_TEXT_SIZE;
        while (n > 0 && (b[n] & 0xC0) == 0x80) n--; // not inside a multi-byte sequence
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /** One turn of a dialogue: the user's prompt and images, and the model's answer. */
    private record Turn(String prompt, FrameImage[] images, String answer) {}

    /**
     * One dialogue: the turns so far. A request is built from them only when the cache cannot answer, so a cached
     * dialogue encodes no image.
     */
    private final class Dialogue {
        private final String system = prompts.template(Prompt.SYSTEM);
        private final List<Turn> turns = new ArrayList<>();

        /** Asks {@code prompt} with {@code images} (before the text, as Qwen-VL expects); returns the answer. */
        String ask(String prompt, FrameImage... images) throws Exception {
            Turn asked = new Turn(prompt, images, null);
            String k = cacheKey(asked);
            requests++;
            String answer = cache.get(k);
            if (answer != null) {
                cacheHits++;
            } else {
                answer = client.complete(messages(asked));
                cache.put(k, answer);
            }
            turns.add(new Turn(prompt, images, answer));
            return answer;
        }

        /** The request's messages: system, then user and assistant for each turn, then the question. */
        private ArrayNode messages(Turn asked) {
            ArrayNode m = JSON.createArrayNode();
            m.addObject().put("role", "system").put("content", system);
            for (Turn t : turns) {
                user(m, t);
                m.addObject().put("role", "assistant").put("content", t.answer());
            }
            user(m, asked);
            return m;
        }

        private void user(ArrayNode m, Turn t) {
            ArrayNode content = m.addObject().put("role", "user").putArray("content");
            for (FrameImage img : t.images()) {
                content.addObject().put("type", "image_url").putObject("image_url").put("url", img.dataUrl());
            }
            content.addObject().put("type", "text").put("text", t.prompt());
        }

        /**
         * SHA-256 of what decides the answer: model, max_tokens, temperature, and each message with images as their
         * pixel hashes. Fields are separated by NUL and messages by 0x01, neither of which a prompt holds.
         */
        private String cacheKey(Turn asked) {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                ChatCompletionsClient.Settings s = client.settings();
                StringBuilder b = new StringBuilder("m3cvc-describe-1\u0000").append(s.model()).append('\u0000')
                        .append(s.maxTokens()).append('\u0000').append(s.temperature()).append('\u0001')
                        .append("system\u0000").append(system);
                List<Turn> all = new ArrayList<>(turns);
                all.add(asked);
                for (Turn t : all) {
                    b.append("\u0001user");
                    for (FrameImage img : t.images()) b.append("\u0000image:").append(img.pixelSha256());
                    b.append('\u0000').append(t.prompt());
                    if (t.answer() != null) b.append("\u0001assistant\u0000").append(t.answer());
                }
                return HexFormat.of().formatHex(md.digest(b.toString().getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
