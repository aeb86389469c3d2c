"""Long texts in chunks (issue 34): a text longer than the model's window is not cut.

The encoder reads at most ``MAX_SEQ_LENGTH`` tokens (256 for all-MiniLM-L6-v2, two of them the
[CLS] and [SEP] markers); a creator's bio and captions past that were silently dropped: 85 of the
312 dev creators lost their last captions. Instead such a text is cut, between words, into chunks
that each fit the window (packed greedily, in order), every chunk is embedded, and the text's
vector is the mean of its chunk vectors weighted by their token counts, normalised. A text that
fits is one chunk and keeps its vector bit for bit.

Works on the tokenizer's character offsets of each token (no special tokens), so the chunks are
substrings of the text and re-tokenise to the same tokens.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from python_udfs.core.calibration import unit_rows


def chunk_text(text: str, offsets: Sequence[tuple[int, int]], max_tokens: int) -> list[tuple[str, int]]:
    """``text`` as chunks of at most ``max_tokens`` tokens, each cut before a token that starts a
    word (preceded by a space), with its token count. ``offsets`` are the (start, end) character
    offsets of the text's tokens in order. A single word longer than ``max_tokens`` tokens is cut
    inside it. Fewer than ``max_tokens`` tokens: the text itself, one chunk."""
    if max_tokens < 1:
        raise ValueError(f"max_tokens must be positive, got {max_tokens}")
    if len(offsets) <= max_tokens:
        return [(text, len(offsets))]
    # Token i may start a chunk when it begins a word: a gap (whitespace) before it.
    starts_word = [i == 0 or offsets[i][0] > offsets[i - 1][1] for i in range(len(offsets))]
    chunks, first = [], 0
    while first < len(offsets):
        last = min(first + max_tokens, len(offsets))  # exclusive
        if last < len(offsets):
            cut = next((i for i in range(last, first, -1) if starts_word[i]), last)
            last = cut
        piece = text[offsets[first][0] : offsets[last - 1][1]]
        chunks.append((piece, last - first))
        first = last
    return chunks


def combine_chunks(vectors: np.ndarray, owners: Sequence[int], weights: Sequence[int], count: int) -> np.ndarray:
    """One unit vector per text from its chunks' vectors: ``owners[j]`` is the text chunk ``j``
    belongs to, ``weights[j]`` its token count. A text with one chunk keeps that vector exactly."""
    vectors = np.asarray(vectors, dtype=np.float32)
    out = np.zeros((count, vectors.shape[1]), dtype=np.float32)
    owners_array = np.asarray(owners)
    for text in range(count):
        rows = np.flatnonzero(owners_array == text)
        if len(rows) == 1:
            out[text] = vectors[rows[0]]
        elif len(rows) > 1:
            weight = np.asarray([weights[j] for j in rows], dtype=np.float64)[:, None]
            mean = (vectors[rows].astype(np.float64) * weight).sum(axis=0, keepdims=True) / weight.sum()
            out[text] = unit_rows(mean)[0].astype(np.float32)
    return out
