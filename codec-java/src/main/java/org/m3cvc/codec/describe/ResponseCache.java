package org.m3cvc.codec.describe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Answers of the description server on disk, one file per request: {@code DIR/<sha256>.txt} holds the answer's text.
 * The key is the SHA-256 of everything that decides an answer (model, limits, every message's text, and each image as
 * the hash of its pixels), so a re-encode of the same input with the same prompts and model asks nothing twice, and
 * any change of prompt, style, model or frame asks again.
 *
 * <p>Writes go to a temporary file renamed into place, so concurrent encodes sharing a directory never read a half
 * answer. Thread-safe.
 */
public final class ResponseCache {
    private final Path dir;

    /** @param dir the cache directory, created when first written; null for no cache */
    public ResponseCache(Path dir) {
        this.dir = dir;
    }

    public static ResponseCache none() { return new ResponseCache(null); }

    public Path dir() { return dir; }

    /** The cached answer for {@code keyHex}, or null. */
    String get(String keyHex) throws IOException {
        if (dir == null) return null;
        try {
            return Files.readString(dir.resolve(keyHex + ".txt"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    void put(String keyHex, String answer) throws IOException {
        if (dir == null) return;
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + keyHex + ".", ".tmp");
        try {
            Files.writeString(tmp, answer, StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(keyHex + ".txt"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
