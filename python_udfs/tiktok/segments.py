"""TikTok segment names: each k-means segment's marketer-facing name from its profile.

Pure functions (no I/O, no global state) called by the dbt Python model that names the
segments (python_udfs.tiktok.tables); the features the segments come from are
:mod:`python_udfs.tiktok.features`.

Follower tiers
--------------
Tiers are data, not code: the editable seed ``follower_tiers`` (staging model
``stg_reference__follower_tiers``). The segment profile (``int_tiktok_segments_profiled``,
SQL) carries the tier of each segment's median followers, ``median_follower_tier``.

Segment names
-------------
``name_segments(profiles, rules)`` receives one row per segment (see
``PROFILE_COLUMNS``; the SQL model ``int_tiktok_segments_profiled`` builds that
table) and applies these rules in order; the first rule that matches gives the
base name. The thresholds are settings (``NamingRules``, from the vars
``tiktok_verified_share_min``, ``tiktok_celebrity_followers_min``,
``tiktok_prolific_videos_min``, ``tiktok_prolific_videos_factor``).

Two reference values are computed per segment from the *other* segments of the
same run, weighting each segment by its ``size`` (so each creator counts once
and the reference is "the typical creator outside this segment"):

* `ENG_REF` = size-weighted median of the other segments' `mean_engagement_rate`
* `VIDEOS_REF` = size-weighted median of the other segments' `mean_videos`

A comparison with a reference that does not exist (a run with one segment, or
all other values NULL) is false. A NULL `mean_engagement_rate` is never "above"
anything; a NULL `verified_share` counts as 0.

| # | Rule (first match wins)                                                        | Name                           |
|---|--------------------------------------------------------------------------------|--------------------------------|
| 1 | `verified_share` >= VERIFIED_MIN and `median_followers` >= CELEBRITY_MIN       | Celebrity accounts             |
| 2 | `verified_share` >= VERIFIED_MIN                                               | Verified creators              |
| 3 | `mean_videos` >= PROLIFIC_MIN and `mean_videos` >= PROLIFIC_FACTOR x `VIDEOS_REF` | Prolific posters            |
| 4 | `median_followers` >= CELEBRITY_MIN                                            | Mass-reach creators            |
| 5 | `median_follower_tier` is nano and `mean_engagement_rate` > `ENG_REF`          | Niche engagement specialists   |
| 6 | `median_follower_tier` is nano                                                 | Emerging creators              |
| 7 | `median_follower_tier` is micro and `mean_engagement_rate` > `ENG_REF`         | Community builders             |
| 8 | anything else (micro with ordinary engagement, or mid and above below CELEBRITY_MIN) | Mid-tier mainstream      |

Names are unique within a run. When several segments get the same base name,
each of them gets qualifiers in parentheses, added one at a time until the
names differ (deterministic, no randomness):

1. the follower tier of `median_followers`: `Mid-tier mainstream (micro)`;
2. the mean engagement rate: `Niche engagement specialists (nano, 48.2% avg engagement)`;
3. the median followers: `... (nano, 48.2% avg engagement, 3.1K median followers)`;
4. last resort, only if everything above is identical: `..., segment 4)`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd

from python_udfs.core.settings import Settings
from python_udfs.tiktok.features import is_missing

__all__ = ["PROFILE_COLUMNS", "SEGMENT_NAMES", "NamingRules", "name_segments"]

PROFILE_COLUMNS = [
    "segment_id",
    "size",
    "share",
    "mean_followers",
    "median_followers",
    "mean_engagement_rate",
    "verified_share",
    "mean_videos",
    "mean_likes",
    "median_follower_tier",
]

CELEBRITY = "Celebrity accounts"
VERIFIED = "Verified creators"
PROLIFIC = "Prolific posters"
MASS_REACH = "Mass-reach creators"
NICHE = "Niche engagement specialists"
EMERGING = "Emerging creators"
COMMUNITY = "Community builders"
MAINSTREAM = "Mid-tier mainstream"
# In rule order.
SEGMENT_NAMES = [CELEBRITY, VERIFIED, PROLIFIC, MASS_REACH, NICHE, EMERGING, COMMUNITY, MAINSTREAM]


@dataclass(frozen=True)
class NamingRules:
    """The naming thresholds (settings tiktok_verified_share_min, ..._celebrity_followers_min, ...)."""

    verified_share_min: float
    celebrity_followers_min: float
    prolific_videos_min: float
    prolific_videos_factor: float

    @classmethod
    def from_settings(cls, settings: Settings) -> NamingRules:
        return cls(
            verified_share_min=settings.tiktok_verified_share_min,
            celebrity_followers_min=settings.tiktok_celebrity_followers_min,
            prolific_videos_min=settings.tiktok_prolific_videos_min,
            prolific_videos_factor=settings.tiktok_prolific_videos_factor,
        )


def _float(value: object) -> float:
    if is_missing(value):
        return math.nan
    return float(value)


def _weighted_median(values: Iterable[float], weights: Iterable[float]) -> float:
    """Lower weighted median; NaN values are skipped; NaN if nothing is left."""
    pairs = [(v, w) for v, w in zip(values, weights) if not math.isnan(v)]
    if not pairs:
        return math.nan
    if sum(w for _, w in pairs) <= 0:
        pairs = [(v, 1.0) for v, _ in pairs]
    pairs.sort(key=lambda p: p[0])
    total = sum(w for _, w in pairs)
    cumulative = 0.0
    for value, weight in pairs:
        cumulative += weight
        if cumulative >= total / 2:
            return value
    return pairs[-1][0]  # pragma: no cover - unreachable


def _base_name(seg: dict, eng_ref: float, videos_ref: float, rules: NamingRules) -> str:
    verified = seg["verified_share"]
    verified = 0.0 if math.isnan(verified) else verified
    followers = seg["median_followers"]
    engagement = seg["mean_engagement_rate"]
    videos = seg["mean_videos"]
    high_engagement = not math.isnan(engagement) and not math.isnan(eng_ref) and engagement > eng_ref
    prolific = (
        not math.isnan(videos)
        and not math.isnan(videos_ref)
        and videos >= rules.prolific_videos_min
        and videos >= rules.prolific_videos_factor * videos_ref
    )
    tier = seg["median_follower_tier"]

    if verified >= rules.verified_share_min and followers >= rules.celebrity_followers_min:
        return CELEBRITY
    if verified >= rules.verified_share_min:
        return VERIFIED
    if prolific:
        return PROLIFIC
    if followers >= rules.celebrity_followers_min:
        return MASS_REACH
    if tier == "nano" and high_engagement:
        return NICHE
    if tier == "nano":
        return EMERGING
    if tier == "micro" and high_engagement:
        return COMMUNITY
    return MAINSTREAM


def _format_rate(rate: float) -> str:
    if math.isnan(rate):
        return "n/a avg engagement"
    pct = rate * 100
    text = f"{pct:.0f}" if abs(pct) >= 100 else f"{pct:.3g}"
    return f"{text}% avg engagement"


def _format_count(value: float) -> str:
    if math.isnan(value):
        return "n/a"
    for divisor, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= divisor:
            scaled = value / divisor
            text = f"{scaled:.1f}".rstrip("0").rstrip(".") if scaled < 100 else f"{scaled:.0f}"
            return f"{text}{suffix}"
    return f"{value:.0f}"


def _tier_qualifier(seg: dict) -> str:
    return seg["median_follower_tier"] or "unknown tier"


_QUALIFIERS: list[Callable[[dict[str, float]], str]] = [
    _tier_qualifier,
    lambda seg: _format_rate(seg["mean_engagement_rate"]),
    lambda seg: f"{_format_count(seg['median_followers'])} median followers",
    lambda seg: f"segment {int(seg['segment_id'])}",
]


def _resolve(
    ids: list[int], segs: dict[int, dict[str, float]], base: str, qualifiers: list[str], level: int, out: dict[int, str]
) -> None:
    if len(ids) == 1:
        sid = ids[0]
        out[sid] = f"{base} ({', '.join(qualifiers)})" if qualifiers else base
        return
    qualifier = _QUALIFIERS[level]
    parts: dict[str, list[int]] = {}
    for sid in ids:
        parts.setdefault(qualifier(segs[sid]), []).append(sid)
    for value in sorted(parts):
        _resolve(parts[value], segs, base, qualifiers + [value], level + 1, out)


def name_segments(profiles: pd.DataFrame, rules: NamingRules) -> dict[int, str]:
    """Marketer-facing name per ``segment_id``, unique within the call.

    ``profiles`` has one row per segment with ``PROFILE_COLUMNS`` (extra columns
    are ignored). Rules and tie-breaking are in the module docstring. Raises
    ``ValueError`` on missing columns or duplicated segment ids.
    """
    missing = [c for c in PROFILE_COLUMNS if c not in profiles.columns]
    if missing:
        raise ValueError(f"missing profile columns: {missing}")
    if profiles.empty:
        return {}
    ids = [int(s) for s in profiles["segment_id"]]
    if len(set(ids)) != len(ids):
        raise ValueError("segment_id must be unique in profiles")

    segs: dict[int, dict[str, float]] = {}
    for sid, (_, row) in zip(ids, profiles.iterrows()):
        segs[sid] = {c: _float(row[c]) for c in PROFILE_COLUMNS if c not in ("segment_id", "median_follower_tier")}
        tier = row["median_follower_tier"]
        segs[sid]["median_follower_tier"] = None if is_missing(tier) else str(tier)
        segs[sid]["segment_id"] = float(sid)
        if math.isnan(segs[sid]["size"]):
            segs[sid]["size"] = 0.0

    base: dict[int, str] = {}
    for sid in ids:
        others = [o for o in ids if o != sid]
        weights = [segs[o]["size"] for o in others]
        eng_ref = _weighted_median([segs[o]["mean_engagement_rate"] for o in others], weights)
        videos_ref = _weighted_median([segs[o]["mean_videos"] for o in others], weights)
        base[sid] = _base_name(segs[sid], eng_ref, videos_ref, rules)

    names: dict[int, str] = {}
    groups: dict[str, list[int]] = {}
    for sid in ids:
        groups.setdefault(base[sid], []).append(sid)
    for name, members in groups.items():
        _resolve(sorted(members), segs, name, [], 0, names)

    assert len(set(names.values())) == len(names), names
    return {sid: names[sid] for sid in ids}
