"""Seeded, deterministic generator of a synthetic TikTok profile export.

Usage::

    python -m python_udfs.generators.tiktok_profiles --rows 240 --seed 7 \\
        --out data/tiktok_profiles_sample.csv

The file reproduces the quirks of the real export (18 columns, in this order):
``timestamp, account_id, nickname, biography, awg_engagement_rate,
comment_engagement_rate, like_engagement_rate, bio_link, is_verified,
followers, following, likes, videos_count, create_time, id, top_videos, url,
profile_pic_url``.

* every field double-quoted (``csv.QUOTE_ALL``), rows end with ``\\n``, UTF-8;
* missing values are the string ``null`` (``biography``, ``bio_link``, some
  engagement rates, a few ``following`` and ``profile_pic_url``);
* booleans are ``true`` / ``false``; ``create_time`` is empty for every row;
* biographies: emoji (skin tones, ZWJ sequences, flags), several scripts
  (English, Spanish, Portuguese, Japanese, Korean, Arabic, Russian, Hindi,
  French, Indonesian, Turkish), embedded newlines, commas and double quotes;
* ``top_videos``: comma-joined video URLs inside the one quoted field;
* ``id``: 19-digit integers above 2**53 (never write them through a float);
* engagement rates are ratios per follower: ``like_engagement_rate`` = average
  likes per recent video / followers, ``comment_engagement_rate`` likewise for
  comments, ``awg_engagement_rate`` = (likes + comments + shares) per video /
  followers; tiny accounts exceed 1;
* ``timestamp``: scrape time, ISO-8601 UTC with milliseconds
  (``2024-03-14T09:21:33.512Z``).

Accounts are drawn by archetype (:mod:`python_udfs.generators.tiktok_accounts`).

On top of the clean accounts the file holds ``DUPLICATES`` (6) re-scrapes of
existing accounts (same account_id/id, a later ``timestamp``, slightly higher
counts and jittered rates) and ``len(BAD_ROW_KINDS)`` (5) bad rows that
ingestion must reject: 2 with ``followers`` = ``null``, 2 with negative
``likes``, 1 with ``account_id`` = ``null``. Rows are shuffled, so an older
duplicate may come before or after the newer one. ``--rows 240`` writes
240 + 6 + 5 = 251 data rows.

Everything derives from one ``numpy.random.default_rng(seed)``: the same
arguments always give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import io
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from python_udfs.generators.tiktok_accounts import ARCHETYPES, NULL, choice, export_record, new_account, rescrape

COLUMNS = [
    "timestamp",
    "account_id",
    "nickname",
    "biography",
    "awg_engagement_rate",
    "comment_engagement_rate",
    "like_engagement_rate",
    "bio_link",
    "is_verified",
    "followers",
    "following",
    "likes",
    "videos_count",
    "create_time",
    "id",
    "top_videos",
    "url",
    "profile_pic_url",
]
DUPLICATES = 6
BAD_ROW_KINDS = ["null_followers", "null_followers", "negative_likes", "negative_likes", "null_account_id"]
CELEBRITIES = (5, 8)  # inclusive range for the number of celebrity accounts


def generate_records(rows: int = 240, seed: int = 7) -> list[list[str]]:
    """All data rows (without header) as lists of 18 strings, already shuffled."""
    return [record for _, record in generate_labelled_records(rows=rows, seed=seed)]


def generate_labelled_records(rows: int = 240, seed: int = 7) -> list[tuple[str, list[str]]]:
    """Like ``generate_records``, each row paired with its ground-truth label.

    Labels: the archetype (``nano``, ``micro``, ``mainstream``, ``prolific``,
    ``verified``, ``celebrity``) for clean accounts, ``duplicate:<archetype>`` for a
    later re-scrape, and the bad-row kind (``null_followers``, ``negative_likes``,
    ``null_account_id``) for rows ingestion must reject.
    """
    if rows < 20:
        raise ValueError("rows must be at least 20 (celebrities, duplicates, bad rows)")
    rng = np.random.default_rng(seed)
    taken: set[str] = set()

    n_celebrities = int(rng.integers(CELEBRITIES[0], CELEBRITIES[1] + 1))
    rest = rows - n_celebrities
    counts = {name: round(rest * p["share"]) for name, p in ARCHETYPES.items() if p["share"] is not None}
    counts["verified"] = rest - sum(counts.values())
    counts["celebrity"] = n_celebrities

    accounts: list[dict] = []
    for archetype in ["nano", "micro", "mainstream", "prolific", "verified", "celebrity"]:
        accounts.extend(new_account(rng, archetype, taken) for _ in range(counts[archetype]))

    # Guarantee the quirks even for unlucky seeds.
    if not any(a["archetype"] == "nano" and a["like"] > 1 and not a["null_rates"] for a in accounts):
        tiny = next(a for a in accounts if a["archetype"] == "nano" and not a["null_rates"])
        tiny["followers"] = int(rng.integers(40, 400))
        tiny["like"] = 1.0 + rng.uniform(0.05, 1.5)
        tiny["comment"] = tiny["like"] * 0.02
        tiny["awg"] = tiny["like"] + tiny["comment"] + tiny["like"] * 0.03
    multiline = [a for a in accounts if "\n" in a["biography"]]
    if not multiline:
        accounts[0]["biography"] = "line one ✨\nline two 🔥"

    # Duplicates: re-scrapes of existing clean accounts (never of bad rows).
    picks = rng.choice(len(accounts), size=DUPLICATES, replace=False)
    duplicates = [rescrape(rng, accounts[int(i)]) for i in sorted(picks)]

    # Bad rows: fresh small/medium accounts, then broken.
    bad: list[dict] = []
    for kind in BAD_ROW_KINDS:
        acc = new_account(rng, str(choice(rng, ["nano", "micro", "mainstream"])), taken)
        if kind == "null_followers":
            acc["followers"] = None
        elif kind == "negative_likes":
            acc["likes"] = -acc["likes"] if rng.random() < 0.5 else -1
        elif kind == "null_account_id":
            acc["account_id"] = NULL
        bad.append(acc)

    labelled = (
        [(a["archetype"], export_record(a)) for a in accounts]
        + [(f"duplicate:{a['archetype']}", export_record(a)) for a in duplicates]
        + [(kind, export_record(a)) for kind, a in zip(BAD_ROW_KINDS, bad)]
    )
    order = rng.permutation(len(labelled))
    return [labelled[int(i)] for i in order]


def render_csv(records: Sequence[Sequence[str]]) -> str:
    """The export text: header plus rows, every field quoted, ``\\n`` line endings."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(records)
    return buffer.getvalue()


def write_csv(path: str | Path, rows: int = 240, seed: int = 7) -> Path:
    """Generate and write the export to ``path`` (UTF-8, parents created)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = render_csv(generate_records(rows=rows, seed=seed))
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rows", type=int, default=240, help="distinct clean accounts; 6 duplicates and 5 bad rows are added"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", default="data/tiktok_profiles_sample.csv")
    args = parser.parse_args(argv)
    path = write_csv(args.out, rows=args.rows, seed=args.seed)
    n = args.rows + DUPLICATES + len(BAD_ROW_KINDS)
    print(f"wrote {n} rows to {path}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
