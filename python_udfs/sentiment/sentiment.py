"""Caption language and sentiment, offline: py3langid for the language, VADER for the sentiment.

VADER (vaderSentiment 3.3.2, Hutto & Gilbert 2014) is a rule-based English sentiment lexicon
built for social-media text: it reads emoji, slang, capitals, "!!!" and hashtag words, and ships
its lexicon in the package (nothing is downloaded). It only knows English: a Spanish caption
scores 0.0, which would read as "neutral". So each caption first gets a language from py3langid
(0.4.0, a maintained fork of langid.py, Lui & Baldwin 2012: a naive Bayes model shipped in the
package, deterministic, about 9,000 captions/s on one core here; langdetect needs a seed to be
deterministic and ran 50x slower, lingua 10x slower and called more English captions non-English).

``language_status`` of a caption, first match wins (thresholds are vars):

* ``no_words``: fewer than ``language_min_letters`` letters once links, @mentions and #hashtags
  are removed (emoji-only captions, bare links, lists of handles): no language to detect and
  nothing for a lexicon to read; not scored. (VADER would score "🔥🔥🔥" as -0.74, "fire".)
* ``not_english``: the detected language is not English with a probability of at least
  ``language_min_confidence``: not scored (sentiment NULL, never a neutral 0).
* ``uncertain``: a non-English guess below that probability. Such captions are short and mostly
  English words, names or emoji (measured on generated English captions: 0.2 % are guessed
  non-English, all below 0.6, mostly Nigerian Pidgin for "Swipe for my ... picks ➡️"): scored,
  and marked so analysts can leave them out.
* ``english``: scored.

Scores are VADER's ``compound`` (-1..1) and its ``positive`` / ``neutral`` / ``negative``
proportions of the whole caption (with hashtags and emoji, which VADER reads). The label
(positive, neutral, negative) is a SQL rule over ``compound`` (macros/rules/sentiment.sql). Identical
captions are scored once (bot accounts repeat them).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pyarrow as pa

ENGLISH = "en"
UNDETERMINED = "und"
SCORED_STATUSES = ("english", "uncertain")
LANGUAGE_STATUSES = ("english", "uncertain", "not_english", "no_words")

# The columns of int_captions_scored, in its yml's order.
CAPTION_SCORES_SCHEMA = pa.schema(
    [
        pa.field("influencer_id", pa.string()),
        pa.field("caption_index", pa.int64()),
        pa.field("caption", pa.string()),
        pa.field("language", pa.string()),
        pa.field("language_confidence", pa.float64()),
        pa.field("language_status", pa.string()),
        pa.field("sentiment_compound", pa.float64()),
        pa.field("sentiment_positive", pa.float64()),
        pa.field("sentiment_neutral", pa.float64()),
        pa.field("sentiment_negative", pa.float64()),
    ]
)

# Links, @mentions and #hashtags: removed before counting letters and detecting the language
# (handles and hashtags are made-up words that pull the guess anywhere).
_NOT_PROSE = re.compile(r"(?:https?://|www\.)\S+|[@#][\w.]+", re.IGNORECASE)


@dataclass(frozen=True)
class CaptionScore:
    language: str  # ISO 639 code from py3langid, 'und' when the caption has no words
    language_confidence: float | None  # py3langid's normalised probability of that language
    language_status: str  # one of LANGUAGE_STATUSES
    compound: float | None  # VADER compound, None unless scored
    positive: float | None
    neutral: float | None
    negative: float | None


@functools.lru_cache(maxsize=1)
def _language_identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@functools.lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def prose(caption: str) -> str:
    """The caption without links, @mentions and #hashtags: what the language is detected on."""
    return " ".join(_NOT_PROSE.sub(" ", caption).split())


def letter_count(text: str) -> int:
    return sum(character.isalpha() for character in text)


def detect_language(caption: str, language_min_letters: int) -> tuple[str, float | None]:
    """(language, probability) of a caption; ('und', None) below ``language_min_letters`` letters."""
    text = prose(caption)
    if letter_count(text) < language_min_letters:
        return UNDETERMINED, None
    language, probability = _language_identifier().classify(text)
    return language, float(probability)


def language_status(language: str, confidence: float | None, language_min_confidence: float) -> str:
    """The rule of the module docstring over one detected language."""
    if language == UNDETERMINED:
        return "no_words"
    if language == ENGLISH:
        return "english"
    return "not_english" if confidence >= language_min_confidence else "uncertain"


def score_caption(caption: str, language_min_letters: int, language_min_confidence: float) -> CaptionScore:
    language, confidence = detect_language(caption, language_min_letters)
    status = language_status(language, confidence, language_min_confidence)
    if status not in SCORED_STATUSES:
        return CaptionScore(language, confidence, status, None, None, None, None)
    scores = _vader().polarity_scores(caption)
    return CaptionScore(language, confidence, status, scores["compound"], scores["pos"], scores["neu"], scores["neg"])


def score_captions(captions: pa.Table, language_min_letters: int, language_min_confidence: float) -> pa.Table:
    """One row per caption of ``captions`` (influencer_id, caption_index, caption): its language and
    sentiment, sorted by influencer_id, caption_index. Each distinct caption text is scored once."""
    captions = captions.select(["influencer_id", "caption_index", "caption"]).sort_by(
        [("influencer_id", "ascending"), ("caption_index", "ascending")]
    )
    texts = captions.column("caption").to_pylist()
    scored: dict[str, CaptionScore] = {}
    for text in sorted(set(texts)):
        scored[text] = score_caption(text, language_min_letters, language_min_confidence)
    rows = [scored[text] for text in texts]
    return pa.table(
        {
            "influencer_id": captions.column("influencer_id").cast(pa.string()),
            "caption_index": captions.column("caption_index").cast(pa.int64()),
            "caption": captions.column("caption").cast(pa.string()),
            "language": pa.array([r.language for r in rows], type=pa.string()),
            "language_confidence": pa.array([r.language_confidence for r in rows], type=pa.float64()),
            "language_status": pa.array([r.language_status for r in rows], type=pa.string()),
            "sentiment_compound": pa.array([r.compound for r in rows], type=pa.float64()),
            "sentiment_positive": pa.array([r.positive for r in rows], type=pa.float64()),
            "sentiment_neutral": pa.array([r.neutral for r in rows], type=pa.float64()),
            "sentiment_negative": pa.array([r.negative for r in rows], type=pa.float64()),
        },
        schema=CAPTION_SCORES_SCHEMA,
    )
