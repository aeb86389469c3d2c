"""The creators' and brands' texts of the input generator (python_udfs.generators.influencers):
the per-niche vocabularies (influencers_vocabulary.json) and the templates they fill.

Every choice comes from a :class:`Picker` over one row of pre-drawn integers, so a text depends only
on its row: the same draws always give the same bytes.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from python_udfs.generators.vocabulary import load_vocabulary


# ------------------------------------------------------------------------------ vocabularies
@dataclass(frozen=True)
class Niche:
    roles: tuple[str, ...]  # bio: who they are
    topics: tuple[str, ...]  # plural noun phrases: what they post about
    items: tuple[str, ...]  # singular noun phrases: things they use/show
    actions: tuple[str, ...]  # lower-case verb phrases
    tags: tuple[str, ...]  # hashtags without '#'
    mentions: tuple[str, ...]  # @handles without '@'
    challenges: tuple[str, ...]  # "Day 12 of ..."
    places: tuple[str, ...]  # where it happens
    keywords: tuple[str, ...]  # brand target keywords
    products: tuple[str, ...]  # brand: what it makes
    audiences: tuple[str, ...]  # brand: for whom
    claims: tuple[str, ...]  # brand: second sentence (about "it")


_WORDS = load_vocabulary("influencers_vocabulary")
VOCAB: dict[str, Niche] = {name: Niche(**fields) for name, fields in _WORDS["niches"].items()}
FIRST_NAMES = _WORDS["first_names"]
LAST_NAMES = _WORDS["last_names"]
HANDLE_SUFFIXES = _WORDS["handle_suffixes"]
CITIES = _WORDS["cities"]
EMOJI = _WORDS["emoji"]
CONTACTS = _WORDS["contacts"]  # may use {handle} and {weekday}
WEEKDAYS = _WORDS["weekdays"]
TIMES = _WORDS["times"]
OPENERS = _WORDS["openers"]
REACTIONS = _WORDS["reactions"]
VERDICTS = _WORDS["verdicts"]
NUMBERS = _WORDS["numbers"]
BIO_TEMPLATES = _WORDS["bio_templates"]  # slots: see _slot, plus role, role_lower, cross_topic, contact
CAPTION_TEMPLATES = _WORDS["caption_templates"]  # slots: see _slot; a capitalised slot is capitalised
BRAND_PREFIXES = _WORDS["brand_prefixes"]
BRAND_SUFFIXES = _WORDS["brand_suffixes"]
BRAND_VERBS = _WORDS["brand_verbs"]
BRAND_NAME_EXTRAS = _WORDS["brand_name_extras"]  # appended when a prefix + suffix name is taken


# ------------------------------------------------------------------------------ helpers
class Picker:
    """Deterministic choices from one row of pre-drawn integers (cycles if a row runs out)."""

    __slots__ = ("_pos", "_row")

    def __init__(self, row: list[int]) -> None:
        self._row = row
        self._pos = 0

    def _next(self) -> int:
        value = self._row[self._pos % len(self._row)]
        if self._pos >= len(self._row):  # past the end: decorrelate the reused values
            value = (value * 2654435761 + self._pos) % 2147483647
        self._pos += 1
        return value

    def below(self, n: int) -> int:
        return self._next() % n

    def pick(self, options):
        return options[self._next() % len(options)]

    def chance(self, p: float) -> bool:
        return (self._next() % 1_000_000) < p * 1_000_000

    def sample(self, options, k: int) -> list:
        pool = list(options)
        chosen = []
        for _ in range(min(k, len(pool))):
            chosen.append(pool.pop(self._next() % len(pool)))
        return chosen


_FIELDS_CACHE: dict[str, tuple[str, ...]] = {}


def _fields(template: str) -> tuple[str, ...]:
    fields = _FIELDS_CACHE.get(template)
    if fields is None:
        fields = tuple(sorted({f for _, f, _, _ in string.Formatter().parse(template) if f}, key=str.lower))
        _FIELDS_CACHE[template] = fields
    return fields


def _slot(base: str, picker: Picker, vocab: Niche, handle: str, filled: dict) -> str:
    if base == "action":
        return picker.pick(vocab.actions)
    if base == "action2":
        return _different(picker, vocab.actions, filled.get("action"))
    if base == "item":
        return picker.pick(vocab.items)
    if base == "item2":
        return _different(picker, vocab.items, filled.get("item"))
    if base == "topic":
        return picker.pick(vocab.topics)
    if base in ("topic2", "topic3"):
        return _different(picker, vocab.topics, filled.get("topic"), filled.get("topic2"))
    if base == "tag":
        return picker.pick(vocab.tags)
    if base == "tag2":
        return _different(picker, vocab.tags, filled.get("tag"))
    if base == "mention":
        return picker.pick(vocab.mentions)
    if base == "challenge":
        return picker.pick(vocab.challenges)
    if base == "place":
        return picker.pick(vocab.places)
    if base == "opener":
        return picker.pick(OPENERS)
    if base == "reaction":
        return picker.pick(REACTIONS)
    if base == "verdict":
        return picker.pick(VERDICTS)
    if base == "number":
        return picker.pick(NUMBERS)
    if base == "time":
        return picker.pick(TIMES)
    if base == "weekday":
        return picker.pick(WEEKDAYS)
    if base == "day":
        return str(2 + picker.below(88))
    if base == "city":
        return picker.pick(CITIES)
    if base == "emoji":
        return picker.pick(EMOJI)
    if base == "handle":
        return handle
    raise KeyError(base)


def _different(picker: Picker, options, *avoid) -> str:
    value = picker.pick(options)
    for _ in range(3):
        if value not in avoid:
            break
        value = picker.pick(options)
    return value


def fill(template: str, picker: Picker, vocab: Niche, handle: str, extra: dict | None = None) -> str:
    # Slots are drawn once per lower-case name ({Topic} and {topic} share a value), in sorted
    # order so that action2/item2/tag2/topic2 can avoid repeating action/item/tag/topic.
    raw: dict[str, str] = dict(extra or {})
    values: dict[str, str] = {}
    for field in _fields(template):
        base = field.lower()
        if base not in raw:
            raw[base] = _slot(base, picker, vocab, handle, raw)
        values[field] = _capitalise(raw[base]) if field[0].isupper() else raw[base]
    return " ".join(template.format(**values).split())  # collapse doubled spaces (empty emoji/contact)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def creator_name(picker: Picker, vocab: Niche) -> tuple[str, str]:
    first, last = picker.pick(FIRST_NAMES), picker.pick(LAST_NAMES)
    style = picker.below(10)
    word = picker.pick(vocab.tags)[:8]
    if style < 5:
        handle = f"{first}{last}".lower()
        return f"{first} {last}", handle
    if style < 8:
        handle = f"{first.lower()}.{word}{picker.pick(HANDLE_SUFFIXES)}"
        return handle, handle.replace(".", "")
    if style < 9:
        handle = f"the{last.lower()}family" if vocab is VOCAB["parenting"] else f"{word}with{first.lower()}"
        return (f"The {last} Family" if vocab is VOCAB["parenting"] else handle), handle
    handle = f"{first.lower()}_{last.lower()}{picker.below(100)}"
    return handle, handle.replace("_", "")


def bio(picker: Picker, vocab: Niche, secondary: Niche | None, handle: str) -> str:
    template = picker.pick(BIO_TEMPLATES)
    role = picker.pick(vocab.roles)
    cross = picker.pick((secondary or vocab).topics)
    contact = fill(picker.pick(CONTACTS), picker, vocab, handle)
    return fill(
        template,
        picker,
        vocab,
        handle,
        extra={"role": role, "role_lower": role.lower(), "cross_topic": cross, "contact": contact},
    )
