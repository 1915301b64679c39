"""Trains the reference pack's networks in four stages on 2 CPU cores. Deterministic for a given seed and thread
count: fixed step counts, not wall-clock budgets."""
import math
import time

import numpy as np
import torch
import torch.nn.functional as F

import captions
import nets


def ms_ssim(x, y, scales=3):
    """Multi-scale SSIM on [-1,1] images (Gaussian window 11, sigma 1.5), the training loss's structural term."""
    x = (x + 1) / 2
    y = (y + 1) / 2
    g = torch.exp(-((torch.arange(11) - 5.0) ** 2) / (2 * 1.5 ** 2))
    g = (g / g.sum()).float()
    k = (g[:, None] * g[None, :])[None, None].repeat(3, 1, 1, 1)
    c1, c2 = 0.01 ** 2, 0.03 ** 2
    weights = torch.tensor([0.0448, 0.2856, 0.3001, 0.2363, 0.1333][:scales])
    weights = weights / weights.sum()
    out = 1.0
    for s in range(scales):
        mx, my = F.conv2d(x, k, groups=3), F.conv2d(y, k, groups=3)
        sxx = F.conv2d(x * x, k, groups=3) - mx * mx
        syy = F.conv2d(y * y, k, groups=3) - my * my
        sxy = F.conv2d(x * y, k, groups=3) - mx * my
        cs = ((2 * sxy + c2) / (sxx + syy + c2)).mean((1, 2, 3))
        if s == scales - 1:
            l = ((2 * mx * my + c1) / (mx * mx + my * my + c1)).mean((1, 2, 3))
            out = out * (l * cs).clamp(min=1e-4) ** weights[s]
        else:
            out = out * cs.clamp(min=1e-4) ** weights[s]
            x, y = F.avg_pool2d(x, 2), F.avg_pool2d(y, 2)
    return out.mean()


def chroma(x):
    return x - x.mean(1, keepdim=True)


def image_loss(pred, target):
    """MS-SSIM for structure, L1 for level, and a mean-seeking colour term on 4x-pooled chroma: MS-SSIM hardly sees
    colour and L1's median of mostly grey chroma is grey, so without it the autoencoder settles on luminance only
    (the first reference pack did)."""
    pc = F.avg_pool2d(chroma(pred), 4)
    tc = F.avg_pool2d(chroma(target), 4)
    return 0.4 * (pred - target).abs().mean() + 0.6 * (1 - ms_ssim(pred, target)) + 3.0 * ((pc - tc) ** 2).mean()


class Crops:
    """Random crops of the photographs at a random scale, as [-1,1] tensors."""

    def __init__(self, images, rng):
        self.images = [torch.from_numpy(np.array(a)).permute(2, 0, 1).contiguous() for a in images]
        self.rng = rng

    def sample(self, n, h, w):
        out = []
        for _ in range(n):
            img = self.images[self.rng.integers(len(self.images))]
            s = self.rng.uniform(0.55, 1.0)
            ch, cw = min(img.shape[1], round(h / s)), min(img.shape[2], round(w / s))
            y, x = self.rng.integers(img.shape[1] - ch + 1), self.rng.integers(img.shape[2] - cw + 1)
            crop = img[:, y:y + ch, x:x + cw].float()[None] / 127.5 - 1
            crop = F.interpolate(crop, size=(h, w), mode="bilinear", antialias=True, align_corners=False)
            if self.rng.random() < 0.5:
                crop = crop.flip(3)
            out.append(crop)
        return torch.cat(out).clamp(-1, 1)


def log(stage, step, steps, start, **values):
    parts = " ".join(f"{k}={v:.4f}" for k, v in values.items())
    print(f"[{stage}] {step}/{steps} {time.time() - start:6.0f}s {parts}", flush=True)


def optimiser(params, steps):
    """AdamW with a one-cycle schedule to 1e-3: every stage trains with it, for a fixed number of steps."""
    opt = torch.optim.AdamW(params, lr=1e-3, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=1e-3, total_steps=steps, pct_start=max(0.05, 5 / steps))
    return opt, sched


def update(opt, sched, loss, clip=None):
    """One training step; clip: the parameters whose gradient norm is clipped to 1, or None."""
    opt.zero_grad()
    loss.backward()
    if clip is not None:
        torch.nn.utils.clip_grad_norm_(clip, 1.0)
    opt.step()
    sched.step()


def codes_used(vq, post, z):
    """How many codebook vectors the post-encoder's features of latents z pick."""
    with torch.no_grad():
        return float(len(torch.unique(vq.nearest(post(z).permute(0, 2, 3, 1).reshape(-1, nets.FEATURE_DIM)))))


def train_autoencoder(crops, steps, batch=12, size=(128, 128)):
    enc, dec, post, up, vq = nets.ImageEncoder(), nets.ImageDecoder(), nets.PostEncoder(), nets.Upsampler(), nets.Quantiser()
    params = [p for m in (enc, dec, post, up) for p in m.parameters()]
    opt, sched = optimiser(params, steps)
    start = time.time()
    for step in range(steps):
        x = crops.sample(batch, *size)
        z = enc(x)
        q, _, commit = vq(post(z))
        zc = up(q)
        loss = (0.5 * image_loss(dec(z), x) + image_loss(dec(zc), x) + 0.5 * F.mse_loss(zc, z.detach())
                + 0.25 * commit + 1e-2 * (z * z).mean())
        update(opt, sched, loss, params)
        if step % 100 == 0 or step == steps - 1:
            log("autoencoder", step, steps, start, loss=loss.item(), commit=commit.item(), zstd=z.std().item(),
                codes=codes_used(vq, post, z))
    return enc, dec, post, up, vq


def latent_scale(enc, crops, n=64):
    with torch.no_grad():
        return float(enc(crops.sample(n, 128, 128)).std())


def train_fine_plane(enc, dec, vq, crops, steps, batch=12, size=(128, 128)):
    """The 64x40 plane's post-encoder and upsampler on the frozen autoencoder and codebook of stage 1: one codebook
    serves both plane sizes (a stream has one codebook_size), and the image decoder stays the one the 32x20 plane was
    trained with, so only the two new networks learn."""
    post, up = nets.PostEncoderFine(), nets.UpsamplerFine()
    for m in (enc, dec, vq):
        m.eval()
        for p in m.parameters():
            p.requires_grad_(False)
    params = list(post.parameters()) + list(up.parameters())
    opt, sched = optimiser(params, steps)
    start = time.time()
    for step in range(steps):
        with torch.no_grad():
            x = crops.sample(batch, *size)
            z = enc(x)
        q, _, commit = vq(post(z))
        zc = up(q)
        loss = image_loss(dec(zc), x) + 0.5 * F.mse_loss(zc, z) + 0.25 * commit
        update(opt, sched, loss, params)
        if step % 100 == 0 or step == steps - 1:
            log("fine_plane", step, steps, start, loss=loss.item(), commit=commit.item(), codes=codes_used(vq, post, z))
    return post, up


TEXT_DROPOUT = 0.3
MISLEAD = 0.5


def mislead(x, gen):
    """The picture with its look changed the way a caption describes looks: light (gain and offset), colourfulness
    (blend towards grey or away from it) and texture (a blur). The denoiser gets the condition of the changed picture
    and the caption of the real one, so it learns that the caption, when there is one, says the true look: that is
    what makes a caption worth its bytes (an index plane of 256 vectors gets tone and texture only roughly right) and
    what lets an edited caption steer the decoded picture. Without text the condition is never changed."""
    b = x.shape[0]
    u = torch.rand(b, 5, generator=gen)
    gain = (0.6 + 0.8 * u[:, 0]).reshape(-1, 1, 1, 1)
    offset = (0.5 * u[:, 1] - 0.25).reshape(-1, 1, 1, 1)
    sat = (0.2 + 1.3 * u[:, 2]).reshape(-1, 1, 1, 1)
    grey = x.mean(1, keepdim=True)
    y = grey + sat * (x - grey)
    y = y * gain + offset
    blurred = F.interpolate(F.avg_pool2d(y, 4), scale_factor=4.0, mode="bilinear", align_corners=False)
    y = torch.where((u[:, 3] < 0.4).reshape(-1, 1, 1, 1), blurred, y)
    return y.clamp(-1, 1)


def train_denoiser(enc, planes, vq, scale, crops, alpha_bar, steps, text, batch=16, size=(128, 128)):
    """The denoiser on conditions from both planes (each sample from either, at random) and on the MiniLM embedding
    of each crop's measured caption (captions.py), dropped to the zero vector with probability TEXT_DROPOUT: the zero
    vector is what the decoder feeds without text and for guidance's unconditional half. When a caption is given, the
    condition comes, with probability MISLEAD, from a picture whose look was changed (mislead)."""
    x0net = nets.Denoiser()
    torch.nn.init.zeros_(x0net.text.weight)  # text starts by changing nothing and learns what captions add
    torch.nn.init.zeros_(x0net.text.bias)
    opt, sched = optimiser(x0net.parameters(), steps)
    gen = torch.Generator().manual_seed(7)
    start = time.time()
    for step in range(steps):
        with torch.no_grad():
            x = crops.sample(batch, *size)
            keep = torch.rand(batch, generator=gen) >= TEXT_DROPOUT
            changed = keep & (torch.rand(batch, generator=gen) < MISLEAD)
            seen = torch.where(changed.reshape(-1, 1, 1, 1), mislead(x, gen), x)
            z = enc(x) / scale
            latent = enc(seen)
            conds = [up(vq(post(latent))[0]) / scale for post, up in planes]
            pick = torch.randint(0, len(planes), (batch,), generator=gen)
            c = torch.stack([conds[int(pick[i])][i] for i in range(batch)])
            emb = torch.stack([torch.from_numpy(text.embed(captions.describe(x[i]))) if keep[i]
                               else torch.zeros(nets.TEXT_DIM) for i in range(batch)])
            t = torch.randint(0, len(alpha_bar), (batch,), generator=gen)
            ab = alpha_bar[t].reshape(-1, 1, 1, 1)
            noisy = ab.sqrt() * z + (1 - ab).sqrt() * torch.randn(z.shape, generator=gen)
        pred = x0net(noisy, t, c, emb)
        loss = F.mse_loss(pred, z)
        update(opt, sched, loss)
        if step % 100 == 0 or step == steps - 1:
            with torch.no_grad():
                blind = F.mse_loss(x0net(noisy, t, c, torch.zeros_like(emb)), z)
            log("denoiser", step, steps, start, loss=loss.item(), without_text=blind.item())
    return x0net


class Motion:
    """Synthetic clips from still photographs: a camera pans and zooms while a pasted object moves on its own path,
    so the clip generator learns to find and follow motion between two keyframes without seeing any video."""

    def __init__(self, images, rng):
        self.images = [torch.from_numpy(np.array(a)).permute(2, 0, 1).contiguous().float()[None] / 127.5 - 1 for a in images]
        self.rng = rng

    def view(self, img, cx, cy, zoom, h, w):
        _, _, ih, iw = img.shape
        theta = torch.tensor([[[zoom * w / iw, 0, 2 * cx / iw - 1], [0, zoom * h / ih, 2 * cy / ih - 1]]],
                             dtype=torch.float32)
        grid = F.affine_grid(theta, (1, 3, h, w), align_corners=False)
        return F.grid_sample(img, grid, mode="bilinear", padding_mode="reflection", align_corners=False)

    def sample(self, n, h, w):
        firsts, lasts, mids, ts = [], [], [], []
        for _ in range(n):
            img = self.images[self.rng.integers(len(self.images))]
            _, _, ih, iw = img.shape
            z0 = self.rng.uniform(0.6, 1.0)
            z1 = z0 * self.rng.uniform(0.88, 1.12)
            m = max(w * z0, h * z0) / 2 + 4
            cx0, cy0 = self.rng.uniform(m, iw - m), self.rng.uniform(h * z0 / 2, ih - h * z0 / 2)
            span = self.rng.choice([4.0, 16.0, 40.0])
            cx1 = float(np.clip(cx0 + self.rng.normal(0, span), m, iw - m))
            cy1 = float(np.clip(cy0 + self.rng.normal(0, span / 2), h * z0 / 2, ih - h * z0 / 2))
            obj = None
            if self.rng.random() < 0.6:
                other = self.images[self.rng.integers(len(self.images))]
                oh, ow = int(self.rng.integers(h // 5, h // 2)), int(self.rng.integers(w // 6, w // 2))
                oy, ox = int(self.rng.integers(other.shape[2] - oh)), int(self.rng.integers(other.shape[3] - ow))
                patch = other[:, :, oy:oy + oh, ox:ox + ow]
                p0 = np.array([self.rng.uniform(0, w - ow), self.rng.uniform(0, h - oh)])
                p1 = np.clip(p0 + self.rng.normal(0, span, 2), [0, 0], [w - ow, h - oh])
                obj = (patch, p0, p1)
            t = float(self.rng.integers(1, 8)) / 8.0
            still = self.rng.random() < 0.08

            def frame(s):
                if still:
                    s = 0.0
                f = self.view(img, cx0 + s * (cx1 - cx0), cy0 + s * (cy1 - cy0), z0 + s * (z1 - z0), h, w)
                if obj is not None:
                    patch, p0, p1 = obj
                    px, py = p0 + s * (p1 - p0)
                    # sub-pixel placement through a translation grid, so motion is continuous
                    pad = torch.zeros(1, 4, h, w)
                    pad[:, :3, :patch.shape[2], :patch.shape[3]] = patch
                    pad[:, 3:, :patch.shape[2], :patch.shape[3]] = 1
                    theta = torch.tensor([[[1, 0, -2 * px / w], [0, 1, -2 * py / h]]], dtype=torch.float32)
                    grid = F.affine_grid(theta, (1, 4, h, w), align_corners=False)
                    moved = F.grid_sample(pad, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
                    a = moved[:, 3:]
                    f = f * (1 - a) + moved[:, :3] * a
                return f

            f0, f1, ft = frame(0.0), frame(1.0), frame(t)
            if self.rng.random() < 0.5:
                f0, f1, ft, t = f0.flip(3), f1.flip(3), ft.flip(3), t
            firsts.append(f0)
            lasts.append(f1)
            mids.append(ft)
            ts.append(t)
        return torch.cat(firsts), torch.cat(lasts), torch.cat(mids), torch.tensor(ts)


def train_clip_generator(motion, steps, batch=8, size=(160, 256)):
    gen = nets.ClipGenerator()
    opt, sched = optimiser(gen.parameters(), steps)
    start = time.time()
    for step in range(steps):
        with torch.no_grad():
            f0, f1, ft, t = motion.sample(batch, *size)
        out = gen(f0, f1, t)
        loss = image_loss(out, ft)
        update(opt, sched, loss, gen.parameters())
        if step % 100 == 0 or step == steps - 1:
            with torch.no_grad():
                blend = image_loss(f0 + t.reshape(-1, 1, 1, 1) * (f1 - f0), ft)
            log("clip_generator", step, steps, start, loss=loss.item(), linear_blend=blend.item())
    return gen
