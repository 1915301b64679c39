package org.m3cvc.codec.describe;

import static org.junit.jupiter.api.Assertions.*;

import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;

import com.fasterxml.jackson.databind.node.ArrayNode;

import org.junit.jupiter.api.Test;

/** Failure paths of the chat-completions client against {@link FakeChatServer}: each ends in one clear line. */
class ChatCompletionsClientTest {
    static ArrayNode hello() {
        ArrayNode m = FakeChatServer.JSON.createArrayNode();
        m.addObject().put("role", "user").put("content", "hello");
        return m;
    }

    static ChatCompletionsClient client(URI base, int retries, Duration timeout) {
        return OpenAiDescriberTest.client(base, retries, timeout);
    }

    static DescribeException fails(FakeChatServer s, int retries, Duration timeout) {
        return assertThrows(DescribeException.class, () -> client(s.base(), retries, timeout).complete(hello()));
    }

    @Test
    void http500ThenSuccessIsRetried() throws Exception {
        try (FakeChatServer s = new FakeChatServer((r, n) -> n < 2
                ? new FakeChatServer.Reply(n == 0 ? 500 : 503, "{\"error\":{\"message\":\"busy\"}}", 0, n == 1 ? "0" : null)
                : FakeChatServer.Reply.ok(FakeChatServer.completion("  fine \n")))) {
            assertEquals("fine", client(s.base(), 2, Duration.ofSeconds(5)).complete(hello()));
            assertEquals(3, s.requests.size());
        }
    }

    @Test
    void retriesAreBounded() throws Exception {
        try (FakeChatServer s = new FakeChatServer((r, n) -> new FakeChatServer.Reply(500,
                "{\"error\":{\"message\":\"CUDA out of memory\"}}", 0, null))) {
            DescribeException e = fails(s, 2, Duration.ofSeconds(5));
            assertEquals(3, s.requests.size());
            assertEquals(s.base() + "/chat/completions: HTTP 500: \"CUDA out of memory\" (3 attempts)", e.getMessage());
        }
    }

    @Test
    void clientErrorsAreNotRetried() throws Exception {
        try (FakeChatServer s = new FakeChatServer((r, n) -> new FakeChatServer.Reply(n == 0 ? 400 : 401,
                "{\"error\":{\"message\":\"The model `x` does not exist.\"}}", 0, null))) {
            DescribeException e = fails(s, 3, Duration.ofSeconds(5));
            assertEquals(1, s.requests.size());
            assertTrue(e.getMessage().endsWith(": HTTP 400: \"The model `x` does not exist.\""), e.getMessage());
            assertTrue(fails(s, 3, Duration.ofSeconds(5)).getMessage().contains("OPENAI_API_KEY"));
        }
    }

    @Test
    void timeoutIsRetriedThenReported() throws Exception {
        try (FakeChatServer s = new FakeChatServer((r, n) -> new FakeChatServer.Reply(200,
                FakeChatServer.completion("late"), 1500, null))) {
            DescribeException e = fails(s, 1, Duration.ofMillis(200));
            // The client gave up on the second request after 200 ms; on a loaded machine the server thread may record
            // it a little later, so wait (bounded) rather than race it.
            for (int i = 0; i < 100 && s.requests.size() < 2; i++) Thread.sleep(50);
            assertEquals(2, s.requests.size());
            assertTrue(e.getMessage().endsWith(": no answer within 200 ms (--request-timeout) (2 attempts)"), e.getMessage());
        }
    }

    @Test
    void malformedRefusedAndEmptyAnswersFailAtOnce() throws Exception {
        String[][] cases = {
            {"{\"choices\": [", "not a chat completion (malformed JSON"},
            {"<html>Bad gateway</html>", "not a chat completion (malformed JSON"},
            {"{\"object\":\"list\"}", "not a chat completion (no choices[0])"},
            {"{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":null,\"refusal\":\"I can't help with that.\"},"
                    + "\"finish_reason\":\"stop\"}]}", "the model refused: \"I can't help with that.\""},
            {"{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":\"content_filter\"}]}",
                    "content filter"},
            {FakeChatServer.completion("   "), "empty answer (finish_reason stop)"},
            {"{\"choices\":[{\"message\":{\"content\":42}}]}", "choices[0].message.content is number"},
        };
        for (String[] c : cases) {
            try (FakeChatServer s = new FakeChatServer((r, n) -> FakeChatServer.Reply.ok(c[0]))) {
                DescribeException e = fails(s, 3, Duration.ofSeconds(5));
                assertEquals(1, s.requests.size(), c[0]);
                assertTrue(e.getMessage().contains(c[1]), e.getMessage());
                assertFalse(e.getMessage().contains("\n"), "one line");
            }
        }
        // Content as a list of parts is accepted.
        try (FakeChatServer s = new FakeChatServer((r, n) -> FakeChatServer.Reply.ok(
                "{\"choices\":[{\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"a \"},{\"type\":\"text\",\"text\":\"b\"}]}}]}"))) {
            assertEquals("a b", client(s.base(), 0, Duration.ofSeconds(5)).complete(hello()));
        }
    }

    @Test
    void serverDownIsNamed() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        URI base = URI.create("http://127.0.0.1:" + port + "/v1/");
        DescribeException e = assertThrows(DescribeException.class,
                () -> client(base, 1, Duration.ofSeconds(2)).complete(hello()));
        assertTrue(e.getMessage().startsWith("http://127.0.0.1:" + port + "/v1/chat/completions: cannot connect"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("is the server running? (2 attempts)"), e.getMessage());
    }

    @Test
    void settingsRefuseNonHttpUrls() {
        assertThrows(IllegalArgumentException.class, () -> new ChatCompletionsClient.Settings(URI.create("ftp://x/v1"),
                "m", null, Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ZERO, 1, 0));
        assertEquals(URI.create("http://h/v1/chat/completions"), new ChatCompletionsClient.Settings(
                URI.create("http://h/v1/chat/completions"), "m", null, Duration.ofSeconds(1), Duration.ofSeconds(1), 0,
                Duration.ZERO, 1, 0).endpoint());
    }
}
