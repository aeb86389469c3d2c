"""Campaign fit: one ranking that blends relevance, authenticity and engagement.

For a brand and a creator on its shortlist::

    relevance    = clip(match_z / match_excellent_z_above, 0, 1)  # per-brand z; every Excellent match counts 1
    authenticity = 1 - fake_score / fake_score_cap              # 0 when the creator has no score
    engagement   = percent rank of engagement_rate in the pool  # 0..1, 0 when unknown
    value        = value_score / 100 (influencer_value: 1 = cheapest per engagement)  # 0 when unknown
    campaign_fit = 100 * (w_r * relevance + w_a * authenticity + w_e * engagement + w_v * value)
                   / (w_r + w_a + w_e + w_v)

so the weights are relative (only their ratios matter) and the score reads 0-100. A creator
without growth data has no fake-follower score and no engagement rate: both count 0, so an
unvetted creator never outranks an equally relevant vetted one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SCORE_DECIMALS = 2


@dataclass(frozen=True)
class FitWeights:
    relevance: float
    authenticity: float
    engagement: float
    value: float = 0.0  # the value weight (issue 15); 0 keeps the three-part blend

    def __post_init__(self) -> None:
        values = (self.relevance, self.authenticity, self.engagement, self.value)
        if any(not np.isfinite(v) or v < 0 for v in values):
            raise ValueError(f"campaign fit weights must be finite and >= 0, got {values}")
        if sum(values) <= 0:
            raise ValueError("at least one campaign fit weight must be positive")


def percent_rank(values: np.ndarray) -> np.ndarray:
    """SQL ``percent_rank()``: (rank - 1) / (n - 1) with ties sharing their lowest rank.

    NaN (unknown) stays NaN and is not counted in n; a single known value ranks 0.
    """
    values = np.asarray(values, dtype=np.float64)
    out = np.full(values.shape, np.nan)
    known = np.flatnonzero(~np.isnan(values))
    if known.size == 0:
        return out
    known_values = values[known]
    # rank - 1 = number of known values strictly below (ties share the lowest rank).
    below = np.searchsorted(np.sort(known_values), known_values, side="left")
    out[known] = below / (known.size - 1) if known.size > 1 else 0.0
    return out


def campaign_fit(
    match_z: np.ndarray,
    fake_score: np.ndarray,
    engagement_rank: np.ndarray,
    weights: FitWeights,
    match_excellent_z_above: float,
    fake_score_cap: float,
    value_score: np.ndarray | None = None,
) -> np.ndarray:
    """The 0-100 campaign fit of each row (see the module docstring); NaN inputs count 0."""
    if match_excellent_z_above <= 0:
        raise ValueError(f"match_excellent_z_above must be > 0, got {match_excellent_z_above}")
    if fake_score_cap <= 0:
        raise ValueError(f"fake_score_cap must be > 0, got {fake_score_cap}")
    z = np.asarray(match_z, dtype=np.float64)
    relevance = np.clip(np.nan_to_num(z, nan=0.0) / match_excellent_z_above, 0.0, 1.0)
    fake = np.asarray(fake_score, dtype=np.float64)
    authenticity = np.where(np.isnan(fake), 0.0, np.clip(1.0 - fake / fake_score_cap, 0.0, 1.0))
    engagement = np.clip(np.nan_to_num(np.asarray(engagement_rank, dtype=np.float64), nan=0.0), 0.0, 1.0)
    value = np.zeros_like(relevance)
    if value_score is not None:
        value = np.clip(np.nan_to_num(np.asarray(value_score, dtype=np.float64), nan=0.0) / 100.0, 0.0, 1.0)
    total = weights.relevance + weights.authenticity + weights.engagement + weights.value
    blend = (
        weights.relevance * relevance
        + weights.authenticity * authenticity
        + weights.engagement * engagement
        + weights.value * value
    ) / total
    return np.round(100.0 * blend, SCORE_DECIMALS) + 0.0
