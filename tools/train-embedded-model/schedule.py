"""Stable Diffusion's training schedule: scaled_linear betas 0.00085..0.012 over 1000 steps, epsilon or
v prediction (both diffusers-standard), so the engine's schedulers (DDIM, Euler, DPM++...) apply unchanged."""
import torch

TRAIN_STEPS, BETA_START, BETA_END = 1000, 0.00085, 0.012

betas = torch.linspace(BETA_START ** 0.5, BETA_END ** 0.5, TRAIN_STEPS, dtype=torch.float64) ** 2
alphas_cumprod = torch.cumprod(1.0 - betas, 0).float()

SCHEDULER_CONFIG = {
    "_class_name": "DDIMScheduler", "num_train_timesteps": TRAIN_STEPS, "beta_start": BETA_START,
    "beta_end": BETA_END, "beta_schedule": "scaled_linear", "prediction_type": "epsilon",
    "clip_sample": False, "set_alpha_to_one": False, "steps_offset": 1, "timestep_spacing": "leading",
}


PREDICTIONS = ("epsilon", "v_prediction")


def scheduler_config(prediction):
    return {**SCHEDULER_CONFIG, "prediction_type": prediction}


def _alpha(t):
    return alphas_cumprod.to(t.device)[t].view(-1, 1, 1, 1)


def target(x0, noise, t, prediction):
    """What the UNet learns to output. Epsilon suits the 8x8 latents of the 64 px tier. On the 16x16
    latents of the 128 px tier an epsilon loss at high noise is ~20x smaller than at low noise (the
    noisy sample alone predicts its noise there), so the prompt-dependent global layout got no
    gradient and the model ignored its text entirely; v = sqrt(a)*noise - sqrt(1-a)*x0 weighs the
    high-noise steps like an x0 loss (SD 2's choice for its 96x96 latents)."""
    if prediction == "epsilon":
        return noise
    a = _alpha(t)
    return a.sqrt() * noise - (1 - a).sqrt() * x0


def noise_and_x0(output, x, a, prediction):
    """The inverse of `target` at one step: the noise and clean sample a model output implies for the noisy
    sample x at cumulative alpha a (what a DDIM step needs, whichever the model predicts)."""
    if prediction == "epsilon":
        return output, (x - (1 - a).sqrt() * output) / a.sqrt()
    return a.sqrt() * output + (1 - a).sqrt() * x, a.sqrt() * x - (1 - a).sqrt() * output


def add_noise(x0, noise, t):
    a = _alpha(t)
    return a.sqrt() * x0 + (1 - a).sqrt() * noise
