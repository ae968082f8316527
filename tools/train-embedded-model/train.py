"""Trains the autoencoder, then the text encoder + UNet on the autoencoder's latents.

Checkpoints (models, optimiser, EMA, step, RNG states) go to .cache/run/ every few minutes and at
the end; rerunning resumes from them, and every invocation is appended to .cache/run/history.json
with what it resumed from. Beside them, ema.pt holds only what export and evaluation read (the EMA
text encoder and UNet, the latent scaling factor): small enough to carry back from a GPU machine.
Usage:
  /usr/bin/python3 train.py [--ae-steps N] [--unet-steps N] [--batch B] [--ae-batch B] [--minutes M] [--seed S]
                            [--device cpu|cuda] [--prediction epsilon|v_prediction]
"""
import cpu_env  # noqa: F401  (must precede torch)
import argparse
import datetime
import json
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

import schedule
from clip_bpe import Tokenizer
from nets import Decoder, Encoder, TextEncoder, UNet, count
from prepare_data import DATA, CACHE, style_suffix

# EMOJI_LDM_RUN lets a run on another machine (a GPU) keep its checkpoints elsewhere.
RUN = os.environ.get("EMOJI_LDM_RUN", os.path.join(CACHE, "run"))
DEVICE = torch.device("cpu")  # set by --device; data stays on the CPU, batches move
CAPTION_DROPOUT = 0.1   # empty prompt this often, so classifier-free guidance has an unconditional model
STYLE_PROBABILITY = 0.5  # half the captions name the style, so prompts may ask for one or leave it open
CHECKPOINT_SECONDS = 180

# The architecture chosen from bench_throughput.py (see README): shared by training and export.
ARCH = {"latent_channels": 16, "ae_widths": [48, 64, 96], "unet_widths": [64, 128], "text_dim": 128, "text_layers": 2}


def build(vocab_size, arch=ARCH):
    enc = Encoder(arch["latent_channels"], tuple(arch["ae_widths"]))
    dec = Decoder(arch["latent_channels"], tuple(arch["ae_widths"]))
    text = TextEncoder(vocab_size, arch["text_dim"], arch["text_layers"])
    unet = UNet(arch["latent_channels"], arch["text_dim"], tuple(arch["unet_widths"]))
    return enc, dec, text, unet


def load_images():
    """All training images as float [-1, 1] NCHW, their concept and style ids (CPU tensors)."""
    data = np.load(os.path.join(DATA, "images.npz"))
    x = torch.from_numpy(data["images"]).permute(0, 3, 1, 2).float() / 127.5 - 1
    return x, torch.from_numpy(data["concept"]).long(), torch.from_numpy(data["style"]).long()


def rng_state():
    return {"torch": torch.get_rng_state(), "numpy": np.random.get_state(), "python": random.getstate()}


def set_rng_state(state):
    torch.set_rng_state(state["torch"].cpu())
    np.random.set_state(state["numpy"])
    random.setstate(state["python"])


def save(path, **state):
    torch.save(state, path + ".tmp")
    os.replace(path + ".tmp", path)  # never leave a half-written checkpoint behind


def log(entry):
    with open(os.path.join(RUN, "log.jsonl"), "a") as f:
        f.write(json.dumps(entry) + "\n")
    print(json.dumps(entry), flush=True)


def load(path):
    # weights_only=False: checkpoints hold numpy/python RNG states (trusted files we wrote ourselves).
    # A checkpoint written on the GPU machine pickles those states with numpy 2 ("numpy._core");
    # Debian's numpy 1 calls the same module "numpy.core".
    if not hasattr(np, "_core"):
        sys.modules.setdefault("numpy._core", np.core)
        sys.modules.setdefault("numpy._core.multiarray", np.core.multiarray)
    return torch.load(path, map_location="cpu", weights_only=False)


def train_autoencoder(x, enc, dec, steps, deadline, batch=16):
    path = os.path.join(RUN, "ae.pt")
    opt = torch.optim.AdamW(list(enc.parameters()) + list(dec.parameters()), 2e-3, weight_decay=0.0)
    step = 0
    if os.path.exists(path):
        ck = load(path)
        enc.load_state_dict(ck["enc"]), dec.load_state_dict(ck["dec"]), opt.load_state_dict(ck["opt"])
        step = ck["step"]
        set_rng_state(ck["rng"])
    last_save, losses = time.time(), []
    while step < steps and time.time() < deadline:
        for g in opt.param_groups:  # cosine decay to 10%: the last steps polish detail
            g["lr"] = 2e-3 * (0.1 + 0.9 * 0.5 * (1 + np.cos(np.pi * step / steps)))
        xb = x[torch.randint(0, len(x), (batch,)).to(x.device)]
        z = enc(xb)
        # L1 keeps edges sharper than L2; the small latent penalty keeps latents near unit scale
        # so the diffusion model sees a well-conditioned space.
        loss = (dec(z) - xb).abs().mean() + 1e-4 * z.pow(2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        losses.append(loss.detach())
        if step % 25 == 0:  # one device sync per 25 steps, not per step
            log({"phase": "ae", "step": step, "loss": torch.stack(losses).mean().item(), "time": time.time()})
            losses = []
        if time.time() - last_save > CHECKPOINT_SECONDS or step == steps:
            save(path, enc=enc.state_dict(), dec=dec.state_dict(), opt=opt.state_dict(), step=step, rng=rng_state())
            last_save = time.time()
    save(path, enc=enc.state_dict(), dec=dec.state_dict(), opt=opt.state_dict(), step=step, rng=rng_state())
    return step


@torch.no_grad()
def encode_all(x, enc):
    enc.eval()
    z = torch.cat([enc(x[i:i + 256].to(DEVICE)).cpu() for i in range(0, len(x), 256)])
    enc.train()
    return z


def caption_tokens(catalog, styles, tokenizer):
    """Every training caption of every concept, with and without each style, tokenized once."""
    cache = {}
    def ids(text):
        if text not in cache:
            cache[text] = torch.tensor(tokenizer.encode(text))
        return cache[text]
    return ids


def save_ema(text, unet, ema, step, scaling_factor, prediction):
    """The EMA weights as plain state dicts: what export_onnx.py and evaluate.py load."""
    params = list(text.parameters()) + list(unet.parameters())
    live = [p.detach().clone() for p in params]
    with torch.no_grad():
        for p, e in zip(params, ema):
            p.copy_(e)
        state = {"text": {k: v.cpu() for k, v in text.state_dict().items()},
                 "unet": {k: v.cpu() for k, v in unet.state_dict().items()}}
        for p, v in zip(params, live):
            p.copy_(v)
    save(os.path.join(RUN, "ema.pt"), **state, step=step, scaling_factor=scaling_factor, prediction=prediction)


def train_unet(latents, concepts, styles_of, catalog, style_names, text, unet, steps, deadline, scaling_factor,
               batch=64, prediction="epsilon"):
    path = os.path.join(RUN, "unet.pt")
    params = list(text.parameters()) + list(unet.parameters())
    opt = torch.optim.AdamW(params, 1e-3, weight_decay=0.01, foreach=True)
    ema = [p.detach().clone() for p in params]
    tokenizer = Tokenizer.load(os.path.join(DATA, "tokenizer"))
    ids = caption_tokens(catalog, style_names, tokenizer)
    step = 0
    if os.path.exists(path):
        ck = load(path)
        text.load_state_dict(ck["text"]), unet.load_state_dict(ck["unet"]), opt.load_state_dict(ck["opt"])
        ema, step = [e.to(DEVICE) for e in ck["ema"]], ck["step"]
        set_rng_state(ck["rng"])
    last_save, losses = time.time(), []

    def checkpoint():
        save(path, text=text.state_dict(), unet=unet.state_dict(), opt=opt.state_dict(), ema=ema, step=step,
             rng=rng_state())
        save_ema(text, unet, ema, step, scaling_factor, prediction)

    while step < steps and time.time() < deadline:
        lr = 1e-3 * min(1.0, (step + 1) / 200) * (0.1 + 0.9 * 0.5 * (1 + np.cos(np.pi * step / steps)))
        for g in opt.param_groups:
            g["lr"] = lr
        idx = torch.randint(0, len(latents), (batch,))
        captions = []
        for i in idx.tolist():
            if random.random() < CAPTION_DROPOUT:
                captions.append("")
                continue
            cap = random.choice(catalog[concepts[i]]["train_captions"])
            if random.random() < STYLE_PROBABILITY:
                cap += style_suffix(style_names[styles_of[i]])
            captions.append(cap)
        tokens = torch.stack([ids(c) for c in captions]).to(DEVICE)
        x0 = latents[idx.to(latents.device)]
        noise = torch.randn_like(x0)
        t = torch.randint(0, schedule.TRAIN_STEPS, (batch,)).to(DEVICE)
        pred = unet(schedule.add_noise(x0, noise, t), t, text(tokens))
        loss = F.mse_loss(pred, schedule.target(x0, noise, t, prediction))
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        step += 1
        # EMA with warm-up (short runs cannot afford a 0.999 decay that remembers random weights)
        decay = min(0.995, (1 + step) / (10 + step))
        with torch.no_grad():
            torch._foreach_mul_(ema, decay)  # one fused update, not two kernels per tensor: GPU steps are launch-bound
            torch._foreach_add_(ema, [p.detach() for p in params], alpha=1 - decay)
        losses.append(loss.detach())
        if step % 25 == 0:
            log({"phase": "unet", "step": step, "loss": torch.stack(losses).mean().item(), "lr": lr,
                 "time": time.time()})
            losses = []
        if time.time() - last_save > CHECKPOINT_SECONDS:
            checkpoint()
            last_save = time.time()
    checkpoint()
    return step


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ae-steps", type=int, default=700)
    ap.add_argument("--unet-steps", type=int, default=2000)
    ap.add_argument("--batch", type=int, default=64, help="UNet batch")
    ap.add_argument("--ae-batch", type=int, default=16, help="autoencoder batch")
    ap.add_argument("--minutes", type=float, default=85, help="wall-clock budget of this invocation")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--device", default="cpu", help="cpu, or cuda on a machine with a GPU")
    ap.add_argument("--prediction", default="epsilon", choices=schedule.PREDICTIONS,
                    help="what the UNet predicts (v_prediction for the 128 px tier, see schedule.target)")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    global DEVICE
    DEVICE = torch.device(args.device)
    torch.manual_seed(args.seed), np.random.seed(args.seed), random.seed(args.seed)
    os.makedirs(RUN, exist_ok=True)
    deadline = time.time() + args.minutes * 60

    history_path = os.path.join(RUN, "history.json")
    history = json.load(open(history_path)) if os.path.exists(history_path) else []
    resumed = {name: load(os.path.join(RUN, name))["step"] for name in ("ae.pt", "unet.pt")
               if os.path.exists(os.path.join(RUN, name))}
    history.append({"started": datetime.datetime.utcnow().isoformat() + "Z", "args": vars(args),
                    "resumed_from": resumed or None, "arch": ARCH, "data": os.path.basename(DATA),
                    "torch": torch.__version__,
                    "gpu": torch.cuda.get_device_name() if DEVICE.type == "cuda" else None})
    json.dump(history, open(history_path, "w"), indent=1)

    meta = json.load(open(os.path.join(DATA, "concepts.json")))
    vocab_size = len(json.load(open(os.path.join(DATA, "tokenizer", "vocab.json"))))
    x, concepts, styles_of = load_images()
    if DEVICE.type == "cuda":
        x = x.to(DEVICE)  # the whole set fits in GPU memory: no per-step host-to-device copies
    enc, dec, text, unet = build(vocab_size)
    for module in (enc, dec, text, unet):
        module.to(DEVICE)
    print(f"AE {(count(enc) + count(dec)) / 1e6:.2f}M, text {count(text) / 1e6:.2f}M, UNet {count(unet) / 1e6:.2f}M params, "
          f"{len(x)} images", flush=True)

    ae_step = train_autoencoder(x, enc, dec, args.ae_steps, deadline, args.ae_batch)
    if ae_step < args.ae_steps:
        print("time budget spent in the autoencoder phase", flush=True)
        return
    latents_path = os.path.join(RUN, "latents.pt")
    # Encoded once per autoencoder: a resumed run that trained the autoencoder further re-encodes.
    if not os.path.exists(latents_path) or load(latents_path).get("ae_step") != ae_step:
        z = encode_all(x, enc)
        # SD convention: the UNet sees latents * scaling_factor, which brings them to unit variance.
        save(latents_path, latents=z, scaling_factor=float(1.0 / z.std()), ae_step=ae_step)
    lat = load(latents_path)
    latents = (lat["latents"] * lat["scaling_factor"]).to(DEVICE if DEVICE.type == "cuda" else "cpu")
    train_unet(latents, concepts.tolist(), styles_of.tolist(), meta["concepts"], meta["styles"], text, unet,
               args.unet_steps, deadline, lat["scaling_factor"], args.batch, args.prediction)


if __name__ == "__main__":
    main()
