"""``python -m python_udfs.evaluation.labels_and_matches`` on a small constructed labelled folder and brief set: it runs
the real dbt pipeline and prints every figure the issue asks for."""

from __future__ import annotations

import csv
import random
import re
import subprocess
import sys

import pytest

from pytests.support.paths import PROJECT_DIR

# niche's phrases, so a working pipeline labels nearly all of them right.
PHRASES = {
    "fitness": [
        "leg day squats and deadlifts",
        "gym workout for strength",
        "morning run and HIIT training",
        "protein after my weightlifting session",
        "new personal record on the bench press",
    ],
    "food": [
        "homemade pasta recipe for dinner",
        "baking sourdough bread at home",
        "easy weeknight cooking",
        "the best street food tacos",
        "chocolate cake dessert recipe",
    ],
    "travel": [
        "flights booked for a trip to Lisbon",
        "hotel review and beach holiday",
        "backpacking through the mountains",
        "road trip itinerary across Spain",
        "exploring a new city destination",
    ],
}
BRIEFS = {
    "fitness": ("Liftgear", "Gym apparel and strength training equipment.", "gym, workout, strength"),
    "food": ("Panforte", "Cookware and ingredients for home cooks.", "recipes, cooking, baking"),
    "travel": ("Farway", "A booking app for flights and hotels.", "travel, hotels, flights"),
}


def write_csv(path, header, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


@pytest.fixture(scope="module")
def labelled(tmp_path_factory):
    rng = random.Random(7)
    folder = tmp_path_factory.mktemp("labelled")
    creators, labels = [], []
    for n in range(24):
        category = sorted(PHRASES)[n % 3]
        captions = " | ".join(rng.sample(PHRASES[category], 3))
        creators.append((f"T{n:03d}", f"creator {n}", "", captions))
        labels.append((f"T{n:03d}", category))
    write_csv(folder / "influencers_data.csv", ["influencer_id", "name", "bio", "recent_captions"], creators)
    write_csv(folder / "labels.csv", ["influencer_id", "category"], labels)
    briefs = tmp_path_factory.mktemp("briefs")
    ids = {category: f"BB{i}" for i, category in enumerate(sorted(BRIEFS))}
    write_csv(
        briefs / "brands_data.csv",
        ["brand_id", "brand_name", "description", "target_keywords"],
        [(ids[c], *BRIEFS[c]) for c in sorted(BRIEFS)],
    )
    write_csv(briefs / "brand_categories.csv", ["brand_id", "category"], [(ids[c], c) for c in sorted(BRIEFS)])
    return folder, briefs


@pytest.mark.dbt
@pytest.mark.slow
def test_evaluate_prints_the_figures(labelled, tmp_path):
    folder, briefs = labelled
    report = tmp_path / "report.md"
    command = [
        sys.executable,
        "-m",
        "python_udfs.evaluation.labels_and_matches",
        str(folder),
        "--briefs",
        str(briefs),
        "--skip-demo",
        "--folds",
        "2",  # the cross-validation's wiring; its logic is unit-tested (test_label_examples_eval.py)
    ]
    command += ["--backend", "onnx_int8", "--report", str(report)]
    result = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    out = result.stdout
    assert out.rstrip().endswith(report.read_text(encoding="utf-8").rstrip())

    header = (
        "| influencers | label accuracy | label ARI | label NMI | k-means ARI | k-means NMI | cluster-name accuracy |"
    )
    row = out.splitlines()[out.splitlines().index(header) + 2]
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[0] == "24"
    accuracy, label_ari, label_nmi, km_ari, km_nmi, name_accuracy = map(float, cells[1:])
    # Easy niches: a working pipeline gets nearly all of them; a broken join would be near 1/3.
    assert accuracy >= 0.9 and label_ari > 0.6
    assert all(-1 <= v <= 1 for v in (km_ari, label_nmi, km_nmi, name_accuracy))

    zero_shot, _, learnt = out.partition("## With niche examples: 2-fold cross-validation")
    share, precision = re.search(
        r"labelled (\d+\.\d)% of creators, precision among them (\d\.\d{3})", zero_shot
    ).groups()
    assert 0 <= float(share) <= 100 and 0 <= float(precision) <= 1
    assert "niche_label_min_confidence" in out
    coverage = re.findall(r"^\| (\d+)% \| (\d\.\d{4}) \| (\d+\.\d)% \| (\d\.\d{3}) \|$", zero_shot, flags=re.MULTILINE)
    assert [int(c[0]) for c in coverage] == [50, 60, 70, 80, 90, 100]
    assert all(float(labelled) >= int(share) for share, _, labelled, _ in coverage)
    assert float(coverage[-1][3]) == pytest.approx(accuracy, abs=0.001)  # everyone labelled: the accuracy

    briefs_rows = re.findall(r"^\| (BB\d) \| (\w+) \| ([\d.]+) \| (.*) \|$", out, flags=re.MULTILINE)
    assert [(b, c) for b, c, _, _ in briefs_rows] == [("BB0", "fitness"), ("BB1", "food"), ("BB2", "travel")]
    # 8 creators per niche: at most 8 of a top 10 can be right.
    assert all(float(p) >= 0.7 for _, _, p, _ in briefs_rows)
    assert re.search(r"Mean precision@10 [\d.]+, lowest [\d.]+\.", out)

    # Learnt from the examples, each creator scored by the build that did not see its label.
    assert "niche_example_min_confidence" in learnt
    row = learnt.splitlines()[learnt.splitlines().index(header) + 2]
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[0] == "24" and float(cells[1]) >= 0.9
