package org.m3cvc.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.codec.frame.FfmpegFrameSource;
import org.m3cvc.codec.frame.Frame;
import org.m3cvc.container.M3cReader;
import org.m3cvc.container.header.StreamHeader;

/**
 * encode, decode and testpack end to end through the command line: a synthetic clip with a scene cut, the hand-built
 * test pack, real ONNX Runtime sessions and FFmpeg I/O.
 */
class CodecCommandsTest {
    @TempDir static Path dir;
    static Path pack;
    static Path clip;

    /** 48 frames at 24 fps, 256x160: a moving gradient, then a cut to another scene at frame 24. */
    @BeforeAll
    static void setUp() throws Exception {
        pack = SyntheticClip.testPack(dir);
        clip = SyntheticClip.sceneCut(dir.resolve("clip.mkv"));
    }

    /** sampler_steps of a stream: --steps, else the pack's sampling.steps, else 8. */
    @Test
    void samplerStepsComeFromTheUserThenThePack() throws Exception {
        Path declaring = SyntheticClip.testPack(dir.resolve("steps"));
        Path manifest = declaring.resolve("manifest.json");
        com.fasterxml.jackson.databind.node.ObjectNode m = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest.toFile());
        m.putObject("sampling").put("steps", 3);
        Files.writeString(manifest, m.toPrettyString());
        int[] expected = {8, 3, 5};
        String[][] runs = {{"--pack", pack.toString()}, {"--pack", declaring.toString()},
                {"--pack", declaring.toString(), "--steps", "5"}};
        for (int i = 0; i < runs.length; i++) {
            Path m3c = dir.resolve("steps" + i + ".m3c");
            String[] args = {"encode", clip.toString(), "-o", m3c.toString(), "--fps", "8", "-q"};
            String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(runs[i]))
                    .toArray(String[]::new);
            Cli enc = Cli.run(all);
            assertEquals(0, enc.exit(), enc.toString());
            try (M3cReader r = M3cReader.open(Files.newInputStream(m3c), m3c.toString())) {
                assertEquals(expected[i], r.streamHeader().samplerSteps(), String.join(" ", runs[i]));
            }
        }
    }

    @Test
    void encodeVerifyDecodeRoundTrip() throws Exception {
        Path m3c = dir.resolve("clip.m3c");
        Cli enc = Cli.run("encode", clip.toString(), "-o", m3c.toString(), "--pack", pack.toString(), "--fps", "8",
                "--quiet");
        assertEquals(0, enc.exit(), enc.toString());
        Cli ver = Cli.run("verify", m3c.toString());
        assertEquals(0, ver.exit(), ver.toString());
        try (M3cReader r = M3cReader.open(Files.newInputStream(m3c), "clip.m3c")) {
            StreamHeader sh = r.streamHeader();
            assertEquals(16, sh.frameCount(), "2 s at 8 fps");
            assertEquals(256, sh.codedWidth());
            assertTrue(sh.clipCount() >= 2, "the scene cut starts a clip: " + sh.clipCount());
            assertEquals(16, sh.planeWidth(), "256 / 16");
            assertEquals(10, sh.planeHeight(), "160 / 16");
        }
        Path y4m = dir.resolve("out.y4m");
        Cli dec = Cli.run("decode", m3c.toString(), "-o", y4m.toString(), "--pack", pack.toString(), "--quiet");
        assertEquals(0, dec.exit(), dec.toString());
        try (FfmpegFrameSource src = FfmpegFrameSource.open(y4m, null)) {
            assertEquals(256, src.format().width());
            int n = 0;
            Frame f;
            Frame last = null;
            while ((f = src.next()) != null) {
                n++;
                last = f;
            }
            assertEquals(16, n);
            // The last frames show the second scene: blue rises left to right there.
            assertTrue(last.at(250, 80, 2) > last.at(5, 80, 2) + 40, "second scene in the last frame");
        }
        Cli cmp = Cli.run("compare", clip.toString(), y4m.toString());
        assertEquals(0, cmp.exit(), cmp.toString());
        assertTrue(cmp.out().contains("frames: 16"), cmp.out());
        double ms = Double.parseDouble(cmp.out().replaceAll("(?s).*ms_ssim: ([0-9.]+).*", "$1"));
        assertTrue(ms > 0.3 && ms < 1, "ms_ssim " + ms);
        Cli self = Cli.run("compare", y4m.toString(), y4m.toString());
        assertTrue(self.out().contains("ms_ssim: 1.000000"), self.out());
        // Same stream, same pack: bit-identical decodes.
        Path again = dir.resolve("again.y4m");
        assertEquals(0, Cli.run("decode", m3c.toString(), "-o", again.toString(), "--pack", pack.toString(), "-q").exit());
        assertArrayEquals(Files.readAllBytes(y4m), Files.readAllBytes(again));
    }

    @Test
    void malformedSizesAreUsageErrors() {
        assertEquals(ExitCodes.USAGE, Cli.run("testpack", dir.resolve("p2").toString(), "--size", "abc").exit());
        assertEquals(ExitCodes.USAGE, Cli.run("testpack", dir.resolve("p2").toString(), "--size", "100x100").exit());
        assertEquals(ExitCodes.USAGE, Cli.run("encode", clip.toString(), "-o", dir.resolve("x.m3c").toString(),
                "--pack", pack.toString(), "--size", "512x").exit());
        for (String[] bad : new String[][] {{"--steps", "0"}, {"--steps", "5000"}, {"--max-clip-frames", "0"},
                {"--threads", "0"}, {"--fps", "0"}, {"--bpp", "-1"}}) {
            Cli r = Cli.run("encode", clip.toString(), "-o", dir.resolve("x.m3c").toString(), "--pack", pack.toString(),
                    bad[0], bad[1]);
            assertEquals(ExitCodes.USAGE, r.exit(), String.join(" ", bad) + ": " + r);
        }
    }

    @Test
    void packAndInputErrorsAreCleanAndLeaveNoOutput() throws Exception {
        Path m3c = dir.resolve("e.m3c");
        Cli noPack = Cli.run("encode", clip.toString(), "-o", m3c.toString(), "--pack", dir.resolve("none").toString());
        assertEquals(ExitCodes.PACK, noPack.exit(), noPack.toString());
        assertTrue(noPack.err().contains("testpack"), noPack.err());
        Cli noInput = Cli.run("encode", dir.resolve("missing.mp4").toString(), "-o", m3c.toString(), "--pack",
                pack.toString(), "-q");
        assertEquals(ExitCodes.IO_ERROR, noInput.exit(), noInput.toString());
        assertTrue(noInput.err().contains("missing.mp4"), noInput.err());
        assertFalse(noInput.err().contains("\tat "), "no stack trace");
        assertFalse(Files.exists(m3c));

        // A stream encoded for another pack is refused unless forced.
        Path other = dir.resolve("other-pack");
        assertEquals(0, Cli.run("testpack", other.toString(), "--size", "256x160").exit());
        Files.writeString(other.resolve("manifest.json"),
                Files.readString(other.resolve("manifest.json")).replace("\"version\"", "\"comment\":\"x\",\"version\""));
        Path s = dir.resolve("s.m3c");
        assertEquals(0, Cli.run("encode", clip.toString(), "-o", s.toString(), "--pack", pack.toString(), "-q").exit());
        Path out = dir.resolve("o.y4m");
        Cli wrong = Cli.run("decode", s.toString(), "-o", out.toString(), "--pack", other.toString(), "-q");
        assertEquals(ExitCodes.PACK, wrong.exit(), wrong.toString());
        assertTrue(wrong.err().contains("--force-pack"), wrong.err());
        assertFalse(Files.exists(out));
        assertEquals(0, Cli.run("decode", s.toString(), "-o", out.toString(), "--pack", other.toString(),
                "--force-pack", "-q").exit());
    }
}
