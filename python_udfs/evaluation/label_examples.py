"""Niche labels learnt from examples, measured honestly (issue 34; ``make eval``).

Two ways, both through the real pipeline (``dbt build`` with var niche_examples_path):

* **cross-validation** on one labelled folder: its creators in 5 stratified folds; each fold is
  scored by a build whose examples are the other four folds' creators, so no creator is scored
  by a model that saw its label. The held-out rows of the five builds make the figures.
* **another folder's examples**: the creators of an examples folder (ids prefixed ``example:``
  so they cannot collide) are added to the build's creators and given as examples; only the
  evaluated folder's creators are measured. This is how the figures are also checked on
  held-out creators.

The folds are seeded (``FOLD_SEED``), so the figures are the same run to run.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from sklearn.model_selection import StratifiedKFold

FOLDS = 5
FOLD_SEED = 42
EXAMPLE_ID_PREFIX = "example:"
EXAMPLES_HEADER = ["influencer_id", "niche_label"]


def write_examples(path: Path, examples: dict[str, str]) -> Path:
    """An examples file in the niche_examples contract (influencer_id, niche_label), by id."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(EXAMPLES_HEADER)
        writer.writerows(sorted(examples.items()))
    return path


def folds_of(labels: dict[str, str], folds: int = FOLDS) -> list[list[str]]:
    """The creators of ``labels`` in ``folds`` stratified, seeded folds (ids sorted in each)."""
    ids = sorted(labels)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=FOLD_SEED)
    return [sorted(ids[i] for i in held_out) for _, held_out in splitter.split(ids, [labels[i] for i in ids])]


def cross_validated_rows(
    labels: dict[str, str], work: Path, build_with: Callable[[Path], list[tuple]], folds: int = FOLDS
) -> list[tuple]:
    """niche_classification rows of every creator, each from the build that did not see its label.

    ``labels``: creator id -> taxonomy label. ``build_with(examples_file)`` builds the pipeline
    with those examples and returns its niche_classification rows (first column the id).
    """
    rows: list[tuple] = []
    for held_out in folds_of(labels, folds):
        kept = set(held_out)
        # One path for every fold: the same vars each build, so dbt parses the project once.
        examples = write_examples(work / "examples_cv.csv", {i: label for i, label in labels.items() if i not in kept})
        rows += [row for row in build_with(examples) if row[0] in kept]
    return sorted(rows)


def with_example_creators(inputs: Path, examples_dir: Path, example_labels: dict[str, str], work: Path) -> Path:
    """Add the examples folder's creators to ``inputs``/influencers_data.csv (ids prefixed) and
    write their labels as the examples file; returns its path."""
    target = inputs / "influencers_data.csv"
    with target.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    with (examples_dir / "influencers_data.csv").open(newline="", encoding="utf-8") as handle:
        extra = list(csv.reader(handle))
    header, key = extra[0], extra[0].index("influencer_id")
    if header != rows[0]:
        raise SystemExit(f"{examples_dir}/influencers_data.csv has columns {header}, the evaluated folder {rows[0]}")
    added = [
        [EXAMPLE_ID_PREFIX + value if column == key else value for column, value in enumerate(row)] for row in extra[1:]
    ]
    with target.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows + added)
    return write_examples(
        work / "examples_from_folder.csv", {EXAMPLE_ID_PREFIX + i: label for i, label in example_labels.items()}
    )
