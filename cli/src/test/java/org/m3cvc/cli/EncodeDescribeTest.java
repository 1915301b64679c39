package org.m3cvc.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.container.ClipGroup;
import org.m3cvc.container.M3cReader;
import org.m3cvc.container.header.StreamHeader;
import org.m3cvc.container.text.TextChunk;
import org.m3cvc.container.text.TextCoder;
import org.m3cvc.container.text.TextRole;

/**
 * {@code encode --describe openai} end to end: the synthetic scene-cut clip, the test pack, and a recorded
 * chat-completions server on 127.0.0.1; then the texts in the stream, as the reader and probe see them.
 */
class EncodeDescribeTest {
    @TempDir static Path dir;
    static Path pack;
    static Path clip;

    @BeforeAll
    static void setUp() throws Exception {
        pack = SyntheticClip.testPack(dir);
        clip = SyntheticClip.sceneCut(dir.resolve("clip.mkv"));
    }

    static Cli encode(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("encode", clip.toString(), "-o", out.toString(), "--pack",
                pack.toString(), "--fps", "8"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    record Texts(StreamHeader header, List<ClipGroup> groups) {
        List<TextChunk> all() {
            List<TextChunk> l = new ArrayList<>();
            for (ClipGroup g : groups) l.addAll(g.texts());
            return l;
        }
    }

    static Texts read(Path m3c) throws Exception {
        try (M3cReader r = M3cReader.open(Files.newInputStream(m3c), m3c.toString())) {
            List<ClipGroup> groups = new ArrayList<>();
            ClipGroup g;
            while ((g = r.nextClip()) != null) groups.add(g);
            return new Texts(r.streamHeader(), groups);
        }
    }

    @Test
    void textsComeFromTheLastTurnOfEachDialogueAndTheCacheAnswersAReEncode() throws Exception {
        Path cache = dir.resolve("cache");
        Path out = dir.resolve("described.m3c");
        try (RecordedChatServer server = new RecordedChatServer()) {
            Cli enc = encode(out, "--describe", "openai", "--endpoint", server.base(), "--model", "x",
                    "--describe-cache", cache.toString());
            assertEquals(0, enc.exit(), enc.toString());
            assertEquals(0, Cli.run("verify", out.toString()).exit());
            Texts t = read(out);
            StreamHeader sh = t.header();
            assertTrue(sh.clipCount() >= 2, "the scene cut makes a second clip");
            int keyframeTexts = 0, clipTexts = 0;
            for (TextChunk x : t.all()) {
                assertEquals("en", x.textLanguage());
                if (x.textRoleEnum() == TextRole.KEYFRAME_DESCRIPTION) {
                    assertEquals(RecordedChatServer.KEYFRAME_SUMMARY, x.text(), "D_i^F is the answer of turn 4");
                    keyframeTexts++;
                } else {
                    assertEquals(TextRole.CLIP_DESCRIPTION, x.textRoleEnum());
                    assertEquals(RecordedChatServer.CLIP_SUMMARY, x.text(), "D_i^C is the clip dialogue's summary");
                    clipTexts++;
                }
            }
            assertEquals(sh.keyframeCount(), keyframeTexts, "every keyframe, the trailing one included");
            int clipsOfMoreThanOneFrame = 0;
            for (ClipGroup g : t.groups()) if (g.clip().clipFrameCount() > 1) clipsOfMoreThanOneFrame++;
            assertEquals(clipsOfMoreThanOneFrame, clipTexts);

            // Requests: 3 for the first keyframe (no previous one to compare), 4 for each other, 2 per clip text.
            int expected = 3 + 4 * (sh.keyframeCount() - 1) + 2 * clipTexts;
            assertEquals(expected, server.requests.size());
            for (JsonNode req : server.requests) {
                assertEquals("x", req.get("model").asText());
                assertEquals(300, req.get("max_tokens").asInt());
                assertEquals("system", req.get("messages").get(0).get("role").asText());
            }
            assertTrue(enc.out().contains(expected + " description requests, 0 answered by the cache"), enc.out());
            Cli probe = Cli.run("probe", "--of", "json", out.toString());
            assertTrue(probe.out().contains(RecordedChatServer.KEYFRAME_SUMMARY), "probe shows the texts");

            // The same input again: the cache answers everything, and the stream is the same.
            Path again = dir.resolve("again.m3c");
            Cli enc2 = encode(again, "--describe", "openai", "--endpoint", server.base(), "--model", "x",
                    "--describe-cache", cache.toString(), "-q");
            assertEquals(0, enc2.exit(), enc2.toString());
            assertEquals(expected, server.requests.size(), "nothing asked twice");
            assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(again));
        }
    }

    /** Issue 7.4: --text-coder order2 codes the descriptions with order2; they read back the same. */
    @Test
    void textCoderOrder2() throws Exception {
        Path out = dir.resolve("order2.m3c");
        try (RecordedChatServer server = new RecordedChatServer()) {
            Cli enc = encode(out, "--describe", "openai", "--endpoint", server.base(), "--model", "x",
                    "--no-describe-cache", "--text-coder", "order2", "-q");
            assertEquals(0, enc.exit(), enc.toString());
            assertEquals(0, Cli.run("verify", out.toString()).exit());
            Texts t = read(out);
            assertEquals(TextCoder.ORDER2, t.header().textCoderEnum());
            assertFalse(t.all().isEmpty());
            for (TextChunk x : t.all()) {
                assertEquals(TextCoder.ORDER2, x.textCoderEnum(), "descriptions are longer than order2's 4-byte cost");
                assertEquals(x.textRoleEnum() == TextRole.KEYFRAME_DESCRIPTION ? RecordedChatServer.KEYFRAME_SUMMARY
                        : RecordedChatServer.CLIP_SUMMARY, x.text());
            }
        }
    }

    @Test
    void oneTurnWithStyle() throws Exception {
        Path out = dir.resolve("one.m3c");
        try (RecordedChatServer server = new RecordedChatServer()) {
            Cli enc = encode(out, "--describe", "openai", "--endpoint", server.base(), "--model", "x", "--turns", "1",
                    "--style", "Mention the colours first.", "--no-describe-cache", "-q");
            assertEquals(0, enc.exit(), enc.toString());
            for (TextChunk x : read(out).all()) {
                assertEquals(x.textRoleEnum() == TextRole.KEYFRAME_DESCRIPTION ? RecordedChatServer.KEYFRAME_SINGLE
                        : RecordedChatServer.CLIP_SINGLE, x.text());
            }
            for (JsonNode req : server.requests) {
                assertEquals(2, req.get("messages").size(), "one turn: system and user");
                assertTrue(RecordedChatServer.lastText(req).endsWith("\n\nMention the colours first."));
            }
        }
    }

    @Test
    void serverDownIsAnIoErrorNamingTheEndpointAndLeavesNoOutput() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Path out = dir.resolve("down.m3c");
        Cli enc = encode(out, "--describe", "openai", "--endpoint", "http://127.0.0.1:" + port + "/v1", "--model", "x",
                "--retries", "0", "--no-describe-cache", "-q");
        assertEquals(ExitCodes.IO_ERROR, enc.exit(), enc.toString());
        assertTrue(enc.err().contains("http://127.0.0.1:" + port + "/v1/chat/completions: cannot connect"), enc.err());
        assertTrue(enc.err().contains("is the server running?"), enc.err());
        assertEquals(1, enc.errLines().length, enc.toString());
        assertFalse(Files.exists(out));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(".down")).toList());
        }
    }

    @Test
    void optionsThatDoNotFitAreUsageErrors() throws Exception {
        Path out = dir.resolve("u.m3c");
        Path texts = dir.resolve("t.json");
        Files.writeString(texts, "{\"descriptions\":[]}");
        Path prompts = Files.createDirectories(dir.resolve("prompts"));
        Files.writeString(prompts.resolve("summary.txt"), "x");
        String[][] bad = {
            {"--describe", "openai", "--endpoint", "http://127.0.0.1:9/v1", "--model", "x", "--turns", "3"},
            {"--describe", "openai", "--endpoint", "ftp://127.0.0.1/v1", "--model", "x"},
            {"--describe", "openai", "--endpoint", "http://127.0.0.1:9/v1", "--model", "x", "--texts", texts.toString()},
            {"--describe", "openai", "--endpoint", "http://127.0.0.1:9/v1", "--model", "x", "--prompts", prompts.toString()},
            {"--describe", "sidecar"},
            {"--endpoint", "http://127.0.0.1:9/v1"},
            {"--describe", "none", "--style", "x"},
            {"--describe", "claude"},
        };
        for (String[] b : bad) {
            Cli r = encode(out, b);
            assertEquals(ExitCodes.USAGE, r.exit(), String.join(" ", b) + ": " + r);
            assertFalse(r.err().contains("\tat "), "no stack trace");
        }
        assertTrue(encode(out, bad[3]).err().contains("summary.txt: not a prompt template"));
        // --texts alone still means the sidecar.
        assertEquals(0, encode(out, "--texts", texts.toString(), "-q").exit());
        assertFalse(Files.exists(dir.resolve("x.m3c")));
    }
}
