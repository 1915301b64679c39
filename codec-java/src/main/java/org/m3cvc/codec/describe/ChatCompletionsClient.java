package org.m3cvc.codec.describe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A client of the chat-completions endpoint of an OpenAI-compatible server (vLLM, Ollama, llama.cpp server, LM Studio,
 * OpenAI): {@code POST BASE/chat/completions} with {@code model}, {@code messages}, {@code max_tokens} and
 * {@code temperature}; the answer is {@code choices[0].message.content}.
 *
 * <p>Failures: a connection error, a timeout and HTTP 408, 409, 429, 500, 502, 503 and 504 are retried, at most
 * {@code maxRetries} times, after {@code backoff}, then twice that, and so on (a {@code Retry-After} of the server is
 * honoured up to {@link #MAX_WAIT}); any other HTTP status, a body that is not a chat completion, a refusal or an
 * empty answer fails at once. Every failure is a {@link DescribeException} whose one-line message names the endpoint.
 *
 * <p>Thread-safe.
 */
public final class ChatCompletionsClient {
    /** The longest wait between two attempts, whatever the backoff or the server's Retry-After say. */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    /** How much of an error body a message quotes. */
    private static final int BODY_QUOTED = 200;

    /**
     * @param baseUrl the API base, for example {@code http://127.0.0.1:8000/v1}; a URL that already ends in
     *     {@code /chat/completions} is used as it is
     * @param model the model name the server knows
     * @param apiKey sent as {@code Authorization: Bearer KEY}; null or empty sends none (local servers need none)
     * @param connectTimeout to open a connection
     * @param requestTimeout for the whole answer of one request (a VLM on a CPU can take a minute)
     * @param maxRetries retries after the first attempt, 0 or more
     * @param backoff the wait before the first retry; doubled for each later one
     * @param maxTokens {@code max_tokens} of each request
     * @param temperature {@code temperature} of each request (0: as deterministic as the server allows)
     */
    public record Settings(URI baseUrl, String model, String apiKey, Duration connectTimeout, Duration requestTimeout,
                           int maxRetries, Duration backoff, int maxTokens, double temperature) {
        public Settings {
            Objects.requireNonNull(baseUrl);
            Objects.requireNonNull(model);
            if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
                throw new IllegalArgumentException("an http or https URL expected, found " + baseUrl);
            }
            if (model.isBlank()) throw new IllegalArgumentException("a model name expected");
            if (maxRetries < 0) throw new IllegalArgumentException("maxRetries " + maxRetries);
            if (maxTokens < 1) throw new IllegalArgumentException("maxTokens " + maxTokens);
        }

        /** The chat-completions URL. */
        public URI endpoint() {
            String s = baseUrl.toString();
            if (s.endsWith("/chat/completions")) return baseUrl;
            return URI.create(s.replaceAll("/+$", "") + "/chat/completions");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Settings settings;
    private final HttpClient http;

    public ChatCompletionsClient(Settings settings) {
        this.settings = Objects.requireNonNull(settings);
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Settings settings() { return settings; }

    /** The request body for {@code messages}: what is sent, and what the cache key covers. */
    ObjectNode body(ArrayNode messages) {
        ObjectNode b = JSON.createObjectNode();
        b.put("model", settings.model());
        b.set("messages", messages);
        b.put("max_tokens", settings.maxTokens());
        b.put("temperature", settings.temperature());
        return b;
    }

    /**
     * Sends one request and returns the answer's text, trimmed and never empty.
     *
     * @throws DescribeException as the class comment says
     * @throws InterruptedException while waiting for an answer or between attempts
     */
    public String complete(ArrayNode messages) throws DescribeException, InterruptedException {
        URI endpoint = settings.endpoint();
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(body(messages));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder rb = HttpRequest.newBuilder(endpoint).timeout(settings.requestTimeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (settings.apiKey() != null && !settings.apiKey().isEmpty()) {
            rb.header("Authorization", "Bearer " + settings.apiKey());
        }
        HttpRequest request = rb.build();
        String lastFailure = null;
        int attempts = settings.maxRetries() + 1;
        for (int attempt = 0; attempt < attempts; attempt++) {
            Duration wait = settings.backoff().multipliedBy(1L << Math.min(attempt, 20));
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpConnectTimeoutException e) {
                lastFailure = "cannot connect within " + seconds(settings.connectTimeout()) + ": is the server running?";
                sleep(wait, attempt, attempts);
                continue;
            } catch (HttpTimeoutException e) {
                lastFailure = "no answer within " + seconds(settings.requestTimeout()) + " (--request-timeout)";
                sleep(wait, attempt, attempts);
                continue;
            } catch (ConnectException e) {
                lastFailure = "cannot connect (" + (e.getMessage() == null ? "connection refused" : oneLine(e.getMessage()))
                        + "): is the server running?";
                sleep(wait, attempt, attempts);
                continue;
            } catch (IOException e) {
                lastFailure = "connection failed: " + oneLine(String.valueOf(e.getMessage()));
                sleep(wait, attempt, attempts);
                continue;
            }
            int status = response.statusCode();
            if (status == 200) return answer(endpoint, response.body());
            String detail = "HTTP " + status + errorDetail(response.body());
            if (!retryable(status)) throw new DescribeException(endpoint + ": " + detail + hint(status));
            lastFailure = detail;
            Optional<String> retryAfter = response.headers().firstValue("Retry-After");
            if (retryAfter.isPresent()) {
                try {
                    wait = Duration.ofSeconds(Long.parseLong(retryAfter.get().trim()));
                } catch (NumberFormatException e) {
                    // An HTTP date: keep the backoff.
                }
            }
            sleep(wait, attempt, attempts);
        }
        throw new DescribeException(endpoint + ": " + lastFailure + " (" + attempts + " attempt"
                + (attempts == 1 ? "" : "s") + ")");
    }

    private static void sleep(Duration wait, int attempt, int attempts) throws InterruptedException {
        if (attempt + 1 >= attempts) return;
        Thread.sleep(Math.min(wait.toMillis(), MAX_WAIT.toMillis()));
    }

    static boolean retryable(int status) {
        return status == 408 || status == 409 || status == 429 || status == 500 || status == 502 || status == 503
                || status == 504;
    }

    private static String hint(int status) {
        return switch (status) {
            case 401, 403 -> " (set M3CVC_OPENAI_API_KEY or OPENAI_API_KEY, or --api-key-file)";
            case 404 -> " (is the URL the /v1 base of an OpenAI-compatible server, and the model served there?)";
            default -> "";
        };
    }

    /** The answer of a 200 response: {@code choices[0].message.content}, a string or a list of text parts. */
    static String answer(URI endpoint, String body) throws DescribeException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new DescribeException(endpoint + ": not a chat completion (malformed JSON: "
                    + oneLine(e.getOriginalMessage()) + "): " + quote(body));
        }
        JsonNode choice = root == null ? null : root.path("choices").path(0);
        if (choice == null || !choice.isObject()) {
            throw new DescribeException(endpoint + ": not a chat completion (no choices[0]): " + quote(body));
        }
        JsonNode message = choice.path("message");
        JsonNode refusal = message.get("refusal");
        if (refusal != null && refusal.isTextual() && !refusal.textValue().isBlank()) {
            throw new DescribeException(endpoint + ": the model refused: " + quote(refusal.textValue()));
        }
        if ("content_filter".equals(choice.path("finish_reason").asText())) {
            throw new DescribeException(endpoint + ": the answer was withheld by the server's content filter");
        }
        JsonNode content = message.get("content");
        StringBuilder text = new StringBuilder();
        if (content != null && content.isTextual()) {
            text.append(content.textValue());
        } else if (content != null && content.isArray()) {
            for (JsonNode part : content) if (part.path("text").isTextual()) text.append(part.path("text").textValue());
        } else if (content != null && !content.isNull()) {
            throw new DescribeException(endpoint + ": not a chat completion (choices[0].message.content is "
                    + content.getNodeType().toString().toLowerCase() + "): " + quote(body));
        }
        String s = text.toString().strip();
        if (s.isEmpty()) {
            throw new DescribeException(endpoint + ": empty answer (finish_reason "
                    + choice.path("finish_reason").asText("none") + ")");
        }
        return s;
    }

    /** The server's error message of an error response, when it says one. */
    private static String errorDetail(String body) {
        if (body == null || body.isBlank()) return "";
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode m = root.path("error").path("message");
            if (m.isTextual()) return ": " + quote(m.textValue());
            if (root.path("error").isTextual()) return ": " + quote(root.path("error").textValue());
            if (root.path("detail").isTextual()) return ": " + quote(root.path("detail").textValue());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            // Not JSON: quote the start of it.
        }
        return ": " + quote(body);
    }

    /** A server's text for a one-line message: JSON-quoted (no line breaks), cut after {@value #BODY_QUOTED} chars. */
    static String quote(String s) {
        String cut = s.length() > BODY_QUOTED ? s.substring(0, BODY_QUOTED) + "..." : s;
        try {
            return JSON.writeValueAsString(cut);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n]+", " ");
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
