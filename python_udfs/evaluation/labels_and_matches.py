"""Measure niche labels and brand matches against labelled data: ``make eval`` or
``python -m python_udfs.evaluation.labels_and_matches <labelled folder> [--briefs <folder>] [--report eval/report.md]``.

The labelled folder holds ``influencers_data.csv`` (the seed contract) and ``labels.csv``
(``influencer_id, category``); the optional brief folder holds ``brands_data.csv`` (the seed
contract) and ``brand_categories.csv`` (``brand_id, category``). The real pipeline runs on them:
``dbt build`` of the niche and brand-matching models with ``input_dir`` pointing at a throwaway
folder that holds the creators, the briefs and an empty growth file (no fake-follower data), into
a throwaway database. Then it prints:

* per-creator labels (``niche_classification.predicted_label``): accuracy, ARI and NMI against the
  categories; the share labelled (not ``uncertain``) and the accuracy among them;
* the k-means niches (``cluster_id``): ARI and NMI; the accuracy of their names (``cluster_label``);
* the coverage table: for each share of creators (50 %, 60 %, ... 100 %), the confidence
  threshold (a ``niche_label_min_confidence``) that labels at least that share, the share it
  really labels (ties at the threshold are all labelled) and the accuracy among them;
* per brief: precision@10, the share of its top 10 (``brand_influencer_matches``) in the brief's
  category, and the bands those 10 got;
* unless ``--skip-demo``: the bundled demo's niche table (a second build on the bundled seeds).

Not a pass/fail test: a measurement. Differences under ~0.03 are noise on a few hundred creators.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import duckdb
import yaml
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from python_udfs.core.sentence_models import DEFAULT_MODEL, MODELS
from python_udfs.evaluation.label_examples import FOLDS, cross_validated_rows, with_example_creators

PROJECT_DIR = Path(__file__).resolve().parents[2]
PRECISION_AT = 10
# Shares of creators for the coverage table: the precision among the most confident 50 %, 60 %, ...
COVERAGE_SHARES = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)

# Category names of labelled sets -> the taxonomy label that means the same niche.
CATEGORY_TO_LABEL = {"family": "parenting", "interior": "home & interior", "pet": "pets"}
GROWTH_HEADER = "influencer_id,followers,avg_likes,avg_comments,follower_history\n"
BRANDS_HEADER = "brand_id,brand_name,description,target_keywords\n"


def build(
    database: Path,
    work_dir: Path,
    encoder: dict[str, str],
    select: list[str],
    input_dir: Path | None,
    examples: Path | None = None,
) -> None:
    """``dbt build`` (seeds and models only) of ``select`` into ``database`` on the ci target,
    with the niche examples file ``examples`` when given (var niche_examples_path). ``encoder``
    holds the vars embedding_model and embedding_backend."""
    dbt = Path(sys.executable).with_name("dbt")
    env = {**os.environ, "INFLUENCER_CI_DUCKDB_PATH": str(database), "DBT_PROFILES_DIR": str(PROJECT_DIR)}
    variables = dict(encoder)
    if input_dir is not None:
        variables["input_dir"] = str(input_dir)
    if examples is not None:
        variables["niche_examples_path"] = str(examples)
    command = [str(dbt), "build", "--target", "ci", "--select", *select]
    command += ["--resource-type", "seed", "--resource-type", "model", "--vars", json.dumps(variables)]
    command += ["--target-path", str(work_dir / "target"), "--log-path", str(work_dir / "logs")]
    subprocess.run(command, cwd=PROJECT_DIR, env=env, check=True)


def prepare_inputs(labelled: Path, briefs: Path | None, folder: Path) -> Path:
    """A folder in the project's input contract: the creators, the briefs (or none), no growth data."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(labelled / "influencers_data.csv", folder / "influencers_data.csv")
    if briefs is not None:
        shutil.copy(briefs / "brands_data.csv", folder / "brands_data.csv")
    else:
        (folder / "brands_data.csv").write_text(BRANDS_HEADER, encoding="utf-8")
    (folder / "growth_data.csv").write_text(GROWTH_HEADER, encoding="utf-8")
    return folder


def read_mapping(path: Path, key: str) -> dict[str, str]:
    with path.open(newline="", encoding="utf-8") as handle:
        return {row[key]: row["category"] for row in csv.DictReader(handle)}


def project_var(name: str) -> object:
    """A var's value in force (dbt_project.yml), so the figures say which threshold they used."""
    with (PROJECT_DIR / "dbt_project.yml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)["vars"][name]


def as_label(category: str) -> str:
    return CATEGORY_TO_LABEL.get(category, category)


def classified(database: Path) -> list[tuple]:
    """niche_classification's rows: id, cluster, cluster name, label before the threshold,
    uncertain, confidence."""
    with duckdb.connect(str(database), read_only=True) as con:
        return con.sql(
            "select influencer_id, cluster_id, cluster_label, predicted_label, is_label_uncertain, label_confidence "
            "from main.niche_classification order by influencer_id"
        ).fetchall()


def measure_labels(database: Path | list[tuple], labels: dict[str, str]) -> dict[str, float]:
    """The label figures over the creators of ``labels`` (a database, or :func:`classified` rows)."""
    rows = classified(database) if isinstance(database, Path) else database
    rows = [row for row in rows if row[0] in labels]
    if not rows:
        raise SystemExit("no labelled influencer is in niche_classification")
    truth = [as_label(labels[row[0]]) for row in rows]
    best = [row[3] for row in rows]
    clusters = [row[1] for row in rows]
    right = [t == b for t, b in zip(truth, best)]
    labelled = [r for r, row in zip(right, rows) if not row[4]]
    return {
        "influencers": len(rows),
        "label_accuracy": sum(right) / len(rows),
        "label_ari": adjusted_rand_score(truth, best),
        "label_nmi": normalized_mutual_info_score(truth, best),
        "labelled_share": len(labelled) / len(rows),
        "labelled_precision": sum(labelled) / len(labelled) if labelled else float("nan"),
        "cluster_ari": adjusted_rand_score(truth, clusters),
        "cluster_nmi": normalized_mutual_info_score(truth, clusters),
        "cluster_name_accuracy": sum(t == row[2] for t, row in zip(truth, rows)) / len(rows),
        "coverage": precision_at_coverage(right, [row[5] for row in rows], COVERAGE_SHARES),
    }


def precision_at_coverage(right: list[bool], confidence: list[float], shares: tuple[float, ...]) -> list[dict]:
    """Per share ``s``: the highest confidence threshold that labels at least ``s`` of the creators
    (a creator is labelled when its confidence is at least the threshold, as with
    ``niche_label_min_confidence``), the share it labels and the accuracy among those labelled.

    ``right[i]``: creator ``i``'s best label is its true category. Ties at the threshold are all
    labelled, so the share labelled can exceed ``s``. A creator without usable text has confidence
    0, so it counts as labelled only in a row whose threshold is 0 (the pipeline always marks it
    uncertain): that row is the accuracy over everyone.
    """
    if len(right) != len(confidence) or not right:
        raise ValueError(f"need one confidence per creator, got {len(confidence)} for {len(right)}")
    ranked = sorted(confidence, reverse=True)
    out = []
    for share in shares:
        if not 0 < share <= 1:
            raise ValueError(f"a share must be in (0, 1], got {share}")
        # The ceil(s x n)-th highest confidence; - 1e-9 so that 0.6 x 10 = 6.000000000000001 is 6.
        threshold = ranked[max(1, math.ceil(share * len(ranked) - 1e-9)) - 1]
        labelled = [r for r, c in zip(right, confidence) if c >= threshold]
        out.append(
            {
                "share": share,
                "threshold": threshold,
                "labelled_share": len(labelled) / len(right),
                "precision": sum(labelled) / len(labelled),
            }
        )
    return out


BANDS = ("Excellent", "Good", "Moderate", "Weak")


def measure_briefs(database: Path, categories: dict[str, str], labels: dict[str, str]) -> list[dict]:
    with duckdb.connect(str(database), read_only=True) as con:
        rows = con.sql(
            f"select brand_id, influencer_id, match_quality from main.brand_influencer_matches "
            f"where match_rank <= {PRECISION_AT} order by brand_id, match_rank"
        ).fetchall()
    out = []
    for brand_id in sorted(categories):
        top = [(i, q) for b, i, q in rows if b == brand_id]
        hits = sum(labels.get(i) == categories[brand_id] for i, _ in top)
        bands = Counter(q for _, q in top)
        out.append(
            {
                "brand_id": brand_id,
                "category": categories[brand_id],
                "precision": hits / PRECISION_AT,
                "bands": ", ".join(f"{band} {bands[band]}" for band in BANDS),
                "band_hits": {
                    band: sum(labels.get(i) == categories[brand_id] for i, q in top if q == band) for band in BANDS
                },
                "band_counts": dict(bands),
            }
        )
    return out


def band_precision_lines(briefs: list[dict]) -> list[str]:
    """Each match band's precision over every brief's top matches: the share in the brief's category."""
    lines = ["", f"| match band | matches in the top {PRECISION_AT}s | precision |", "|---|---|---|"]
    for band in BANDS:
        n = sum(b["band_counts"].get(band, 0) for b in briefs)
        hits = sum(b["band_hits"][band] for b in briefs)
        lines.append(f"| {band} | {n} | {hits / n:.3f} |" if n else f"| {band} | 0 | - |")
    return lines


def demo_niche_table(database: Path) -> list[str]:
    with duckdb.connect(str(database), read_only=True) as con:
        summary = con.sql(
            "select cluster_id, niche_label, niche_keywords, influencer_count, label_mix "
            "from main.niche_summary order by cluster_id"
        ).fetchall()
        labels = con.sql(
            "select niche_label, count(*), string_agg(influencer_id, ' ' order by influencer_id) "
            "from main.niche_classification group by niche_label order by niche_label"
        ).fetchall()
    lines = ["| cluster | discovered niche | keywords | creators | labels of its creators |", "|---|---|---|---|---|"]
    lines += [f"| {c} | {name} | {kw} | {n} | {mix} |" for c, name, kw, n, mix in summary]
    lines += ["", "| creator label | creators | ids |", "|---|---|---|"]
    lines += [f"| {label} | {n} | {ids} |" for label, n, ids in labels]
    return lines


def report_lines(
    title: str, figures: dict, briefs: list[dict] | None, threshold_var: str = "niche_label_min_confidence"
) -> list[str]:
    threshold = project_var(threshold_var)
    f = figures
    lines = [
        title,
        "",
        "| influencers | label accuracy | label ARI | label NMI | k-means ARI | k-means NMI | cluster-name accuracy |",
        "|---|---|---|---|---|---|---|",
        f"| {f['influencers']} | {f['label_accuracy']:.3f} | {f['label_ari']:.3f} | {f['label_nmi']:.3f} "
        f"| {f['cluster_ari']:.3f} | {f['cluster_nmi']:.3f} | {f['cluster_name_accuracy']:.3f} |",
        "",
        f"Confidence threshold ({threshold_var}) {threshold}: labelled {f['labelled_share']:.1%} "
        f"of creators, precision among them {f['labelled_precision']:.3f}.",
        "",
        "| most confident share | confidence threshold | labelled | precision among them |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {c['share']:.0%} | {c['threshold']:.4f} | {c['labelled_share']:.1%} | {c['precision']:.3f} |"
        for c in f["coverage"]
    ]
    if briefs:
        mean = sum(b["precision"] for b in briefs) / len(briefs)
        lines += [
            "",
            f"| brief | category | precision@{PRECISION_AT} | bands of the top {PRECISION_AT} |",
            "|---|---|---|---|",
        ]
        lines += [f"| {b['brand_id']} | {b['category']} | {b['precision']:.1f} | {b['bands']} |" for b in briefs]
        lines += ["", f"Mean precision@{PRECISION_AT} {mean:.3f}, lowest {min(b['precision'] for b in briefs):.1f}."]
        lines += band_precision_lines(briefs)
    return lines


# What a new examples file changes, up to niche_classification (int_settings_resolved: the var).
EXAMPLES_SELECTION = ["int_settings_resolved", "base_examples__niche_labels+,+niche_classification"]


def built_rows(work: Path, encoder: dict[str, str], inputs: Path, examples: Path) -> list[tuple]:
    """niche_classification after a build with these examples, on the database of the zero-shot
    build (its embeddings and niches stay)."""
    build(work / "eval.duckdb", work, encoder, EXAMPLES_SELECTION, inputs, examples)
    return classified(work / "eval.duckdb")


def examples_from_folder(
    examples_dir: Path, folder: Path, briefs: Path | None, work: Path, encoder: dict[str, str], labels: dict[str, str]
) -> list[str]:
    """The figures on ``folder`` with ``examples_dir``'s labelled creators as the examples."""
    inputs = prepare_inputs(folder, briefs, work / "inputs_with_examples")
    example_labels = {i: as_label(c) for i, c in read_mapping(examples_dir / "labels.csv", "influencer_id").items()}
    examples = with_example_creators(inputs, examples_dir, example_labels, work)
    select = ["+niche_classification"] + (["+brand_influencer_matches"] if briefs else [])
    build(work / "with_examples.duckdb", work, encoder, select, inputs, examples)
    figures = measure_labels(work / "with_examples.duckdb", labels)
    brief_figures = None
    if briefs:
        categories = read_mapping(briefs / "brand_categories.csv", "brand_id")
        brief_figures = measure_briefs(work / "with_examples.duckdb", categories, labels)
    title = f"## With niche examples from {examples_dir.name}, scored on {folder.name} ({', '.join(encoder.values())})"
    return [""] + report_lines(title, figures, brief_figures, "niche_example_min_confidence")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="labelled creators: influencers_data.csv + labels.csv")
    parser.add_argument("--briefs", type=Path, help="briefs: brands_data.csv + brand_categories.csv")
    parser.add_argument("--model", default=DEFAULT_MODEL, choices=list(MODELS), help="the var embedding_model")
    parser.add_argument("--backend", default="sentence_transformers", help="the var embedding_backend")
    parser.add_argument("--skip-demo", action="store_true", help="do not build the bundled demo")
    parser.add_argument("--folds", type=int, default=FOLDS, help="cross-validation folds of the examples; 0 = none")
    parser.add_argument(
        "--examples", type=Path, help="labelled creators (influencers_data.csv + labels.csv) to learn from"
    )
    parser.add_argument("--report", type=Path, help="also write the figures as markdown here")
    args = parser.parse_args(argv)
    folder = args.folder.resolve()
    encoder = {"embedding_model": args.model, "embedding_backend": args.backend}
    shown = f"{args.model}, {args.backend}"
    briefs = args.briefs.resolve() if args.briefs else None
    with tempfile.TemporaryDirectory(prefix="niche-eval-") as tmp:
        work = Path(tmp)
        inputs = prepare_inputs(folder, briefs, work / "inputs")
        select = ["+niche_classification", "+niche_summary"] + (["+brand_influencer_matches"] if briefs else [])
        started = time.perf_counter()
        build(work / "eval.duckdb", work, encoder, select, inputs)
        seconds = time.perf_counter() - started
        labels = read_mapping(folder / "labels.csv", "influencer_id")
        figures = measure_labels(work / "eval.duckdb", labels)
        brief_figures = None
        if briefs:
            categories = read_mapping(briefs / "brand_categories.csv", "brand_id")
            brief_figures = measure_briefs(work / "eval.duckdb", categories, labels)
        lines = report_lines(f"# Niche labels and brand matches on {folder.name} ({shown})", figures, brief_figures)
        lines += ["", f"First build, embeddings included: {seconds:.0f} s on this machine ({shown})."]
        taxonomy_labels = {i: as_label(category) for i, category in labels.items()}
        if args.folds:
            rows = cross_validated_rows(
                taxonomy_labels, work, lambda examples: built_rows(work, encoder, inputs, examples), args.folds
            )
            title = f"## With niche examples: {args.folds}-fold cross-validation on {folder.name} ({shown})"
            lines += [""] + report_lines(title, measure_labels(rows, labels), None, "niche_example_min_confidence")
        if args.examples:
            lines += examples_from_folder(args.examples.resolve(), folder, briefs, work, encoder, labels)
        if not args.skip_demo:
            build(work / "demo.duckdb", work, encoder, ["+niche_classification", "+niche_summary"], None)
            lines += ["", "## Bundled demo: discovered niches and creator labels", ""] + demo_niche_table(
                work / "demo.duckdb"
            )
    print("\n".join(lines))
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
