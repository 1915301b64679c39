package org.m3cvc.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.container.M3cReader;
import org.m3cvc.container.header.StreamHeader;

/**
 * encode and decode {@code --stats} / {@code --stats-json}: every stage the run goes through is counted as often as
 * the stream says it must run (so a stage left unwired or counted twice fails here), and no figures without the
 * options. Times are not checked: speed is measured by scripts/bench-codec, never by tests.
 */
class StatsOptionTest {
    @TempDir static Path dir;
    static Path pack;
    static Path clip;

    @BeforeAll
    static void setUp() throws Exception {
        pack = SyntheticClip.testPack(dir);
        clip = SyntheticClip.sceneCut(dir.resolve("clip.mkv"));
    }

    @Test
    void stageCallsMatchTheStream() throws Exception {
        Path m3c = dir.resolve("s.m3c");
        Path encJson = dir.resolve("enc.json");
        Cli enc = Cli.run("encode", clip.toString(), "-o", m3c.toString(), "--pack", pack.toString(), "--fps", "8",
                "-q", "--stats", "--stats-json", encJson.toString());
        assertEquals(0, enc.exit(), enc.toString());
        int frames, keyframes;
        try (M3cReader r = M3cReader.open(Files.newInputStream(m3c), "s.m3c")) {
            StreamHeader sh = r.streamHeader();
            frames = sh.frameCount();
            keyframes = sh.keyframeCount();
        }
        assertEquals(16, frames);
        JsonNode e = new ObjectMapper().readTree(encJson.toFile());
        assertEquals("encode", e.get("command").asText());
        assertEquals(frames, e.get("frames").asInt());
        Map<String, Long> c = calls(e);
        assertEquals(frames, c.get("frame_read"), "one read per frame, the end not counted");
        assertEquals(frames, c.get("select_semantic"), "every frame is embedded");
        assertEquals(frames - 1, c.get("select_motion"), "every frame after the first against the last keyframe");
        for (String s : new String[] {"image_encoder", "post_encoder", "vq_search", "entropy_encode"}) {
            assertEquals(keyframes, c.get(s), s + " once per keyframe");
        }
        assertEquals(2, c.get("pack_open"), "manifest, then sessions");
        assertEquals(1, c.get("stream_write"));
        assertFalse(c.containsKey("denoiser"), "no decoder stage in an encode");
        assertTrue(e.get("heap").get("peak_bytes").asLong() > 0);
        assertTrue(e.get("heap").get("max_bytes").asLong() >= e.get("heap").get("peak_bytes").asLong());
        assertTrue(enc.err().contains("vq_search"), enc.err());
        assertTrue(enc.err().contains("heap: peak"), enc.err());

        Path decJson = dir.resolve("dec.json");
        Cli dec = Cli.run("decode", m3c.toString(), "-o", dir.resolve("s.y4m").toString(), "--pack", pack.toString(),
                "-q", "--stats-json", decJson.toString());
        assertEquals(0, dec.exit(), dec.toString());
        assertFalse(dec.err().contains("frames/s"), "--stats-json alone prints no table: " + dec.err());
        JsonNode d = new ObjectMapper().readTree(decJson.toFile());
        assertEquals("decode", d.get("command").asText());
        Map<String, Long> k = calls(d);
        assertEquals(frames, k.get("frame_write"), "one write per frame, finishing not counted");
        for (String s : new String[] {"upsampler", "sampler", "image_decoder"}) {
            assertEquals(keyframes, k.get(s), s + " once per keyframe");
        }
        assertEquals(8L * keyframes, k.get("denoiser"), "DDIM, 8 steps, guidance 1: one denoiser call per step");
        assertEquals(frames - keyframes, k.get("clip_generator"), "every frame that is not a keyframe");
        assertTrue(k.get("stream_read") >= 1);
        assertFalse(k.containsKey("text_encoder"), "the test pack has no text encoder");
    }

    @Test
    void noFiguresUnlessAsked() throws Exception {
        Path m3c = dir.resolve("n.m3c");
        Cli enc = Cli.run("encode", clip.toString(), "-o", m3c.toString(), "--pack", pack.toString());
        assertEquals(0, enc.exit(), enc.toString());
        assertFalse(enc.err().contains("ms/call"), enc.err());
        Cli bad = Cli.run("encode", clip.toString(), "-o", dir.resolve("b.m3c").toString(), "--pack", pack.toString(),
                "-q", "--stats-json", dir.resolve("missing/s.json").toString());
        assertEquals(ExitCodes.IO_ERROR, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("missing"), bad.err());
        assertFalse(Files.exists(dir.resolve("b.m3c")), "refused before encoding");
    }

    private static Map<String, Long> calls(JsonNode root) {
        Map<String, Long> m = new HashMap<>();
        for (JsonNode s : root.get("stages")) m.put(s.get("stage").asText(), s.get("calls").asLong());
        return m;
    }
}
