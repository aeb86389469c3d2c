"""Why a creator matches a brief, in a form a marketer can check at a glance.

For every match: the creator's caption most similar to the brief (cosine of the MiniLM
embeddings of the cleaned caption and of the brief) and the brief's target keywords that the
creator's own text uses. :func:`evidence_sentence` joins both into the ``match_evidence`` text.

Keyword use is a whole-word match on cleaned text (:func:`python_udfs.core.text.clean_text` on both
sides), so "USB-C" matches "usb c" and "Skincare" matches "skincare"; the last word of a keyword
may also carry a plural ending ("outfit" matches "outfits", "dress" matches "dresses").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from python_udfs.core.calibration import unit_rows
from python_udfs.core.text import clean_text

# 4 decimals, not 6: the embeddings' last float32 bit can differ between processes (seen: a
# brand's match_z differed in its 6th decimal between two builds); a coarser rounding keeps the
# published values byte-identical.
SIMILARITY_DECIMALS = 4
CAPTION_PREVIEW_CHARS = 160  # a caption longer than this is shortened in the sentence, with "..."


def most_similar_caption(brief_vector: np.ndarray, caption_vectors: np.ndarray) -> tuple[int, float] | None:
    """(index, cosine) of the caption most similar to the brief; None when there are no captions.

    Cosines are rounded to 4 decimals; ties go to the earlier caption. A zero caption vector
    (a caption with no usable text) scores 0.
    """
    captions = unit_rows(np.asarray(caption_vectors, dtype=np.float64).reshape(-1, np.size(brief_vector)))
    if captions.shape[0] == 0:
        return None
    brief = unit_rows(np.asarray(brief_vector, dtype=np.float64).reshape(1, -1))[0]
    cosines = np.round(captions @ brief, SIMILARITY_DECIMALS) + 0.0
    best = int(np.argmax(cosines))  # argmax returns the first maximum: the earlier caption wins ties
    return best, float(cosines[best])


def keywords_used(keywords: Sequence[str | None], creator_text: str | None) -> list[str]:
    """The keywords (as given, in their order, without duplicates) that occur in ``creator_text``.

    Both sides are cleaned with :func:`python_udfs.core.text.clean_text`; a keyword that cleans to
    nothing never matches.
    """
    text = " " + clean_text(creator_text) + " "
    found: list[str] = []
    for keyword in keywords:
        if keyword is None:
            continue
        cleaned = clean_text(keyword)
        if not cleaned or keyword in found:
            continue
        if re.search(_keyword_pattern(cleaned), text):
            found.append(keyword)
    return found


def _keyword_pattern(cleaned_keyword: str) -> str:
    words = [re.escape(word) for word in cleaned_keyword.split()]
    words[-1] += "(?:s|es)?"
    return r"(?<=\s)" + r"\s".join(words) + r"(?=\s)"


def evidence_sentence(caption: str | None, keywords: Sequence[str], has_text: bool = True) -> str:
    """One line: the most similar caption (shortened) and the brief keywords the creator uses.

    A creator with text but no caption with usable text gets a sentence saying so, so the
    evidence is never empty for a creator with text; ``""`` only when ``has_text`` is false.
    """
    if not has_text:
        return ""
    caption = " ".join((caption or "").split())
    if caption:
        if len(caption) > CAPTION_PREVIEW_CHARS:
            caption = caption[: CAPTION_PREVIEW_CHARS - 3].rstrip() + "..."
        parts = [f'Closest caption: "{caption}"']
    else:
        parts = ["No caption with usable text"]
    parts.append("Uses brief keywords: " + ", ".join(keywords) if keywords else "Uses none of the brief keywords")
    return ". ".join(parts) + "."
