"""Keyword evidence for niche labels: which of a label's own words a creator uses.

An embedding of a whole feed blurs a creator's topic into "lifestyle"; the words a creator writes
(hashtags above all: #ootd, #winteroutfit, #momlife) often name it outright, and the two views
err on different creators. Each label's keywords
are the words of its name and its taxonomy phrases (:func:`taxonomy_keywords`); a creator's
keyword score for a label is the sum of the IDF weights of the label's keywords that occur inside
a word of the creator's cleaned text (:func:`keyword_scores`), so a hashtag such as
``winteroutfit`` counts for ``outfit``. A keyword several labels share weighs less
(``ln(labels / labels having it)``); one every label has weighs 0.

:func:`python_udfs.niches.labelling.label_creators` adds ``niche_label_keyword_weight`` x this score to
the cosine. Measured on the dev split (312 labelled creators, the bundled taxonomy: 233 keywords;
no labels used by the method): keywords alone label 0.43 of creators right, the cosine alone 0.48
(label ARI 0.23). The sum with weight 0.01 / 0.02 / 0.03 / 0.05 gives accuracy 0.49 / 0.50 / 0.50
/ 0.49 and ARI 0.25 / 0.26 / 0.26 / 0.25; at 0.1 the keywords dominate and both fall (0.44, 0.20).
0.02 is the middle of that plateau, not its best point. On 8 random halves (156 creators each),
0.02 raised accuracy in 6 and ARI in 7, by up to +0.039 and +0.055; the largest losses were
-0.006 accuracy and -0.014 ARI. Cost: 233 substring passes over the texts, about 40 s for 100K
creators with 2 KB of text each (memoised: a rebuild with unchanged texts does not repeat it).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

# Shorter words match inside too many unrelated words ("cat" in "education", "art" in "party").
KEYWORD_MIN_LETTERS = 4
SCORE_DECIMALS = 4  # keyword scores are sums of logarithms: rounded so they are the same bits everywhere


def keyword_of(word: str) -> str | None:
    """The keyword a taxonomy word contributes: lower case, a final plural ``s`` dropped
    (``apps`` -> ``app``, but ``fitness`` stays); None for an English stop word or a word of
    fewer than KEYWORD_MIN_LETTERS letters."""
    word = word.lower()
    if len(word) < KEYWORD_MIN_LETTERS or word in ENGLISH_STOP_WORDS:
        return None
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def taxonomy_keywords(phrase_texts: Sequence[str], phrase_labels: Sequence[str]) -> dict[str, frozenset[str]]:
    """Each label's keywords: :func:`keyword_of` every word of its phrases.

    ``phrase_texts`` are :func:`python_udfs.core.text.clean_text` output (int_niche_phrases_cleaned,
    whose first phrase of each label is the label's name), so a word is a whitespace-separated
    token, as in :mod:`python_udfs.niches.keywords`.
    """
    found: dict[str, set[str]] = {}
    for text, label in zip(phrase_texts, phrase_labels):
        found.setdefault(str(label), set()).update(k for k in map(keyword_of, (text or "").split()) if k)
    return {label: frozenset(words) for label, words in found.items()}


def keyword_scores(
    texts: Sequence[str | None], label_names: Sequence[str], keywords: dict[str, frozenset[str]]
) -> np.ndarray:
    """(creators, labels) float64: per creator and label, the summed IDF of the label's keywords
    found inside the creator's words (``texts``: cleaned, lower case, words separated by spaces;
    a keyword has no space, so it never spans two words). Labels in ``label_names`` order."""
    names = [str(name) for name in label_names]
    vocabulary = sorted(set().union(*(keywords.get(name, frozenset()) for name in names)))
    owned = np.array([[word in keywords.get(name, ()) for name in names] for word in vocabulary], dtype=np.float64)
    owned = owned.reshape(len(vocabulary), len(names))  # also with no keyword at all
    weights = owned * np.log(len(names) / np.maximum(owned.sum(axis=1, keepdims=True), 1.0))
    column = pa.array([text or "" for text in texts], pa.string())
    scores = np.zeros((len(column), len(names)))
    for word, weight in zip(vocabulary, weights):  # one vectorised pass over all texts per keyword
        found = pc.match_substring(column, word).to_numpy(zero_copy_only=False)
        scores[found] += weight
    return np.round(scores, SCORE_DECIMALS) + 0.0
