package org.m3cvc.cli.codec;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.m3cvc.codec.describe.ChatCompletionsClient;
import org.m3cvc.codec.describe.Describer;
import org.m3cvc.codec.describe.AttributeDescriber;
import org.m3cvc.codec.describe.NoDescriber;
import org.m3cvc.codec.describe.OpenAiDescriber;
import org.m3cvc.codec.describe.PromptTemplates;
import org.m3cvc.codec.describe.ResponseCache;
import org.m3cvc.codec.describe.SidecarDescriber;
import org.m3cvc.container.Limits;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** encode's options for the texts: where descriptions come from (none, a sidecar file, an OpenAI-compatible server). */
public final class DescribeOptions {
    /** Where descriptions come from. */
    public enum Mode { none, sidecar, openai, attributes }

    static final String ENV_BASE_URL = "M3CVC_OPENAI_BASE_URL";
    static final String ENV_MODEL = "M3CVC_OPENAI_MODEL";
    static final String ENV_KEY = "M3CVC_OPENAI_API_KEY";
    static final String ENV_KEY_FALLBACK = "OPENAI_API_KEY";

    @Option(names = "--describe", paramLabel = "MODE", description = "Where the keyframe and clip descriptions come "
            + "from: ${COMPLETION-CANDIDATES} (attributes: measured from the pixels, the reference pack's training "
            + "captions; default: sidecar with --texts, else none).")
    Mode mode;

    @Option(names = "--texts", paramLabel = "FILE", description = "JSON sidecar of keyframe and clip descriptions keyed by time (--describe sidecar).")
    Path texts;

    @Option(names = "--endpoint", paramLabel = "URL", description = "Base URL of an OpenAI-compatible server, e.g. "
            + "http://127.0.0.1:8000/v1 (default: $" + ENV_BASE_URL + ").")
    String endpoint;

    @Option(names = "--model", paramLabel = "NAME", description = "Multimodal model the server serves (default: $"
            + ENV_MODEL + ").")
    String model;

    @Option(names = "--api-key-file", paramLabel = "FILE", description = "File holding the API key (default: $"
            + ENV_KEY + ", else $" + ENV_KEY_FALLBACK + "; local servers need none).")
    Path apiKeyFile;

    @Option(names = "--turns", paramLabel = "N", defaultValue = "4", description = "Dialogue turns per keyframe: 1, 2 "
            + "or 4 (the paper's; default: ${DEFAULT-VALUE}).")
    int turns;

    @Option(names = "--style", paramLabel = "TEXT", description = "Appended to the last prompt of each dialogue to "
            + "steer the descriptions, e.g. \"Mention colours first.\"")
    String style;

    @Option(names = "--prompts", paramLabel = "DIR", description = "Directory of prompt templates replacing the "
            + "shipped ones of the same name.")
    Path prompts;

    @Option(names = "--describe-language", paramLabel = "TAG", defaultValue = "en", description = "BCP 47 tag of the "
            + "descriptions the prompts ask for (default: ${DEFAULT-VALUE}).")
    String language;

    @Option(names = "--describe-cache", paramLabel = "DIR", description = "Cache of the server's answers (default: "
            + "$XDG_CACHE_HOME/m3cvc/describe, else ~/.cache/m3cvc/describe).")
    Path cache;

    @Option(names = "--no-describe-cache", description = "Ask the server every time.")
    boolean noCache;

    @Option(names = "--request-timeout", paramLabel = "SECONDS", defaultValue = "120", description = "Longest wait "
            + "for one answer (default: ${DEFAULT-VALUE}).")
    double requestTimeout;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "3", description = "Retries of a request after a "
            + "connection error, timeout or HTTP 429/5xx, with doubling backoff from 1 s (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "300", description = "max_tokens of each "
            + "request (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    /** The describer the options ask for; usage errors for options that do not fit together. */
    Describer describer(CommandSpec spec, Map<String, String> env) throws IOException {
        Mode m = mode != null ? mode : texts != null ? Mode.sidecar : Mode.none;
        if (m != Mode.openai) {
            for (Object[] o : new Object[][] {{"--endpoint", endpoint}, {"--model", model}, {"--api-key-file", apiKeyFile},
                    {"--style", style}, {"--prompts", prompts}, {"--describe-cache", cache}}) {
                if (o[1] != null) throw usage(spec, o[0] + " goes with --describe openai");
            }
        }
        if (m != Mode.sidecar && texts != null) throw usage(spec, "--texts goes with --describe sidecar");
        switch (m) {
            case none -> {
                return new NoDescriber();
            }
            case attributes -> {
                return new AttributeDescriber();
            }
            case sidecar -> {
                if (texts == null) throw usage(spec, "--describe sidecar needs --texts FILE");
                return SidecarDescriber.load(texts);
            }
            default -> {
                return openAi(spec, env);
            }
        }
    }

    private Describer openAi(CommandSpec spec, Map<String, String> env) throws IOException {
        String url = endpoint != null ? endpoint : env.get(ENV_BASE_URL);
        String name = model != null ? model : env.get(ENV_MODEL);
        if (url == null || url.isBlank()) throw usage(spec, "--describe openai needs --endpoint URL or $" + ENV_BASE_URL);
        if (name == null || name.isBlank()) throw usage(spec, "--describe openai needs --model NAME or $" + ENV_MODEL);
        URI base;
        try {
            base = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw usage(spec, "--endpoint " + url + ": not a URL");
        }
        if (!("http".equals(base.getScheme()) || "https".equals(base.getScheme())) || base.getHost() == null) {
            throw usage(spec, "--endpoint " + url + ": expected an http or https URL such as http://127.0.0.1:8000/v1");
        }
        if (turns != 1 && turns != 2 && turns != 4) throw usage(spec, "--turns " + turns + ": expected 1, 2 or 4");
        if (!(requestTimeout > 0) || requestTimeout > 86400) {
            throw usage(spec, "--request-timeout " + requestTimeout + ": expected 0 < SECONDS <= 86400");
        }
        if (retries < 0 || retries > 20) throw usage(spec, "--retries " + retries + ": expected 0..20");
        if (maxTokens < 1) throw usage(spec, "--max-tokens " + maxTokens + ": expected at least 1");
        if (!language.matches("[A-Za-z0-9-]{1," + Limits.MAX_LANGUAGE_BYTES + "}")) {
            throw usage(spec, "--describe-language " + language + ": expected a BCP 47 tag such as en");
        }
        String key;
        if (apiKeyFile != null) {
            key = Files.readString(apiKeyFile, StandardCharsets.UTF_8).strip();
        } else {
            key = env.get(ENV_KEY) != null ? env.get(ENV_KEY) : env.get(ENV_KEY_FALLBACK);
        }
        PromptTemplates templates;
        try {
            templates = PromptTemplates.load(prompts);
        } catch (IOException e) {
            throw usage(spec, "--prompts: " + e.getMessage());
        }
        Duration timeout = Duration.ofMillis(Math.round(requestTimeout * 1000));
        ChatCompletionsClient client = new ChatCompletionsClient(new ChatCompletionsClient.Settings(base, name.strip(),
                key, Duration.ofSeconds(10).compareTo(timeout) < 0 ? Duration.ofSeconds(10) : timeout, timeout, retries,
                Duration.ofSeconds(1), maxTokens, 0));
        ResponseCache rc = noCache ? ResponseCache.none() : new ResponseCache(cache != null ? cache : defaultCache(env));
        return new OpenAiDescriber(client, templates, rc, turns, style, language);
    }

    /** $XDG_CACHE_HOME/m3cvc/describe, else ~/.cache/m3cvc/describe. */
    static Path defaultCache(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("m3cvc").resolve("describe");
    }

    private static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
