"""TikTok creator features: the standardised log feature matrix k-means segments on.

Pure functions (no I/O, no global state) called by the dbt Python models that segment TikTok
creators (python_udfs.tiktok.tables). Clustering itself (k-means, elbow curve, knee) lives in
``python_udfs.core.clustering``; segment names: :mod:`python_udfs.tiktok.segments`.

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
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from sklearn.preprocessing import StandardScaler

__all__ = ["FEATURE_COLUMNS", "feature_matrix", "is_missing", "log_features"]

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


# Relative spread below which a feature column counts as constant (scaled to 0).
CONSTANT_TOLERANCE = 1e-9

_TRUE_STRINGS = {"true", "t", "1", "yes", "y"}
_FALSE_STRINGS = {"false", "f", "0", "no", "n", ""}


def is_missing(value: object) -> bool:
    """None, pandas NA / NaT or a float NaN."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(isinstance(value, float) and math.isnan(value))
    except TypeError:  # pragma: no cover - defensive
        return False


def _verified_to_int(value: object) -> int:
    if is_missing(value):
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
