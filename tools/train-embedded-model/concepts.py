"""The concept set: which emoji the model learns, and the captions that describe each.

Few concepts seen in every style teach more on a CPU budget than thousands seen once (issue 4's
calibration runs), so we keep whole Unicode subgroups that make good, distinct prompts.
"""
import re
from dataclasses import dataclass, field

EMOJI_TEST = "/usr/share/unicode/emoji/emoji-test.txt"

# Unicode subgroups kept: faces, hearts, animals, plants, fruit/vegetables, weather, vehicles, shapes.
SUBGROUPS = {
    "face-smiling": "smiling face", "face-affection": "face", "face-negative": "angry face",
    "face-costume": "costume",
    "cat-face": "cat face", "heart": "heart",
    "animal-mammal": "animal", "animal-bird": "bird", "animal-marine": "sea animal",
    "animal-bug": "bug", "animal-reptile": "reptile", "animal-amphibian": "animal",
    "plant-flower": "flower", "plant-other": "plant",
    "food-fruit": "fruit", "food-vegetable": "vegetable",
    "sky & weather": "weather", "transport-ground": "vehicle", "transport-air": "aircraft",
    "transport-water": "boat", "geometric": "shape",
}

# At most this many concepts per subgroup (first in Unicode order), so no family crowds out the rest
# on a CPU budget; hearts and shapes are kept whole: they carry the colour words prompts lean on.
PER_SUBGROUP = 16
UNCAPPED = {"heart", "geometric"}

# Keycap-like or near-identical glyphs that only differ in tiny details a 64 px model cannot show.
SKIP_NAMES = re.compile(r"skin tone|hair|^keycap|button$|^(upwards|downwards)|^(radio|record|white square|black square) button")


@dataclass
class Concept:
    name: str                 # Unicode CLDR short name, lower case ("red heart")
    codepoints: tuple         # without FE0F, so sources that drop it still match
    group: str
    subgroup: str
    keywords: list = field(default_factory=list)

    @property
    def slug(self):
        """Fluent emoji file name for this concept ("red-heart")."""
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")


def kind_of(subgroup):
    """The word captions use for a concept's family ("animal-bird" -> "bird")."""
    return SUBGROUPS.get(subgroup) or subgroup.split("-")[-1].replace("&", "and")


def read_concepts(path=EMOJI_TEST, everything=False):
    """Fully-qualified single-glyph emoji of the kept subgroups, in emoji-test.txt order.
    everything=True is the GPU tier's full concept set: every subgroup, no per-subgroup cap."""
    concepts, group, subgroup, seen = [], None, None, set()
    for line in open(path, encoding="utf-8"):
        if line.startswith("# group:"):
            group = line.split(":", 1)[1].strip()
        elif line.startswith("# subgroup:"):
            subgroup = line.split(":", 1)[1].strip()
        elif line.strip() and not line.startswith("#") and "; fully-qualified" in line:
            if subgroup not in SUBGROUPS and not everything:
                continue
            codes = tuple(int(c, 16) for c in line.split(";")[0].split() if c != "FE0F")
            name = line.split("#", 1)[1].split(None, 2)[2].strip().lower()
            name = re.sub(r"^e\d+\.\d+ ", "", name).replace("\u2019", "'")
            if 0x200D in codes or SKIP_NAMES.search(name) or name in seen:
                continue  # ZWJ sequences are hard to cut out of the font; skin tones duplicate concepts
            if not everything and subgroup not in UNCAPPED and sum(c.subgroup == subgroup for c in concepts) >= PER_SUBGROUP:
                continue
            seen.add(name)
            concepts.append(Concept(name, codes, group, subgroup))
    return concepts


def caption_variants(concept):
    """Phrasings of one concept. The first (the bare name) is never held out, so every concept
    stays promptable by its name; the others can be held out to test new phrasings."""
    kind = kind_of(concept.subgroup)
    words = [concept.name, f"{concept.name} emoji", f"a {concept.name}", f"{concept.name} icon",
             f"{concept.name}, {kind}", f"an emoji of a {concept.name}", f"{kind}: {concept.name}"]
    words += [k.replace("_", " ") for k in concept.keywords if k.replace("_", " ") != concept.name]
    out = []
    for w in words:
        w = w.lower().strip()
        if w and w not in out:
            out.append(w)
    return out
