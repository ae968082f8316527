"""DDIM sampling with classifier-free guidance in PyTorch, the same maths as the engine's DDIM
scheduler (SD's scaled_linear schedule, "leading" spacing, steps_offset 1, set_alpha_to_one false),
so evaluation scores what the app would draw without needing ONNX Runtime in Python."""
import torch

import schedule


@torch.no_grad()
def encode_prompts(text, tokenizer, prompts, device="cpu"):
    return text(torch.tensor([tokenizer.encode(p) for p in prompts], device=device))


@torch.no_grad()
def sample(text, unet, dec, scaling, tokenizer, prompts, seeds, steps=20, guidance=5.0, latent_shape=(16, 8, 8),
           batch=128, device="cpu", prediction="epsilon"):
    """Images in [-1, 1] on the CPU; the networks must already be on `device`. Noise comes from a CPU
    generator per seed, so a seed gives the same image on any device."""
    images = []
    for i in range(0, len(prompts), batch):
        p, s = prompts[i:i + batch], seeds[i:i + batch]
        cond = encode_prompts(text, tokenizer, p, device)
        uncond = encode_prompts(text, tokenizer, [""], device).expand_as(cond)
        x = torch.stack([torch.randn(latent_shape, generator=torch.Generator().manual_seed(seed)) for seed in s])
        x = x.to(device)
        stride = schedule.TRAIN_STEPS // steps
        for t in reversed(range(1, schedule.TRAIN_STEPS, stride)):
            tt = torch.full((len(p),), float(t), device=device)
            out_u, out_c = unet(torch.cat([x, x]), torch.cat([tt, tt]), torch.cat([uncond, cond])).chunk(2)
            out = out_u + guidance * (out_c - out_u)  # epsilon or v: guidance mixes either the same way (as diffusers)
            a = schedule.alphas_cumprod[t]
            eps, x0 = schedule.noise_and_x0(out, x, a, prediction)
            a_prev = schedule.alphas_cumprod[t - stride] if t - stride >= 0 else schedule.alphas_cumprod[0]
            x = a_prev.sqrt() * x0 + (1 - a_prev).sqrt() * eps
        images.append(dec(x / scaling).clamp(-1, 1).cpu())
    return torch.cat(images)
