package org.m3cvc.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.codec.testpack.TestPackBuilder;

/**
 * A pack with two plane sizes (spec/model-pack.md 3.1): the test pack plus its latent-resolution plane, whose own
 * post-encoder and upsampler pass the latent through. `--plane` picks either; without it `--bpp` lets rate control
 * choose: each plane that fits the budget is tried (coded and decoded) and the closer stream kept.
 */
class PlaneSizeTest {
    @TempDir static Path dir;
    static Path pack, clip;

    @BeforeAll
    static void make() throws Exception {
        pack = dir.resolve("pack");
        new TestPackBuilder(256, 160).withFinePlane().write(pack);
        clip = SyntheticClip.sceneCut(dir.resolve("clip.mkv"));
    }

    static Cli encode(String name, String... options) {
        String[] args = new String[6 + options.length];
        String[] base = {"encode", clip.toString(), "-o", dir.resolve(name).toString(), "--pack", pack.toString()};
        System.arraycopy(base, 0, args, 0, 6);
        System.arraycopy(options, 0, args, 6, options.length);
        return Cli.run(args);
    }

    static String plane(String name) {
        Cli p = Cli.run("probe", "--of=json", dir.resolve(name).toString());
        assertEquals(0, p.exit(), p.toString());
        return p.json().at("/stream_header/plane_width").asInt() + "x" + p.json().at("/stream_header/plane_height").asInt();
    }

    static byte[] decode(String name) throws Exception {
        Path y4m = dir.resolve(name + ".y4m");
        Cli d = Cli.run("decode", dir.resolve(name).toString(), "-o", y4m.toString(), "--pack", pack.toString(), "-q");
        assertEquals(0, d.exit(), d.toString());
        return Files.readAllBytes(y4m);
    }

    @Test
    void eachPlaneSizeEncodesAndDecodesWithItsOwnNetworks() throws Exception {
        Cli coarse = encode("coarse.m3c", "--fps", "8", "-q");
        assertEquals(0, coarse.exit(), coarse.toString());
        Cli fine = encode("fine.m3c", "--fps", "8", "--plane", "32x20", "-q");
        assertEquals(0, fine.exit(), fine.toString());
        assertEquals("16x10", plane("coarse.m3c"), "the pack's first plane by default");
        assertEquals("32x20", plane("fine.m3c"));
        // Four times the indices: a bigger stream, and other pictures (8-pixel cells instead of 16).
        assertTrue(Files.size(dir.resolve("fine.m3c")) > Files.size(dir.resolve("coarse.m3c")));
        assertFalse(java.util.Arrays.equals(decode("coarse.m3c"), decode("fine.m3c")));
        Cli verify = Cli.run("verify", dir.resolve("fine.m3c").toString());
        assertEquals(0, verify.exit(), verify.toString());
    }

    @Test
    void rateControlChoosesThePlaneUnlessTheUserDid() {
        // From tight to generous budgets the choice moves from the default plane to the finer one, once: first only
        // the default plane fits, then both do and the plane trial keeps the finer one, which passes the latent
        // through at four times the detail and so decodes closer.
        StringBuilder planes = new StringBuilder();
        for (String bpp : new String[] {"0.002", "0.005", "0.01", "0.02", "0.05", "2"}) {
            String name = "bpp" + bpp + ".m3c";
            Cli c = encode(name, "--fps", "8", "--bpp", bpp);
            assertEquals(0, c.exit(), c.toString());
            String p = plane(name);
            assertTrue(c.out().contains("plane " + p + ", 2 passes"), c.out());
            planes.append(p.equals("16x10") ? 'c' : 'f');
        }
        assertTrue(planes.toString().matches("c+f+"), planes.toString());

        Cli fixed = encode("fixed.m3c", "--fps", "8", "--bpp", "2", "--plane", "16x10");
        assertEquals(0, fixed.exit(), fixed.toString());
        assertTrue(fixed.out().contains("plane 16x10"), fixed.out());
        assertEquals("16x10", plane("fixed.m3c"));
    }

    static final Pattern TRIALS = Pattern.compile("threshold ([0-9.]+), max clip frames ([0-9]+), plane "
            + "([0-9]+x[0-9]+), 2 passes \\([^)]*\\); plane trials: 16x10 MS-SSIM ([0-9.]+), 32x20 MS-SSIM ([0-9.]+)");

    @Test
    void planeTrialKeepsTheCloserStreamAsTheEncodePassWouldWriteIt() throws Exception {
        Cli c = encode("trial.m3c", "--fps", "8", "--bpp", "2");
        assertEquals(0, c.exit(), c.toString());
        Matcher m = TRIALS.matcher(c.out());
        assertTrue(m.find(), c.out());
        double coarse = Double.parseDouble(m.group(4)), fine = Double.parseDouble(m.group(5));
        assertNotEquals(coarse, fine, c.out());
        String closer = fine > coarse ? "32x20" : "16x10";
        assertEquals(closer, m.group(3), c.out());
        assertEquals(closer, plane("trial.m3c"));
        // The prediction shown is that of the kept plane's setting: it matches the keyframes written.
        Matcher predicted = Pattern.compile("predicted ([0-9]+) keyframes").matcher(c.out());
        assertTrue(predicted.find(), c.out());
        Cli probe = Cli.run("probe", "--of=json", dir.resolve("trial.m3c").toString());
        assertEquals(probe.json().at("/stream_header/keyframe_count").asInt(), Integer.parseInt(predicted.group(1)),
                c.out());
        // The kept trial is byte for byte what one pass with the chosen setting writes.
        Cli direct = encode("direct.m3c", "--fps", "8", "--bpp", "2", "--plane", m.group(3), "--threshold", m.group(1),
                "--max-clip-frames", m.group(2), "-q");
        assertEquals(0, direct.exit(), direct.toString());
        assertArrayEquals(Files.readAllBytes(dir.resolve("direct.m3c")), Files.readAllBytes(dir.resolve("trial.m3c")));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".m3cvc-trial-")), "trials removed");
        }

        Cli guess = encode("guess.m3c", "--fps", "8", "--bpp", "2", "--no-plane-trial");
        assertEquals(0, guess.exit(), guess.toString());
        assertFalse(guess.out().contains("plane trials"), guess.out());
        assertTrue(guess.out().contains("plane " + plane("guess.m3c") + ", 2 passes"), guess.out());
    }

    @Test
    void aPlaneThePackLacksIsAUsageError() {
        Cli bad = encode("bad.m3c", "--plane", "64x40");
        assertEquals(ExitCodes.USAGE, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("[16x10, 32x20]"), bad.err());
        assertFalse(Files.exists(dir.resolve("bad.m3c")));
    }
}
