"""Reads each style's artwork for a concept as a square RGB image on white (64 px, or 128 for the GPU tier).

Styles: Noto Color Emoji (Debian font, CBDT bitmaps), Microsoft Fluent flat and modern (npm
fluentui-emoji SVGs, rasterised by rsvg-convert) and Twemoji (npm emoji-datasource-twitter PNGs).
"""
import io
import json
import os
import subprocess

import numpy as np
from PIL import Image

NOTO_FONT = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"
SIZE = 64


def on_white(image, size=SIZE):
    """Fits the glyph's opaque box into size x size (kept aspect, 2 px margin) over white."""
    image = image.convert("RGBA")
    box = image.getbbox()
    if box is None:
        return None
    image = image.crop(box)
    inner = size - 4
    scale = inner / max(image.size)
    w, h = max(1, round(image.size[0] * scale)), max(1, round(image.size[1] * scale))
    image = image.resize((w, h), Image.LANCZOS)
    canvas = Image.new("RGBA", (size, size), (255, 255, 255, 255))
    canvas.alpha_composite(image, ((size - w) // 2, (size - h) // 2))
    return np.asarray(canvas.convert("RGB"), dtype=np.uint8)


class NotoSource:
    style = "noto"

    def __init__(self, size=SIZE):
        self.size = size
        from fontTools.ttLib import TTFont
        font = TTFont(NOTO_FONT)
        self.cmap = font.getBestCmap()
        self.strike = max(font["CBDT"].strikeData, key=len)

    def image(self, concept):
        if len(concept.codepoints) != 1 or concept.codepoints[0] not in self.cmap:
            return None
        glyph = self.strike.get(self.cmap[concept.codepoints[0]])
        if glyph is None:
            return None
        glyph.decompile()
        return on_white(Image.open(io.BytesIO(glyph.imageData)), self.size)


class FluentSource:
    def __init__(self, root, variant, size=SIZE):
        self.root, self.variant, self.style, self.size = root, variant, f"fluent {variant}", size

    def image(self, concept):
        path = os.path.join(self.root, "icons", self.variant, concept.slug + ".svg")
        if not os.path.exists(path):
            return None
        # Render large, then shrink with Lanczos: rsvg's own small renders alias thin strokes.
        png = subprocess.run(["rsvg-convert", "-w", "256", "-h", "256", path],
                             check=True, capture_output=True).stdout
        return on_white(Image.open(io.BytesIO(png)), self.size)


class TwemojiSource:
    style = "twemoji"

    def __init__(self, root, size=SIZE):
        self.root, self.size = root, size
        entries = json.load(open(os.path.join(root, "emoji.json"), encoding="utf-8"))
        self.by_codes = {}
        for e in entries:
            codes = tuple(int(c, 16) for c in e["unified"].split("-") if c.upper() != "FE0F")
            self.by_codes[codes] = e

    def keywords(self, concept):
        e = self.by_codes.get(concept.codepoints)
        return [] if e is None else list(e.get("short_names", []))

    def image(self, concept):
        e = self.by_codes.get(concept.codepoints)
        if e is None or not e.get("has_img_twitter"):
            return None
        # The package's single images are 64 px: the 128 px tier upscales them (Lanczos in on_white).
        path = os.path.join(self.root, "img", "twitter", "64", e["image"])
        return on_white(Image.open(path), self.size) if os.path.exists(path) else None
