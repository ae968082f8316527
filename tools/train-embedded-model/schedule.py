"""Stable Diffusion's training schedule: scaled_linear betas 0.00085..0.012 over 1000 steps,
epsilon prediction, so the engine's standard schedulers (DDIM, Euler, DPM++...) apply unchanged."""
import torch

TRAIN_STEPS, BETA_START, BETA_END = 1000, 0.00085, 0.012

betas = torch.linspace(BETA_START ** 0.5, BETA_END ** 0.5, TRAIN_STEPS, dtype=torch.float64) ** 2
alphas_cumprod = torch.cumprod(1.0 - betas, 0).float()

SCHEDULER_CONFIG = {
    "_class_name": "DDIMScheduler", "num_train_timesteps": TRAIN_STEPS, "beta_start": BETA_START,
    "beta_end": BETA_END, "beta_schedule": "scaled_linear", "prediction_type": "epsilon",
    "clip_sample": False, "set_alpha_to_one": False, "steps_offset": 1, "timestep_spacing": "leading",
}


def add_noise(x0, noise, t):
    a = alphas_cumprod.to(t.device)[t].view(-1, 1, 1, 1)
    return a.sqrt() * x0 + (1 - a).sqrt() * noise
