"""A CLIP-format byte-pair tokenizer learnt from our captions.

Writes vocab.json / merges.txt exactly as OpenAI's CLIP tokenizer lays them out (the 256 byte
symbols, their `</w>` word-final forms, the merged symbols, then <|startoftext|> and <|endoftext|>),
so the engine's one CLIP tokenizer (and Hugging Face's CLIPTokenizer) read it unchanged. The
encoder below mirrors the engine's: lower-case, whitespace collapsed, CLIP's word pattern, BPE.
"""
import collections
import json
import os
import re

BOS, EOS = "<|startoftext|>", "<|endoftext|>"
MAX_LENGTH = 77
# CLIP's pattern with Python's re: [^\W\d_]+ is "letters" (\p{L}), \d a single digit, then punctuation runs.
WORD = re.compile(r"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[^\W\d_]+|\d|[^\s\w]+|_+",
                  re.IGNORECASE)


def bytes_to_unicode():
    """GPT-2/CLIP's reversible map from bytes to printable characters."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


BYTE_CHARS = bytes_to_unicode()


def words(text):
    text = re.sub(r"\s+", " ", text).strip().lower()
    return ["".join(BYTE_CHARS[b] for b in w.encode("utf-8")) for w in WORD.findall(text)]


def train(captions, max_merges=3000, min_count=2):
    """Greedy BPE on word counts: merge the most frequent adjacent pair until none occurs min_count times."""
    counts = collections.Counter(w for c in captions for w in words(c))
    seqs = {w: tuple(w[:-1]) + (w[-1] + "</w>",) for w in counts}
    merges = []
    for _ in range(max_merges):
        pairs = collections.Counter()
        for w, s in seqs.items():
            for a, b in zip(s, s[1:]):
                pairs[(a, b)] += counts[w]
        if not pairs:
            break
        # Ties broken by the pair itself so the result does not depend on dict order.
        (a, b), n = max(pairs.items(), key=lambda kv: (kv[1], kv[0]))
        if n < min_count:
            break
        merges.append((a, b))
        for w, s in seqs.items():
            out, i = [], 0
            while i < len(s):
                if i + 1 < len(s) and s[i] == a and s[i + 1] == b:
                    out.append(a + b)
                    i += 2
                else:
                    out.append(s[i])
                    i += 1
            seqs[w] = tuple(out)
    base = list(BYTE_CHARS.values())
    vocab = base + [c + "</w>" for c in base] + [a + b for a, b in merges] + [BOS, EOS]
    return {tok: i for i, tok in enumerate(vocab)}, merges


class Tokenizer:
    def __init__(self, vocab, merges):
        self.vocab, self.ranks, self.cache = vocab, {m: i for i, m in enumerate(merges)}, {}
        self.bos, self.eos = vocab[BOS], vocab[EOS]

    @classmethod
    def load(cls, folder):
        vocab = json.load(open(os.path.join(folder, "vocab.json"), encoding="utf-8"))
        lines = open(os.path.join(folder, "merges.txt"), encoding="utf-8").read().splitlines()[1:]
        return cls(vocab, [tuple(l.split(" ")) for l in lines if l])

    def bpe(self, word):
        if word in self.cache:
            return self.cache[word]
        s = list(word[:-1]) + [word[-1] + "</w>"]
        while len(s) > 1:
            ranked = [(self.ranks.get((a, b), 1 << 30), i) for i, (a, b) in enumerate(zip(s, s[1:]))]
            rank, _ = min(ranked)
            if rank == 1 << 30:
                break
            a, b = [m for m, r in self.ranks.items() if r == rank][0]
            out, i = [], 0
            while i < len(s):
                if i + 1 < len(s) and s[i] == a and s[i + 1] == b:
                    out.append(a + b)
                    i += 2
                else:
                    out.append(s[i])
                    i += 1
            s = out
        self.cache[word] = s
        return s

    def encode(self, text):
        """[BOS] pieces [EOS], padded with EOS to 77 (SD 1.x's padding), truncated keeping EOS last."""
        ids = [self.vocab[p] for w in words(text) for p in self.bpe(w)]
        ids = [self.bos] + ids[: MAX_LENGTH - 2] + [self.eos]
        return ids + [self.eos] * (MAX_LENGTH - len(ids))


def save(folder, vocab, merges):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "vocab.json"), "w", encoding="utf-8") as f:
        json.dump(vocab, f, ensure_ascii=False)
    with open(os.path.join(folder, "merges.txt"), "w", encoding="utf-8") as f:
        f.write("#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in merges))
    special = {"bos_token": BOS, "eos_token": EOS, "unk_token": EOS, "pad_token": EOS}
    with open(os.path.join(folder, "special_tokens_map.json"), "w") as f:
        json.dump(special, f, indent=2)
    with open(os.path.join(folder, "tokenizer_config.json"), "w") as f:
        json.dump({**special, "model_max_length": MAX_LENGTH, "do_lower_case": True,
                   "tokenizer_class": "CLIPTokenizer", "clean_up_tokenization_spaces": True}, f, indent=2)
