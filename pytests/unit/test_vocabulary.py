"""The generators' vocabularies load from package data, read-only, in file order."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from python_udfs.generators import influencers, text_templates, tiktok_accounts
from python_udfs.generators.vocabulary import load_vocabulary


@pytest.mark.parametrize("name", ["influencers_vocabulary", "tiktok_vocabulary"])
def test_loaded_vocabulary_equals_the_file_minus_comments(name):
    raw = json.loads(resources.files("python_udfs.generators").joinpath(f"{name}.json").read_text(encoding="utf-8"))
    loaded = load_vocabulary(name)
    assert "_comment" in raw and "_comment" not in loaded
    assert list(loaded) == [key for key in raw if not key.startswith("_")]

    def thawed(value):
        if isinstance(value, tuple):
            return [thawed(v) for v in value]
        if hasattr(value, "items"):
            return {k: thawed(v) for k, v in value.items()}
        return value

    assert thawed(loaded) == {key: value for key, value in raw.items() if not key.startswith("_")}


def test_vocabulary_is_read_only():
    words = load_vocabulary("influencers_vocabulary")
    assert isinstance(words["first_names"], tuple)
    with pytest.raises(TypeError):
        words["first_names"] = ("Someone",)
    with pytest.raises(TypeError):
        words["niches"]["fashion"]["roles"] = ()


def test_generators_read_the_files():
    words = load_vocabulary("influencers_vocabulary")
    assert words["caption_templates"] == text_templates.CAPTION_TEMPLATES
    assert set(text_templates.VOCAB) == set(influencers.NICHES) == set(words["niches"])
    assert text_templates.VOCAB["food"].keywords == words["niches"]["food"]["keywords"]
    pools = load_vocabulary("tiktok_vocabulary")
    assert tuple(pools["language_weights"]) == tiktok_accounts.LANGUAGES
    assert sum(tiktok_accounts.LANGUAGE_WEIGHTS) == pytest.approx(1.0)
    assert set(tiktok_accounts.BIO_LINES) == set(tiktok_accounts.NICKNAMES) == set(tiktok_accounts.LANGUAGES)
