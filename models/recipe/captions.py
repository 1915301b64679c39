"""Training captions: a short English sentence of a picture's global look (light, colourfulness, contrast, texture,
main colours), measured from the pixels themselves.

No captioned images exist here and no captioning model can be downloaded, so the denoiser's text path learns from
these measured descriptions: they carry what a 256-vector index plane of 16- or 8-pixel cells loses (how busy the
texture is, exact tone and colour) in words that a VLM's description, or a user's edit, also uses ("a dark, muted
picture with smooth texture, mostly blue and grey"). The rule is m3cvc's `--describe attributes` (codec-java
AttributeDescriber); both follow models/README.md "Captions" and must stay in step.
"""
import numpy as np

# Hue bins in degrees, upper bounds exclusive; red wraps around.
HUES = [(15, "red"), (40, "orange"), (70, "yellow"), (165, "green"), (195, "teal"), (255, "blue"), (290, "purple"),
        (345, "pink"), (360, "red")]


def colour_names(rgb):
    """Per-pixel colour names of an [N,3] array in [0,1]."""
    mx, mn = rgb.max(1), rgb.min(1)
    sat = np.where(mx > 0, (mx - mn) / np.maximum(mx, 1e-6), 0.0)
    r, g, b = rgb[:, 0], rgb[:, 1], rgb[:, 2]
    d = np.maximum(mx - mn, 1e-6)
    hue = np.where(mx == r, ((g - b) / d) % 6, np.where(mx == g, (b - r) / d + 2, (r - g) / d + 4)) * 60.0
    v = mx
    grey = np.where(v < 0.2, "black", np.where(v < 0.45, "dark grey", np.where(v < 0.75, "grey", "white")))
    tops = np.array([t for t, _ in HUES])
    hued = np.array([n for _, n in HUES], dtype=object)[np.searchsorted(tops, hue, side="right").clip(0, len(HUES) - 1)]
    hued = np.where(np.isin(hued, ["orange", "red", "yellow"]) & (mx < 0.55), "brown", hued)
    return np.where((sat < 0.2) | (mx < 0.12), grey, hued).astype(str)


def describe(image):
    """image: uint8 or float array [H,W,3] in 0..255, or a torch tensor [3,H,W] in [-1,1]."""
    if hasattr(image, "permute"):
        a = (image.permute(1, 2, 0).numpy().astype(np.float64) + 1) / 2
    else:
        a = np.asarray(image, dtype=np.float64) / 255.0
    a = a.clip(0, 1)
    y = 0.299 * a[..., 0] + 0.587 * a[..., 1] + 0.114 * a[..., 2]
    light = y.mean()
    brightness = ("very dark" if light < 0.2 else "dark" if light < 0.35 else "bright" if light > 0.72
                  else "softly lit" if light < 0.5 else "well lit")
    chroma = (a.max(2) - a.min(2)).mean()
    colourful = ("black and white" if chroma < 0.04 else "muted" if chroma < 0.12 else "colourful" if chroma < 0.25
                 else "vivid")
    spread = y.std()
    contrast = "low contrast" if spread < 0.12 else "high contrast" if spread > 0.27 else "moderate contrast"
    grad = (np.abs(np.diff(y, axis=0)).mean() + np.abs(np.diff(y, axis=1)).mean()) / 2
    texture = ("smooth" if grad < 0.015 else "soft" if grad < 0.03 else "detailed" if grad < 0.06
               else "highly detailed")
    step = max(1, min(a.shape[0], a.shape[1]) // 48)
    names = colour_names(a[::step, ::step].reshape(-1, 3))
    values, counts = np.unique(names, return_counts=True)
    order = sorted(zip(-counts, values))
    main = [v for c, v in order if -c >= 0.15 * len(names)][:2] or [order[0][1]]
    colours = " and ".join(main)
    return f"a {brightness}, {colourful} picture with {texture} texture and {contrast}, mostly {colours}."
