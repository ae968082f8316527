"""Builds the training set in the git-ignored cache: images of the kept concepts in every style,
their captions with a fixed 5% held out, and the CLIP-format tokenizer learnt from the training captions.

Deterministic: the held-out split is a hash of the caption text (not a random draw), sources are pinned.
Usage: /usr/bin/python3 prepare_data.py   (after ./setup.sh)
  CPU tier (default): 64 px, the curated concept set, into .cache/data.
  GPU tier: EMOJI_LDM_DATA=.cache/data-128 /usr/bin/python3 prepare_data.py --size 128 --everything
EMOJI_LDM_DATA names the data folder for every script (train, export, evaluate read it too).
"""
import argparse
import hashlib
import json
import os

import numpy as np

import clip_bpe
from concepts import caption_variants, read_concepts
from sources import FluentSource, NotoSource, TwemojiSource

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.path.join(HERE, ".cache")
DATA = os.environ.get("EMOJI_LDM_DATA", os.path.join(CACHE, "data"))
HELD_OUT_PERCENT = 5
MIN_STYLES = 3  # a concept seen in fewer styles teaches one drawing, not the concept


def held_out(caption):
    return int(hashlib.sha256(caption.encode()).hexdigest(), 16) % 100 < HELD_OUT_PERCENT


def style_suffix(style):
    return f", {style} style"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=64, choices=(64, 128), help="image side in pixels")
    ap.add_argument("--everything", action="store_true", help="every Unicode subgroup, no per-subgroup cap")
    args = ap.parse_args()
    src = os.path.join(CACHE, "sources")
    twemoji = TwemojiSource(os.path.join(src, "emoji-datasource-twitter"), args.size)
    sources = [NotoSource(args.size), FluentSource(os.path.join(src, "fluentui-emoji"), "flat", args.size),
               FluentSource(os.path.join(src, "fluentui-emoji"), "modern", args.size), twemoji]
    styles = [s.style for s in sources]
    images, concept_ids, style_ids, kept = [], [], [], []
    for concept in read_concepts(everything=args.everything):
        per_style = [(i, s.image(concept)) for i, s in enumerate(sources)]
        per_style = [(i, img) for i, img in per_style if img is not None]
        if len(per_style) < MIN_STYLES:
            continue
        concept.keywords = twemoji.keywords(concept)
        for i, img in per_style:
            images.append(img)
            concept_ids.append(len(kept))
            style_ids.append(i)
        kept.append(concept)

    catalog = []
    for c in kept:
        variants = caption_variants(c)
        # The bare name (first variant) always trains; others are held out by hash.
        train = [variants[0]] + [v for v in variants[1:] if not held_out(v)]
        test = [v for v in variants[1:] if held_out(v)]
        catalog.append({"name": c.name, "subgroup": c.subgroup, "train_captions": train, "heldout_captions": test})

    os.makedirs(DATA, exist_ok=True)
    np.savez_compressed(os.path.join(DATA, "images.npz"), images=np.stack(images),
                        concept=np.array(concept_ids, np.int32), style=np.array(style_ids, np.int32))
    json.dump({"size": args.size, "everything": args.everything, "styles": styles, "concepts": catalog}, open(os.path.join(DATA, "concepts.json"), "w"), indent=1)

    corpus = [cap for c in catalog for cap in c["train_captions"]]
    corpus += [cap + style_suffix(s) for c in catalog for cap in c["train_captions"][:1] for s in styles]
    vocab, merges = clip_bpe.train(corpus)
    clip_bpe.save(os.path.join(DATA, "tokenizer"), vocab, merges)
    n_held = sum(len(c["heldout_captions"]) for c in catalog)
    print(f"{len(kept)} concepts, {len(images)} images, styles {styles}, "
          f"{n_held} held-out captions, vocabulary {len(vocab)}")


if __name__ == "__main__":
    main()
