"""Keywords that describe each cluster: class-based TF-IDF (c-TF-IDF, as in BERTopic).

All texts of a cluster are joined into one "class document". A term scores high for a class when
it is frequent in that class and rare across the other classes:

    weight(t, c) = tf(t, c) / sum_t' tf(t', c)  *  log(1 + A / f_t)

with ``tf(t, c)`` the count of term t in class c, ``A`` the average number of (kept) words per
class and ``f_t`` the count of t over all classes. Unlike BERTopic, ``A`` is not truncated to an
integer.

Tokens: the texts are expected to be :func:`python_udfs.core.text.clean_text` output, so a token is a
whitespace-separated word (this keeps words of every script intact, including those with combining
marks, which a regex ``\\w`` pattern would split). Kept tokens have at least 3 characters, are not
pure digits and are not English stop words (scikit-learn's list).

:func:`describing_keywords` is the variant the niches use. Measured on the dev split (312 labelled
Instagram creators; a keyword counts as describing when its own embedding is nearest to the
niche's true category among the 16 taxonomy labels), plain c-TF-IDF words gave 0.63 describing
keywords per true category and 0.29 per k-means cluster (and words like "cried" or "day" on the
bundled demo, each from a single creator). Hashtags first, then words, each required to be used
by at least 2 creators of the niche, gave 0.71 and 0.50: a hashtag is the creator's own topic
tag, and the creator-count rule drops one account's idiosyncrasies. A minimum SHARE of the niche's
creators instead (10-20 %) favoured generic words ("day", "new", "love") and scored lower.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

MIN_TOKEN_LENGTH = 3
_HASHTAG = re.compile(r"#(\w+)")


def hashtags(text: str | None) -> str:
    """The hashtags of a raw text as space-separated lower-case words, in order of appearance.

    ``#FitFam`` -> ``fitfam``; underscores inside a tag are dropped (``#dogs_of_ig`` ->
    ``dogsofig``), so one tag stays one token. ``None`` gives ``""``.
    """
    if not text:
        return ""
    normalised = unicodedata.normalize("NFKC", str(text)).lower()
    tags = (tag.replace("_", "") for tag in _HASHTAG.findall(normalised))
    return " ".join(tag for tag in tags if tag)


def describing_keywords(
    word_texts: Sequence[str],
    hashtag_texts: Sequence[str],
    labels: Sequence[int],
    top_n: int,
    min_creators: int,
) -> dict[int, list[str]]:
    """Top ``top_n`` keywords of each cluster: its best c-TF-IDF hashtags, then its best words.

    ``word_texts[i]`` is creator i's cleaned text, ``hashtag_texts[i]`` its :func:`hashtags`.
    A term is a candidate for a cluster only when at least ``min_creators`` of the cluster's
    creators use it. Hashtags come first (c-TF-IDF over hashtags only), words fill the remaining
    places (c-TF-IDF over words), skipping a word already listed as a hashtag. A cluster with
    fewer candidates returns fewer keywords (possibly none): an honest short list rather than one
    creator's words. Ties are broken alphabetically, as in :func:`class_tfidf_keywords`.
    """
    if not (len(word_texts) == len(hashtag_texts) == len(labels)):
        raise ValueError("word_texts, hashtag_texts and labels must have the same length")
    if top_n < 0 or min_creators < 1:
        raise ValueError(f"need top_n >= 0 and min_creators >= 1, got {top_n} and {min_creators}")
    classes = sorted({int(label) for label in labels})
    by_tags = _keywords_used_by(hashtag_texts, labels, classes, top_n, min_creators)
    by_words = _keywords_used_by(word_texts, labels, classes, None, min_creators)
    out: dict[int, list[str]] = {}
    for label in classes:
        chosen = list(by_tags[label])
        for word in by_words[label]:
            if len(chosen) >= top_n:
                break
            if word not in chosen:
                chosen.append(word)
        out[label] = chosen[:top_n]
    return out


def _keywords_used_by(
    texts: Sequence[str], labels: Sequence[int], classes: list[int], top_n: int | None, min_creators: int
) -> dict[int, list[str]]:
    # Every term of each class, ranked by c-TF-IDF, kept when >= min_creators creators use it.
    per_creator = [_tokenize(text or "") for text in texts]
    if not any(per_creator):
        return {label: [] for label in classes}
    vectorizer = CountVectorizer(tokenizer=_tokenize, token_pattern=None, lowercase=False)
    vectorizer.fit([" ".join(tokens) for tokens in per_creator])
    terms = vectorizer.get_feature_names_out()
    column = {term: j for j, term in enumerate(terms)}
    counts = np.zeros((len(classes), len(terms)))
    users = np.zeros((len(classes), len(terms)))
    row_of = {label: i for i, label in enumerate(classes)}
    for tokens, label in zip(per_creator, labels):
        row = row_of[int(label)]
        for token in tokens:
            counts[row, column[token]] += 1
        for token in set(tokens):
            users[row, column[token]] += 1
    weights = _class_tfidf(counts)
    keep = users >= min_creators
    limit = len(terms) if top_n is None else top_n
    return {
        label: _top_terms(weights[i], np.where(keep[i], counts[i], 0.0), terms, limit)
        for i, label in enumerate(classes)
    }


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
