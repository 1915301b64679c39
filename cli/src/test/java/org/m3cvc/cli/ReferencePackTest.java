package org.m3cvc.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.codec.frame.FfmpegFrameSink;
import org.m3cvc.codec.frame.FfmpegFrameSource;
import org.m3cvc.codec.frame.Frame;
import org.m3cvc.codec.frame.VideoFormat;
import org.m3cvc.codec.pack.ModelPack;
import org.m3cvc.container.M3cReader;
import org.m3cvc.container.header.StreamHeader;

/**
 * The shipped reference pack (models/reference) on a real clip: the first 3 s of OpenCV's Megamind sample, which the
 * pack's recipe never trains on. Encode, verify, decode twice with 1 and 2 threads (bit-identical), and a quality
 * floor far below what the pack reaches, so a broken export or a pack/code mismatch fails here.
 *
 * <p>The clip comes from scripts/fetch-media (scripts/test runs it); outside CI a missing clip skips the test.
 */
class ReferencePackTest {
    @TempDir static Path dir;
    static Path pack;
    static Path clip;

    @BeforeAll
    static void setUp() throws IOException {
        pack = repoRoot().resolve("models/reference");
        clip = megamind3s(dir);
    }

    /**
     * The first 3 s of OpenCV's Megamind sample (scripts/fetch-media) as lossless FFV1 in {@code dir}; skips the test
     * outside CI when the clip is missing, fails in CI.
     */
    static Path megamind3s(Path dir) throws IOException {
        Path media = mediaDir().resolve("Megamind.avi");
        if (!Files.isRegularFile(media)) {
            assertNotEquals("true", System.getenv("CI"), media + " missing: scripts/fetch-media provides it");
            Assumptions.abort(media + " missing: run scripts/fetch-media");
        }
        Path clip = dir.resolve("megamind-3s.mkv");
        try (FfmpegFrameSource src = FfmpegFrameSource.open(media, null)) {
            VideoFormat in = src.format();
            long frames = Math.round(3 * in.frameRate());
            try (FfmpegFrameSink sink = new FfmpegFrameSink(clip, in, FfmpegFrameSink.Encoder.FFV1_LOSSLESS)) {
                Frame f;
                for (long i = 0; i < frames && (f = src.next()) != null; i++) sink.write(f);
                sink.finish();
            }
        }
        return clip;
    }

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("models/reference"))) p = p.getParent();
        assertNotNull(p, "models/reference above " + Path.of("").toAbsolutePath());
        return p;
    }

    static Path mediaDir() {
        String env = System.getenv("M3CVC_CACHE");
        Path cache = env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "m3cvc");
        return cache.resolve("media");
    }

    @Test
    void packOpensAndEveryFileMatchesItsHash() throws Exception {
        assertEquals("m3cvc-reference", ModelPack.open(pack).name());
    }

    @Test
    void realClipRoundTripIsBitExactAcrossRunsAndThreads() throws Exception {
        Path m3c = dir.resolve("m.m3c");
        Cli enc = Cli.run("encode", clip.toString(), "-o", m3c.toString(), "--pack", pack.toString(), "-q");
        assertEquals(0, enc.exit(), enc.toString());
        assertEquals(0, Cli.run("verify", m3c.toString()).exit());
        try (M3cReader r = M3cReader.open(Files.newInputStream(m3c), "m.m3c")) {
            StreamHeader sh = r.streamHeader();
            // 72 source frames at 24000/1001 fps last 3.003 s: frames at 0, 1/8, ... 3 s, that is 25.
            assertEquals(25, sh.frameCount(), "3.003 s at 8 fps");
            assertEquals(512, sh.codedWidth());
            assertEquals(320, sh.codedHeight());
        }
        Path one = dir.resolve("one.y4m"), two = dir.resolve("two.y4m"), again = dir.resolve("again.y4m");
        for (Object[] run : new Object[][] {{one, "1"}, {two, "2"}, {again, "2"}}) {
            Cli dec = Cli.run("decode", m3c.toString(), "-o", run[0].toString(), "--pack", pack.toString(),
                    "--threads", (String) run[1], "--device", "cpu", "-q");
            assertEquals(0, dec.exit(), dec.toString());
        }
        byte[] ref = Files.readAllBytes(one);
        assertArrayEquals(ref, Files.readAllBytes(two), "1 vs 2 threads");
        assertArrayEquals(ref, Files.readAllBytes(again), "two runs");
        Cli cmp = compare(one);
        assertTrue(cmp.out().contains("frames: 25"), cmp.out());
        double ms = msssim(cmp);
        assertTrue(ms > 0.6, "MS-SSIM " + ms + " on Megamind's first 3 s: the reference pack reaches about 0.8");
    }

    /** Encodes the clip with {@code options}, decodes it, and returns the decoded .y4m. */
    static Path roundTrip(String name, String... options) throws Exception {
        Path m3c = dir.resolve(name + ".m3c"), y4m = dir.resolve(name + ".y4m");
        java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of("encode", clip.toString(), "-o",
                m3c.toString(), "--pack", pack.toString(), "-q"));
        a.addAll(java.util.List.of(options));
        Cli enc = Cli.run(a.toArray(new String[0]));
        assertEquals(0, enc.exit(), enc.toString());
        return decode(m3c, y4m);
    }

    static Path decode(Path m3c, Path y4m) {
        Cli dec = Cli.run("decode", m3c.toString(), "-o", y4m.toString(), "--pack", pack.toString(), "-q");
        assertEquals(0, dec.exit(), dec.toString());
        return y4m;
    }

    /** `m3cvc compare` of the clip and a decode of it. */
    static Cli compare(Path y4m) {
        Cli cmp = Cli.run("compare", clip.toString(), y4m.toString());
        assertEquals(0, cmp.exit(), cmp.toString());
        return cmp;
    }

    static double msssim(Cli compare) {
        return Double.parseDouble(compare.out().replaceAll("(?s).*ms_ssim: ([0-9.]+).*", "$1"));
    }

    /** Mean of the luma planes of an 8-bit 4:2:0 .y4m as m3cvc decode writes it. */
    static double meanLuma(Path y4m) throws IOException {
        byte[] b = Files.readAllBytes(y4m);
        String header = new String(b, 0, 200, java.nio.charset.StandardCharsets.US_ASCII).split("\n")[0];
        int w = Integer.parseInt(header.replaceAll(".* W([0-9]+) .*", "$1"));
        int h = Integer.parseInt(header.replaceAll(".* H([0-9]+) .*", "$1"));
        int frame = w * h * 3 / 2 + "FRAME\n".length();
        long sum = 0, n = 0;
        for (int at = header.length() + 1; at + frame <= b.length; at += frame) {
            for (int i = at + 6; i < at + 6 + w * h; i++) sum += b[i] & 0xFF;
            n += (long) w * h;
        }
        assertTrue(n > 0, "frames in " + y4m);
        return (double) sum / n;
    }

    /** The second plane size (64x40, its own post-encoder and upsampler) decodes the same clip closer to the source. */
    @Test
    void finerPlaneDecodesCloser() throws Exception {
        ModelPack p = ModelPack.open(pack);
        assertEquals(java.util.List.of(new ModelPack.PlaneSize(32, 20), new ModelPack.PlaneSize(64, 40)), p.planes());
        double coarse = msssim(compare(roundTrip("p32", "--plane", "32x20")));
        double fine = msssim(compare(roundTrip("p64", "--plane", "64x40")));
        assertTrue(fine > coarse, "MS-SSIM 64x40 " + fine + " vs 32x20 " + coarse);
    }

    /**
     * The denoiser was trained on measured captions (--describe attributes) with conditions of pictures whose look was
     * changed, so a caption says the true look: editing the light word of every keyframe description from "very
     * dark" to "bright" must brighten the decoded clip. The stream is the same but for its texts.
     */
    @Test
    void editedCaptionsSteerTheDecodedLight() throws Exception {
        Path m3c = dir.resolve("captions.m3c");
        Cli enc = Cli.run("encode", clip.toString(), "-o", m3c.toString(), "--pack", pack.toString(), "--describe",
                "attributes", "-q");
        assertEquals(0, enc.exit(), enc.toString());
        Cli ex = Cli.run("text", "export", m3c.toString());
        assertEquals(0, ex.exit(), ex.toString());
        double[] luma = new double[2];
        String[] light = {"very dark", "bright"};
        for (int k = 0; k < 2; k++) {
            com.fasterxml.jackson.databind.node.ObjectNode texts = (com.fasterxml.jackson.databind.node.ObjectNode)
                    ex.json().deepCopy();
            int edited = 0;
            for (var t : texts.get("texts")) {
                String s = t.get("text").textValue();
                assertTrue(s.matches("a (very dark|dark|softly lit|well lit|bright), .*"), s);
                ((com.fasterxml.jackson.databind.node.ObjectNode) t).put("text",
                        s.replaceFirst("^a (very dark|dark|softly lit|well lit|bright),", "a " + light[k] + ","));
                edited++;
            }
            assertTrue(edited > 0, "keyframe descriptions: " + texts);
            Path json = dir.resolve("light" + k + ".json"), out = dir.resolve("light" + k + ".m3c");
            Files.writeString(json, texts.toPrettyString());
            Cli im = Cli.run("text", "import", m3c.toString(), json.toString(), "-o", out.toString());
            assertEquals(0, im.exit(), im.toString());
            luma[k] = meanLuma(decode(out, dir.resolve("light" + k + ".y4m")));
        }
        assertTrue(luma[1] > luma[0] + 2, "mean luma with \"very dark\" " + luma[0] + ", with \"bright\" " + luma[1]);
    }

    /** The pack fixes the coded size (its latent shape is the stream's): another --size is a usage error naming it. */
    @Test
    void anotherSizeIsAUsageErrorNamingThePack() {
        Cli r = Cli.run("encode", clip.toString(), "-o", dir.resolve("s.m3c").toString(), "--pack", pack.toString(),
                "--size", "256x160");
        assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
        assertTrue(r.err().contains("m3cvc-reference") && r.err().contains("512x320"), r.err());
        assertFalse(Files.exists(dir.resolve("s.m3c")));
    }
}
