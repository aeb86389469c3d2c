"""python_udfs.evaluation.label_examples: no creator is scored by a build that saw its label."""

from __future__ import annotations

import csv

from python_udfs.evaluation.label_examples import (
    EXAMPLE_ID_PREFIX,
    cross_validated_rows,
    folds_of,
    with_example_creators,
)

LABELS = {f"C{n:03d}": ["food", "pets", "travel"][n % 3] for n in range(30)}


def read(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_folds_partition_the_creators_stratified_and_the_same_every_time():
    folds = folds_of(LABELS)
    assert sorted(i for fold in folds for i in fold) == sorted(LABELS)
    assert folds == folds_of(LABELS)
    for fold in folds:
        assert sorted(LABELS[i] for i in fold) == ["food", "food", "pets", "pets", "travel", "travel"]


def test_each_creator_is_scored_once_by_a_build_without_its_label(tmp_path):
    seen_by_build = []

    def build_with(examples):
        assert examples == tmp_path / "examples_cv.csv"  # one path: one dbt parse for all folds
        rows = read(examples)
        assert rows[0] == ["influencer_id", "niche_label"]
        given = {i: label for i, label in rows[1:]}
        assert all(LABELS[i] == label for i, label in given.items())
        seen_by_build.append(set(given))
        return [(i, f"row of {i}") for i in sorted(LABELS)]  # the build classifies everyone

    rows = cross_validated_rows(LABELS, tmp_path, build_with)
    assert [row[0] for row in rows] == sorted(LABELS)
    scored_by = {}
    for number, fold in enumerate(folds_of(LABELS)):
        for i in fold:
            scored_by[i] = number
    assert all(i not in seen_by_build[scored_by[i]] for i in LABELS)
    assert all(len(seen) == 24 for seen in seen_by_build)


def test_another_folders_creators_join_the_build_under_prefixed_ids(tmp_path):
    header = ["influencer_id", "name", "bio", "recent_captions"]
    inputs, other = tmp_path / "inputs", tmp_path / "other"
    for folder, ids in ((inputs, ["A1"]), (other, ["A1", "B2"])):
        folder.mkdir()
        with (folder / "influencers_data.csv").open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows([header] + [[i, "n", "", "cap"] for i in ids])
    examples = with_example_creators(inputs, other, {"A1": "food", "B2": "pets"}, tmp_path)
    assert [row[0] for row in read(inputs / "influencers_data.csv")] == [
        "influencer_id",
        "A1",
        EXAMPLE_ID_PREFIX + "A1",
        EXAMPLE_ID_PREFIX + "B2",
    ]
    assert read(examples)[1:] == [[EXAMPLE_ID_PREFIX + "A1", "food"], [EXAMPLE_ID_PREFIX + "B2", "pets"]]
