"""Text preparation shared by influencer biographies/captions and brand descriptions.

One cleaning function is used for both sides of the match so that influencer and brand texts
land in the same vocabulary and the same embedding space.

``clean_text`` rules, in order:

1. ``None`` -> ``""``.
2. Unicode NFKC normalisation (TikTok bios often use "fancy" letters such as 𝐛𝐨𝐥𝐝 or ｆｕｌｌ-width
   forms; NFKC maps them to plain letters) and lowercasing.
3. URLs removed: ``http(s)://...``, ``www....``, e-mail addresses, and bare domains. A bare domain
   is removed when it has a path (``x.co/abc``, ``linktr.ee/name``) or ends in a well-known TLD
   (``shop.com``); ``word.word`` without a path and with another ending is treated as two words,
   because a missing space after a full stop ("love it.great") is common in bios.
4. ``@mentions`` removed (handle characters: letters, digits, ``_`` and ``.``).
5. Keycap emoji (``1️⃣``) removed, so they do not turn into stray digits.
6. Apostrophes inside a word are dropped: ``don't`` -> ``dont`` (one token, so keyword extraction
   does not see a lone ``t``).
7. Every character that is not a letter, digit or combining mark of ANY script becomes a space:
   emoji, punctuation, symbols, ``#`` (hashtags keep their word: ``#fitnessMotivation`` ->
   ``fitnessmotivation``), the `` | `` caption separators, underscores. Combining marks are kept
   when they follow a kept character (needed by Devanagari, Thai, decomposed accents) and dropped
   otherwise (e.g. the emoji variation selector U+FE0F). Invisible format characters
   (zero-width joiner, soft hyphen, ...) are deleted without leaving a space.
8. Whitespace collapsed to single spaces and stripped.

The function is idempotent: ``clean_text(clean_text(s)) == clean_text(s)``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Well-known TLDs for bare domains WITHOUT a path. Deliberately excludes endings that are also
# common words in bios (me, to, in, it, is, at, be, us, de, es, ...).
_KNOWN_TLDS = frozenset(
    {
        "com",
        "net",
        "org",
        "io",
        "co",
        "ly",
        "gg",
        "tv",
        "app",
        "ee",
        "info",
        "biz",
        "shop",
        "store",
        "site",
        "online",
        "xyz",
        "link",
        "bio",
        "page",
        "club",
        "live",
        "br",
        "ru",
        "uk",
        "fr",
        "edu",
        "gov",
    }
)

_SCHEME_OR_WWW_URL = re.compile(r"(?:https?://|www\.)\S+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_BARE_DOMAIN = re.compile(r"(?<![\w@.])(?:[a-z0-9-]+\.)+([a-z]{2,24})\b(/\S*)?")
_MENTION = re.compile(r"(?<!\w)@[\w.]+")
_KEYCAP = re.compile("[0-9#*]\ufe0f?\u20e3")
_APOSTROPHE_IN_WORD = re.compile(r"(?<=\w)['\u2019\u02bc`\u00b4](?=\w)")
_WHITESPACE = re.compile(r"\s+")

# Character classes for step 7.
_KEEP, _MARK, _DELETE, _SPACE = 0, 1, 2, 3


def clean_text(text: str | None) -> str:
    """Normalise one influencer or brand text for embedding and keyword extraction.

    See the module docstring for the exact rules. ``None`` (SQL NULL) gives ``""``.
    """
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", str(text)).lower()
    text = _remove_links_and_mentions(text)
    text = _KEYCAP.sub(" ", text)
    text = _APOSTROPHE_IN_WORD.sub("", text)
    text = _keep_letters_digits_marks(text)
    return _WHITESPACE.sub(" ", text).strip()


def combine_texts(*parts: str | Iterable[str | None] | None) -> str:
    """Join text parts with single spaces, skipping ``None``, NaN and empty/blank parts.

    A part may be a string or a list (or any non-string iterable, e.g. the numpy array DuckDB
    returns for a ``VARCHAR[]`` column) of captions, which is flattened. No cleaning is done here:
    call :func:`clean_text` on the result.
    """
    pieces: list[str] = []
    for part in parts:
        _collect_pieces(part, pieces)
    return " ".join(pieces)


def _collect_pieces(part: object, pieces: list[str]) -> None:
    if part is None:
        return
    if isinstance(part, str):
        if part.strip():
            pieces.append(part)
        return
    if isinstance(part, float) and math.isnan(part):  # pandas' missing value
        return
    if isinstance(part, Iterable):
        for item in part:
            _collect_pieces(item, pieces)
        return
    raise TypeError(f"combine_texts expects str, None or a list of str, got {type(part).__name__}")


def _remove_links_and_mentions(text: str) -> str:
    # Order matters: full URLs first (they may contain "@user" or domains), then e-mails (which
    # look like mentions), then bare domains, then mentions.
    text = _SCHEME_OR_WWW_URL.sub(" ", text)
    text = _EMAIL.sub(" ", text)
    text = _BARE_DOMAIN.sub(_bare_domain_replacement, text)
    return _MENTION.sub(" ", text)


def _bare_domain_replacement(match: re.Match[str]) -> str:
    tld, path = match.group(1), match.group(2)
    if path is not None or tld in _KNOWN_TLDS:
        return " "
    return match.group(0)


def _keep_letters_digits_marks(text: str) -> str:
    out: list[str] = []
    previous_kept = False
    for ch in text:
        kind = _char_kind(ch)
        if kind == _KEEP or (kind == _MARK and previous_kept):
            out.append(ch)
            previous_kept = True
        elif kind == _DELETE:
            continue  # invisible: do not break the word, do not change previous_kept
        else:
            out.append(" ")
            previous_kept = False
    return "".join(out)


@lru_cache(maxsize=65536)
def _char_kind(ch: str) -> int:
    category = unicodedata.category(ch)
    if category[0] in ("L", "N"):
        return _KEEP
    if category[0] == "M":
        return _MARK
    if category == "Cf":
        return _DELETE
    return _SPACE


@lru_cache(maxsize=1)
def cleaning_version() -> str:
    """SHA-256 of this module's source, the Python version and its Unicode database version.

    What :func:`clean_text` returns depends on nothing else, so int_influencers_cleaned keeps
    a cleaned text while its source text and this version are unchanged.
    """
    import hashlib
    import platform
    from pathlib import Path

    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(f"{platform.python_version()} {unicodedata.unidata_version}".encode())
    return digest.hexdigest()
