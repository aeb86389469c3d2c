"""Unit tests for python_udfs.core.text (cleaning and combining influencer/brand texts)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from python_udfs.core.text import clean_text, combine_texts


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # URLs of every shape
        ("visit https://shop.example.com/p?id=1 now", "visit now"),
        ("HTTP://EXAMPLE.ORG/ABC end", "end"),
        ("see www.mysite.net/about too", "see too"),
        ("bio link x.co/abc here", "bio link here"),
        ("linktr.ee/jane_doe for links", "for links"),
        ("contact gmail.com or youtube.com", "contact or"),
        ("mail me: jane.doe+pr@gmail.com thanks", "mail me thanks"),
        # missing space after a full stop is not a domain
        ("love it.great stuff", "love it great stuff"),
        # mentions removed, including dots/underscores in handles
        ("collab with @jane.doe_99 and @Bob!", "collab with and"),
        ("https://tiktok.com/@someone video", "video"),
        # hashtags keep their word, lowercased
        ("#fitnessMotivation #GymLife", "fitnessmotivation gymlife"),
        # emoji and punctuation
        ("Gym 💪🏽🔥 every... day!!! (seriously)", "gym every day seriously"),
        ("I ❤️ NY 🇺🇸", "i ny"),
        ("family 👨\u200d👩\u200d👧 time", "family time"),
        ("top 1️⃣ pick", "top pick"),
        ("price: $5.99 - 50% off", "price 5 99 50 off"),
        # apostrophes inside words are dropped (documented choice)
        ("Don't stop, it's fine", "dont stop its fine"),
        ("can\u2019t wait", "cant wait"),
        # caption separators and underscores
        ("first caption | second caption|third", "first caption second caption third"),
        ("snake_case_word", "snake case word"),
        # non-Latin scripts, accents kept
        ("Não PARE, Coração!", "não pare coração"),
        ("Привет, МИР!", "привет мир"),
        ("健身教练，每天训练！", "健身教练 每天训练"),
        ("नमस्ते दुनिया", "नमस्ते दुनिया"),
        ("مرحبا بالعالم", "مرحبا بالعالم"),
        ("Ελληνικά κείμενα", "ελληνικά κείμενα"),
        # stylised letters and full-width forms normalised
        ("𝐁𝐎𝐋𝐃 ｆｕｌｌ", "bold full"),
        # whitespace
        ("  many\n\tlines \r\n here  ", "many lines here"),
        # degenerate inputs
        (None, ""),
        ("", ""),
        ("   ", ""),
        ("🔥💯🙌🏼✨", ""),
        ("!!! ... ???", ""),
    ],
)
def test_clean_text_cases(raw, expected):
    assert clean_text(raw) == expected


def test_clean_text_keeps_digits_and_words_of_mixed_text():
    assert clean_text("Top 10 tips for 2024 #2024goals") == "top 10 tips for 2024 2024goals"


def test_clean_text_decomposed_accents_match_composed():
    composed = "café"
    decomposed = "cafe\u0301"
    assert clean_text(decomposed) == clean_text(composed) == "café"


def test_clean_text_output_alphabet():
    out = clean_text("Mix of everything: 😀 @user https://a.b/c #tag ünïcödé 中文 123 ¿qué? «ok»")
    assert out == "mix of everything tag ünïcödé 中文 123 qué ok"
    assert "  " not in out and out == out.strip()


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_clean_text_is_idempotent_and_tidy(raw):
    once = clean_text(raw)
    assert clean_text(once) == once
    assert once == once.strip()
    assert "  " not in once
    assert once == once.lower()
    assert not any(ch in once for ch in "@#|!?.,:;/\\\n\t")


def test_combine_texts_joins_and_skips_missing():
    assert combine_texts("bio text", None, ["cap one", "", None, "cap two"], "", "brand") == (
        "bio text cap one cap two brand"
    )


def test_combine_texts_accepts_numpy_arrays_and_nan():
    captions = np.array(["a | b", "c"], dtype=object)
    assert combine_texts(float("nan"), captions, "  ") == "a | b c"


def test_combine_texts_empty():
    assert combine_texts() == ""
    assert combine_texts(None, [], "") == ""


def test_combine_does_not_clean():
    assert combine_texts("Hi!", "@me") == "Hi! @me"
    assert clean_text(combine_texts("Hi!", ["@me #Tag"])) == "hi tag"


def test_combine_texts_rejects_other_types():
    with pytest.raises(TypeError):
        combine_texts(42)
