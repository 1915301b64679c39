package org.m3cvc.conformance;

import java.io.ByteArrayInputStream;
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

import org.m3cvc.codec.pack.ModelPack;
import org.m3cvc.codec.testpack.TestPackBuilder;
import org.m3cvc.container.DecodedSyntax;
import org.m3cvc.container.M3cReader;
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

    /** What {@code frames_md5} means; the manifest's {@code pixel_md5} note. */
    static final String FRAMES_MD5_NOTE = "Streams with frames_md5 are encoded by the real encoder with the hand-built "
            + "test pack (m3cvc testpack DIR --size WxH, identity pack_sha256) from a synthetic pattern; decoded on CPU "
            + "with that pack, frame i in display order has MD5 frames_md5[i] over its packed RGB24 bytes (W*H*3, rows "
            + "top to bottom, as FFmpeg's framemd5 with -pix_fmt rgb24), and frames_md5_all is the MD5 of all frames' "
            + "bytes concatenated";

    /** Writes the suite under {@code dir}; returns the number of streams. */
    public static int generate(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("valid"));
        Files.createDirectories(dir.resolve("invalid"));
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Case c : ValidCases.all()) entries.add(write(dir, c));
        entries.addAll(pixelStreams(dir));
        for (Case c : InvalidCases.all()) entries.add(write(dir, c));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("suite", "m3c conformance streams");
        manifest.put("format_version", 1);
        manifest.put("generator", "org.m3cvc.conformance.ConformanceGenerator");
        manifest.put("pixel_md5", FRAMES_MD5_NOTE);
        manifest.put("streams", entries);
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(dir.resolve("streams.json"), om.writeValueAsString(manifest) + "\n");
        return entries.size();
    }

    private static Map<String, Object> write(Path dir, Case c) throws IOException {
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
        return e;
    }

    /** Encodes the pixel streams with the test pack (in a scratch directory), decodes them on CPU, one thread. */
    private static List<Map<String, Object>> pixelStreams(Path dir) throws IOException {
        Path work = Files.createTempDirectory("m3cvc-pixel-");
        try {
            List<Map<String, Object>> out = new ArrayList<>();
            for (PixelCases.PixelCase c : PixelCases.all()) {
                byte[] bytes = PixelCases.encode(c, work);
                String file = "valid/" + c.name() + ".m3c";
                Path p = dir.resolve(file);
                Files.write(p, bytes);
                Path pack = PixelCases.pack(c, work);
                List<String> md5s = PixelCases.decodeAll(p, pack, 1);
                String syntaxMd5;
                try (M3cReader r = M3cReader.open(new ByteArrayInputStream(bytes), file)) {
                    syntaxMd5 = DecodedSyntax.md5(r);
                }
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("file", file);
                e.put("valid", true);
                e.put("description", c.description());
                e.put("size_bytes", bytes.length);
                e.put("sha256", sha256(bytes));
                e.put("decoded_syntax_md5", syntaxMd5);
                e.put("exit_code", 0);
                Map<String, Object> tp = new LinkedHashMap<>();
                tp.put("command", "m3cvc testpack DIR --size " + c.width() + "x" + c.height());
                tp.put("name", TestPackBuilder.NAME);
                tp.put("version", TestPackBuilder.VERSION);
                tp.put("pack_sha256", ModelPack.open(pack).identityHex());
                e.put("test_pack", tp);
                e.put("frames", md5s.size() - 1);
                e.put("frames_md5", md5s.subList(0, md5s.size() - 1));
                e.put("frames_md5_all", md5s.get(md5s.size() - 1));
                out.add(e);
            }
            return out;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("pixel streams: " + e, e);
        } finally {
            PixelCases.deleteTree(work);
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
