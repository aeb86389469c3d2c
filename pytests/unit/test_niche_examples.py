"""python_udfs.niches.examples (the classifier learnt from niche examples) and the rule that
chooses between it and the taxonomy (python_udfs.niches.labels.choose_labels)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from python_udfs.niches import examples as examples_module
from python_udfs.niches.examples import ExamplePredictions, check_examples, predict_from_examples
from python_udfs.niches.labels import EXAMPLES, TAXONOMY, Thresholds, choose_labels

LABELS = ["food", "pets", "travel"]


def blobs(per_label: int, spread: float, seed: int, dim: int = 12) -> tuple[np.ndarray, np.ndarray]:
    """Points around one axis per label (labels in LABELS order), with Gaussian noise."""
    rng = np.random.default_rng(seed)
    centres = np.eye(dim)[: len(LABELS)]
    vectors = np.vstack([centre + spread * rng.standard_normal((per_label, dim)) for centre in centres])
    return vectors, np.repeat(np.array(LABELS, dtype=object), per_label)


def test_separable_examples_label_new_creators_right_and_confidently():
    x, y = blobs(10, 0.1, seed=1)
    new, truth = blobs(20, 0.1, seed=2)
    predicted = predict_from_examples(x, y, new)
    assert predicted.labels == LABELS
    assert predicted.label == truth.tolist()
    assert predicted.confidence.min() > 0.9


def test_the_confidence_is_calibrated_on_creators_it_never_saw():
    # Overlapping niches: some predictions are wrong. Among creators the model never saw, the
    # mean calibrated confidence must be close to the share it gets right (an uncalibrated
    # probability of an L2-regularised model is far from it either way).
    x, y = blobs(60, 0.7, seed=3)
    new, truth = blobs(400, 0.7, seed=4)
    predicted = predict_from_examples(x, y, new)
    accuracy = float(np.mean(np.array(predicted.label, dtype=object) == truth))
    assert 0.5 < accuracy < 0.95  # the case is neither trivial nor hopeless
    assert abs(float(predicted.confidence.mean()) - accuracy) < 0.08
    # Higher confidence means more often right.
    order = np.argsort(-predicted.confidence, kind="stable")
    right = (np.array(predicted.label, dtype=object) == truth)[order]
    assert right[: len(right) // 3].mean() > right[-len(right) // 3 :].mean()


def test_same_examples_same_bytes():
    x, y = blobs(15, 0.5, seed=5)
    new, _ = blobs(30, 0.5, seed=6)
    first, second = predict_from_examples(x, y, new), predict_from_examples(x, y, new)
    assert first.label == second.label
    assert first.confidence.tobytes() == second.confidence.tobytes()


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        (["food"] * 4, "hold 1 label(s): a classifier needs examples of at least 2 labels"),
        (["food", "food", "pets"], "fewer than 2 examples of: pets"),
    ],
)
def test_examples_that_cannot_train_say_what_to_change(labels, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")) as raised:
        check_examples(labels, "my_examples.csv")
    assert "my_examples.csv" in str(raised.value)


def test_the_examples_speak_first_and_the_taxonomy_names_what_they_do_not_cover(monkeypatch):
    ids = ["a", "b", "c", "d", "e", "f"]
    # The classifier's answer is fixed here: this tests the rule, not the classifier.
    learnt = ExamplePredictions(
        label=["pets", "food", "food", "food", "pets", "food"],
        confidence=np.array([0.9, 0.8, 0.3, 0.3, 0.3, 0.9]),
        labels=["food", "pets"],
    )
    monkeypatch.setattr(examples_module, "predict_from_examples", lambda *args, **kwargs: learnt)
    names = ["food", "gaming", "pets"]  # gaming: a taxonomy label no example has
    scores = np.array(
        [
            [0.3, 0.1, 0.2],
            [0.4, 0.1, 0.2],
            [0.3, 0.5, 0.2],  # gaming beats food by 1 - 0.3 / 0.5 = 0.4
            [0.30, 0.31, 0.2],  # by 0.032 only
            [0.4, 0.1, 0.3],  # gaming loses
            [0.0, 0.9, 0.0],  # no usable text
        ]
    )
    given = pa.table({"influencer_id": ["a"], "niche_label": ["food"]})
    has_text = np.array([True, True, True, True, True, False])
    chosen = choose_labels(ids, np.eye(6), has_text, given, Thresholds(0.5, 0.05), names, scores)
    # a: labelled by a marketer; b: confident classifier; c: classifier unsure, a niche the
    # examples do not cover wins by the taxonomy's margin; d: it wins by too little; e: it loses;
    # f: no text.
    assert chosen.label == ["food", "food", "gaming", "food", "pets", "food"]
    assert chosen.source == [EXAMPLES, EXAMPLES, TAXONOMY, EXAMPLES, EXAMPLES, EXAMPLES]
    assert chosen.confidence.tolist() == [1.0, 0.8, 0.4, 0.3, 0.3, 0.0]
    assert chosen.uncertain.tolist() == [False, False, False, True, True, True]
