#!/usr/bin/python3
"""Builds the tiny Stable Diffusion ONNX fixtures the engine tests run against.

Each fixture is a folder in the Hugging Face diffusers ONNX layout with the real SD
input/output names, dtypes and ranks, but networks small enough to commit (a few KB each).
Two kinds:

* random networks (tiny-txt2img, tiny-lcm): they only prove that shapes, dtypes and the
  plumbing work, their images are noise;
* "oracle" networks: the UNet knows the target latent x0 and returns the exact noise
  eps = (x_t - sqrt(abar_t) * x0) / sqrt(1 - abar_t) for whatever x_t it is given, so any
  correct sampler must end on x0. The VAE is a fixed linear map, so the decoded target is
  known exactly and written to tests/fixtures/expected/ for the tests to compare with.

The oracle's x0 is `c * T`, where c = 1 when the prompt contains the word "target" and 0
otherwise (the text encoder puts that flag in feature 0). With classifier-free guidance g and
an empty negative prompt, a correct pipeline therefore converges to g * T: this checks CFG,
latent scaling, timestep handling and the VAE scale end to end.

Run with Debian's python (it has torch): /usr/bin/python3 tools/make-test-fixtures/make_fixtures.py
"""
import json
import math
import os
import shutil
import subprocess
import sys

REQUIRED_DEBIAN_PACKAGES = ["python3-torch", "python3-onnx", "libopenblas0-pthread"]


def ensure_packages():
    """Installs the Debian packages this script needs when they are missing."""
    try:
        import torch  # noqa: F401
        import onnx  # noqa: F401
    except ImportError:
        print("installing " + " ".join(REQUIRED_DEBIAN_PACKAGES))
        subprocess.check_call(["apt-get", "update"])
        subprocess.check_call(["apt-get", "install", "-y"] + REQUIRED_DEBIAN_PACKAGES)


ensure_packages()

import numpy as np  # noqa: E402
import torch  # noqa: E402
import onnx  # noqa: E402

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MODELS_DIR = os.path.join(REPO_ROOT, "tests", "fixtures", "models")
EXPECTED_DIR = os.path.join(REPO_ROOT, "tests", "fixtures", "expected")
OPSET = 14
SEQUENCE_LENGTH = 77

# The same "scaled_linear" betas as Stable Diffusion 1.x (diffusers' scheduler_config.json).
BETA_START, BETA_END, TRAIN_STEPS = 0.00085, 0.012, 1000

# A small vocabulary of our own: words the tests use, plus the 256 byte symbols so any text
# still tokenizes (into single characters).
WORDS = ["a", "an", "the", "of", "and", "in", "on", "with", "cat", "dog", "red", "blue",
         "green", "house", "tree", "sky", "photo", "painting", "target", "blurry", "ugly",
         "bad", "art", "city", "night", "sun", "moon", "sea", "mountain", "portrait"]


# ----------------------------------------------------------------------------- tokenizer

def bytes_to_unicode():
    """CLIP/GPT-2's reversible byte -> printable character table."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) \
        + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


def build_vocabulary():
    """Returns (vocab, merges) in CLIP's format: byte symbols, their `</w>` forms, merges, specials."""
    symbols = list(bytes_to_unicode().values())
    vocab_list = symbols + [s + "</w>" for s in symbols]
    merges = []
    for word in WORDS:
        # Merge left to right: "cat" -> (c a) -> (ca t</w>) so the whole word becomes one token.
        parts = list(word[:-1]) + [word[-1] + "</w>"]
        while len(parts) > 1:
            merge = (parts[0], parts[1])
            joined = parts[0] + parts[1]
            if merge not in merges:
                merges.append(merge)
            if joined not in vocab_list:
                vocab_list.append(joined)
            parts = [joined] + parts[2:]
    vocab_list += ["<|startoftext|>", "<|endoftext|>"]
    vocab = {token: index for index, token in enumerate(vocab_list)}
    return vocab, merges


def write_tokenizer(folder, vocab, merges):
    path = os.path.join(folder, "tokenizer")
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, "vocab.json"), "w", encoding="utf-8") as f:
        json.dump(vocab, f, ensure_ascii=False)
    with open(os.path.join(path, "merges.txt"), "w", encoding="utf-8") as f:
        f.write("#version: 0.2\n")
        for a, b in merges:
            f.write(f"{a} {b}\n")
    write_json(os.path.join(path, "tokenizer_config.json"), {
        "tokenizer_class": "CLIPTokenizer", "model_max_length": SEQUENCE_LENGTH,
        "do_lower_case": True, "bos_token": "<|startoftext|>", "eos_token": "<|endoftext|>",
        "unk_token": "<|endoftext|>", "pad_token": "<|endoftext|>"})
    write_json(os.path.join(path, "special_tokens_map.json"), {
        "bos_token": "<|startoftext|>", "eos_token": "<|endoftext|>",
        "unk_token": "<|endoftext|>", "pad_token": "<|endoftext|>"})


# ----------------------------------------------------------------------------- networks

class TextEncoder(torch.nn.Module):
    """input_ids int32 [B,77] -> last_hidden_state [B,77,D], pooler_output [B,D].

    Feature 0 of every token embedding is 1 for the word "target" and 0 otherwise, so the
    oracle UNet can tell a prompt that asks for the target from an empty one."""

    def __init__(self, vocab, width):
        super().__init__()
        table = torch.randn(len(vocab), width) * 0.5
        table[:, 0] = 0.0
        table[vocab["target</w>"], 0] = 1.0
        self.table = torch.nn.Parameter(table, requires_grad=False)

    def forward(self, input_ids):
        hidden = self.table[input_ids.long()]
        return hidden, hidden[:, -1, :]


class RandomUNet(torch.nn.Module):
    """A random but well-shaped UNet: conv of the sample + timestep and text terms."""

    def __init__(self, in_channels, out_channels, width, timestep_cond_width=0):
        super().__init__()
        self.conv = torch.nn.Conv2d(in_channels, out_channels, 3, padding=1)
        self.text = torch.nn.Linear(width, out_channels)
        self.cond = torch.nn.Linear(timestep_cond_width, out_channels) if timestep_cond_width else None

    def forward(self, sample, timestep, encoder_hidden_states, timestep_cond=None):
        t = timestep.to(torch.float32).reshape(-1, 1, 1, 1) / 1000.0
        text = self.text(encoder_hidden_states.mean(dim=1))[:, :, None, None]
        out = self.conv(sample) * 0.5 + torch.sin(t) + text * 0.1
        if self.cond is not None:
            out = out + self.cond(timestep_cond)[:, :, None, None] * 0.1
        return out


def sigma_table():
    """Euler's sigma for every training timestep: sqrt((1 - abar) / abar)."""
    betas = torch.linspace(BETA_START ** 0.5, BETA_END ** 0.5, TRAIN_STEPS, dtype=torch.float64) ** 2
    alphas_cumprod = torch.cumprod(1.0 - betas, dim=0)
    return ((1 - alphas_cumprod) / alphas_cumprod) ** 0.5


def lcm_guidance_embedding(guidance_scale, width):
    """diffusers' LatentConsistencyModelPipeline.get_guidance_scale_embedding for one scale."""
    w = torch.tensor([guidance_scale - 1.0]) * 1000.0
    half = width // 2
    freq = torch.exp(torch.arange(half, dtype=torch.float32) * -(math.log(10000.0) / (half - 1)))
    emb = w[:, None] * freq[None, :]
    return torch.cat([torch.sin(emb), torch.cos(emb)], dim=1)


class OracleUNet(torch.nn.Module):
    """Returns the exact noise (or v) that leads any correct sampler to x0 = c * T.

    The timestep may be fractional (Euler's interpolated timesteps): sigma is interpolated
    linearly in t exactly as diffusers' Euler does, so the answer stays exact."""

    def __init__(self, target, prediction_type, inpainting, lcm_expected_cond=None):
        super().__init__()
        self.register_buffer("target", target)
        self.register_buffer("sigmas", sigma_table().to(torch.float32))
        self.prediction_type = prediction_type
        self.inpainting = inpainting
        self.lcm_expected_cond = lcm_expected_cond

    def forward(self, sample, timestep, encoder_hidden_states, timestep_cond=None):
        t = timestep.to(torch.float32).reshape(-1).clamp(0, TRAIN_STEPS - 1)
        low = torch.floor(t)
        high = torch.clamp(low + 1, max=TRAIN_STEPS - 1)
        frac = t - low
        sigma = self.sigmas[low.long()] * (1 - frac) + self.sigmas[high.long()] * frac
        alpha = (1.0 / torch.sqrt(1.0 + sigma * sigma)).reshape(-1, 1, 1, 1)
        sigma_vp = (sigma.reshape(-1, 1, 1, 1) * alpha)

        wants_target = encoder_hidden_states[:, :, 0].max(dim=1).values.clamp(0, 1).reshape(-1, 1, 1, 1)
        if self.inpainting:
            latents, mask, masked_image = sample[:, :4], sample[:, 4:5], sample[:, 5:9]
            x0 = mask * wants_target * self.target + (1 - mask) * masked_image
        else:
            latents = sample
            x0 = wants_target * self.target
        if self.lcm_expected_cond is not None:
            # A wrong guidance embedding pushes the answer away from the target.
            error = ((timestep_cond - self.lcm_expected_cond) ** 2).mean(dim=1).reshape(-1, 1, 1, 1)
            x0 = x0 + error * 10.0
        eps = (latents - alpha * x0) / sigma_vp
        if self.prediction_type == "v_prediction":
            return alpha * eps - sigma_vp * x0
        return eps


class LinearVaeDecoder(torch.nn.Module):
    """latent -> image: nearest upsampling by the VAE factor, then the first 3 latent channels
    divided by the scale become R, G, B (latent channel 4 is ignored)."""

    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, latent_sample):
        up = torch.nn.functional.interpolate(latent_sample, scale_factor=self.factor, mode="nearest")
        return up[:, 0:3]


class LinearVaeEncoder(torch.nn.Module):
    """image -> latent: average pooling by the VAE factor, RGB into latent channels 0..2 and a
    zero fourth channel. Exactly inverts LinearVaeDecoder on images made of factor-sized blocks."""

    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, sample):
        pooled = torch.nn.functional.avg_pool2d(sample, self.factor)
        return torch.cat([pooled, torch.zeros_like(pooled[:, 0:1])], dim=1)


class RandomVaeDecoder(torch.nn.Module):
    def __init__(self, channels, factor):
        super().__init__()
        self.factor = factor
        self.conv = torch.nn.Conv2d(channels, 3, 1)

    def forward(self, latent_sample):
        return torch.tanh(self.conv(torch.nn.functional.interpolate(
            latent_sample, scale_factor=self.factor, mode="nearest")))


class RandomVaeEncoder(torch.nn.Module):
    """Outputs mean and log-variance (2 * channels), as optimum's exports do."""

    def __init__(self, channels, factor):
        super().__init__()
        self.factor = factor
        self.conv = torch.nn.Conv2d(3, 2 * channels, 1)

    def forward(self, sample):
        return self.conv(torch.nn.functional.avg_pool2d(sample, self.factor))


# ----------------------------------------------------------------------------- export

def export(module, args, path, input_names, output_names, dynamic_axes):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    module.eval()
    with torch.no_grad():
        torch.onnx.export(module, args, path, input_names=input_names, output_names=output_names,
                          dynamic_axes=dynamic_axes, opset_version=OPSET, do_constant_folding=True)
    onnx.checker.check_model(onnx.load(path))


def write_json(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=2)
        f.write("\n")


def write_png(path, rgb):
    """rgb: float array [3,H,W] in [-1,1], written exactly as the engine converts images."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    pixels = np.clip(np.round((rgb / 2 + 0.5) * 255), 0, 255).astype(np.uint8).transpose(1, 2, 0)
    height, width, _ = pixels.shape
    # A minimal PNG writer, so the script needs no imaging library.
    import struct
    import zlib
    raw = b"".join(b"\x00" + pixels[y].tobytes() for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) \
        + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


def scheduler_config(prediction_type, class_name="PNDMScheduler", set_alpha_to_one=False):
    return {"_class_name": class_name, "_diffusers_version": "0.30.0", "beta_start": BETA_START,
            "beta_end": BETA_END, "beta_schedule": "scaled_linear", "num_train_timesteps": TRAIN_STEPS,
            "prediction_type": prediction_type, "set_alpha_to_one": set_alpha_to_one,
            "steps_offset": 1, "skip_prk_steps": True, "clip_sample": False,
            "timestep_spacing": "leading"}


def write_model(name, *, pipeline_class, vocab, merges, width, unet, unet_in_channels, timestep_dtype,
                timestep_cond_width, vae_decoder, vae_encoder, latent_channels, vae_blocks, scaling_factor,
                sample_size, scheduler, preview_factors=None):
    folder = os.path.join(MODELS_DIR, name)
    shutil.rmtree(folder, ignore_errors=True)
    factor = 2 ** (len(vae_blocks) - 1)
    write_json(os.path.join(folder, "model_index.json"), {
        "_class_name": pipeline_class, "_diffusers_version": "0.30.0",
        "scheduler": ["diffusers", scheduler["_class_name"]],
        "text_encoder": ["diffusers", "OnnxRuntimeModel"], "tokenizer": ["transformers", "CLIPTokenizer"],
        "unet": ["diffusers", "OnnxRuntimeModel"], "vae_decoder": ["diffusers", "OnnxRuntimeModel"],
        "vae_encoder": ["diffusers", "OnnxRuntimeModel"]})
    write_tokenizer(folder, vocab, merges)
    write_json(os.path.join(folder, "scheduler", "scheduler_config.json"), scheduler)

    text_encoder = TextEncoder(vocab, width)
    export(text_encoder, (torch.zeros(1, SEQUENCE_LENGTH, dtype=torch.int32),),
           os.path.join(folder, "text_encoder", "model.onnx"), ["input_ids"],
           ["last_hidden_state", "pooler_output"],
           {"input_ids": {0: "batch"}, "last_hidden_state": {0: "batch"}, "pooler_output": {0: "batch"}})
    write_json(os.path.join(folder, "text_encoder", "config.json"),
               {"hidden_size": width, "max_position_embeddings": SEQUENCE_LENGTH, "vocab_size": len(vocab)})

    unet_config = {"_class_name": "UNet2DConditionModel", "in_channels": unet_in_channels,
                   "out_channels": latent_channels, "sample_size": sample_size, "cross_attention_dim": width,
                   "time_cond_proj_dim": timestep_cond_width or None}
    write_json(os.path.join(folder, "unet", "config.json"), unet_config)
    sample = torch.zeros(2, unet_in_channels, sample_size, sample_size)
    timestep = torch.ones(2, dtype=timestep_dtype) * 10
    hidden = torch.zeros(2, SEQUENCE_LENGTH, width)
    args = (sample, timestep, hidden)
    names = ["sample", "timestep", "encoder_hidden_states"]
    axes = {"sample": {0: "batch", 2: "height", 3: "width"}, "timestep": {0: "batch"},
            "encoder_hidden_states": {0: "batch", 1: "sequence"}, "out_sample": {0: "batch", 2: "height", 3: "width"}}
    if timestep_cond_width:
        args = args + (torch.zeros(2, timestep_cond_width),)
        names.append("timestep_cond")
        axes["timestep_cond"] = {0: "batch"}
    export(unet, args, os.path.join(folder, "unet", "model.onnx"), names, ["out_sample"], axes)

    vae_config = {"_class_name": "AutoencoderKL", "in_channels": 3, "out_channels": 3,
                  "latent_channels": latent_channels, "block_out_channels": vae_blocks,
                  "scaling_factor": scaling_factor, "sample_size": sample_size * factor}
    write_json(os.path.join(folder, "vae_decoder", "config.json"), vae_config)
    write_json(os.path.join(folder, "vae_encoder", "config.json"), vae_config)
    export(vae_decoder, (torch.zeros(1, latent_channels, sample_size, sample_size),),
           os.path.join(folder, "vae_decoder", "model.onnx"), ["latent_sample"], ["sample"],
           {"latent_sample": {0: "batch", 2: "height", 3: "width"}, "sample": {0: "batch", 2: "height", 3: "width"}})
    export(vae_encoder, (torch.zeros(1, 3, sample_size * factor, sample_size * factor),),
           os.path.join(folder, "vae_encoder", "model.onnx"), ["sample"], ["latent_sample"],
           {"sample": {0: "batch", 2: "height", 3: "width"}, "latent_sample": {0: "batch", 2: "height", 3: "width"}})
    if preview_factors is not None:
        write_json(os.path.join(folder, "latent_preview.json"), preview_factors)
    return folder


def convert_io_to_float16(path):
    """Rewrites a graph so its float inputs and outputs are float16 (as in fp16 exports), computing inside in float32:
    each float input gets a Cast to float32 after it, each float output a Cast to float16 before it."""
    from onnx import TensorProto, helper
    model = onnx.load(path)
    graph = model.graph
    casts_in, casts_out = [], []
    for value in graph.input:
        if value.type.tensor_type.elem_type == TensorProto.FLOAT:
            inner = value.name + "_fp32"
            for node in graph.node:
                node.input[:] = [inner if name == value.name else name for name in node.input]
            casts_in.append(helper.make_node("Cast", [value.name], [inner], to=TensorProto.FLOAT))
            value.type.tensor_type.elem_type = TensorProto.FLOAT16
    for value in graph.output:
        if value.type.tensor_type.elem_type == TensorProto.FLOAT:
            inner = value.name + "_fp32"
            for node in graph.node:
                node.output[:] = [inner if name == value.name else name for name in node.output]
                node.input[:] = [inner if name == value.name else name for name in node.input]
            casts_out.append(helper.make_node("Cast", [inner], [value.name], to=TensorProto.FLOAT16))
            value.type.tensor_type.elem_type = TensorProto.FLOAT16
    nodes = casts_in + list(graph.node) + casts_out
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.checker.check_model(model)
    onnx.save(model, path)


def write_float16_copy(source_name, name):
    """A copy of a fixture whose networks take and return float16 tensors (sample, hidden states, timestep, images)."""
    source = os.path.join(MODELS_DIR, source_name)
    folder = os.path.join(MODELS_DIR, name)
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(source, folder)
    for network in ["text_encoder", "unet", "vae_decoder", "vae_encoder"]:
        convert_io_to_float16(os.path.join(folder, network, "model.onnx"))


def target_latent(seed, size):
    """A smooth target with values small enough that 3x guidance still decodes inside [-1, 1]."""
    generator = torch.Generator().manual_seed(seed)
    coarse = torch.rand(1, 4, size // 2, size // 2, generator=generator) * 2 - 1
    return torch.nn.functional.interpolate(coarse, scale_factor=2, mode="nearest") * 0.15


def main():
    torch.manual_seed(1234)
    vocab, merges = build_vocabulary()

    # Identity preview factors for the oracle VAEs (channels 0..2 are R, G, B).
    oracle_preview = {"latent_rgb_factors": [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0]],
                      "latent_rgb_bias": [0, 0, 0], "scale_by_vae_scaling_factor": True}

    write_model("tiny-txt2img", pipeline_class="OnnxStableDiffusionPipeline", vocab=vocab, merges=merges,
                width=32, unet=RandomUNet(4, 4, 32), unet_in_channels=4, timestep_dtype=torch.int64,
                timestep_cond_width=0, vae_decoder=RandomVaeDecoder(4, 8), vae_encoder=RandomVaeEncoder(4, 8),
                latent_channels=4, vae_blocks=[8, 8, 8, 8], scaling_factor=0.18215, sample_size=8,
                scheduler=scheduler_config("epsilon"))

    lcm_guidance = 8.0
    lcm_cond = lcm_guidance_embedding(lcm_guidance, 32)
    oracle_models = {
        # name: (scale, blocks, prediction, timestep dtype, inpainting, lcm)
        "oracle": (0.5, [8, 8, 8], "epsilon", torch.float32, False, False),
        "oracle-vpred": (0.25, [8, 8, 8], "v_prediction", torch.float16, False, False),
        "oracle-inpaint": (0.4, [8, 8, 8], "epsilon", torch.int64, True, False),
        "oracle-lcm": (0.5, [8, 8, 8], "epsilon", torch.int64, False, True),
    }
    size = 8
    for index, (name, (scale, blocks, prediction, t_dtype, inpainting, lcm)) in enumerate(oracle_models.items()):
        factor = 2 ** (len(blocks) - 1)
        target = target_latent(100 + index, size)
        unet = OracleUNet(target, prediction, inpainting, lcm_cond if lcm else None)
        pipeline = "OnnxStableDiffusionInpaintPipeline" if inpainting else (
            "LatentConsistencyModelPipeline" if lcm else "OnnxStableDiffusionPipeline")
        scheduler = scheduler_config(prediction, "LCMScheduler" if lcm else "DDIMScheduler", set_alpha_to_one=True)
        write_model(name, pipeline_class=pipeline, vocab=vocab, merges=merges, width=16, unet=unet,
                    unet_in_channels=9 if inpainting else 4, timestep_dtype=t_dtype,
                    timestep_cond_width=32 if lcm else 0, vae_decoder=LinearVaeDecoder(factor),
                    vae_encoder=LinearVaeEncoder(factor), latent_channels=4, vae_blocks=blocks,
                    scaling_factor=scale, sample_size=size, scheduler=scheduler, preview_factors=oracle_preview)
        write_expected(name, target, scale, factor, lcm_guidance if lcm else None)

    # Same networks as "oracle" (so the same expected images) with float16 inputs and outputs.
    write_float16_copy("oracle", "oracle-fp16")


def write_expected(name, target, scale, factor, lcm_guidance):
    """The images a correct pipeline must produce with the prompt "target" and an empty negative."""
    folder = os.path.join(EXPECTED_DIR, name)
    shutil.rmtree(folder, ignore_errors=True)

    def decode(latent):
        return LinearVaeDecoder(factor)(latent / scale)[0].numpy()

    guidances = [lcm_guidance] if lcm_guidance else [1.0, 3.0]
    for guidance in guidances:
        # LCM has no CFG: its guidance only goes into the timestep embedding.
        effective = 1.0 if lcm_guidance else guidance
        write_png(os.path.join(folder, f"guidance-{guidance:g}.png"), decode(target * effective))

    # Inpainting: an init image made of factor-sized blocks (so the linear VAE round-trips it
    # exactly) and a mask whose left half (white) is repainted.
    pixels = target.shape[-1] * factor
    generator = torch.Generator().manual_seed(7)
    blocks = torch.rand(1, 3, pixels // factor, pixels // factor, generator=generator) * 1.6 - 0.8
    init = torch.nn.functional.interpolate(blocks, scale_factor=factor, mode="nearest")
    init = torch.round((init / 2 + 0.5) * 255) / 255 * 2 - 1  # what an 8-bit PNG can hold
    mask = torch.zeros(1, 1, pixels, pixels)
    mask[..., : pixels // 2] = 1.0
    write_png(os.path.join(folder, "init.png"), init[0].numpy())
    write_png(os.path.join(folder, "mask.png"), (mask.repeat(1, 3, 1, 1) * 2 - 1)[0].numpy())
    for guidance in guidances:
        effective = 1.0 if lcm_guidance else guidance
        repainted = decode(target * effective)
        expected = mask[0].numpy() * repainted + (1 - mask[0].numpy()) * init[0].numpy()
        write_png(os.path.join(folder, f"inpaint-guidance-{guidance:g}.png"), expected)
    write_json(os.path.join(folder, "oracle.json"), {
        "prompt": "target", "negative_prompt": "", "width": pixels, "height": pixels,
        "guidances": guidances, "mask": "white = repaint, left half",
        "note": "generated by tools/make-test-fixtures/make_fixtures.py"})


if __name__ == "__main__":
    main()
    total = sum(os.path.getsize(os.path.join(root, f)) for root, _, files in os.walk(MODELS_DIR) for f in files)
    print(f"fixtures written to {MODELS_DIR} ({total / 1024:.0f} KB)")
