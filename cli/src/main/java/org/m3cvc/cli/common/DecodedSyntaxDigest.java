package org.m3cvc.cli.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.m3cvc.container.DecodedSyntax;

/**
 * The MD5 of the decoded-syntax serialization (spec clause 10, {@link DecodedSyntax#md5}), computed one element at a
 * time so that a single pass over a stream can both analyze it and give its MD5 without holding the serialization.
 * Each element's line comes from {@link DecodedSyntax#append}, so the bytes hashed are those of
 * {@link DecodedSyntax#of}. Not thread-safe; {@link #hex()} ends it.
 */
public final class DecodedSyntaxDigest {
    private final MessageDigest md5;
    private final StringBuilder line = new StringBuilder();
    private boolean done;

    public DecodedSyntaxDigest() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JDK", e);
        }
        md5.update((DecodedSyntax.MAGIC_LINE + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Adds one parsed element ({@link org.m3cvc.container.ChunkEvent#syntax()}); elements the serialization leaves
     * out (seek_index, end_of_stream, ancillary chunks, null) add nothing.
     */
    public void update(Object syntax) {
        if (done) throw new IllegalStateException("digest already finished");
        line.setLength(0);
        DecodedSyntax.append(line, syntax);
        // A line holds whole characters, so the UTF-8 of the lines concatenated is the UTF-8 of the whole.
        if (line.length() > 0) md5.update(line.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The MD5 in lowercase hex; the digest takes no more elements afterwards. */
    public String hex() {
        done = true;
        return HexFormat.of().formatHex(md5.digest());
    }
}
