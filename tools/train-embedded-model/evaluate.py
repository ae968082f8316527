"""Measures the trained model and writes QUALITY.md + quality.json next to this script (QUALITY-128.md +
quality-128.json for emoji-ldm-128) and the contact sheet to docs/<name>-contact-sheet.png. Numbers are
computed here, never typed in.

- top-5 accuracy of an independent classifier (classifier.py, real images only) on one sample per
  concept and seed: prompted by the concept's name (whole concept set) and by held-out captions;
- the classifier's own top-5 on augmented real images (how much the judge can be trusted);
- diversity: mean pairwise pixel distance between 8 seeds of a prompt, next to the distance between
  the four real styles of the same concept;
- a 64-prompt contact sheet.
Usage: /usr/bin/python3 evaluate.py [--name emoji-ldm] [--seeds 2] [--device cuda] [--report-dir DIR] [--sheet PNG]
  GPU tier: EMOJI_LDM_DATA=.cache/data-128 EMOJI_LDM_RUN=.cache/run-128 ... evaluate.py --name emoji-ldm-128
"""
import cpu_env  # noqa: F401  (must precede torch)
import argparse
import itertools
import json
import os

import numpy as np
import torch
from PIL import Image, ImageDraw

from classifier import Classifier, augment, top_k_hits, train_classifier
from clip_bpe import Tokenizer
from export_onnx import VAE_FACTOR, image_size, load_trained
from prepare_data import CACHE, DATA
from sampler import sample
from train import ARCH, RUN, load_images

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
DEFAULT_NAME = "emoji-ldm"
DIVERSITY_PROMPTS = ["red heart", "cat face", "sun", "red apple", "rocket", "grinning face"]


def to_uint8(images):
    return ((images.permute(0, 2, 3, 1).numpy() + 1) * 127.5).round().clip(0, 255).astype(np.uint8)


def mean_pairwise_distance(images):
    """Mean absolute pixel difference (0..1 scale) over all pairs."""
    pairs = list(itertools.combinations(range(len(images)), 2))
    return float(np.mean([(images[i] - images[j]).abs().mean().item() / 2 for i, j in pairs]))


def contact_sheet(images, labels, path, cell=128, columns=8):
    rows = (len(images) + columns - 1) // columns
    sheet = Image.new("RGB", (columns * cell, rows * (cell + 14)), "white")
    draw = ImageDraw.Draw(sheet)
    for i, (img, label) in enumerate(zip(to_uint8(images), labels)):
        x, y = (i % columns) * cell, (i // columns) * (cell + 14)
        sheet.paste(Image.fromarray(img).resize((cell, cell), Image.NEAREST), (x, y))
        draw.text((x + 2, y + cell), label[:21], fill="black")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    sheet.save(path, optimize=True)


def report_suffix(name):
    """"" for the default model (QUALITY.md), "-128" for emoji-ldm-128 (QUALITY-128.md)."""
    return name[len(DEFAULT_NAME):] if name.startswith(DEFAULT_NAME) else "-" + name


def training_summary():
    """Steps, wall time and final losses from the run's log (the last 100 logged steps of each phase)."""
    entries = [json.loads(line) for line in open(os.path.join(RUN, "log.jsonl"))]
    summary = {}
    for phase in ("ae", "unet"):
        rows = [e for e in entries if e["phase"] == phase]
        if rows:
            summary[phase] = {"steps": rows[-1]["step"], "final_loss": float(np.mean([e["loss"] for e in rows[-4:]])),
                              "logged_minutes": (rows[-1]["time"] - rows[0]["time"]) / 60}
    return summary


def get_judge(x, labels, classes, steps):
    """The classifier depends only on the real images, so it is trained once per data set and cached."""
    path = os.path.join(DATA, f"judge-{steps}.pt")
    if os.path.exists(path):
        judge = Classifier(classes)
        judge.load_state_dict(torch.load(path, map_location="cpu"))
        return judge.to(x.device).eval()
    judge = train_classifier(x, labels, classes, steps=steps)
    torch.save(judge.state_dict(), path)
    return judge


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=2, help="samples per prompt for the accuracy figures")
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--guidance", type=float, default=5.0)
    ap.add_argument("--classifier-steps", type=int, default=400)
    ap.add_argument("--judge-only", action="store_true", help="train and cache the classifier, then stop")
    ap.add_argument("--device", default="cpu", help="cpu, or cuda on a machine with a GPU")
    ap.add_argument("--report-dir", default=HERE, help="where QUALITY.md and quality.json go")
    ap.add_argument("--sheet", help="the contact sheet PNG (default docs/<name>-contact-sheet.png)")
    ap.add_argument("--name", default=DEFAULT_NAME, help="the exported model's name, for the report's title and files")
    args = ap.parse_args()
    args.sheet = args.sheet or os.path.join(REPO, "docs", f"{args.name}-contact-sheet.png")
    torch.set_num_threads(2)
    device = torch.device(args.device)
    size = image_size()
    latent_shape = (ARCH["latent_channels"], size // VAE_FACTOR, size // VAE_FACTOR)
    meta = json.load(open(os.path.join(DATA, "concepts.json")))
    concepts = meta["concepts"]
    tokenizer = Tokenizer.load(os.path.join(DATA, "tokenizer"))
    x, labels, styles = load_images()
    n_classes = len(concepts)

    judge = get_judge(x.to(device), labels.to(device), n_classes, args.classifier_steps)
    if args.judge_only:
        return
    gen = torch.Generator().manual_seed(99)
    judge_real = top_k_hits(judge, augment(x, gen), labels).float().mean().item()

    enc, dec, text, unet, scaling, steps = load_trained(len(tokenizer.vocab))
    for m in (dec, text, unet):
        m.to(device)

    def draw(prompts, seeds):
        return sample(text, unet, dec, scaling, tokenizer, prompts, seeds, args.steps, args.guidance,
                      latent_shape, device=device, prediction=steps["prediction"])

    def score(prompts, targets):
        prompts_x = [p for p in prompts for _ in range(args.seeds)]
        seeds = [s for _ in prompts for s in range(args.seeds)]
        imgs = draw(prompts_x, seeds)
        hits = top_k_hits(judge, imgs, torch.tensor([t for t in targets for _ in range(args.seeds)]))
        return hits.float().mean().item(), len(prompts_x)

    names = [c["name"] for c in concepts]
    concept_top5, n_concept = score(names, list(range(n_classes)))
    held = [(cap, i) for i, c in enumerate(concepts) for cap in c["heldout_captions"]]
    held_top5, n_held = score([h[0] for h in held], [h[1] for h in held])

    diversity = {}
    for prompt in DIVERSITY_PROMPTS:
        imgs = draw([prompt] * 8, list(range(100, 108)))
        real = x[labels == names.index(prompt)] if prompt in names else None
        diversity[prompt] = {"samples": mean_pairwise_distance(imgs),
                             "real_styles": mean_pairwise_distance(real) if real is not None else None}

    pick = np.linspace(0, n_classes - 1, 61).round().astype(int).tolist()
    sheet_prompts = ["red heart", "blue heart", "green heart"] + [names[i] for i in pick]
    imgs = draw(sheet_prompts, [0] * len(sheet_prompts))
    contact_sheet(imgs, sheet_prompts, args.sheet)

    result = {"training": steps, "log": training_summary(), "concepts": n_classes, "chance_top5": 5 / n_classes,
              "concept_set_top5": concept_top5, "concept_set_samples": n_concept,
              "heldout_captions_top5": held_top5, "heldout_caption_samples": n_held,
              "classifier_top5_on_augmented_real": judge_real, "diversity": diversity,
              "sampler": {"scheduler": "DDIM", "steps": args.steps, "guidance": args.guidance}, "size": size,
              "trained_on": training_hardware(), "sheet": os.path.basename(args.sheet), "name": args.name}
    os.makedirs(args.report_dir, exist_ok=True)
    json.dump(result, open(os.path.join(args.report_dir, f"quality{report_suffix(args.name)}.json"), "w"), indent=2)
    write_report(result, args.report_dir)
    print(json.dumps(result, indent=1))


def training_hardware():
    """Batch and device of the run's last invocation, from history.json."""
    last = json.load(open(os.path.join(RUN, "history.json")))[-1]
    return {"batch": last["args"].get("batch", 64), "device": last.get("gpu") or "2 shared CPU cores"}


def write_report(r, folder):
    def real(d):
        return "" if d["real_styles"] is None else f"{d['real_styles']:.3f}"
    div = "\n".join(f"| {p} | {d['samples']:.3f} | {real(d)} |" for p, d in r["diversity"].items())
    name = r.get("name", DEFAULT_NAME)
    prediction = r["training"].get("prediction", "epsilon")
    kind, target = ("v", "v") if prediction == "v_prediction" else ("epsilon", "noise")
    text = f"""# {name} quality (measured by evaluate.py)

Model after {r['training']['ae_step']} autoencoder steps (final L1 {r['log']['ae']['final_loss']:.3f} on [-1, 1])
and {r['training']['unet_step']} UNet steps of batch {r['trained_on']['batch']}, {kind} prediction (final {target} MSE {r['log']['unet']['final_loss']:.3f},
{r['log']['unet']['logged_minutes']:.1f} minutes logged on {r['trained_on']['device']}).
Samples: {r['sampler']['scheduler']}, {r['sampler']['steps']} steps, guidance {r['sampler']['guidance']}, {r['size']}x{r['size']}.

| measure | value |
|---|---|
| concepts | {r['concepts']} |
| chance level, top-5 | {r['chance_top5']:.1%} |
| top-5 on the concept set (prompt = concept name, {r['concept_set_samples']} samples) | {r['concept_set_top5']:.1%} |
| top-5 on held-out captions ({r['heldout_caption_samples']} samples) | {r['heldout_captions_top5']:.1%} |
| the judge's own top-5 on augmented real images | {r['classifier_top5_on_augmented_real']:.1%} |

The judge is `classifier.py`, trained by this script on the real images only (never on samples).
Issue 4's target is 40% top-5 on the concept set.

## Diversity: mean pairwise pixel distance (0..1) between 8 seeds

| prompt | 8 samples | the 4 real styles of that concept |
|---|---|---|
{div}

Contact sheet (64 prompts, seed 0): `docs/{r['sheet']}`.
"""
    open(os.path.join(folder, f"QUALITY{report_suffix(name)}.md"), "w").write(text)


if __name__ == "__main__":
    main()
