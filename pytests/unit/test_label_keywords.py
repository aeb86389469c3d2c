"""Keyword evidence for niche labels (python_udfs.niches.label_keywords), checked against a direct
computation on constructed taxonomies and texts."""

from __future__ import annotations

import math

import numpy as np
import pytest

from python_udfs.niches.label_keywords import keyword_of, keyword_scores, taxonomy_keywords
from python_udfs.niches.labelling import label_creators


def test_keyword_of_drops_stop_words_short_words_and_a_plural_s():
    assert keyword_of("Apps") == "app"
    assert keyword_of("fitness") == "fitness"  # "ss" is not a plural
    assert keyword_of("the") is None and keyword_of("your") is None  # English stop words
    assert keyword_of("cat") is None  # too short: it is inside "education"
    assert keyword_of("dogs") == "dog"  # the plural is dropped after the length check


def test_taxonomy_keywords_take_every_phrase():
    # Cleaned phrases, the label's name first (int_niche_phrases_cleaned).
    keywords = taxonomy_keywords(
        ["fashion", "outfits and styles", "streetwear", "tech", "gadgets"],
        ["fashion", "fashion", "fashion", "tech", "tech"],
    )
    assert keywords == {
        "fashion": frozenset({"fashion", "outfit", "style", "streetwear"}),
        "tech": frozenset({"tech", "gadget"}),
    }


def reference_scores(texts, names, keywords):
    """The documented rule written out: per label, ln(labels / labels having the keyword) for each
    of its keywords found inside some word of the text."""
    having = {w: sum(w in keywords[n] for n in names) for n in names for w in keywords[n]}
    return np.array(
        [
            [
                sum(math.log(len(names) / having[w]) for w in keywords[n] if any(w in t for t in (text or "").split()))
                for n in names
            ]
            for text in texts
        ]
    )


def test_keyword_scores_weigh_shared_keywords_less_and_match_inside_hashtags():
    keywords = {
        "fashion": frozenset({"outfit", "style", "look"}),
        "beauty": frozenset({"makeup", "look"}),
        "travel": frozenset({"trip", "look", "style"}),
    }
    names = ["beauty", "fashion", "travel"]
    texts = ["winteroutfit with my style", "new makeup look", "", None, "road trip trips"]
    scores = keyword_scores(texts, names, keywords)
    # "outfit" (one label: ln 3) inside the hashtag-word "winteroutfit"; "style" (two: ln 1.5).
    assert scores[0].tolist() == pytest.approx([0.0, round(math.log(3) + math.log(1.5), 4), round(math.log(1.5), 4)])
    assert scores[1, 0] == round(math.log(3), 4) and scores[1, 1] == 0.0  # "look" is in every label: 0
    assert scores[2].tolist() == [0.0, 0.0, 0.0] and scores[3].tolist() == [0.0, 0.0, 0.0]
    assert scores[4, 2] == round(math.log(3), 4)  # a keyword counts once, however often it occurs
    np.testing.assert_allclose(scores, reference_scores(texts, names, keywords), atol=1e-4)


def test_keyword_scores_against_the_reference_on_random_texts():
    rng = np.random.default_rng(7)
    words = ["yoga", "meditation", "recipe", "baking", "puppy", "kitten", "sunset", "breathwork"]
    keywords = {
        "wellness": frozenset(words[:2] + words[7:]),
        "food": frozenset(words[2:4]),
        "pets": frozenset(words[4:6]),
    }
    names = sorted(keywords)
    texts = [" ".join(rng.choice(words + ["hello", "sunsetyoga"], size=5)) for _ in range(50)]
    np.testing.assert_allclose(
        keyword_scores(texts, names, keywords), reference_scores(texts, names, keywords), atol=1e-4
    )


def test_keyword_weight_decides_a_cosine_tie_and_zero_weight_is_the_cosine_alone():
    labels = np.eye(2)
    creators = np.array([[1.0, 1.0], [1.0, 0.2]])
    keywords = np.array([[0.0, 1.0986], [0.0, 0.0]])
    alone = label_creators(creators, labels, ["a", "b"], 0.1)
    assert alone.best_label == ["a", "a"] and alone.confidence[0] == 0.0  # a tie: the first label
    zero = label_creators(creators, labels, ["a", "b"], 0.1, keyword_scores=keywords, keyword_weight=0.0)
    assert zero.best_label == alone.best_label and zero.confidence.tolist() == alone.confidence.tolist()
    mixed = label_creators(creators, labels, ["a", "b"], 0.1, keyword_scores=keywords, keyword_weight=0.1)
    assert mixed.best_label == ["b", "a"]
    assert mixed.best_similarity[0] == 0.7071 and mixed.best_keyword_score[0] == 1.0986  # the cosine is still shown
    # confidence = 1 - runner-up score / best score = 1 - 0.7071 / (0.7071 + 0.1 x 1.0986)
    assert mixed.confidence[0] == round(1 - 0.7071 / round(0.7071 + 0.10986, 4), 4)
    with pytest.raises(ValueError, match="keyword_scores has shape"):
        label_creators(creators, labels, ["a", "b"], 0.1, keyword_scores=keywords[:1], keyword_weight=0.1)
