package org.m3cvc.codec.describe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.m3cvc.codec.frame.Frame;

/**
 * Keyframe descriptions measured from the pixels, with no model: one English sentence of the picture's light,
 * colourfulness, texture, contrast and main colours, e.g. "a dark, muted picture with smooth texture and low contrast,
 * mostly blue and grey." These are the captions the reference pack's denoiser was trained on (models/recipe/
 * captions.py, the same rule; models/README.md "Captions"), so with that pack they tell the decoder what a 256-vector
 * index plane loses: how busy the texture is, the exact tone. They cost bytes (about 50 with LZW per keyframe) and
 * need no server; a user can edit them afterwards (`m3cvc text export/import`) to steer the decoded look.
 *
 * <p>Clips get no description: the reference pack's clip generator takes no text. Stateless and thread-safe.
 */
public final class AttributeDescriber implements Describer {
    /** Upper hue bounds in degrees (exclusive) and their names; red wraps around. */
    private static final double[] HUE_TOPS = {15, 40, 70, 165, 195, 255, 290, 345, 360};
    private static final String[] HUE_NAMES = {"red", "orange", "yellow", "green", "teal", "blue", "purple", "pink",
            "red"};

    @Override
    public String describeKeyframe(Frame keyframe, Frame previousKeyframe, double timeSeconds) {
        return caption(keyframe);
    }

    @Override
    public String describeClip(String keyframeDescription, double timeSeconds, double durationSeconds) { return null; }

    @Override
    public String language() { return "en"; }

    /** The caption of {@code f}. */
    public static String caption(Frame f) {
        int w = f.width(), h = f.height();
        double[] y = new double[w * h];
        double light = 0, chroma = 0;
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                double r = f.at(i, j, 0) / 255.0, g = f.at(i, j, 1) / 255.0, b = f.at(i, j, 2) / 255.0;
                double v = 0.299 * r + 0.587 * g + 0.114 * b;
                y[j * w + i] = v;
                light += v;
                chroma += Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b));
            }
        }
        light /= y.length;
        chroma /= y.length;
        double var = 0;
        for (double v : y) var += (v - light) * (v - light);
        double spread = Math.sqrt(var / y.length);
        double down = 0, across = 0;
        for (int j = 0; j + 1 < h; j++) for (int i = 0; i < w; i++) down += Math.abs(y[(j + 1) * w + i] - y[j * w + i]);
        for (int j = 0; j < h; j++) for (int i = 0; i + 1 < w; i++) across += Math.abs(y[j * w + i + 1] - y[j * w + i]);
        double grad = ((h > 1 ? down / ((h - 1.0) * w) : 0) + (w > 1 ? across / (h * (w - 1.0)) : 0)) / 2;

        String brightness = light < 0.2 ? "very dark" : light < 0.35 ? "dark" : light > 0.72 ? "bright"
                : light < 0.5 ? "softly lit" : "well lit";
        String colourful = chroma < 0.04 ? "black and white" : chroma < 0.12 ? "muted" : chroma < 0.25 ? "colourful"
                : "vivid";
        String texture = grad < 0.015 ? "smooth" : grad < 0.03 ? "soft" : grad < 0.06 ? "detailed" : "highly detailed";
        String contrast = spread < 0.12 ? "low contrast" : spread > 0.27 ? "high contrast" : "moderate contrast";
        return "a " + brightness + ", " + colourful + " picture with " + texture + " texture and " + contrast
                + ", mostly " + mainColours(f) + ".";
    }

    /** The one or two colour names covering at least 15 % of a subsampled grid (the most common when none does). */
    static String mainColours(Frame f) {
        int step = Math.max(1, Math.min(f.width(), f.height()) / 48);
        Map<String, Integer> counts = new TreeMap<>();
        int n = 0;
        for (int j = 0; j < f.height(); j += step) {
            for (int i = 0; i < f.width(); i += step) {
                counts.merge(colourName(f.at(i, j, 0) / 255.0, f.at(i, j, 1) / 255.0, f.at(i, j, 2) / 255.0), 1,
                        Integer::sum);
                n++;
            }
        }
        List<Map.Entry<String, Integer>> order = new ArrayList<>(counts.entrySet());
        // Most pixels first; equal counts by name, as the recipe's sort does.
        order.sort((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
                : Integer.compare(b.getValue(), a.getValue()));
        List<String> main = new ArrayList<>();
        for (Map.Entry<String, Integer> e : order) {
            if (main.size() < 2 && e.getValue() >= 0.15 * n) main.add(e.getKey());
        }
        if (main.isEmpty()) main.add(order.get(0).getKey());
        return String.join(" and ", main);
    }

    /** The name of one colour, components in [0, 1]. */
    static String colourName(double r, double g, double b) {
        double mx = Math.max(r, Math.max(g, b)), mn = Math.min(r, Math.min(g, b));
        double sat = mx > 0 ? (mx - mn) / Math.max(mx, 1e-6) : 0;
        if (sat < 0.2 || mx < 0.12) {
            return mx < 0.2 ? "black" : mx < 0.45 ? "dark grey" : mx < 0.75 ? "grey" : "white";
        }
        double d = Math.max(mx - mn, 1e-6), sector;
        if (mx == r) {
            double x = (g - b) / d;
            sector = x - 6 * Math.floor(x / 6);
        } else if (mx == g) {
            sector = (b - r) / d + 2;
        } else {
            sector = (r - g) / d + 4;
        }
        double hue = sector * 60;
        int k = 0;
        while (k < HUE_TOPS.length - 1 && hue >= HUE_TOPS[k]) k++;
        String name = HUE_NAMES[k];
        if (mx < 0.55 && (name.equals("orange") || name.equals("red") || name.equals("yellow"))) name = "brown";
        return name;
    }
}
