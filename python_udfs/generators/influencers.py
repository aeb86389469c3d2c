"""Seeded, deterministic generator of influencer, growth and brand inputs at any scale.

Usage::

    python -m python_udfs.generators.influencers --influencers 100000 --brands 100 \\
        --out data/gen_100k [--seed 42] [--fake-share 0.05] [--growth-only]

Writes four files into ``--out`` (``--growth-only``: only ``growth_data.csv``):

* ``influencers_data.csv``: ``influencer_id,name,bio,recent_captions`` (the seed contract,
  seeds/_seeds.yml). Ids ``INF000001``... (zero-padded to at least 6 digits, wider when needed, so
  ids sort in row order). Bios and 3-5 captions (joined by ``' | '``) are assembled from templates
  and per-niche vocabularies over eight niches (fashion, tech, fitness, beauty, food, travel,
  parenting, wellness); about a fifth of the accounts also post about a second niche (cross-niche
  captions and bios). About 1 % of bios are empty (the contract allows it).
* ``growth_data.csv``: ``influencer_id,followers,avg_likes,avg_comments,follower_history``;
  ``follower_history`` is a JSON-style list of 30 non-negative daily counts, oldest first, and
  ``followers`` equals its last value. Five follower patterns (organic, fast-growing,
  shrinking, and two kinds of planted fakes with bought bursts), ``round(influencers *
  fake_share)`` planted fakes exactly: see :mod:`python_udfs.generators.growth`.
* ``brands_data.csv``: ``brand_id,brand_name,description,target_keywords`` (ids ``BR001``...):
  two or three sentences and 6-10 comma-separated keywords; every niche is covered and about
  30 % of the brands span a second niche.
* ``ground_truth.csv``: ``influencer_id,niche,is_planted_fake,pattern`` (niche = primary niche).

Determinism: every value derives from ``numpy.random.SeedSequence(seed)``; texts, growth and
brands use separate child streams, so ``growth_data.csv`` is byte-identical with and without
``--growth-only``, and the same arguments always give the same bytes. Texts are built from
pre-drawn integer matrices and growth fully vectorised: 100K influencers take a few seconds,
1M growth-only rows well under a minute.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from python_udfs.generators.growth import FAKE_PATTERNS, generate_growth, write_growth
from python_udfs.generators.text_templates import (
    BRAND_NAME_EXTRAS,
    BRAND_PREFIXES,
    BRAND_SUFFIXES,
    BRAND_VERBS,
    CAPTION_TEMPLATES,
    VOCAB,
    Picker,
    bio,
    creator_name,
    fill,
)

# Niche popularity (sums to 1): a realistic imbalance, every niche well represented. The order is
# the niches' order everywhere (random draws index into it).
NICHE_WEIGHTS = {
    "fashion": 0.16,
    "tech": 0.13,
    "fitness": 0.15,
    "beauty": 0.14,
    "food": 0.13,
    "travel": 0.11,
    "parenting": 0.09,
    "wellness": 0.09,
}
NICHES = tuple(NICHE_WEIGHTS)
CROSS_NICHE_SHARE = 0.20  # accounts that also post about a second niche
CROSS_CAPTION_PROB = 0.35  # for those, chance that a given caption is about the second niche
EMPTY_BIO_SHARE = 0.01

BRAND_CROSS_NICHE_SHARE = 0.30

INFLUENCER_COLUMNS = ("influencer_id", "name", "bio", "recent_captions")
BRAND_COLUMNS = ("brand_id", "brand_name", "description", "target_keywords")
GROUND_TRUTH_COLUMNS = ("influencer_id", "niche", "is_planted_fake", "pattern")

_TEXT_CHUNK = 50_000  # rows of pre-drawn integers at a time (memory stays small at any size)
_DRAWS_PER_ROW = 96


if set(VOCAB) != set(NICHES):
    raise ValueError(f"influencers_vocabulary.json niches {sorted(VOCAB)} differ from NICHES {sorted(NICHES)}")


# ------------------------------------------------------------------------------ public API
def influencer_ids(n: int) -> list[str]:
    """``INF000001``..., zero-padded to at least 6 digits (wider for 1M+ so ids sort in row order)."""
    width = max(6, len(str(n)))
    return [f"INF{i:0{width}d}" for i in range(1, n + 1)]


def brand_ids(n: int) -> list[str]:
    width = max(3, len(str(n)))
    return [f"BR{i:0{width}d}" for i in range(1, n + 1)]


@dataclass
class Influencers:
    ids: list[str]
    names: list[str]
    bios: list[str]
    captions: list[str]  # ' | '-joined, 3-5 each
    niche: list[str]  # primary niche (ground_truth.csv)


def generate_influencer_texts(n: int, rng: np.random.Generator) -> Influencers:
    """Names, bios and captions for ``n`` influencers (templates x per-niche vocabularies)."""
    niche_index = rng.choice(len(NICHES), size=n, p=np.asarray([NICHE_WEIGHTS[niche] for niche in NICHES]))
    crosses = rng.random(n) < CROSS_NICHE_SHARE
    # Second niche: any niche but the primary one.
    second_index = (niche_index + rng.integers(1, len(NICHES), n)) % len(NICHES)
    ids = influencer_ids(n)
    names: list[str] = []
    bios: list[str] = []
    captions: list[str] = []
    niches = [NICHES[i] for i in niche_index.tolist()]
    seconds: list[str | None] = [NICHES[s] if c else None for s, c in zip(second_index.tolist(), crosses.tolist())]
    for start in range(0, n, _TEXT_CHUNK):
        stop = min(start + _TEXT_CHUNK, n)
        draws = rng.integers(0, 2**31 - 1, size=(stop - start, _DRAWS_PER_ROW), dtype=np.int64).tolist()
        for offset, row in enumerate(draws):
            i = start + offset
            picker = Picker(row)
            primary = VOCAB[niches[i]]
            secondary = VOCAB[seconds[i]] if seconds[i] else None
            name, handle = creator_name(picker, primary)
            names.append(name)
            bios.append("" if picker.chance(EMPTY_BIO_SHARE) else bio(picker, primary, secondary, handle))
            n_captions = 3 + picker.below(3)
            parts = []
            for _ in range(n_captions):
                vocab = secondary if secondary is not None and picker.chance(CROSS_CAPTION_PROB) else primary
                parts.append(fill(picker.pick(CAPTION_TEMPLATES), picker, vocab, handle))
            captions.append(" | ".join(parts))
    return Influencers(ids=ids, names=names, bios=bios, captions=captions, niche=niches)


@dataclass
class Brands:
    ids: list[str]
    names: list[str]
    descriptions: list[str]
    keywords: list[str]


def generate_brands(n: int, rng: np.random.Generator) -> Brands:
    """``n`` brands covering every niche (round-robin over a shuffled niche order), ~30 % cross-niche."""
    order = rng.permutation(len(NICHES))
    niche_index = order[np.arange(n) % len(NICHES)]
    crosses = rng.random(n) < BRAND_CROSS_NICHE_SHARE
    second_index = (niche_index + rng.integers(1, len(NICHES), n)) % len(NICHES)
    draws = rng.integers(0, 2**31 - 1, size=(n, 48), dtype=np.int64).tolist()
    names, descriptions, keywords = [], [], []
    used: set[str] = set()
    for i in range(n):
        picker = Picker(draws[i])
        niche = NICHES[int(niche_index[i])]
        second = NICHES[int(second_index[i])] if crosses[i] else None
        vocab, other = VOCAB[niche], (VOCAB[second] if second else None)
        name = picker.pick(BRAND_PREFIXES) + picker.pick(BRAND_SUFFIXES)
        if name in used:
            name = f"{name} {picker.pick(BRAND_NAME_EXTRAS)}"
        suffix = 2
        base = name
        while name in used:
            name, suffix = f"{base} {suffix}", suffix + 1
        used.add(name)
        sentences = [
            f"{name} {picker.pick(BRAND_VERBS)} {picker.pick(vocab.products)} for {picker.pick(vocab.audiences)}."
        ]
        if other is not None:
            sentences.append(
                f"Its newest range brings {picker.pick(other.products)} to {picker.pick(other.audiences)}."
            )
        sentences.append(picker.pick(vocab.claims))
        if other is None and picker.chance(0.5):
            sentences.append(f"It works with creators who post about {picker.pick(vocab.topics)}.")
        words = picker.sample(vocab.keywords, 6 + picker.below(3))
        if other is not None:
            words += [w for w in picker.sample(other.keywords, 2 + picker.below(2)) if w not in words]
        names.append(name)
        descriptions.append(" ".join(sentences))
        keywords.append(", ".join(words))
    return Brands(ids=brand_ids(n), names=names, descriptions=descriptions, keywords=keywords)


def generate(
    out: Path | str,
    influencers: int,
    brands: int = 100,
    seed: int = 42,
    fake_share: float = 0.05,
    growth_only: bool = False,
) -> dict[str, Path]:
    """Write the input files for ``influencers`` influencers and ``brands`` brands into ``out``.

    Returns the paths written, by file stem.
    """
    if influencers < 1:
        raise ValueError(f"need at least one influencer, got {influencers}")
    if brands < 0:
        raise ValueError(f"brands must be >= 0, got {brands}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    text_seq, growth_seq, brand_seq = np.random.SeedSequence(seed).spawn(3)
    written: dict[str, Path] = {}

    growth = generate_growth(influencers, np.random.default_rng(growth_seq), fake_share)
    ids = influencer_ids(influencers)
    written["growth_data"] = write_growth(out / "growth_data.csv", ids, growth)
    if growth_only:
        return written

    people = generate_influencer_texts(influencers, np.random.default_rng(text_seq))
    written["influencers_data"] = _write_csv(
        out / "influencers_data.csv", INFLUENCER_COLUMNS, zip(ids, people.names, people.bios, people.captions)
    )
    shops = generate_brands(brands, np.random.default_rng(brand_seq))
    written["brands_data"] = _write_csv(
        out / "brands_data.csv", BRAND_COLUMNS, zip(shops.ids, shops.names, shops.descriptions, shops.keywords)
    )
    fake_flags = ["true" if p in FAKE_PATTERNS else "false" for p in growth.pattern.tolist()]
    written["ground_truth"] = _write_csv(
        out / "ground_truth.csv", GROUND_TRUTH_COLUMNS, zip(ids, people.niche, fake_flags, growth.pattern.tolist())
    )
    return written


def _write_csv(path: Path, header, rows) -> Path:
    tmp = path.with_suffix(".csv.tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    tmp.replace(path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m python_udfs.generators.influencers",
        description="Write synthetic influencers_data.csv, growth_data.csv, brands_data.csv and "
        "ground_truth.csv (seed contracts) into a folder.",
    )
    parser.add_argument("--influencers", type=int, required=True, help="number of influencers")
    parser.add_argument("--brands", type=int, default=100, help="number of brands (default 100)")
    parser.add_argument("--out", type=Path, required=True, help="output folder (created if missing)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument(
        "--fake-share", type=float, default=0.05, help="share of planted fake-follower accounts (default 0.05)"
    )
    parser.add_argument("--growth-only", action="store_true", help="write growth_data.csv only")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    written = generate(args.out, args.influencers, args.brands, args.seed, args.fake_share, args.growth_only)
    elapsed = time.perf_counter() - started
    for path in written.values():
        print(path)
    print(
        f"{args.influencers} influencers, {0 if args.growth_only else args.brands} brands in {elapsed:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
