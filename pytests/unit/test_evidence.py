"""Unit tests for python_udfs.brand_matching.evidence (why a creator matches a brief)."""

import numpy as np

from python_udfs.brand_matching.evidence import (
    CAPTION_PREVIEW_CHARS,
    evidence_sentence,
    keywords_used,
    most_similar_caption,
)


def test_most_similar_caption_picks_the_highest_cosine_and_first_on_ties():
    brief = np.array([1.0, 0.0])
    captions = np.array([[0.0, 1.0], [1.0, 1.0], [2.0, 0.1], [3.0, 0.15]])
    index, cosine = most_similar_caption(brief, captions)
    assert index == 2  # [2, 0.1] and [3, 0.15] point the same way: the earlier one wins
    assert cosine == round(2.0 / np.hypot(2.0, 0.1), 4)
    assert most_similar_caption(brief, np.zeros((0, 2))) is None
    assert most_similar_caption(brief, np.array([[0.0, 0.0], [0.1, 1.0]]))[0] == 1  # a zero vector scores 0


def test_keywords_used_whole_words_plurals_and_cleaning():
    text = "My OOTD: three Outfits, #SkinCare and a USB-C hub. Skincareroutine."
    keywords = ["outfit", "skincare", "USB-C", "care", "hub", "dress", "", None, "outfit"]
    assert keywords_used(keywords, text) == ["outfit", "skincare", "USB-C", "hub"]
    assert keywords_used(["dress"], "two dresses") == ["dress"]
    assert keywords_used(["skin"], "skincare") == []  # no partial words
    assert keywords_used(["a"], None) == []


def test_evidence_sentence():
    assert evidence_sentence("Leg day!", ["gym"]) == 'Closest caption: "Leg day!". Uses brief keywords: gym.'
    assert evidence_sentence("Leg day!", []) == 'Closest caption: "Leg day!". Uses none of the brief keywords.'
    # A creator with text but no usable caption still gets evidence; no text at all, none.
    assert evidence_sentence(None, ["gym"]) == "No caption with usable text. Uses brief keywords: gym."
    assert evidence_sentence("   ", []) == "No caption with usable text. Uses none of the brief keywords."
    assert evidence_sentence(None, [], has_text=False) == ""
    long = evidence_sentence("word " * 100, [])
    quoted = long.split('"')[1]
    assert len(quoted) <= CAPTION_PREVIEW_CHARS and quoted.endswith("...")
