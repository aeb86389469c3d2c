"""Copies of the bundled input CSVs (seeds/) for a test to edit and point input_dir at."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path

from pytests.support.paths import SEEDS_DIR

BUNDLED_INPUTS = ("influencers_data", "growth_data", "brands_data")


def copy_bundled_inputs(folder: Path) -> Path:
    """``folder`` (created if missing) holding a copy of each bundled input CSV."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name in BUNDLED_INPUTS:
        shutil.copy(SEEDS_DIR / f"{name}.csv", folder / f"{name}.csv")
    return folder


def edit_csv(path: Path, edit: Callable[[list[dict[str, str]]], list[dict[str, str]]]) -> None:
    """Rewrite the CSV at ``path`` with the rows ``edit`` returns (same columns, ``\\n`` line ends)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = list(reader.fieldnames or []), list(reader)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(edit(rows))
    path.write_text(buffer.getvalue(), encoding="utf-8")
