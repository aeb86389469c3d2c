"""Long texts in chunks (python_udfs.core.chunking and the encoders): the last captions count."""

from __future__ import annotations

import numpy as np
import pytest

from python_udfs.core.chunking import chunk_text, combine_chunks
from python_udfs.core.embeddings import BACKENDS, MAX_SEQ_LENGTH, get_encoder


def word_offsets(text: str) -> list[tuple[int, int]]:
    """A tokenizer stand-in: each word is a token, '##'-style pieces of 3 letters inside long words."""
    offsets, position = [], 0
    for word in text.split(" "):
        for start in range(0, len(word), 3):
            offsets.append((position + start, position + min(start + 3, len(word))))
        position += len(word) + 1
    return offsets


@pytest.mark.parametrize("max_tokens", [1, 2, 3, 5, 8])
def test_chunks_fit_cut_between_words_and_keep_every_token(max_tokens):
    text = "a bb cccccc dd eeeeeeeeeee f gg hhhh i"
    offsets = word_offsets(text)
    chunks = chunk_text(text, offsets, max_tokens)
    assert all(1 <= tokens <= max_tokens for _, tokens in chunks)
    assert sum(tokens for _, tokens in chunks) == len(offsets)
    # Every chunk is a substring in order, together the text's words (a word is split only when
    # it alone is longer than the window).
    assert "".join(piece for piece, _ in chunks).replace(" ", "") == text.replace(" ", "")
    for piece, _ in chunks:
        assert piece == piece.strip()
        if max_tokens >= 4:  # the longest word has 4 tokens: no word is split
            assert all(word in text.split(" ") for word in piece.split(" "))


def test_a_text_that_fits_is_one_chunk_and_keeps_its_vector():
    text = "short text"
    assert chunk_text(text, word_offsets(text), 10) == [(text, 4)]
    vectors = np.random.default_rng(0).standard_normal((3, 4)).astype(np.float32)
    combined = combine_chunks(vectors, [0, 1, 1], [5, 1, 3], 2)
    assert combined[0].tobytes() == vectors[0].tobytes()
    expected = (vectors[1].astype(np.float64) * 1 + vectors[2] * 3) / 4
    assert np.allclose(combined[1], expected / np.linalg.norm(expected), atol=1e-6)


@pytest.fixture(scope="module", params=BACKENDS)
def encoder(request):
    return get_encoder(request.param)


def test_the_end_of_a_long_text_counts(encoder):
    opening = "Morning gym workout, squats and deadlifts for strength. " * 40  # past the window alone
    ending = "Homemade pasta recipe with fresh basil and tomato sauce for dinner."
    assert len(encoder._token_offsets([opening])[0]) > MAX_SEQ_LENGTH
    whole, start, end = encoder.encode([opening + ending, opening, ending])
    # Cut at the window, the ending would be lost and the vector that of the opening alone.
    assert float(whole @ end) > float(start @ end) + 0.02
    assert abs(float(np.linalg.norm(whole)) - 1) < 1e-5
    # Same bytes alone and among other texts.
    assert encoder.encode(["x", opening + ending])[1].tobytes() == whole.tobytes()
