package org.m3cvc.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.m3cvc.container.M3cWriter;
import org.m3cvc.container.clip.ClipHeader;
import org.m3cvc.container.clip.ClipMode;
import org.m3cvc.container.header.StreamHeader;
import org.m3cvc.container.keyframe.IndexPlane;
import org.m3cvc.container.keyframe.Keyframe;
import org.m3cvc.container.keyframe.PlaneCoding;
import org.m3cvc.container.text.TextChunk;
import org.m3cvc.container.text.TextCoder;
import org.m3cvc.container.text.TextRole;

/** The inputs every benchmark reads: conformance streams, a synthetic long stream, English text. Deterministic. */
final class BenchInputs {
    /** The @Param value that stands for the synthetic long stream. */
    static final String SYNTHETIC = "synthetic_2000_clips";
    static final int SYNTHETIC_CLIPS = 2000;
    static final int SYNTHETIC_CLIP_FRAMES = 8;

    private BenchInputs() {}

    static Path streamsDir() {
        Path dir = Path.of(System.getProperty("m3cvc.streams", "conformance/streams"));
        if (!Files.isDirectory(dir.resolve("valid"))) {
            throw new IllegalStateException("no conformance streams in " + dir.toAbsolutePath()
                    + ": run from the repository root or pass -Dm3cvc.streams=DIR");
        }
        return dir;
    }

    /**
     * The file of a stream @Param: {@link #SYNTHETIC}, written into {@code scratch}, or a conformance stream named
     * without its extension, such as {@code v02_reference_32x20}.
     */
    static Path stream(String name, Path scratch) throws IOException {
        if (name.equals(SYNTHETIC)) {
            Path out = scratch.resolve(SYNTHETIC + ".m3c");
            writeSynthetic(out);
            return out;
        }
        Path p = streamsDir().resolve("valid").resolve(name + ".m3c");
        if (!Files.isRegularFile(p)) throw new IllegalArgumentException("no conformance stream " + p);
        return p;
    }

    /**
     * 2000 clip groups of 8 frames at the reference layout (512x320, 32x20 plane, 256 vectors, context_range), each
     * with an LZW clip description, a trailing keyframe and a seek index: 16,000 frames, a 33-minute film at 8 fps.
     * Planes are the synthetic "regions" stand-ins of {@link StandInPlanes}.
     */
    static void writeSynthetic(Path out) throws IOException {
        StreamHeader sh = StreamHeader.builder()
                .frames(SYNTHETIC_CLIPS * SYNTHETIC_CLIP_FRAMES, SYNTHETIC_CLIPS, SYNTHETIC_CLIPS + 1)
                .pack("m3cvc-bench", sha256("m3cvc-bench"))
                .build();
        List<IndexPlane> planes = StandInPlanes.regions(sh.planeWidth(), sh.planeHeight(), sh.codebookSize(), 64, 7);
        try (M3cWriter w = M3cWriter.create(out, sh, true)) {
            for (int i = 0; i < SYNTHETIC_CLIPS; i++) {
                int first = i * SYNTHETIC_CLIP_FRAMES;
                TextChunk description = TextChunk.of(TextRole.CLIP_DESCRIPTION, i, TextCoder.LZW, "en",
                        "Clip " + i + ": a grey heron wades through shallow water, reeds behind it, the camera "
                                + "panning slowly to the right as the light fades.");
                w.writeClip(new ClipHeader(i, first, SYNTHETIC_CLIP_FRAMES, ClipMode.INTERPOLATION.code(), 1),
                        Keyframe.of(i, first, PlaneCoding.CONTEXT_RANGE, planes.get(i % planes.size()),
                                sh.codebookSize()),
                        List.of(description));
            }
            w.writeTrailingKeyframe(Keyframe.of(SYNTHETIC_CLIPS, sh.frameCount() - 1, PlaneCoding.CONTEXT_RANGE,
                    planes.get(0), sh.codebookSize()));
            w.finish();
        }
    }

    /**
     * At least {@code bytes} bytes of English prose: the Debian copyright files under /usr/share/doc, in name order,
     * repeated if short. Without them, a generated text (and the source says so).
     */
    static byte[] englishText(int bytes) {
        byte[] all = copyrightText();
        if (all.length == 0) all = generatedText(bytes);
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++) out[i] = all[i % all.length];
        return out;
    }

    /** Where {@link #englishText} comes from, for reports. */
    static String englishTextSource() {
        return copyrightText().length > 0 ? "/usr/share/doc/*/copyright (concatenated in name order)"
                : "generated pseudo-English (no /usr/share/doc/*/copyright found)";
    }

    private static byte[] cachedCopyright;

    private static synchronized byte[] copyrightText() {
        if (cachedCopyright != null) return cachedCopyright;
        List<Path> files = new ArrayList<>();
        Path doc = Path.of("/usr/share/doc");
        if (Files.isDirectory(doc)) {
            try (Stream<Path> s = Files.list(doc)) {
                s.sorted().map(d -> d.resolve("copyright")).filter(Files::isRegularFile).forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Path f : files) {
            if (out.size() >= 1 << 20) break;
            try {
                out.write(Files.readAllBytes(f));
            } catch (IOException e) {
                // An unreadable file is skipped: the text only needs to be English, not complete.
            }
        }
        cachedCopyright = out.toByteArray();
        return cachedCopyright;
    }

    private static byte[] generatedText(int bytes) {
        String[] words = ("the a heron stands in shallow water while reeds move behind it and light falls from the "
                + "left across the river where a boat drifts slowly under an old stone bridge").split(" ");
        java.util.Random rng = new java.util.Random(1);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < bytes) {
            sb.append(words[rng.nextInt(words.length)]).append(rng.nextInt(12) == 0 ? ". " : " ");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
