package org.m3cvc.cli.codec;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.m3cvc.codec.describe.NoDescriber;
import org.m3cvc.codec.describe.OpenAiDescriber;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

/** Where --describe openai takes its settings from when options leave them out: the environment. */
class DescribeOptionsTest {
    @Command(name = "t")
    static final class Holder {
        @Mixin DescribeOptions options;
    }

    static Object describer(Map<String, String> env, String... args) throws Exception {
        Holder h = new Holder();
        CommandLine cl = new CommandLine(h);
        cl.parseArgs(args);
        return h.options.describer(cl.getCommandSpec(), env);
    }

    @Test
    void endpointAndModelComeFromTheEnvironment() throws Exception {
        Map<String, String> env = Map.of(DescribeOptions.ENV_BASE_URL, "http://127.0.0.1:9/v1",
                DescribeOptions.ENV_MODEL, "qwen", DescribeOptions.ENV_KEY_FALLBACK, "sk-x");
        assertInstanceOf(OpenAiDescriber.class, describer(env, "--describe", "openai", "--no-describe-cache"));
        ParameterException e = assertThrows(ParameterException.class,
                () -> describer(Map.of(), "--describe", "openai", "--model", "m"));
        assertTrue(e.getMessage().contains("$" + DescribeOptions.ENV_BASE_URL), e.getMessage());
        e = assertThrows(ParameterException.class,
                () -> describer(Map.of(DescribeOptions.ENV_BASE_URL, "http://127.0.0.1:9/v1"), "--describe", "openai"));
        assertTrue(e.getMessage().contains("$" + DescribeOptions.ENV_MODEL), e.getMessage());
        assertInstanceOf(NoDescriber.class, describer(env));
    }

    @Test
    void defaultCacheFollowsXdg() {
        assertEquals(Path.of("/x/m3cvc/describe"), DescribeOptions.defaultCache(Map.of("XDG_CACHE_HOME", "/x")));
        assertEquals(Path.of(System.getProperty("user.home"), ".cache", "m3cvc", "describe"),
                DescribeOptions.defaultCache(Map.of()));
    }
}
