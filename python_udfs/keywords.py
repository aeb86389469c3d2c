"""Keywords that describe each cluster: class-based TF-IDF (c-TF-IDF, as in BERTopic).

All texts of a cluster are joined into one "class document". A term scores high for a class when
it is frequent in that class and rare across the other classes:

    weight(t, c) = tf(t, c) / sum_t' tf(t', c)  *  log(1 + A / f_t)

with ``tf(t, c)`` the count of term t in class c, ``A`` the average number of (kept) words per
class and ``f_t`` the count of t over all classes. Unlike BERTopic, ``A`` is not truncated to an
integer.

Tokens: the texts are expected to be :func:`python_udfs.text.clean_text` output, so a token is a
whitespace-separated word (this keeps words of every script intact, including those with combining
marks, which a regex ``\\w`` pattern would split). Kept tokens have at least 3 characters, are not
pure digits and are not English stop words (scikit-learn's list).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

MIN_TOKEN_LENGTH = 3


def class_tfidf_keywords(texts: Sequence[str], labels: Sequence[int], top_n: int = 3) -> dict[int, list[str]]:
    """Top ``top_n`` c-TF-IDF terms of each cluster, best first.

    Returns ``{label: [term, ...]}`` for every label present (as Python ints, in ascending order).
    Ties in weight (compared to 12 decimals) are broken alphabetically; a class with fewer than
    ``top_n`` terms returns what it has, a class with no terms returns ``[]``.
    """
    if len(texts) != len(labels):
        raise ValueError(f"texts and labels differ in length: {len(texts)} vs {len(labels)}")
    if top_n < 0:
        raise ValueError(f"top_n must be >= 0, got {top_n}")
    classes = sorted({int(label) for label in labels})
    class_docs = _join_by_class(texts, labels, classes)
    if top_n == 0 or not any(_tokenize(doc) for doc in class_docs):
        return {label: [] for label in classes}

    vectorizer = CountVectorizer(tokenizer=_tokenize, token_pattern=None, lowercase=False)
    counts = vectorizer.fit_transform(class_docs).toarray().astype(np.float64)  # (classes, terms)
    terms = vectorizer.get_feature_names_out()
    weights = _class_tfidf(counts)
    return {label: _top_terms(weights[row], counts[row], terms, top_n) for row, label in enumerate(classes)}


def _join_by_class(texts: Sequence[str], labels: Sequence[int], classes: list[int]) -> list[str]:
    parts: dict[int, list[str]] = {label: [] for label in classes}
    for text, label in zip(texts, labels):
        if text:
            parts[int(label)].append(text)
    return [" ".join(parts[label]) for label in classes]


def _tokenize(document: str) -> list[str]:
    return [
        token
        for token in document.lower().split()
        if len(token) >= MIN_TOKEN_LENGTH and not token.isdigit() and token not in ENGLISH_STOP_WORDS
    ]


def _class_tfidf(counts: np.ndarray) -> np.ndarray:
    words_per_class = counts.sum(axis=1)
    average_words = words_per_class.mean()  # A
    term_totals = counts.sum(axis=0)  # f_t, > 0 for every vocabulary term
    idf = np.log(1.0 + average_words / term_totals)
    tf = counts / np.where(words_per_class > 0, words_per_class, 1.0)[:, None]
    return tf * idf[None, :]


def _top_terms(weights: np.ndarray, counts: np.ndarray, terms: np.ndarray, top_n: int) -> list[str]:
    present = np.flatnonzero(counts > 0)
    rounded = np.round(weights[present], 12)  # float noise must not decide ties
    ranked = sorted(zip(-rounded, (str(terms[i]) for i in present)))  # weight desc, then term asc
    return [term for _, term in ranked[:top_n]]
