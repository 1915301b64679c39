"""The reference pack's networks, sized so that training fits 2 CPU cores and decoding runs in real time there.

Shapes follow spec/model-pack.md: frames [1,3,320,512] in [-1,1], latent [1,4,40,64] (1/8), index planes 32x20
(1/16) and 64x40 (1/8) of D-dimensional features quantised against one 256-vector codebook.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

LATENT = 4
FEATURE_DIM = 8
CODEBOOK = 256
TEXT_DIM = 384


class Res(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.a = nn.Conv2d(c, c, 3, padding=1)
        self.b = nn.Conv2d(c, c, 3, padding=1)

    def forward(self, x):
        return x + self.b(F.gelu(self.a(F.gelu(x))))


class Up(nn.Module):
    """Nearest x2 then a 3x3 convolution: no checkerboard, and ONNX Resize 'nearest' is exact on every runtime."""

    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)

    def forward(self, x):
        return self.conv(F.interpolate(x, scale_factor=2.0, mode="nearest"))


class ImageEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(3, 32, 4, 2, 1), nn.GELU(),
            nn.Conv2d(32, 64, 4, 2, 1), nn.GELU(),
            nn.Conv2d(64, 96, 4, 2, 1), Res(96), Res(96), nn.GELU(),
            nn.Conv2d(96, LATENT, 3, padding=1))

    def forward(self, image):
        return self.net(image)


class ImageDecoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(LATENT, 96, 3, padding=1), Res(96), Res(96), nn.GELU(),
            Up(96, 64), Res(64), nn.GELU(),
            Up(64, 48), nn.GELU(), nn.Conv2d(48, 48, 3, padding=1), nn.GELU(),
            Up(48, 32), nn.GELU(), nn.Conv2d(32, 3, 3, padding=1))

    def forward(self, latent):
        return self.net(latent)


class PostEncoder(nn.Module):
    """Latent (1/8) to the index plane's features (1/16): the vectors the codebook quantises."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(LATENT, 64, 3, padding=1), nn.GELU(),
            nn.Conv2d(64, 96, 4, 2, 1), Res(96), nn.GELU(),
            nn.Conv2d(96, FEATURE_DIM, 1))

    def forward(self, latent):
        return self.net(latent)


class Upsampler(nn.Module):
    """Codebook vectors in plane layout (1/16) to the latent condition (1/8)."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(FEATURE_DIM, 96, 3, padding=1), Res(96), Res(96), nn.GELU(),
            Up(96, 64), Res(64), nn.GELU(),
            nn.Conv2d(64, LATENT, 3, padding=1))

    def forward(self, features):
        return self.net(features)


class PostEncoderFine(nn.Module):
    """Latent (1/8) to the 64x40 plane's features (1/8): the finer plane, quantised against the same codebook."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(LATENT, 64, 3, padding=1), nn.GELU(),
            nn.Conv2d(64, 96, 3, padding=1), Res(96), nn.GELU(),
            nn.Conv2d(96, FEATURE_DIM, 1))

    def forward(self, latent):
        return self.net(latent)


class UpsamplerFine(nn.Module):
    """Codebook vectors of the 64x40 plane to the latent condition (both 1/8: no upsampling, only refinement)."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(FEATURE_DIM, 96, 3, padding=1), Res(96), Res(96), nn.GELU(),
            nn.Conv2d(96, 64, 3, padding=1), Res(64), nn.GELU(),
            nn.Conv2d(64, LATENT, 3, padding=1))

    def forward(self, features):
        return self.net(features)


class Quantiser(nn.Module):
    """The VQ codebook, learnt by exponential moving averages (VQ-VAE-2) with dead-vector restarts."""

    def __init__(self, decay=0.99):
        super().__init__()
        self.decay = decay
        self.register_buffer("vectors", torch.randn(CODEBOOK, FEATURE_DIM) * 0.5)
        self.register_buffer("count", torch.ones(CODEBOOK))
        self.register_buffer("total", self.vectors.clone())

    def nearest(self, flat):
        d = (flat * flat).sum(1, keepdim=True) - 2 * flat @ self.vectors.t() + (self.vectors ** 2).sum(1)[None]
        return d.argmin(1)

    def forward(self, h):
        b, c, hh, ww = h.shape
        flat = h.permute(0, 2, 3, 1).reshape(-1, c)
        idx = self.nearest(flat.detach())
        q = self.vectors[idx]
        if self.training:
            with torch.no_grad():
                onehot = F.one_hot(idx, CODEBOOK).float()
                self.count.mul_(self.decay).add_(onehot.sum(0), alpha=1 - self.decay)
                self.total.mul_(self.decay).add_(onehot.t() @ flat.detach(), alpha=1 - self.decay)
                n = self.count.sum()
                smoothed = (self.count + 1e-5) / (n + CODEBOOK * 1e-5) * n
                self.vectors.copy_(self.total / smoothed[:, None])
                dead = self.count < 0.03
                if dead.any():
                    pick = flat.detach()[torch.randint(0, flat.shape[0], (int(dead.sum()),))]
                    self.vectors[dead] = pick
                    self.total[dead] = pick
                    self.count[dead] = 1.0
        commit = F.mse_loss(flat, q.detach())
        q = flat + (q - flat).detach()
        return q.reshape(b, hh, ww, c).permute(0, 3, 1, 2), idx.reshape(b, hh, ww), commit


def timestep_features(t, dim=32):
    half = dim // 2
    freq = torch.exp(-math.log(1000.0) * torch.arange(half, dtype=torch.float32) / half)
    a = t.float()[:, None] * freq[None]
    return torch.cat([torch.sin(a), torch.cos(a)], 1)


class Denoiser(nn.Module):
    """Predicts the clean latent from (noisy latent, timestep, condition, text); the exported graph turns that into
    the noise estimate the sampler needs (x0-parameterisation is far easier to learn in a few CPU minutes, and the
    sampler's x0 = (x - sqrt(1-ab) eps) / sqrt(ab) gives the prediction back)."""

    def __init__(self, text_dim=TEXT_DIM, width=64):
        super().__init__()
        self.inp = nn.Conv2d(2 * LATENT, width, 3, padding=1)
        self.time = nn.Sequential(nn.Linear(32, width), nn.GELU(), nn.Linear(width, 2 * width))
        self.text = nn.Linear(text_dim, 2 * width)
        self.body = nn.Sequential(Res(width), Res(width), Res(width))
        self.out = nn.Conv2d(width, LATENT, 3, padding=1)

    def forward(self, sample, timestep, condition, text_embedding):
        h = self.inp(torch.cat([sample, condition], 1))
        film = self.time(timestep_features(timestep)) + self.text(text_embedding)
        scale, shift = film.chunk(2, 1)
        h = h * (1 + scale[:, :, None, None]) + shift[:, :, None, None]
        return condition + self.out(F.gelu(self.body(h)))


class EpsDenoiser(nn.Module):
    """The exported denoiser role: noise estimate from the x0 prediction, with the schedule's alpha-bar table."""

    def __init__(self, x0net, alpha_bar):
        super().__init__()
        self.x0net = x0net
        self.register_buffer("sab", torch.sqrt(alpha_bar).float())
        self.register_buffer("s1ab", torch.sqrt(1 - alpha_bar).float())

    def forward(self, sample, timestep, condition, text_embedding):
        x0 = self.x0net(sample, timestep, condition, text_embedding)
        sab = self.sab[timestep].reshape(-1, 1, 1, 1)
        s1ab = self.s1ab[timestep].reshape(-1, 1, 1, 1)
        return (sample - sab * x0) / s1ab


def warp(image, flow):
    """Backward warp: output(p) = image(p + flow(p)); flow in pixels, [B,2,H,W] (x, y)."""
    b, _, h, w = image.shape
    ys = torch.linspace(-1.0, 1.0, h).view(1, h, 1).expand(b, h, w)
    xs = torch.linspace(-1.0, 1.0, w).view(1, 1, w).expand(b, h, w)
    gx = xs + flow[:, 0] * (2.0 / (w - 1))
    gy = ys + flow[:, 1] * (2.0 / (h - 1))
    grid = torch.stack([gx, gy], 3).to(image.dtype)  # the legacy exporter would otherwise make the grid float64
    return F.grid_sample(image, grid, mode="bilinear", padding_mode="border", align_corners=True)


class ClipGenerator(nn.Module):
    """Interpolation between two keyframes at a position in [0,1] (prediction passes the same frame twice): a small
    coarse flow network at 1/4 resolution (two scales) estimates flows from the in-between frame to both keyframes
    and a blend mask; both keyframes are warped at full resolution and blended."""

    def __init__(self, width=64):
        super().__init__()
        self.coarse = nn.Sequential(
            nn.Conv2d(7, width, 3, 2, 1), nn.GELU(), nn.Conv2d(width, width, 3, 2, 1), nn.GELU(),
            Res(width), Res(width), nn.GELU(), nn.Conv2d(width, 5 * 16, 3, padding=1), nn.PixelShuffle(4))
        self.fine = nn.Sequential(
            nn.Conv2d(7 + 6 + 5, width, 3, padding=1), nn.GELU(), Res(width), nn.GELU(),
            nn.Conv2d(width, 5, 3, padding=1))

    def forward(self, first, last, position):
        b, _, h, w = first.shape
        t = position.reshape(-1, 1, 1, 1)
        f0 = F.avg_pool2d(first, 4)
        f1 = F.avg_pool2d(last, 4)
        tt = t.expand(b, 1, h // 4, w // 4)
        x = torch.cat([f0, f1, tt], 1)
        c = self.coarse(x)
        flow = c[:, :4] * 4.0
        w0 = warp(f0, flow[:, 0:2])
        w1 = warp(f1, flow[:, 2:4])
        d = self.fine(torch.cat([x, w0, w1, c], 1))
        flow = flow + d[:, :4]
        mask = torch.sigmoid(c[:, 4:5] + d[:, 4:5])
        full = F.interpolate(flow, scale_factor=4.0, mode="bilinear", align_corners=False) * 4.0
        mask = F.interpolate(mask, scale_factor=4.0, mode="bilinear", align_corners=False)
        out = mask * warp(first, full[:, 0:2]) + (1 - mask) * warp(last, full[:, 2:4])
        return out.clamp(-1, 1)
