"""The coverage table of ``make eval`` (python_udfs.evaluation.labels_and_matches.precision_at_coverage), checked on
constructed cases and against a brute-force search over every possible threshold."""

from __future__ import annotations

import random

import pytest

from python_udfs.evaluation.labels_and_matches import precision_at_coverage


def brute_force(right, confidence, share):
    # Every distinct confidence is a candidate threshold; keep the highest that labels >= share.
    candidates = sorted(set(confidence), reverse=True)
    for threshold in candidates:
        labelled = [r for r, c in zip(right, confidence) if c >= threshold]
        if len(labelled) >= share * len(right) - 1e-9:
            return threshold, len(labelled) / len(right), sum(labelled) / len(labelled)
    raise AssertionError("the lowest confidence labels everyone")


def test_a_hand_worked_case():
    right = [True, True, False, True, False, False, True, False, False, False]
    confidence = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0]
    half, everyone = precision_at_coverage(right, confidence, (0.5, 1.0))
    assert half == {"share": 0.5, "threshold": 0.5, "labelled_share": 0.5, "precision": 0.6}
    assert everyone == {"share": 1.0, "threshold": 0.0, "labelled_share": 1.0, "precision": 0.4}


def test_ties_at_the_threshold_are_all_labelled():
    right = [True, False, False, True]
    (row,) = precision_at_coverage(right, [0.9, 0.5, 0.5, 0.1], (0.5,))
    assert row["threshold"] == 0.5 and row["labelled_share"] == 0.75
    assert row["precision"] == pytest.approx(1 / 3)


@pytest.mark.parametrize("seed", range(5))
def test_agrees_with_a_brute_force_search(seed):
    rng = random.Random(seed)
    n = rng.randint(1, 60)
    confidence = [round(rng.random(), 1) for _ in range(n)]  # one decimal: many ties
    right = [rng.random() < c for c in confidence]
    shares = (0.1, 0.5, 0.6, 0.75, 1.0)
    for share, row in zip(shares, precision_at_coverage(right, confidence, shares)):
        threshold, labelled_share, precision = brute_force(right, confidence, share)
        assert (row["threshold"], row["labelled_share"]) == (threshold, labelled_share)
        assert row["precision"] == pytest.approx(precision)


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="one confidence per creator"):
        precision_at_coverage([True], [0.5, 0.2], (0.5,))
    with pytest.raises(ValueError, match="a share must be in"):
        precision_at_coverage([True], [0.5], (0.0,))
