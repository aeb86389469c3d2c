"""Caption language and sentiment: non-English captions are marked not scored (never a neutral 0),
captions without words are not scored, English ones get VADER's scores, and the output does not
depend on row order."""

from __future__ import annotations

import pyarrow as pa
import pytest

from python_udfs.sentiment.sentiment import (
    LANGUAGE_STATUSES,
    SCORED_STATUSES,
    language_status,
    prose,
    score_caption,
    score_captions,
)

MIN_LETTERS = 3
MIN_CONFIDENCE = 0.5

NON_ENGLISH = {
    "es": "Hoy hice la mejor paella de mi vida, la receta completa está en el blog",
    "de": "Heute gibt es endlich das neue Rezept für euch, viel Spaß beim Nachkochen",
    "fr": "Nouvelle routine du matin, je vous montre tout ce que j'utilise chaque jour",
    "pt": "Nova rotina de treino para quem quer ganhar força sem sair de casa",
    "it": "Oggi allenamento di gambe, domani riposo e tanta pasta",
    "ja": "今日は新しいカメラで撮影しました。とても楽しかったです",
}


def score(caption: str):
    return score_caption(caption, language_min_letters=MIN_LETTERS, language_min_confidence=MIN_CONFIDENCE)


@pytest.mark.parametrize(("language", "caption"), sorted(NON_ENGLISH.items()))
def test_a_non_english_caption_is_marked_not_scored(language, caption):
    result = score(caption)
    assert result.language == language
    assert result.language_status == "not_english"
    assert result.compound is None and result.positive is None and result.negative is None


def test_vader_alone_would_call_the_spanish_caption_neutral():
    # Why the language check exists: VADER's English lexicon finds nothing to score here.
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    assert SentimentIntensityAnalyzer().polarity_scores(NON_ENGLISH["es"])["compound"] == 0.0


@pytest.mark.parametrize("caption", ["🔥🔥🔥", "https://bit.ly/3xQz9Ka", "@promo.hub.daily @gainz.trick", "#ootd #fyp"])
def test_captions_without_words_are_not_scored(caption):
    result = score(caption)
    assert (result.language, result.language_confidence, result.language_status) == ("und", None, "no_words")
    assert result.compound is None


def test_english_captions_are_scored_with_emoji_and_hashtags_read():
    happy = score("Absolutely love this new recipe, best dinner ever 😍 #blessed")
    sad = score("Worst trip ever. Lost luggage, cancelled flight, so angry 😡")
    assert happy.language_status == sad.language_status == "english"
    assert happy.compound > 0.5 and sad.compound < -0.5
    assert happy.positive + happy.neutral + happy.negative == pytest.approx(1.0, abs=0.002)


def test_links_mentions_and_hashtags_are_left_out_of_the_language_check():
    assert prose("Tested @keychron Q1 https://t.co/x #desksetup #mechanicalkeyboard") == "Tested Q1"


def test_language_status_thresholds():
    assert language_status("und", None, 0.5) == "no_words"
    assert language_status("en", 0.2, 0.5) == "english"  # English whatever the confidence
    assert language_status("de", 0.5, 0.5) == "not_english"  # exactly on the threshold: not English
    assert language_status("de", 0.4999, 0.5) == "uncertain"
    assert set(SCORED_STATUSES) < set(LANGUAGE_STATUSES)


def test_min_letters_is_a_threshold_on_letters_outside_links():
    assert score_caption("Wow", language_min_letters=3, language_min_confidence=0.5).language_status != "no_words"
    assert score_caption("Wo 🔥", language_min_letters=3, language_min_confidence=0.5).language_status == "no_words"


def test_table_output_is_sorted_and_independent_of_row_order():
    captions = [
        ("b", 1, "Best brunch in town, totally worth the queue ☕"),
        ("a", 2, NON_ENGLISH["de"]),
        ("a", 1, "This update broke everything, really disappointed"),
        ("b", 2, "Best brunch in town, totally worth the queue ☕"),
    ]

    def table(rows):
        ids, indexes, texts = zip(*rows)
        return pa.table({"influencer_id": list(ids), "caption_index": list(indexes), "caption": list(texts)})

    forward = score_captions(table(captions), MIN_LETTERS, MIN_CONFIDENCE)
    backward = score_captions(table(captions[::-1]), MIN_LETTERS, MIN_CONFIDENCE)
    assert forward.equals(backward)
    assert list(zip(forward.column("influencer_id").to_pylist(), forward.column("caption_index").to_pylist())) == [
        ("a", 1),
        ("a", 2),
        ("b", 1),
        ("b", 2),
    ]
    statuses = forward.column("language_status").to_pylist()
    compounds = forward.column("sentiment_compound").to_pylist()
    assert statuses[1] == "not_english" and compounds[1] is None
    assert compounds[0] < 0 < compounds[2] == compounds[3]
