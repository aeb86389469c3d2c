"""Niche labels learnt from a marketer's examples (issue 34): creators they labelled by hand.

A logistic regression on the creators' embeddings, trained on the examples, gives each creator a
log-probability per example label; the taxonomy adds its prior: ``beta`` x the taxonomy's score
of the creator for that label (cosine + keyword evidence, as the zero-shot labels score it; 0 for
a label the taxonomy does not have). The softmax of
the sum is the prediction. The regularisation ``C`` and ``beta`` are chosen on the examples alone,
by stratified cross-validation (the pair with the most held-out examples right), never on an
evaluation set. The top probability is not yet a confidence a marketer can read ("of the
creators labelled at 0.7, 70 % are right"): it is calibrated on those held-out predictions, a
logistic fit of right / wrong on its log-odds (Platt scaling), which keeps the ranking (an
isotonic fit made ties and ranked worse: precision at 60 % labelled 0.745 against 0.793).

Measured on the dev split (312 real creators, 8 categories, 5-fold cross-validation outside, so
no creator is scored by a model that saw it): the logistic regression alone 0.587-0.606 accuracy
(C = 10 / 1); with the taxonomy's score as the prior and (C, beta) chosen as above 0.622, ARI
0.330, precision 0.809 among the most confident 60 % (the cosine alone as the prior: 0.622,
0.327, 0.793); taxonomy cosines as extra features (0.574-0.587), the taxonomy's phrases as extra
examples (0.599), self-training on the unlabelled creators (0.596) and TF-IDF words (0.593-0.615)
did not help. Zero-shot on the same embeddings: 0.506. docs/evaluation.md has the table. Everything is seeded and rounded
to 4 decimals, so the same examples give the same labels byte for byte.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from python_udfs.core.calibration import unit_rows

CONFIDENCE_DECIMALS = 4
MAX_FOLDS = 5  # folds on the examples (fewer when a label has fewer examples)
MIN_EXAMPLES_PER_LABEL = 2  # a label needs two examples: one to learn from while the other is held out
C_GRID = (0.3, 1.0, 3.0, 10.0)  # inverse regularisation strengths tried
BETA_GRID = (0.0, 5.0, 10.0, 20.0)  # weights of the taxonomy prior tried
SEED = 42


@dataclass(frozen=True)
class ExamplePredictions:
    """What the examples say about ``n`` creators (arrays of length ``n``)."""

    label: list[str]  # the most probable of the examples' labels
    confidence: np.ndarray  # float64 in [0, 1]: calibrated probability that ``label`` is right
    labels: list[str]  # the examples' labels, ascending (what ``label`` is chosen from)


def check_examples(example_labels: Sequence[str], where: str) -> None:
    """Raise ValueError, saying what to change, unless the examples can train a classifier:
    at least two labels, each with at least MIN_EXAMPLES_PER_LABEL examples."""
    counts = Counter(str(label) for label in example_labels)
    if len(counts) < 2:
        raise ValueError(
            f"The niche examples ({where}) hold {len(counts)} label(s): a classifier needs examples of at least 2 "
            "labels. Add examples of other niches, or set niche_examples_path to null to label from the taxonomy "
            "alone."
        )
    few = sorted(label for label, count in counts.items() if count < MIN_EXAMPLES_PER_LABEL)
    if few:
        raise ValueError(
            f"The niche examples ({where}) have fewer than {MIN_EXAMPLES_PER_LABEL} examples of: {', '.join(few)}. "
            f"Label at least {MIN_EXAMPLES_PER_LABEL} creators per label (more is better: the confidence is calibrated "
            "on held-out examples)."
        )


def _probabilities(x_train, y_train, x, prior, c: float, beta: float) -> np.ndarray:
    """Softmax of the regression's log-probabilities + beta x prior, classes ascending."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=3000).fit(x_train, y_train)
    scores = model.predict_log_proba(x) + beta * prior
    scores = np.exp(scores - scores.max(axis=1, keepdims=True))
    return scores / scores.sum(axis=1, keepdims=True)


def _held_out(x, y, prior, n_folds: int, c: float, beta: float) -> np.ndarray:
    """Each example's probabilities from a model that did not see it."""
    from sklearn.model_selection import StratifiedKFold

    out = np.zeros((len(y), len(set(y))))
    for train, test in StratifiedKFold(n_splits=n_folds, shuffle=True, random_state=SEED).split(x, y):
        out[test] = _probabilities(x[train], y[train], x[test], prior[test], c, beta)
    return out


def predict_from_examples(
    example_vectors: np.ndarray,
    example_labels: Sequence[str],
    creator_vectors: np.ndarray,
    where: str = "niche_examples",
    example_prior: np.ndarray | None = None,
    creator_prior: np.ndarray | None = None,
) -> ExamplePredictions:
    """Train on the examples, predict and calibrate for every creator.

    ``example_vectors[i]`` is the embedding of the creator labelled ``example_labels[i]``. The
    priors (examples, creators) x (the examples' labels, ascending) are the taxonomy cosines
    (None: no prior). Raises ValueError when the examples cannot train a classifier
    (:func:`check_examples`; ``where`` names the examples' file in that message).
    """
    from sklearn.linear_model import LogisticRegression

    labels = [str(label) for label in example_labels]
    check_examples(labels, where)
    x, y = unit_rows(np.asarray(example_vectors, dtype=np.float64)), np.asarray(labels, dtype=object)
    classes = sorted(set(labels))
    creators = unit_rows(np.asarray(creator_vectors, dtype=np.float64))
    no_prior = np.zeros((len(y), len(classes)))
    x_prior = no_prior if example_prior is None else np.asarray(example_prior, dtype=np.float64)
    n_folds = min(MAX_FOLDS, min(Counter(labels).values()))
    # (C, beta) with the most held-out examples right; ties: the first in grid order.
    held_out = {
        (c, beta): _held_out(x, y, x_prior, n_folds, c, beta)
        for c in C_GRID
        for beta in (BETA_GRID if example_prior is not None else (0.0,))
    }
    right = {key: np.asarray(classes, dtype=object)[p.argmax(axis=1)] == y for key, p in held_out.items()}
    c, beta = max(held_out, key=lambda key: int(right[key].sum()))
    top, outcomes = held_out[(c, beta)].max(axis=1), right[(c, beta)]
    if not creators.shape[0]:
        return ExamplePredictions(label=[], confidence=np.zeros(0), labels=classes)
    prior = np.zeros((creators.shape[0], len(classes))) if creator_prior is None else np.asarray(creator_prior)
    scores = np.round(_probabilities(x, y, creators, prior, c, beta), CONFIDENCE_DECIMALS)
    best = np.argmax(scores, axis=1)  # ties: the label first in ascending order
    if len(set(outcomes.tolist())) < 2:  # every held-out example right (or wrong): nothing to fit
        confidence = np.full(len(best), float(outcomes.mean()))
    else:
        # Platt scaling: right / wrong of the held-out examples on the log-odds of their top probability.
        calibration = LogisticRegression(C=1e6, max_iter=3000).fit(_log_odds(top)[:, None], outcomes)
        confidence = calibration.predict_proba(_log_odds(scores.max(axis=1))[:, None])[:, 1]
    return ExamplePredictions(
        label=[classes[j] for j in best],
        confidence=np.round(confidence, CONFIDENCE_DECIMALS) + 0.0,
        labels=classes,
    )


def _log_odds(probability: np.ndarray) -> np.ndarray:
    clipped = np.clip(probability, 1e-6, 1 - 1e-6)
    return np.log(clipped / (1 - clipped))
