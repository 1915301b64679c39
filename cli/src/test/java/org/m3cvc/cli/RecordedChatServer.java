package org.m3cvc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

/**
 * A chat-completions server on 127.0.0.1 answering the shipped prompts with recorded answers (as Qwen2-VL gives
 * them, wrapped in a vLLM chat.completion body); it records each request's JSON body. The codec module's tests have
 * the full version with failure modes; this one serves the end-to-end encode.
 */
final class RecordedChatServer implements AutoCloseable {
    static final String KEYFRAME_SUMMARY = "A smooth gradient backdrop fills the frame, lighter towards the top right, "
            + "evenly lit, with no objects, people or text.";
    static final String CLIP_SUMMARY = "The camera pans slowly to the right across the gradient backdrop.";
    static final String KEYFRAME_SINGLE = "A smooth gradient backdrop in blue and green tones, evenly lit.";
    static final String CLIP_SINGLE = "The camera pans slowly right across the gradient.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENVELOPE = "{\"id\":\"chatcmpl-3f9c2a7e5d1b4c08a6e2f1d0b9c8a7e6\",\"object\":"
            + "\"chat.completion\",\"created\":1764075302,\"model\":\"Qwen/Qwen2-VL-7B-Instruct\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[]},\"logprobs\":null,"
            + "\"finish_reason\":\"stop\",\"stop_reason\":null}],\"usage\":{\"prompt_tokens\":1311,\"total_tokens\":1377,"
            + "\"completion_tokens\":66}}";

    private final HttpServer server;
    private final ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "recorded-chat-server");
        t.setDaemon(true);
        return t;
    });
    final List<JsonNode> requests = Collections.synchronizedList(new ArrayList<>());

    RecordedChatServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(pool);
        server.createContext("/v1/chat/completions", ex -> {
            try (ex; InputStream in = ex.getRequestBody()) {
                JsonNode body = JSON.readTree(in.readAllBytes());
                requests.add(body);
                ObjectNode reply = (ObjectNode) JSON.readTree(ENVELOPE);
                ((ObjectNode) reply.get("choices").get(0).get("message")).put("content", answer(lastText(body)));
                byte[] out = reply.toString().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, out.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        });
        server.start();
    }

    static String lastText(JsonNode body) {
        JsonNode msgs = body.get("messages");
        String s = "";
        for (JsonNode p : msgs.get(msgs.size() - 1).get("content")) if (p.has("text")) s = p.get("text").asText();
        return s;
    }

    /** The recorded answer of each shipped prompt: the last turns' are distinct so that tests can tell them. */
    static String answer(String prompt) {
        if (prompt.startsWith("Summarize everything above")) return KEYFRAME_SUMMARY;
        if (prompt.startsWith("Summarize the motion")) return CLIP_SUMMARY;
        if (prompt.contains("Describe it in one paragraph")) return KEYFRAME_SINGLE;
        if (prompt.contains("Describe the main motion")) return CLIP_SINGLE;
        if (prompt.contains("List the main objects")) return "A blue-green gradient panel fills the frame.";
        if (prompt.startsWith("This image is the previous keyframe")) return "The scene cut to another gradient.";
        if (prompt.startsWith("Now add the small details")) return "No text, no small objects.";
        if (prompt.contains("What is the main motion")) return "The gradient slides to the right.";
        return "UNEXPECTED PROMPT";
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
