"""Unit tests for python_udfs.niches.keywords (class-based TF-IDF)."""

import math
import random
from collections import Counter

import pytest
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from python_udfs.niches.keywords import class_tfidf_keywords


def reference_keywords(texts, labels, top_n):
    """Pure-Python c-TF-IDF, written from the formula, for comparison."""
    counts = {}
    for text, label in zip(texts, labels):
        words = [w for w in text.split() if len(w) >= 3 and not w.isdigit() and w not in ENGLISH_STOP_WORDS]
        counts.setdefault(label, Counter()).update(words)
    totals = Counter()
    for c in counts.values():
        totals.update(c)
    average_words = sum(sum(c.values()) for c in counts.values()) / len(counts)
    result = {}
    for label in sorted(counts):
        n_words = sum(counts[label].values())
        scored = [
            (-(count / n_words) * math.log(1 + average_words / totals[term]), term)
            for term, count in counts[label].items()
        ]
        result[label] = [term for _, term in sorted((round(s, 12), t) for s, t in scored)[:top_n]]
    return result


CORPUS = [
    ("love fitness gym workout", 0),
    ("love gym protein squat", 0),
    ("love fitness squat deadlift", 0),
    ("love cooking pasta recipe", 1),
    ("love recipe baking pasta", 1),
    ("love travel beach hotel", 2),
    ("love travel mountains hiking", 2),
]


def test_word_shared_by_all_classes_does_not_win():
    texts, labels = zip(*CORPUS)
    result = class_tfidf_keywords(list(texts), list(labels), top_n=3)
    # "love" is the most frequent word of every class (plain term frequency would pick it) ...
    for label in (0, 1, 2):
        counts = Counter(" ".join(t for t, lab in CORPUS if lab == label).split())
        assert counts["love"] == max(counts.values())
    # ... but it is in every class, so it is not distinctive anywhere
    assert all("love" not in terms for terms in result.values())
    assert result == reference_keywords(texts, labels, 3)
    assert result == {
        0: ["fitness", "gym", "squat"],
        1: ["pasta", "recipe", "baking"],
        2: ["travel", "beach", "hiking"],
    }


def test_matches_reference_formula_on_random_corpus():
    rng = random.Random(11)
    vocab = [f"w{chr(97 + i)}{chr(97 + j)}" for i in range(6) for j in range(6)]
    texts, labels = [], []
    for _ in range(120):
        label = rng.randrange(5)
        # each class prefers its own slice of the vocabulary
        words = [rng.choice(vocab[label * 6 : label * 6 + 10] if rng.random() < 0.7 else vocab) for _ in range(8)]
        texts.append(" ".join(words))
        labels.append(label)
    assert class_tfidf_keywords(texts, labels, top_n=5) == reference_keywords(texts, labels, 5)


def test_stop_words_short_tokens_and_digits_are_ignored():
    result = class_tfidf_keywords(["the and with 2024 123 ab yo fitness", "about them 99 cooking"], [0, 1], top_n=5)
    assert result == {0: ["fitness"], 1: ["cooking"]}


def test_mixed_letters_and_digits_and_non_latin_words_are_kept():
    result = class_tfidf_keywords(["covid19 treino academia", "рецепты नमस्ते"], [0, 1], top_n=5)
    assert result == {0: ["academia", "covid19", "treino"], 1: ["рецепты", "नमस्ते"]}  # code-point order


def test_ties_are_broken_alphabetically():
    result = class_tfidf_keywords(["zebra apple mango", "kiwi banana cherry"], [7, 3], top_n=2)
    assert result == {3: ["banana", "cherry"], 7: ["apple", "mango"]}


def test_class_without_terms_gets_empty_list_and_keys_are_sorted_ints():
    result = class_tfidf_keywords(["fitness gym", "", "the and 42"], [5, 2, 9], top_n=3)
    assert list(result) == [2, 5, 9]
    assert all(type(k) is int for k in result)
    assert result == {2: [], 5: ["fitness", "gym"], 9: []}


def test_no_terms_at_all_and_no_texts():
    assert class_tfidf_keywords(["", "the"], [0, 1]) == {0: [], 1: []}
    assert class_tfidf_keywords([], []) == {}


def test_top_n_zero_and_fewer_terms_than_top_n():
    assert class_tfidf_keywords(["fitness gym"], [0], top_n=0) == {0: []}
    assert class_tfidf_keywords(["fitness gym"], [0], top_n=10) == {0: ["fitness", "gym"]}


def test_document_order_does_not_matter():
    texts, labels = zip(*CORPUS)
    shuffled = list(zip(texts, labels))
    random.Random(1).shuffle(shuffled)
    s_texts, s_labels = zip(*shuffled)
    assert class_tfidf_keywords(list(s_texts), list(s_labels)) == class_tfidf_keywords(list(texts), list(labels))


def test_length_mismatch_raises():
    with pytest.raises(ValueError):
        class_tfidf_keywords(["a"], [0, 1])


# ------------------------------------------------------------ hashtags first, min creators
from python_udfs.niches.keywords import describing_keywords, hashtags  # noqa: E402


def test_hashtags_extraction():
    assert hashtags("Leg day #LegDay #fit_fam and #fitfam again, #100") == "legday fitfam fitfam 100"
    assert hashtags(None) == "" and hashtags("no tags") == ""


def test_describing_keywords_prefers_shared_hashtags_then_shared_words():
    words = [
        "squats today cried",
        "squats and deadlifts today",
        "deadlifts heavy squats",
        "sourdough bread",
        "sourdough starter bread",
    ]
    tags = ["legday", "legday gym", "gym powerlifting", "baking", "baking"]
    labels = [0, 0, 0, 1, 1]
    out = describing_keywords(words, tags, labels, top_n=3, min_creators=2)
    # Cluster 0: hashtags used by >= 2 creators ("gym", "legday"; not "powerlifting"), then the
    # best shared word; "cried" (one creator) never appears.
    assert set(out[0][:2]) == {"gym", "legday"}
    assert out[0][2] in {"squats", "deadlifts", "today"}
    assert "cried" not in out[0] and "powerlifting" not in out[0]
    assert out[1][0] == "baking" and set(out[1][1:]) == {"bread", "sourdough"}


def test_describing_keywords_returns_fewer_rather_than_one_creators_words():
    out = describing_keywords(["alpha beta", "gamma delta"], ["", ""], [0, 0], top_n=3, min_creators=2)
    assert out == {0: []}
    out = describing_keywords(["alpha beta", "gamma delta"], ["", ""], [0, 0], top_n=3, min_creators=1)
    assert len(out[0]) == 3
