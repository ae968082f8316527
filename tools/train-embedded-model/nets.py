"""The three networks: a small CLIP-like text encoder, a convolutional autoencoder (exported as the
VAE) and a UNet with cross-attention. Blocks are kept cheap because training runs on 2 CPU cores."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

MAX_LENGTH = 77


class TextEncoder(nn.Module):
    """Token + position embeddings and a few pre-norm transformer layers with CLIP's causal mask, so
    a token's state never depends on the padding after it."""

    def __init__(self, vocab_size, dim=128, layers=2, heads=4):
        super().__init__()
        self.token = nn.Embedding(vocab_size, dim)
        self.position = nn.Parameter(torch.randn(MAX_LENGTH, dim) * 0.01)
        self.layers = nn.ModuleList([nn.TransformerEncoderLayer(dim, heads, dim * 4, dropout=0.0, activation="gelu",
                                                                batch_first=True, norm_first=True)
                                     for _ in range(layers)])
        self.norm = nn.LayerNorm(dim)
        self.register_buffer("mask", torch.triu(torch.full((MAX_LENGTH, MAX_LENGTH), float("-inf")), 1), persistent=False)

    def forward(self, input_ids):
        x = self.token(input_ids.long()) + self.position
        for layer in self.layers:
            x = layer(x, src_mask=self.mask)
        return self.norm(x)


def group_norm(channels):
    return nn.GroupNorm(8, channels)


class ResBlock(nn.Module):
    def __init__(self, cin, cout, temb=None):
        super().__init__()
        self.norm1, self.conv1 = group_norm(cin), nn.Conv2d(cin, cout, 3, padding=1)
        self.norm2, self.conv2 = group_norm(cout), nn.Conv2d(cout, cout, 3, padding=1)
        self.temb = nn.Linear(temb, cout) if temb else None
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x, t=None):
        h = self.conv1(F.silu(self.norm1(x)))
        if self.temb is not None:
            h = h + self.temb(t)[:, :, None, None]
        h = self.conv2(F.silu(self.norm2(h)))
        return self.skip(x) + h


class Encoder(nn.Module):
    """64x64x3 -> 8x8xC. Pixel-unshuffle first (space-to-depth, exact and free) so no convolution runs
    at full resolution: the 2 shared CPU cores cannot afford 64x64 feature maps."""

    def __init__(self, latent_channels=16, widths=(64, 96, 128)):
        super().__init__()
        a, b, c = widths
        self.net = nn.Sequential(
            nn.PixelUnshuffle(2), nn.Conv2d(12, a, 3, padding=1), ResBlock(a, a),
            nn.Conv2d(a, b, 3, stride=2, padding=1), ResBlock(b, b),
            nn.Conv2d(b, c, 3, stride=2, padding=1), ResBlock(c, c),
            group_norm(c), nn.SiLU(), nn.Conv2d(c, latent_channels, 3, padding=1))

    def forward(self, x):
        return self.net(x)


class Decoder(nn.Module):
    """8x8xC -> 64x64x3, mirroring the encoder; ends in pixel-shuffle (depth-to-space)."""

    def __init__(self, latent_channels=16, widths=(64, 96, 128)):
        super().__init__()
        a, b, c = widths
        self.net = nn.Sequential(
            nn.Conv2d(latent_channels, c, 3, padding=1), ResBlock(c, c),
            nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(c, b, 3, padding=1), ResBlock(b, b),
            nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(b, a, 3, padding=1), ResBlock(a, a),
            group_norm(a), nn.SiLU(), nn.Conv2d(a, 12, 3, padding=1), nn.PixelShuffle(2))

    def forward(self, z):
        return self.net(z)


class AttentionBlock(nn.Module):
    """Self-attention (optional: it costs (HW)^2) then cross-attention to the text, then a small MLP."""

    def __init__(self, channels, context_dim, self_attention, heads=4):
        super().__init__()
        self.norm = group_norm(channels)
        self.self_attn = nn.MultiheadAttention(channels, heads, batch_first=True) if self_attention else None
        self.n1, self.n2, self.n3 = nn.LayerNorm(channels), nn.LayerNorm(channels), nn.LayerNorm(channels)
        self.cross = nn.MultiheadAttention(channels, heads, kdim=context_dim, vdim=context_dim, batch_first=True)
        self.mlp = nn.Sequential(nn.Linear(channels, channels * 2), nn.GELU(), nn.Linear(channels * 2, channels))

    def forward(self, x, context):
        b, c, h, w = x.shape
        s = self.norm(x).flatten(2).transpose(1, 2)
        if self.self_attn is not None:
            n = self.n1(s)
            s = s + self.self_attn(n, n, n, need_weights=False)[0]
        s = s + self.cross(self.n2(s), context, context, need_weights=False)[0]
        s = s + self.mlp(self.n3(s))
        return x + s.transpose(1, 2).reshape(b, c, h, w)


def timestep_embedding(t, dim):
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32, device=t.device) / half)
    args = t.float()[:, None] * freqs[None]
    return torch.cat([torch.cos(args), torch.sin(args)], dim=1)


class UNet(nn.Module):
    """Two levels (8x8 and 4x4 for the 8x8 latent of a 64 px image), self- and cross-attention at
    both. The mean of the text states is also added to the time embedding: a global prompt signal
    that small UNets otherwise pick up slowly through attention alone."""

    def __init__(self, latent_channels=16, context_dim=128, widths=(96, 192), temb=256):
        super().__init__()
        a, b = widths
        self.widths = widths
        self.time = nn.Sequential(nn.Linear(a, temb), nn.SiLU(), nn.Linear(temb, temb))
        self.text_pool = nn.Linear(context_dim, temb)
        self.conv_in = nn.Conv2d(latent_channels, a, 3, padding=1)
        self.d0, self.a0 = ResBlock(a, a, temb), AttentionBlock(a, context_dim, True)
        self.down = nn.Conv2d(a, a, 3, stride=2, padding=1)
        self.d1, self.a1 = ResBlock(a, b, temb), AttentionBlock(b, context_dim, True)
        self.m1, self.ma, self.m2 = ResBlock(b, b, temb), AttentionBlock(b, context_dim, True), ResBlock(b, b, temb)
        self.u1, self.ua1 = ResBlock(b + b, b, temb), AttentionBlock(b, context_dim, True)
        self.up = nn.Sequential(nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(b, a, 3, padding=1))
        self.u0, self.ua0 = ResBlock(a + a, a, temb), AttentionBlock(a, context_dim, True)
        self.out = nn.Sequential(group_norm(a), nn.SiLU(), nn.Conv2d(a, latent_channels, 3, padding=1))

    def forward(self, sample, timestep, context):
        t = self.time(timestep_embedding(timestep, self.widths[0])) + self.text_pool(context.mean(dim=1))
        h0 = self.a0(self.d0(self.conv_in(sample), t), context)
        h1 = self.a1(self.d1(self.down(h0), t), context)
        m = self.m2(self.ma(self.m1(h1, t), context), t)
        u = self.ua1(self.u1(torch.cat([m, h1], 1), t), context)
        u = self.ua0(self.u0(torch.cat([self.up(u), h0], 1), t), context)
        return self.out(u)


def count(module):
    return sum(p.numel() for p in module.parameters())
