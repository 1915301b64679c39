"""Training material: real photographs from Debian packages and scikit-image, listed with hashes in models/DATA.md.

Every source file is fetched with `apt-get download` (or comes from the pinned scikit-image wheel), its SHA-256 is
recorded, and it is decoded, converted to RGB and scaled so its shorter side is 400 pixels; training crops come from
those arrays. No video is used for training: the evaluation clips (OpenCV's sample videos) stay unseen, which
`check_disjoint` verifies by hash.
"""
import glob
import hashlib
import os
import subprocess

import numpy as np
from PIL import Image

PACKAGES = {
    # package: (version, glob patterns inside the package, licence)
    "gnome-backgrounds": ("43.1-1", ["usr/share/backgrounds/gnome/*"], "CC-BY-SA-3.0 / see copyright"),
    "mate-backgrounds": ("1.26.0-1", ["usr/share/backgrounds/mate/nature/*", "usr/share/backgrounds/mate/desktop/*"],
                         "GPL-2+ / CC-BY-SA, see copyright"),
    "plasma-workspace-wallpapers": ("4:5.27.5-2", ["usr/share/wallpapers/*/contents/images/*"],
                                    "LGPL-3 / CC-BY-SA-4.0, see copyright"),
    "opencv-doc": ("4.6.0+dfsg-12", ["usr/share/doc/opencv-doc/examples/data/*.jpg",
                                     "usr/share/doc/opencv-doc/examples/data/*.png"], "BSD-3-Clause"),
}
SKIMAGE = ["astronaut.png", "brick.png", "camera.png", "chelsea.png", "clock_motion.png", "coffee.png", "color.png",
           "grass.png", "gravel.png", "hubble_deep_field.jpg", "ihc.png", "moon.png", "motorcycle_left.png",
           "motorcycle_right.png", "page.png", "retina.jpg", "rocket.jpg", "text.png"]
IMAGE_EXT = (".jpg", ".jpeg", ".png", ".webp")
VIDEO_EXT = (".avi", ".mp4", ".mkv", ".mov", ".webm", ".y4m")
SHORT_SIDE = 400
MIN_SIDE = 240


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fetch_packages(cache):
    """apt-get download each pinned package version into cache/debs and unpack it under cache/root."""
    debs = os.path.join(cache, "debs")
    root = os.path.join(cache, "root")
    os.makedirs(debs, exist_ok=True)
    for name, (version, _, _) in PACKAGES.items():
        if not glob.glob(os.path.join(debs, name + "_*.deb")):
            subprocess.run(["apt-get", "download", f"{name}={version}"], cwd=debs, check=True,
                           stdout=subprocess.DEVNULL)
    if not os.path.isdir(root):
        tmp = root + ".tmp"
        os.makedirs(tmp, exist_ok=True)
        for deb in sorted(glob.glob(os.path.join(debs, "*.deb"))):
            subprocess.run(["dpkg-deb", "-x", deb, tmp], check=True)
        os.rename(tmp, root)
    return root


def scaled(img):
    img = img.convert("RGB")
    w, h = img.size
    if min(w, h) < MIN_SIDE:
        return None
    s = SHORT_SIDE / min(w, h)
    return np.asarray(img.resize((max(1, round(w * s)), max(1, round(h * s))), Image.LANCZOS), dtype=np.uint8)


def load(cache):
    """Returns (list of HxWx3 uint8 arrays, list of manifest rows {source, path, sha256})."""
    root = fetch_packages(cache)
    images, rows = [], []
    for name, (version, patterns, licence) in PACKAGES.items():
        for pattern in patterns:
            paths = sorted(glob.glob(os.path.join(root, pattern)))
            if "wallpapers" in pattern:
                # Plasma ships each wallpaper at several resolutions: keep the largest file of each folder only.
                best = {}
                for p in paths:
                    d = os.path.dirname(p)
                    if p.lower().endswith(IMAGE_EXT) and (d not in best or os.path.getsize(p) > os.path.getsize(best[d])):
                        best[d] = p
                paths = sorted(best.values())
            for path in paths:
                if not path.lower().endswith(IMAGE_EXT) or os.path.getsize(path) < 20000:
                    continue
                with Image.open(path) as im:
                    arr = scaled(im)
                if arr is None:
                    continue
                images.append(arr)
                rows.append({"source": f"{name} {version}", "path": os.path.relpath(path, root),
                             "sha256": sha256(path), "licence": licence})
    import skimage
    data_dir = os.path.join(os.path.dirname(skimage.__file__), "data")
    for name in SKIMAGE:
        path = os.path.join(data_dir, name)
        with Image.open(path) as im:
            arr = scaled(im)
        if arr is None:
            continue
        images.append(arr)
        rows.append({"source": f"scikit-image {skimage.__version__} (wheel)", "path": f"skimage/data/{name}",
                     "sha256": sha256(path), "licence": "see skimage/data/README.txt"})
    return images, rows


def check_disjoint(rows, eval_clips):
    """No training file is an evaluation clip or any video at all; raises otherwise."""
    eval_hashes = {sha256(p): p for p in eval_clips}
    for r in rows:
        if r["path"].lower().endswith(VIDEO_EXT):
            raise SystemExit(f"training set contains a video: {r['path']}")
        if r["sha256"] in eval_hashes:
            raise SystemExit(f"training file {r['path']} is the evaluation clip {eval_hashes[r['sha256']]}")
