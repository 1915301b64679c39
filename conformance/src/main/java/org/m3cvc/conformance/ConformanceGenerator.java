package org.m3cvc.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.m3cvc.container.DecodedSyntax;
import org.m3cvc.container.Requirement;

/**
 * Writes the conformance suite: {@code valid/*.m3c}, {@code invalid/*.m3c} and {@code streams.json}, the manifest
 * with each stream's description and expected outcome. Output depends on nothing but this code, so a test can
 * regenerate the suite and compare it with the committed files byte for byte.
 *
 * <p>Usage: {@code ConformanceGenerator OUT_DIR}.
 */
public final class ConformanceGenerator {
    /** Exit codes of {@code m3cvc verify} (cli ExitCodes) per requirement kind. */
    static final int EXIT_CORRUPTED = 1;
    static final int EXIT_UNSUPPORTED = 3;

    private ConformanceGenerator() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ConformanceGenerator OUT_DIR");
            System.exit(2);
        }
        int n = generate(Path.of(args[0]));
        System.out.println("wrote " + n + " streams to " + args[0]);
    }

    /** All cases, valid first, in a stable order. */
    static List<Case> cases() {
        List<Case> all = new ArrayList<>(ValidCases.all());
        all.addAll(InvalidCases.all());
        return all;
    }

    /** Writes the suite under {@code dir}; returns the number of streams. */
    public static int generate(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("valid"));
        Files.createDirectories(dir.resolve("invalid"));
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Case c : cases()) {
            byte[] bytes = c.spec().toBytes();
            String file = (c.valid() ? "valid/" : "invalid/") + c.name() + ".m3c";
            Files.write(dir.resolve(file), bytes);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("file", file);
            e.put("valid", c.valid());
            e.put("description", c.description());
            e.put("size_bytes", bytes.length);
            e.put("sha256", sha256(bytes));
            if (c.valid()) {
                e.put("decoded_syntax_md5", DecodedSyntax.md5(c.spec().decodedSyntax()));
                e.put("exit_code", 0);
            } else {
                Requirement r = Requirement.fromId(c.requirementId());
                e.put("requirement", r.id());
                e.put("kind", r.kind() == Requirement.Kind.CORRUPTED ? "corrupted" : "unsupported");
                e.put("exit_code", r.kind() == Requirement.Kind.CORRUPTED ? EXIT_CORRUPTED : EXIT_UNSUPPORTED);
            }
            entries.add(e);
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("suite", "m3c conformance streams");
        manifest.put("format_version", 1);
        manifest.put("generator", "org.m3cvc.conformance.ConformanceGenerator");
        manifest.put("streams", entries);
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(dir.resolve("streams.json"), om.writeValueAsString(manifest) + "\n");
        return entries.size();
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
