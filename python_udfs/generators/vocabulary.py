"""Loads the generators' vocabularies and templates, kept as JSON files beside this module.

The files are package data (``pyproject.toml`` ships ``*.json``), so they load the same from a
checkout or an installed package. Lists come back as tuples: the generators pick entries by
position, and nothing may change a vocabulary while it is in use (objects are read-only
mappings). Keys starting with ``_`` are comments.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any


@cache
def load_vocabulary(name: str) -> MappingProxyType:
    """The contents of ``<name>.json`` in this package: lists as tuples, objects as read-only
    mappings, comment keys dropped. Loaded once per process."""
    text = resources.files(__package__).joinpath(f"{name}.json").read_text(encoding="utf-8")
    return _frozen(json.loads(text))


def _frozen(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return MappingProxyType({key: _frozen(item) for key, item in value.items() if not key.startswith("_")})
    return value
