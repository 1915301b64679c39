package org.m3cvc.codec.describe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

/**
 * A chat-completions server on 127.0.0.1 (a free port) that answers from recordings: it records every request and
 * replies what {@code responder} says for it (the request's JSON body and its number, from 0).
 */
final class FakeChatServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode ANSWERS = resource("recorded-answers.json");
    private static final JsonNode COMPLETION = resource("recorded-completion.json");

    /** A reply: HTTP status, body, and seconds to wait before it (for timeouts). */
    record Reply(int status, String body, long delayMillis, String retryAfter) {
        static Reply ok(String body) { return new Reply(200, body, 0, null); }
    }

    /** A request as the server received it. */
    record Request(String path, String authorization, JsonNode body) {
        JsonNode messages() { return body.get("messages"); }

        /** Image parts in the whole request. */
        int images() {
            int n = 0;
            for (JsonNode m : messages()) {
                if (m.get("content").isArray()) {
                    for (JsonNode p : m.get("content")) if ("image_url".equals(p.path("type").asText())) n++;
                }
            }
            return n;
        }

        /** The text of the last message (a user turn). */
        String lastText() {
            JsonNode c = messages().get(messages().size() - 1).get("content");
            if (c.isTextual()) return c.textValue();
            String s = "";
            for (JsonNode p : c) if ("text".equals(p.path("type").asText())) s = p.get("text").textValue();
            return s;
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "fake-chat-server");
        t.setDaemon(true);
        return t;
    });
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    FakeChatServer(BiFunction<Request, Integer, Reply> responder) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(pool);
        server.createContext("/", ex -> {
            try (ex) {
                byte[] in;
                try (InputStream is = ex.getRequestBody()) {
                    in = is.readAllBytes();
                }
                Request req = new Request(ex.getRequestURI().getPath(), ex.getRequestHeaders().getFirst("Authorization"),
                        JSON.readTree(in));
                int n;
                synchronized (requests) {
                    n = requests.size();
                    requests.add(req);
                }
                Reply reply = responder.apply(req, n);
                if (reply.delayMillis() > 0) {
                    try {
                        Thread.sleep(reply.delayMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                if (reply.retryAfter() != null) ex.getResponseHeaders().add("Retry-After", reply.retryAfter());
                ex.sendResponseHeaders(reply.status(), out.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                } catch (IOException e) {
                    // The client gave up (timeout test).
                }
            }
        });
        server.start();
    }

    /** The server answering every turn of the shipped prompts with its recorded answer. */
    static FakeChatServer recorded() throws IOException {
        return new FakeChatServer((req, n) -> Reply.ok(completion(answerFor(req))));
    }

    /** The recorded answer to the turn whose shipped prompt is the last message of {@code req}. */
    static String answerFor(Request req) {
        return ANSWERS.get(turnOf(req.lastText())).textValue();
    }

    /** Which shipped prompt a text starts with. */
    static String turnOf(String text) {
        if (text.startsWith("This image is a keyframe") && text.contains("List the main objects")) return "keyframe_objects";
        if (text.startsWith("This image is the previous keyframe")) return "keyframe_changes";
        if (text.startsWith("Now add the small details")) return "keyframe_details";
        if (text.startsWith("Summarize everything above")) return "keyframe_summary";
        if (text.startsWith("This image is a keyframe")) return "keyframe_single";
        if (text.contains("What is the main motion")) return "clip_motion";
        if (text.startsWith("Summarize the motion")) return "clip_summary";
        if (text.contains("Describe the main motion")) return "clip_single";
        throw new IllegalArgumentException("no recorded answer for: " + text);
    }

    static String answer(String turn) { return ANSWERS.get(turn).textValue(); }

    /** A recorded chat.completion body with {@code content}. */
    static String completion(String content) {
        ObjectNode c = COMPLETION.deepCopy();
        ((ObjectNode) c.get("choices").get(0).get("message")).put("content", content);
        return c.toString();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    int port() { return server.getAddress().getPort(); }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    private static JsonNode resource(String name) {
        try (InputStream in = FakeChatServer.class.getResourceAsStream(name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
