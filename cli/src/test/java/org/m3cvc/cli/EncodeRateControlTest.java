package org.m3cvc.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.cli.codec.EncodeCommand;
import org.m3cvc.codec.frame.FfmpegFrameSource;
import org.m3cvc.container.M3cReader;

import picocli.CommandLine;

/**
 * {@code m3cvc encode --bpp} with two-pass rate control, on the reference pack and the first 3 s of OpenCV's
 * Megamind sample (scripts/fetch-media; outside CI a missing clip skips the test).
 */
class EncodeRateControlTest {
    @TempDir static Path dir;
    static Path pack;
    static Path clip;
    /** 3.003 s at 8 fps. */
    static final int FRAMES = 25;
    static final Pattern SETTING = Pattern.compile("rate control: threshold ([0-9.]+), max clip frames ([0-9]+), "
            + "plane ([0-9]+x[0-9]+), (1 pass|2 passes)");

    @BeforeAll
    static void setUp() throws IOException {
        pack = ReferencePackTest.repoRoot().resolve("models/reference");
        clip = ReferencePackTest.megamind3s(dir);
    }

    /** Encodes with {@code args} after IN -o OUT --pack; returns the summary line's rate control part. */
    static Matcher encode(Path out, String... args) {
        List<String> a = new ArrayList<>(List.of("encode", clip.toString(), "-o", out.toString(), "--pack",
                pack.toString()));
        a.addAll(List.of(args));
        Cli r = Cli.run(a.toArray(new String[0]));
        assertEquals(0, r.exit(), r.toString());
        Matcher m = SETTING.matcher(r.out());
        assertTrue(m.find(), r.out());
        return m;
    }

    static double bpp(Path m3c) throws IOException { return Files.size(m3c) * 8.0 / (512.0 * 320 * FRAMES); }

    static int keyframes(Path m3c) throws IOException {
        try (M3cReader r = M3cReader.open(Files.newInputStream(m3c), m3c.toString())) {
            assertEquals(FRAMES, r.streamHeader().frameCount());
            return r.streamHeader().keyframeCount();
        }
    }

    /**
     * On one plane size a larger target never gives fewer keyframes; a move to the finer plane may (it keeps the
     * pack's default density, spending the rest on detail).
     */
    @Test
    void streamNeverExceedsTheTargetAndALargerTargetNeverGivesFewerKeyframes() throws Exception {
        List<Integer> counts = new ArrayList<>();
        List<String> planes = new ArrayList<>();
        for (String target : List.of("0.003", "0.006", "0.012")) {
            Path out = dir.resolve("t" + target + ".m3c");
            Matcher m = encode(out, "--bpp", target);
            assertEquals("2 passes", m.group(4));
            assertTrue(bpp(out) <= Double.parseDouble(target), target + ": " + bpp(out));
            int k = keyframes(out);
            if (!counts.isEmpty() && planes.get(planes.size() - 1).equals(m.group(3))) {
                assertTrue(k >= counts.get(counts.size() - 1), target + ": " + k + " keyframes after " + counts);
            }
            counts.add(k);
            planes.add(m.group(3));
        }
        assertEquals("32x20", planes.get(0), "the lowest target keeps the default plane");
        assertTrue(counts.get(0) < counts.get(1) || !planes.get(1).equals(planes.get(0)),
                "the targets span keyframe counts: " + counts + " on " + planes);
    }

    /** The reported setting is the one used: given explicitly (one pass, no analysis), it writes the same bytes. */
    @Test
    void reportedSettingIsTheOneInEffect() throws Exception {
        Path two = dir.resolve("two.m3c"), one = dir.resolve("one.m3c");
        Matcher chosen = encode(two, "--bpp", "0.008");
        assertEquals("2 passes", chosen.group(4));
        Matcher again = encode(one, "--bpp", "0.008", "--threshold", chosen.group(1), "--max-clip-frames",
                chosen.group(2), "--plane", chosen.group(3));
        assertEquals("1 pass", again.group(4), "both fixed: nothing left to choose");
        assertEquals(chosen.group(1), again.group(1));
        assertArrayEquals(Files.readAllBytes(two), Files.readAllBytes(one));
    }

    /** --single-pass: the pack's selection, pruned to the target (the behaviour before two-pass rate control). */
    @Test
    void singlePassPrunesThePacksSelection() throws Exception {
        Path out = dir.resolve("single.m3c");
        Matcher m = encode(out, "--bpp", "0.004", "--single-pass");
        assertEquals("1 pass", m.group(4));
        assertEquals("0.25", m.group(1), "models/reference's threshold");
        assertEquals("8", m.group(2), "models/reference's max_clip_frames");
        assertTrue(bpp(out) <= 0.004, "bpp " + bpp(out));
    }

    /** A source that cannot be read twice is opened once; one that can, twice (analysis, then encode). */
    @Test
    void openerIsCalledOnceForASinglePassSource() throws Exception {
        for (boolean reopenable : new boolean[] {false, true}) {
            Path out = dir.resolve("opener-" + reopenable + ".m3c");
            EncodeCommand cmd = new EncodeCommand();
            new CommandLine(cmd).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(clip.toString(), "-o", out.toString(), "--pack", pack.toString(), "--bpp",
                    "0.004", "-q");
            int[] opened = {0};
            cmd.encode(fmt -> {
                opened[0]++;
                return FfmpegFrameSource.open(clip, fmt);
            }, reopenable);
            assertEquals(reopenable ? 2 : 1, opened[0], "reopenable " + reopenable);
            assertEquals(reopenable, cmd.rateSetting().analysis() != null);
            assertTrue(bpp(out) <= 0.004, "bpp " + bpp(out));
        }
    }
}
