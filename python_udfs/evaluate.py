"""Measure the niche classification against labelled data: ``make eval`` or
``python -m python_udfs.evaluate <folder> [--report eval/report.md]``.

The folder holds ``influencers_data.csv`` (the seed contract) and ``labels.csv``
(``influencer_id, category``). The real pipeline runs on it (``dbt build --select
+niche_classification`` with ``input_dir`` pointing at the folder, into a throwaway database);
then ARI and NMI of the clusters against the categories, and the share of influencers whose
``niche_label`` is their category, are printed. Not a pass/fail test: a measurement.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

PROJECT_DIR = Path(__file__).resolve().parent.parent

# Category names of labelled sets -> the taxonomy label that means the same niche.
CATEGORY_TO_LABEL = {"family": "parenting", "interior": "home & interior", "pet": "pets"}


def build_niches(folder: Path, database: Path, work_dir: Path, backend: str) -> None:
    dbt = Path(sys.executable).with_name("dbt")
    env = {**os.environ, "INFLUENCER_CI_DUCKDB_PATH": str(database), "DBT_PROFILES_DIR": str(PROJECT_DIR)}
    command = [
        str(dbt),
        "build",
        "--target",
        "ci",
        "--select",
        "+niche_classification",
        "--resource-type",
        "seed",
        "--resource-type",
        "model",
        "--vars",
        f'{{"input_dir": "{folder}", "embedding_backend": "{backend}"}}',
        "--target-path",
        str(work_dir / "target"),
        "--log-path",
        str(work_dir / "logs"),
    ]
    subprocess.run(command, cwd=PROJECT_DIR, env=env, check=True)


def read_labels(folder: Path) -> dict[str, str]:
    with (folder / "labels.csv").open(newline="", encoding="utf-8") as handle:
        return {row["influencer_id"]: row["category"] for row in csv.DictReader(handle)}


def measure(database: Path, labels: dict[str, str]) -> dict[str, float]:
    with duckdb.connect(str(database), read_only=True) as con:
        rows = con.sql(
            "select influencer_id, cluster_id, niche_label from main.niche_classification order by influencer_id"
        ).fetchall()
    rows = [row for row in rows if row[0] in labels]
    truth = [labels[influencer_id] for influencer_id, _, _ in rows]
    clusters = [cluster_id for _, cluster_id, _ in rows]
    named_right = sum(
        CATEGORY_TO_LABEL.get(category, category) == niche_label for category, (_, _, niche_label) in zip(truth, rows)
    )
    return {
        "influencers": len(rows),
        "ari": adjusted_rand_score(truth, clusters),
        "nmi": normalized_mutual_info_score(truth, clusters),
        "label_accuracy": named_right / len(rows) if rows else float("nan"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--backend", default="sentence_transformers")
    parser.add_argument("--report", type=Path, help="also write the figures as markdown here")
    args = parser.parse_args(argv)
    folder = args.folder.resolve()
    with tempfile.TemporaryDirectory(prefix="niche-eval-") as tmp:
        database = Path(tmp) / "eval.duckdb"
        build_niches(folder, database, Path(tmp), args.backend)
        figures = measure(database, read_labels(folder))
    lines = [
        f"# Niche classification on {folder.name} ({args.backend})",
        "",
        "| influencers | ARI | NMI | niche_label = true category |",
        "|---|---|---|---|",
        f"| {figures['influencers']} | {figures['ari']:.3f} | {figures['nmi']:.3f} | {figures['label_accuracy']:.1%} |",
    ]
    print("\n".join(lines))
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
