"""Times training steps of candidate configurations on this machine, to choose the architecture
from measurements rather than guesses. Usage: /usr/bin/python3 bench_throughput.py [steps]"""
import cpu_env  # noqa: F401  (must precede torch)
import sys
import time

import torch

from nets import Decoder, Encoder, TextEncoder, UNet, count

torch.set_num_threads(2)
STEPS = int(sys.argv[1]) if len(sys.argv) > 1 else 6


def timed(name, params, step):
    step()  # warm-up: first calls allocate and pick oneDNN kernels
    start = time.perf_counter()
    for _ in range(STEPS):
        step()
    print(f"{name}: {params / 1e6:.2f} M params, {(time.perf_counter() - start) / STEPS:.3f} s/step", flush=True)


def ae_step(batch, widths):
    enc, dec = Encoder(widths=widths), Decoder(widths=widths)
    opt = torch.optim.AdamW(list(enc.parameters()) + list(dec.parameters()), 1e-3)
    x = torch.randn(batch, 3, 64, 64)

    def step():
        loss = (dec(enc(x)) - x).abs().mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    return count(enc) + count(dec), step


def unet_step(batch, widths, text_layers=2):
    text, unet = TextEncoder(1800, layers=text_layers), UNet(widths=widths)
    opt = torch.optim.AdamW(list(text.parameters()) + list(unet.parameters()), 1e-3)
    ids, z, t = torch.randint(0, 1800, (batch, 77)), torch.randn(batch, 16, 8, 8), torch.randint(0, 1000, (batch,))

    def step():
        loss = (unet(z, t, text(ids)) - z).pow(2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    return count(text) + count(unet), step


if __name__ == "__main__":
    timed("AE 48/64/96 (x8, 16 ch) batch 16", *ae_step(16, (48, 64, 96)))
    timed("UNet 64/128 at 8x8 + text 2x128 batch 64", *unet_step(64, (64, 128)))
    timed("UNet 96/192 at 8x8 + text 2x128 batch 64", *unet_step(64, (96, 192)))
