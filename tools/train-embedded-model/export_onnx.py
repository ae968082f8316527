"""Exports the trained networks to models/<name>/ in the Hugging Face diffusers ONNX layout, with the
exact I/O names and dtypes the engine reads (same as tools/make-test-fixtures):
  text_encoder/model.onnx  input_ids int32 [B,77] -> last_hidden_state [B,77,D], pooler_output [B,D]
  unet/model.onnx          sample [B,C,h,w], timestep float32 [B], encoder_hidden_states [B,S,D] -> out_sample
  vae_decoder/model.onnx   latent_sample [B,C,h,w] -> sample [B,3,8h,8w]  (unscaled latents, like SD's)
  vae_encoder/model.onnx   sample [B,3,H,W] in [-1,1] -> latent_sample [B,C,H/8,W/8]
plus model_index.json, scheduler/, tokenizer/, */config.json and latent_preview.json (least squares).
Usage: /usr/bin/python3 export_onnx.py [--name emoji-ldm] [--out ../../models]
"""
import cpu_env  # noqa: F401  (must precede torch)
import argparse
import json
import os
import shutil

import numpy as np
import onnx
import torch

import schedule
from prepare_data import DATA
from train import ARCH, RUN, build, load, load_images

HERE = os.path.dirname(os.path.abspath(__file__))
OPSET = 17
VAE_FACTOR = 8


def image_size():
    """The data's image side (64 for the CPU tier, 128 for the GPU tier)."""
    return json.load(open(os.path.join(DATA, "concepts.json"))).get("size", 64)


class TextEncoderOnnx(torch.nn.Module):
    def __init__(self, text):
        super().__init__()
        self.text = text

    def forward(self, input_ids):
        hidden = self.text(input_ids)
        # CLIP's pooled output: the state at the end-of-text token, which has the highest id in the vocabulary.
        eos = input_ids.float().argmax(dim=1)  # float: ArgMax over int64 is not in every ONNX Runtime build
        return hidden, hidden[torch.arange(hidden.shape[0]), eos]


def write_json(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=2)
        f.write("\n")


def export(module, args, path, inputs, outputs, axes):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    module.eval()
    # Deliberately not under no_grad: in eval mode without gradients nn.MultiheadAttention takes its fused
    # fast path (aten::_native_multi_head_attention), which has no ONNX export; with gradients enabled it
    # runs the plain ops, numerically the same.
    torch.onnx.export(module, args, path, input_names=inputs, output_names=outputs, dynamic_axes=axes,
                      opset_version=OPSET, do_constant_folding=True)
    onnx.checker.check_model(onnx.load(path))


def load_trained(vocab_size):
    """The autoencoder and the EMA text encoder + UNet (smoother than the last step's, better samples)."""
    enc, dec, text, unet = build(vocab_size)
    ae = load(os.path.join(RUN, "ae.pt"))
    enc.load_state_dict(ae["enc"]), dec.load_state_dict(ae["dec"])
    ck = load(os.path.join(RUN, "ema.pt"))
    text.load_state_dict(ck["text"]), unet.load_state_dict(ck["unet"])
    for m in (enc, dec, text, unet):
        m.eval()
    # Checkpoints from before v prediction existed hold no "prediction": they are epsilon models.
    return enc, dec, text, unet, ck["scaling_factor"], {"ae_step": ae["step"], "unet_step": ck["step"],
                                                        "prediction": ck.get("prediction", "epsilon")}


@torch.no_grad()
def preview_factors(enc, scaling):
    """rgb ≈ scaled_latent · F + b per latent cell, fitted by least squares on the training images
    averaged over each cell's 8x8 pixels (what the engine's cheap preview approximates)."""
    x = load_images()[0]
    z = torch.cat([enc(x[i:i + 64]) for i in range(0, len(x), 64)]) * scaling
    rgb = torch.nn.functional.avg_pool2d(x, VAE_FACTOR)
    a = z.permute(0, 2, 3, 1).reshape(-1, z.shape[1]).double().numpy()
    b = rgb.permute(0, 2, 3, 1).reshape(-1, 3).double().numpy()
    a1 = np.concatenate([a, np.ones((len(a), 1))], 1)
    sol, *_ = np.linalg.lstsq(a1, b, rcond=None)
    residual = float(np.sqrt(np.mean((a1 @ sol - b) ** 2)))
    return {"latent_rgb_factors": [[round(float(v), 6) for v in row] for row in sol[:-1]],
            "latent_rgb_bias": [round(float(v), 6) for v in sol[-1]],
            "scale_by_vae_scaling_factor": False}, residual


def data_notice(size):
    """model-files/DATA.md with this tier's image size and concept set filled in."""
    meta = json.load(open(os.path.join(DATA, "concepts.json")))
    n = len(meta["concepts"])
    concepts = (f"{n:,} emoji concepts (every Unicode emoji subgroup, each concept drawn in at least three of the styles)"
                if meta.get("everything") else
                f"{n} emoji concepts (faces, hearts, animals, plants, fruit and vegetables, weather, vehicles, shapes)")
    template = open(os.path.join(HERE, "model-files", "DATA.md"), encoding="utf-8").read()
    return template.replace("@SIZE@", str(size)).replace("@CONCEPTS@", concepts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", default="emoji-ldm")
    ap.add_argument("--out", default=os.path.join(HERE, "..", "..", "models"))
    args = ap.parse_args()
    folder = os.path.abspath(os.path.join(args.out, args.name))
    shutil.rmtree(folder, ignore_errors=True)
    tokenizer_dir = os.path.join(DATA, "tokenizer")
    vocab_size = len(json.load(open(os.path.join(tokenizer_dir, "vocab.json"))))
    enc, dec, text, unet, scaling, steps = load_trained(vocab_size)
    c, d = ARCH["latent_channels"], ARCH["text_dim"]
    size = image_size()
    latent_size = size // VAE_FACTOR

    write_json(os.path.join(folder, "model_index.json"), {
        "_class_name": "OnnxStableDiffusionPipeline", "_diffusers_version": "0.30.0",
        "scheduler": ["diffusers", schedule.SCHEDULER_CONFIG["_class_name"]],
        "text_encoder": ["diffusers", "OnnxRuntimeModel"], "tokenizer": ["transformers", "CLIPTokenizer"],
        "unet": ["diffusers", "OnnxRuntimeModel"], "vae_decoder": ["diffusers", "OnnxRuntimeModel"],
        "vae_encoder": ["diffusers", "OnnxRuntimeModel"], "safety_checker": [None, None],
        "feature_extractor": [None, None], "requires_safety_checker": False})
    write_json(os.path.join(folder, "scheduler", "scheduler_config.json"),
               {**schedule.scheduler_config(steps["prediction"]), "_diffusers_version": "0.30.0"})
    shutil.copytree(tokenizer_dir, os.path.join(folder, "tokenizer"))

    export(TextEncoderOnnx(text), (torch.zeros(1, 77, dtype=torch.int32),),
           os.path.join(folder, "text_encoder", "model.onnx"), ["input_ids"], ["last_hidden_state", "pooler_output"],
           {"input_ids": {0: "batch"}, "last_hidden_state": {0: "batch"}, "pooler_output": {0: "batch"}})
    write_json(os.path.join(folder, "text_encoder", "config.json"),
               {"hidden_size": d, "max_position_embeddings": 77, "vocab_size": vocab_size,
                "num_hidden_layers": ARCH["text_layers"]})

    write_json(os.path.join(folder, "unet", "config.json"),
               {"_class_name": "UNet2DConditionModel", "in_channels": c, "out_channels": c,
                "sample_size": latent_size, "cross_attention_dim": d, "block_out_channels": ARCH["unet_widths"]})
    export(unet, (torch.zeros(2, c, latent_size, latent_size), torch.full((2,), 10.0), torch.zeros(2, 77, d)),
           os.path.join(folder, "unet", "model.onnx"), ["sample", "timestep", "encoder_hidden_states"], ["out_sample"],
           {"sample": {0: "batch", 2: "height", 3: "width"}, "timestep": {0: "steps"},
            "encoder_hidden_states": {0: "batch", 1: "sequence"}, "out_sample": {0: "batch", 2: "height", 3: "width"}})

    # block_out_channels has one entry per halving (pixel-unshuffle counts as the first), so tools that
    # derive the factor as 2^(len-1) agree with vae_scale_factor.
    vae_config = {"_class_name": "AutoencoderKL", "in_channels": 3, "out_channels": 3, "latent_channels": c,
                  "block_out_channels": [12] + ARCH["ae_widths"], "vae_scale_factor": VAE_FACTOR,
                  "scaling_factor": scaling, "sample_size": latent_size * VAE_FACTOR}
    write_json(os.path.join(folder, "vae_decoder", "config.json"), vae_config)
    write_json(os.path.join(folder, "vae_encoder", "config.json"), vae_config)
    export(dec, (torch.zeros(1, c, latent_size, latent_size),), os.path.join(folder, "vae_decoder", "model.onnx"),
           ["latent_sample"], ["sample"],
           {"latent_sample": {0: "batch", 2: "height", 3: "width"}, "sample": {0: "batch", 2: "height", 3: "width"}})
    export(enc, (torch.zeros(1, 3, size, size),), os.path.join(folder, "vae_encoder", "model.onnx"),
           ["sample"], ["latent_sample"],
           {"sample": {0: "batch", 2: "height", 3: "width"}, "latent_sample": {0: "batch", 2: "height", 3: "width"}})

    factors, residual = preview_factors(enc, scaling)
    write_json(os.path.join(folder, "latent_preview.json"), factors)
    shutil.copy(os.path.join(HERE, "model-files", "LICENSE"), os.path.join(folder, "LICENSE"))
    with open(os.path.join(folder, "DATA.md"), "w", encoding="utf-8") as f:
        f.write(data_notice(size))
    write_json(os.path.join(folder, "training.json"), {**steps, "arch": ARCH, "preview_rms_error": residual,
                                                        "history": json.load(open(os.path.join(RUN, "history.json")))})
    total = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(folder) for f in fs)
    print(f"exported {folder}: {total / 1e6:.1f} MB, steps {steps}, preview rms {residual:.3f}")


if __name__ == "__main__":
    main()
