package org.m3cvc.codec.describe;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.codec.frame.Frame;

/** The dialogue against {@link FakeChatServer}: the requests' shape, and what becomes the text. */
class OpenAiDescriberTest {
    @TempDir Path dir;

    static Frame frame(int w, int h, long index, int seed) {
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < rgb.length; i++) rgb[i] = (byte) (i * 7 + seed * 31);
        return new Frame(w, h, index, rgb);
    }

    static ChatCompletionsClient client(URI base, int retries, Duration timeout) {
        return new ChatCompletionsClient(new ChatCompletionsClient.Settings(base, "qwen2-vl-test", null,
                Duration.ofSeconds(2), timeout, retries, Duration.ofMillis(10), 200, 0));
    }

    OpenAiDescriber describer(FakeChatServer s, int turns, String style, Path cache) {
        return new OpenAiDescriber(client(s.base(), 0, Duration.ofSeconds(5)), PromptTemplates.shipped(),
                new ResponseCache(cache), turns, style, "en");
    }

    /** Roles of a request's messages, in order. */
    static String roles(FakeChatServer.Request r) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode m : r.messages()) sb.append(m.get("role").asText().charAt(0));
        return sb.toString();
    }

    @Test
    void fourTurnKeyframeDialogueEndsInTheSummary() throws Exception {
        try (FakeChatServer s = FakeChatServer.recorded()) {
            OpenAiDescriber d = describer(s, 4, null, null);
            Frame k0 = frame(32, 20, 0, 1), k1 = frame(32, 20, 8, 2);
            String first = d.describeKeyframe(k0, null, 0);
            assertEquals(FakeChatServer.answer("keyframe_summary"), first);
            assertEquals(3, s.requests.size(), "the first keyframe has no previous one: no turn 2");
            String second = d.describeKeyframe(k1, k0, 1.0);
            assertEquals(FakeChatServer.answer("keyframe_summary"), second);
            List<FakeChatServer.Request> r = s.requests.subList(3, 7);
            assertEquals(4, r.size());
            // Turn order: each request holds the dialogue so far, system first, user and assistant alternating.
            assertEquals("su", roles(r.get(0)));
            assertEquals("suau", roles(r.get(1)));
            assertEquals("suauau", roles(r.get(2)));
            assertEquals("suauauau", roles(r.get(3)));
            assertEquals("keyframe_objects", FakeChatServer.turnOf(r.get(0).lastText()));
            assertEquals("keyframe_changes", FakeChatServer.turnOf(r.get(1).lastText()));
            assertEquals("keyframe_details", FakeChatServer.turnOf(r.get(2).lastText()));
            assertEquals("keyframe_summary", FakeChatServer.turnOf(r.get(3).lastText()));
            // The answers come back as the assistant turns.
            assertEquals(FakeChatServer.answer("keyframe_objects"), r.get(3).messages().get(2).get("content").asText());
            assertEquals(FakeChatServer.answer("keyframe_changes"), r.get(3).messages().get(4).get("content").asText());
            // Images: the keyframe in turn 1, the previous keyframe in turn 2; the dialogue then holds both.
            assertEquals(List.of(1, 2, 2, 2), r.stream().map(FakeChatServer.Request::images).toList());
            JsonNode turn2 = r.get(1).messages().get(3).get("content");
            assertEquals("image_url", turn2.get(0).get("type").asText(), "image before text");
            assertEquals("text", turn2.get(1).get("type").asText());
            assertArrayEquals(k0.rgb(), decode(turn2.get(0)), "turn 2 shows the previous keyframe");
            assertArrayEquals(k1.rgb(), decode(r.get(0).messages().get(1).get("content").get(0)), "turn 1 shows the keyframe");
            for (FakeChatServer.Request q : s.requests) {
                assertEquals("/v1/chat/completions", q.path());
                assertEquals("qwen2-vl-test", q.body().get("model").asText());
                assertEquals(200, q.body().get("max_tokens").asInt());
                assertEquals(0, q.body().get("temperature").asDouble());
                assertNull(q.authorization(), "no key, no Authorization header");
            }
            assertTrue(r.get(0).lastText().contains("at 1.00 s"), r.get(0).lastText());
        }
    }

    /** The RGB bytes of the picture a data URL part shows. */
    static byte[] decode(JsonNode imagePart) throws IOException {
        String url = imagePart.get("image_url").get("url").asText();
        assertTrue(url.startsWith("data:image/png;base64,"), url.substring(0, 30));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(url.substring(22))));
        byte[] rgb = new byte[img.getWidth() * img.getHeight() * 3];
        for (int y = 0, p = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int c = img.getRGB(x, y);
                rgb[p++] = (byte) (c >> 16);
                rgb[p++] = (byte) (c >> 8);
                rgb[p++] = (byte) c;
            }
        }
        return rgb;
    }

    @Test
    void clipDialogueSeesFirstAndLastFramesAndTheKeyframeText() throws Exception {
        try (FakeChatServer s = FakeChatServer.recorded()) {
            OpenAiDescriber d = describer(s, 4, null, null);
            Frame a = frame(16, 16, 0, 3), b = frame(16, 16, 7, 4);
            String text = d.describeClip("KEYFRAME TEXT", a, b, 0, 1);
            assertEquals(FakeChatServer.answer("clip_summary"), text);
            assertEquals(2, s.requests.size());
            assertEquals("su", roles(s.requests.get(0)));
            assertEquals(2, s.requests.get(0).images());
            assertTrue(s.requests.get(0).lastText().contains("KEYFRAME TEXT"));
            assertEquals("suau", roles(s.requests.get(1)));
            assertNull(d.describeClip("x", a, a, 0, 0.125), "a clip of one frame has no motion");
            assertNull(d.describeClip("x", 0, 1), "without frames: nothing to say");
            assertEquals(2, s.requests.size());
        }
    }

    @Test
    void oneAndTwoTurns() throws Exception {
        try (FakeChatServer s = FakeChatServer.recorded()) {
            Frame k0 = frame(8, 8, 0, 1), k1 = frame(8, 8, 5, 2);
            assertEquals(FakeChatServer.answer("keyframe_single"), describer(s, 1, null, null).describeKeyframe(k1, k0, 1));
            assertEquals(1, s.requests.size());
            assertEquals(1, s.requests.get(0).images());
            assertEquals(FakeChatServer.answer("clip_single"), describer(s, 1, null, null).describeClip("t", k0, k1, 0, 1));
            assertEquals(2, s.requests.size());
            assertEquals(FakeChatServer.answer("keyframe_summary"), describer(s, 2, null, null).describeKeyframe(k1, k0, 1));
            assertEquals(4, s.requests.size(), "objects, then summary");
            assertEquals("keyframe_objects", FakeChatServer.turnOf(s.requests.get(2).lastText()));
            assertThrows(IllegalArgumentException.class, () -> describer(s, 3, null, null));
        }
    }

    @Test
    void styleGoesToTheLastTurnOnly() throws Exception {
        try (FakeChatServer s = FakeChatServer.recorded()) {
            describer(s, 4, "Write it as a haiku.", null).describeKeyframe(frame(8, 8, 0, 1), null, 0);
            assertEquals(3, s.requests.size());
            assertFalse(s.requests.get(0).lastText().contains("haiku"));
            assertFalse(s.requests.get(1).lastText().contains("haiku"));
            assertTrue(s.requests.get(2).lastText().endsWith("\n\nWrite it as a haiku."), s.requests.get(2).lastText());
        }
    }

    @Test
    void cacheAnswersAReEncodeWithoutAnyRequest() throws Exception {
        Path cache = dir.resolve("cache");
        Frame k0 = frame(8, 8, 0, 1), k1 = frame(8, 8, 5, 2);
        try (FakeChatServer s = FakeChatServer.recorded()) {
            OpenAiDescriber d = describer(s, 4, null, cache);
            String a = d.describeKeyframe(k0, null, 0), b = d.describeKeyframe(k1, k0, 1), c = d.describeClip(a, k0, k1, 0, 1);
            int asked = s.requests.size();
            assertEquals(3 + 4 + 2, asked);
            OpenAiDescriber again = describer(s, 4, null, cache);
            assertEquals(a, again.describeKeyframe(k0, null, 0));
            assertEquals(b, again.describeKeyframe(k1, k0, 1));
            assertEquals(c, again.describeClip(a, k0, k1, 0, 1));
            assertEquals(asked, s.requests.size(), "nothing asked twice");
            assertEquals(9, again.cacheHits());
            // Another frame, style or model asks again.
            describer(s, 4, "Short.", cache).describeKeyframe(k0, null, 0);
            assertEquals(asked + 1, s.requests.size(), "only the styled last turn is new");
            new OpenAiDescriber(new ChatCompletionsClient(new ChatCompletionsClient.Settings(s.base(), "other-model",
                    "sk-test", Duration.ofSeconds(2), Duration.ofSeconds(5), 0, Duration.ofMillis(10), 200, 0)),
                    PromptTemplates.shipped(), new ResponseCache(cache), 1, null, "en").describeKeyframe(k0, null, 0);
            assertEquals(asked + 2, s.requests.size());
            assertEquals("Bearer sk-test", s.requests.get(asked + 1).authorization());
            describer(s, 1, null, cache).describeKeyframe(frame(8, 8, 0, 9), null, 0);
            assertEquals(asked + 3, s.requests.size());
        }
    }

    @Test
    void userPromptsReplaceShippedOnesAndTyposAreRefused() throws Exception {
        Path p = Files.createDirectory(dir.resolve("prompts"));
        Files.writeString(p.resolve("keyframe-4-summary.txt"), "Summarize everything above in German.\n");
        PromptTemplates t = PromptTemplates.load(p);
        assertEquals("Summarize everything above in German.", t.template(PromptTemplates.Prompt.KEYFRAME_SUMMARY));
        assertEquals(PromptTemplates.shipped().template(PromptTemplates.Prompt.SYSTEM), t.template(PromptTemplates.Prompt.SYSTEM));
        try (FakeChatServer s = FakeChatServer.recorded()) {
            new OpenAiDescriber(client(s.base(), 0, Duration.ofSeconds(5)), t, ResponseCache.none(), 2, null, "de")
                    .describeKeyframe(frame(8, 8, 0, 1), null, 0);
            assertEquals("Summarize everything above in German.", s.requests.get(1).lastText());
        }
        Files.writeString(p.resolve("keyframe-4-sumary.txt"), "x");
        IOException e = assertThrows(IOException.class, () -> PromptTemplates.load(p));
        assertTrue(e.getMessage().contains("keyframe-4-sumary.txt: not a prompt template; expected one of system.txt"),
                e.getMessage());
        assertThrows(IOException.class, () -> PromptTemplates.load(dir.resolve("none")));
    }

    @Test
    void overlongAnswersAreCutToMaxTextSize() {
        String s = "é".repeat(40000);
        String cut = OpenAiDescriber.limit(s);
        assertEquals(65536, cut.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertEquals("short", OpenAiDescriber.limit("short"));
    }
}
