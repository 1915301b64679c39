package org.m3cvc.codec.describe;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.m3cvc.codec.frame.Frame;

/**
 * The Java captions equal the recipe's (models/recipe/captions.py) on pictures that cover every word: captions.json
 * holds what captions.py wrote for each PNG beside it. The denoiser was trained on the Python rule's captions, so a
 * drift between the two would condition it on sentences it never saw.
 */
class AttributeDescriberTest {
    static final String DIR = "/org/m3cvc/codec/describe/captions/";

    static Frame load(String name) throws Exception {
        try (InputStream in = AttributeDescriberTest.class.getResourceAsStream(DIR + name + ".png")) {
            assertNotNull(in, name);
            BufferedImage img = ImageIO.read(in);
            int w = img.getWidth(), h = img.getHeight();
            byte[] rgb = new byte[w * h * 3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = img.getRGB(x, y), o = (y * w + x) * 3;
                    rgb[o] = (byte) (p >> 16);
                    rgb[o + 1] = (byte) (p >> 8);
                    rgb[o + 2] = (byte) p;
                }
            }
            return new Frame(w, h, 0, rgb);
        }
    }

    @Test
    void captionsEqualTheRecipes() throws Exception {
        JsonNode want;
        try (InputStream in = AttributeDescriberTest.class.getResourceAsStream(DIR + "captions.json")) {
            want = new ObjectMapper().readTree(in);
        }
        assertTrue(want.size() >= 7, want.toString());
        for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertEquals(e.getValue().asText(), AttributeDescriber.caption(load(e.getKey())), e.getKey());
        }
    }

    @Test
    void colourNamesFollowTheHueCircle() {
        assertEquals("red", AttributeDescriber.colourName(0.9, 0.1, 0.1));
        assertEquals("red", AttributeDescriber.colourName(0.9, 0.1, 0.3), "hue 346: wraps to red");
        assertEquals("orange", AttributeDescriber.colourName(0.9, 0.5, 0.1));
        assertEquals("brown", AttributeDescriber.colourName(0.5, 0.3, 0.1), "a dark orange");
        assertEquals("green", AttributeDescriber.colourName(0.1, 0.8, 0.2));
        assertEquals("teal", AttributeDescriber.colourName(0.1, 0.8, 0.8));
        assertEquals("blue", AttributeDescriber.colourName(0.1, 0.2, 0.9));
        assertEquals("purple", AttributeDescriber.colourName(0.6, 0.1, 0.9));
        assertEquals("pink", AttributeDescriber.colourName(0.9, 0.2, 0.6));
        assertEquals("white", AttributeDescriber.colourName(0.9, 0.88, 0.86));
        assertEquals("black", AttributeDescriber.colourName(0.1, 0.02, 0.02), "too dark for a hue");
    }

    @Test
    void keyframesAreDescribedClipsAreNot() throws Exception {
        AttributeDescriber d = new AttributeDescriber();
        assertEquals(AttributeDescriber.caption(load("sky-over-earth")),
                d.describeKeyframe(load("sky-over-earth"), null, 0));
        assertNull(d.describeClip("x", 0, 1));
        assertEquals("en", d.language());
    }
}
