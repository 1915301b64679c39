"""Exports the trained networks as the roles of spec/model-pack.md and writes the manifest."""
import hashlib
import json
import os
import shutil

import numpy as np
import torch
import torch.nn as nn

import nets

H, W = 320, 512
LH, LW = H // 8, W // 8
TEXT = 384
OPSET = 17


class Scaled(nn.Module):
    """Folds the latent scale into a network's input or output so the latent the sampler sees has unit spread."""

    def __init__(self, net, pre=1.0, post=1.0):
        super().__init__()
        self.net, self.pre, self.post = net, pre, post

    def forward(self, x):
        return self.net(x * self.pre) * self.post


def tensor(name, dtype, *shape):
    return {"name": name, "dtype": dtype, "shape": list(shape)}


NORMALISATION = {"layout": "NCHW", "channels": "RGB", "pixel_range": [0, 255], "tensor_range": [-1, 1]}


def onnx_export(module, args, path, inputs, outputs):
    torch.onnx.export(module, args, path, input_names=inputs, output_names=outputs, opset_version=OPSET,
                      do_constant_folding=True, dynamo=False)
    check(module, args, path, inputs)


def check(module, args, path, inputs):
    """ONNX Runtime must load the file and agree with torch: an export that ORT cannot run (a float64 grid, an
    operator version it lacks) fails here, not in a user's decoder."""
    import onnxruntime as ort
    rng = np.random.default_rng(1)
    probe = []
    for a in args:
        if a.dtype == torch.int64:
            probe.append(torch.tensor([500], dtype=torch.int64))
        elif a.shape == (1,):
            probe.append(torch.tensor([0.375]))
        else:
            probe.append(torch.from_numpy(rng.uniform(-1, 1, a.shape).astype(np.float32)))
    session = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    got = session.run(None, {n: p.numpy() for n, p in zip(inputs, probe)})[0]
    want = module(*probe).numpy()
    err = float(np.abs(got - want).max())
    if not err <= 1e-3 * max(1.0, float(np.abs(want).max())):
        raise SystemExit(f"{path}: ONNX Runtime differs from torch by {err}")
    print(f"exported {os.path.basename(path)}: ONNX Runtime agrees with torch (max |diff| {err:.2e})", flush=True)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def write_pack(out, enc, dec, planes, vq, x0net, gen, scale, alpha_bar, schedule, recipe, rows, text_encoder):
    """planes: {(width, height): (post_encoder, upsampler)}, the first the pack's default plane; its networks take
    the roles post_encoder and upsampler, the others post_encoder.WxH and upsampler.WxH (spec/model-pack.md 3.1).
    text_encoder: (onnx path, tokenizer.json path), copied into the pack unchanged."""
    tmp = out.rstrip("/") + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    img = torch.zeros(1, 3, H, W)
    lat = torch.zeros(1, nets.LATENT, LH, LW)
    roles = {}
    with torch.no_grad():
        onnx_export(Scaled(enc, post=1 / scale), (img,), os.path.join(tmp, "image_encoder.onnx"), ["image"], ["latent"])
        roles["image_encoder"] = {"file": "image_encoder.onnx", "inputs": [tensor("image", "float32", 1, 3, H, W)],
                                  "outputs": [tensor("latent", "float32", 1, nets.LATENT, LH, LW)],
                                  "normalisation": NORMALISATION}
        for i, ((pw, ph), (post, up)) in enumerate(planes.items()):
            suffix = "" if i == 0 else f".{pw}x{ph}"
            feat = torch.zeros(1, nets.FEATURE_DIM, ph, pw)
            name = f"post_encoder{suffix}"
            onnx_export(Scaled(post, pre=scale), (lat,), os.path.join(tmp, name + ".onnx"), ["latent"], ["features"])
            roles[name] = {"file": name + ".onnx", "inputs": [tensor("latent", "float32", 1, nets.LATENT, LH, LW)],
                           "outputs": [tensor("features", "float32", 1, nets.FEATURE_DIM, ph, pw)]}
            name = f"upsampler{suffix}"
            onnx_export(Scaled(up, post=1 / scale), (feat,), os.path.join(tmp, name + ".onnx"), ["features"],
                        ["condition"])
            roles[name] = {"file": name + ".onnx", "inputs": [tensor("features", "float32", 1, nets.FEATURE_DIM, ph, pw)],
                           "outputs": [tensor("condition", "float32", 1, nets.LATENT, LH, LW)]}
        eps = nets.EpsDenoiser(x0net, alpha_bar)
        onnx_export(eps, (lat, torch.zeros(1, dtype=torch.int64), lat, torch.zeros(1, TEXT)),
                    os.path.join(tmp, "denoiser.onnx"), ["sample", "timestep", "condition", "text_embedding"],
                    ["noise"])
        roles["denoiser"] = {"file": "denoiser.onnx",
                             "inputs": [tensor("sample", "float32", 1, nets.LATENT, LH, LW),
                                        tensor("timestep", "int64", 1),
                                        tensor("condition", "float32", 1, nets.LATENT, LH, LW),
                                        tensor("text_embedding", "float32", 1, TEXT)],
                             "outputs": [tensor("noise", "float32", 1, nets.LATENT, LH, LW)]}
        onnx_export(Scaled(dec, pre=scale), (lat,), os.path.join(tmp, "image_decoder.onnx"), ["latent"], ["image"])
        roles["image_decoder"] = {"file": "image_decoder.onnx",
                                  "inputs": [tensor("latent", "float32", 1, nets.LATENT, LH, LW)],
                                  "outputs": [tensor("image", "float32", 1, 3, H, W)], "normalisation": NORMALISATION}
        onnx_export(gen, (img, img, torch.full((1,), 0.5)), os.path.join(tmp, "clip_generator.onnx"),
                    ["first", "last", "position"], ["frame"])
        roles["clip_generator"] = {"file": "clip_generator.onnx",
                                   "inputs": [tensor("first", "float32", 1, 3, H, W),
                                              tensor("last", "float32", 1, 3, H, W),
                                              tensor("position", "float32", 1)],
                                   "outputs": [tensor("frame", "float32", 1, 3, H, W)],
                                   "normalisation": NORMALISATION}
    shutil.copyfile(text_encoder[0], os.path.join(tmp, "text_encoder.onnx"))
    shutil.copyfile(text_encoder[1], os.path.join(tmp, "tokenizer.json"))
    roles["text_encoder"] = {"file": "text_encoder.onnx",
                             "inputs": [tensor("input_ids", "int64", 1, -1), tensor("attention_mask", "int64", 1, -1),
                                        tensor("token_type_ids", "int64", 1, -1)],
                             "outputs": [tensor("last_hidden_state", "float32", 1, -1, TEXT)]}
    vq.vectors.detach().numpy().astype("<f4").tofile(os.path.join(tmp, "codebook.f32"))
    with open(os.path.join(tmp, "DATA.json"), "w") as f:
        json.dump(rows, f, indent=1, sort_keys=True)
        f.write("\n")
    files = []
    for name in sorted(os.listdir(tmp)):
        p = os.path.join(tmp, name)
        files.append({"path": name, "sha256": sha256(p), "size_bytes": os.path.getsize(p)})
    kind, steps, b0, b1 = schedule
    manifest = {
        "format": "m3cvc-model-pack", "manifest_version": 1,
        "name": "m3cvc-reference", "version": "2",
        "files": files, "roles": roles,
        "codebook": {"file": "codebook.f32", "vectors": nets.CODEBOOK, "dimension": nets.FEATURE_DIM},
        "planes": [{"width": pw, "height": ph} for pw, ph in planes],
        "tokenizer": "tokenizer.json",
        "latent": {"channels": nets.LATENT, "height": LH, "width": LW},
        "noise_schedule": {"kind": kind, "timesteps": steps, "beta_start": b0, "beta_end": b1},
        "keyframe_selection": {"lambda1": "1.0", "lambda2": "0.02", "threshold": "0.25", "max_clip_frames": 8},
        # The denoiser predicts x0: one DDIM step is its estimate of the picture, and each further step moves away
        # from the source (docs/codec.md, "Sampler steps with pack v2").
        "sampling": {"steps": 1},
        "recipe": recipe,
    }
    with open(os.path.join(tmp, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2, sort_keys=True)
        f.write("\n")
    shutil.rmtree(out, ignore_errors=True)
    os.rename(tmp, out)
