"""TikTok creator segmentation: features, follower tiers and segment names.

Pure functions (no I/O, no global state) called by the dbt Python model that
segments TikTok creators. Clustering itself (k-means, elbow curve, knee) lives
in ``python_udfs.core.clustering``; this module prepares the feature matrix before
clustering and turns the per-segment profile table into marketer vocabulary
after clustering.

Features
--------
``feature_matrix`` uses the eight ``FEATURE_COLUMNS``:

* ``awg_engagement_rate``, ``comment_engagement_rate``, ``like_engagement_rate``
  (ratios, likes or comments per follower; may exceed 1 for tiny accounts),
  ``followers``, ``following``, ``likes``, ``videos_count``: ``log1p`` of the
  value. All are heavy-tailed; the log keeps celebrities from dominating the
  distances.
* ``is_verified``: 0/1.
* Then every column is standardised (``sklearn.preprocessing.StandardScaler``,
  population standard deviation). A constant column (e.g. nobody in the run is
  verified; spread below ``CONSTANT_TOLERANCE`` = 1e-9 of the column's
  magnitude) becomes all zeros, never NaN.

Missing values (documented choice):

* NULL engagement rates and NULL ``following`` are imputed with **0** before
  the log (``log1p(0) = 0``). Exports leave the rates NULL when TikTok shows no
  recent videos to compute them from, so "no measurable engagement" is the
  honest reading; ``following`` is NULL for a handful of hidden lists and is a
  weak signal either way.
* NULL ``is_verified`` counts as not verified (0).
* NULL or negative ``followers``, ``likes`` or ``videos_count`` raise
  ``ValueError``: such rows are rejected by ingestion and must never reach this
  function. Negative rates or ``following`` raise as well.

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

import numpy as np
import pandas as pd
from sklearn.preprocessing import StandardScaler

from python_udfs.core.settings import Settings

__all__ = [
    "FEATURE_COLUMNS",
    "PROFILE_COLUMNS",
    "SEGMENT_NAMES",
    "NamingRules",
    "feature_matrix",
    "log_features",
    "name_segments",
]

FEATURE_COLUMNS = [
    "awg_engagement_rate",
    "comment_engagement_rate",
    "like_engagement_rate",
    "followers",
    "following",
    "likes",
    "videos_count",
    "is_verified",
]

# Columns that must be present and non-negative (ingestion rejects the rest).
REQUIRED_COUNT_COLUMNS = ["followers", "likes", "videos_count"]

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


# Relative spread below which a feature column counts as constant (scaled to 0).
CONSTANT_TOLERANCE = 1e-9

_TRUE_STRINGS = {"true", "t", "1", "yes", "y"}
_FALSE_STRINGS = {"false", "f", "0", "no", "n", ""}


# --------------------------------------------------------------------------- features


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(isinstance(value, float) and math.isnan(value))
    except TypeError:  # pragma: no cover - defensive
        return False


def _verified_to_int(value: object) -> int:
    if _is_missing(value):
        return 0
    if isinstance(value, (bool, np.bool_)):
        return int(bool(value))
    if isinstance(value, (int, np.integer, float, np.floating)):
        if value in (0, 1):
            return int(value)
        raise ValueError(f"is_verified must be 0/1 or a boolean, got {value!r}")
    text = str(value).strip().lower()
    if text in _TRUE_STRINGS:
        return 1
    if text in _FALSE_STRINGS or text == "null":
        return 0
    raise ValueError(f"is_verified must be true/false, got {value!r}")


def _numeric(df: pd.DataFrame, column: str) -> pd.Series:
    series = df[column]
    if series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
        series = series.replace({"null": None, "": None})
    out = pd.to_numeric(series, errors="raise").astype("float64")
    return out


def log_features(df: pd.DataFrame) -> pd.DataFrame:
    """Unscaled features, one column per ``FEATURE_COLUMNS`` entry, same index as ``df``.

    Rates and counts: ``log1p`` after imputing NULL rates / ``following`` with 0.
    ``is_verified``: 0.0 / 1.0 (NULL -> 0). Raises ``ValueError`` on a missing
    column, on NULL or negative followers/likes/videos_count, or on a negative
    rate or following count.
    """
    missing = [c for c in FEATURE_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"missing feature columns: {missing}")

    out = pd.DataFrame(index=df.index)
    for column in FEATURE_COLUMNS:
        if column == "is_verified":
            out[column] = np.array([_verified_to_int(v) for v in df[column]], dtype="float64")
            continue
        values = _numeric(df, column)
        if column in REQUIRED_COUNT_COLUMNS:
            if values.isna().any():
                raise ValueError(
                    f"{column} is NULL in {int(values.isna().sum())} row(s); "
                    "rows without followers/likes/videos_count must be rejected upstream"
                )
        else:
            values = values.fillna(0.0)
        if (values < 0).any():
            raise ValueError(f"{column} has negative values; such rows must be rejected upstream")
        if np.isinf(values.to_numpy()).any():
            raise ValueError(f"{column} has infinite values")
        out[column] = np.log1p(values.to_numpy(dtype="float64"))
    return out


def feature_matrix(df: pd.DataFrame) -> np.ndarray:
    """Standardised feature matrix, shape ``(len(df), 8)``, columns in ``FEATURE_COLUMNS`` order.

    ``log_features`` then ``StandardScaler`` (mean 0, population std 1 per column;
    constant columns become 0). All values are finite.
    """
    raw = log_features(df).to_numpy(dtype="float64")
    if raw.shape[0] == 0:
        return np.empty((0, len(FEATURE_COLUMNS)), dtype="float64")
    scaled = StandardScaler().fit_transform(raw)
    # A constant column (spread below CONSTANT_TOLERANCE relative to its magnitude, e.g.
    # nobody verified, or followers 10**9 and 10**9 + 1) carries no information: make it
    # exactly 0 instead of amplified floating-point noise. Never NaN.
    scaled[:, _constant_columns(raw)] = 0.0
    return np.ascontiguousarray(scaled, dtype="float64")


def _constant_columns(raw: np.ndarray) -> np.ndarray:
    spread = np.ptp(raw, axis=0)
    return spread <= CONSTANT_TOLERANCE * np.maximum(1.0, np.abs(raw).max(axis=0))


# --------------------------------------------------------------------------- naming


def _float(value: object) -> float:
    if _is_missing(value):
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
        segs[sid]["median_follower_tier"] = None if _is_missing(tier) else str(tier)
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
