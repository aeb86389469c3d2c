"""Shape features of the follower histories, for the companion fake-follower detector
(python_udfs.fake_followers.suspicion scores them).

Works on the whole (n, days) matrix of histories at once (numpy; Python loops only over days and
window lengths). Day numbers are the history's (1 = oldest). A gain belongs to the day it ends on
(2..days); in the arrays below, gain index ``k`` is day ``k + 2``.

Features (each threshold is a dbt var, read typed from :class:`python_udfs.core.settings.Settings`):

* relative gains ``r = (h[d] - h[d-1]) / h[d-1]``: with noise proportional to size they are
  stationary, so one scale fits the whole month;
* robust baseline and scale: the median gain and ``1.4826 x MAD`` (Iglewicz & Hoaglin). MAD = 0
  (flat or stepwise series): ``1.2533 x`` the mean absolute deviation; never below half a
  follower (counts are integers) nor ``suspicion_scale_floor_pct``;
* spikes: robust z above ``robust_spike_z`` and excess over the median gain of at least
  ``suspicion_min_jump_pct``; a run of spike days is one event, its largest day the peak;
* shape of a peak: its *spread*, the excess of the day before (a ramp) and of the
  ``suspicion_tail_days`` days after it, as a share of the peak's excess (other peaks left out).
  A bought step puts everything on one day (spread ~0, below 0 when a purge follows); a viral day
  ramps up or tails off. Step = spread below ``suspicion_step_max_spread`` and the next day not a
  spike carrying on at least ``suspicion_tail_min_share`` of the jump (a small tail far out of the
  noise is still a tail). A peak on the last day has no day after it: shape unknown;
* purge: after a step, a day within ``suspicion_purge_window_days`` whose robust z is below
  ``-robust_spike_z`` and which loses at least ``suspicion_purge_min_share`` of the step;
* drip: the longest window (at least ``suspicion_drip_min_days``) of consecutive positive daily
  gains in followers averaging at least ``suspicion_drip_min_gain_pct`` a day, with a coefficient
  of variation below ``suspicion_drip_max_cv`` and a fitted trend across the window below
  ``suspicion_drip_max_trend`` of the mean (a decaying viral tail is smooth but not even). Onset:
  the median gain outside the window is at most ``suspicion_drip_max_outside_share`` of its mean;
* engagement: the rate (likes + comments per post over followers, as in the documented score)
  against the low end of the creator's tier in the seed engagement_benchmarks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from python_udfs.core.settings import Settings

MAD_TO_SD = 1.4826  # 1 / 0.6745: the MAD of a normal sample times this estimates its sd
MEAN_AD_TO_SD = 1.253314  # sqrt(pi / 2): the same for the mean absolute deviation


# ------------------------------------------------------------------------------ series features
@dataclass
class SeriesFeatures:
    """Per-creator features; (n, days - 1) arrays are indexed by gain (day = index + 2)."""

    rel_gain: np.ndarray  # (n, g) relative daily gains
    baseline: np.ndarray  # (n,) median relative gain
    scale: np.ndarray  # (n,) robust sd of the relative gains
    z: np.ndarray  # (n, g) robust z of each gain
    excess: np.ndarray  # (n, g) gain minus the median gain
    peak: np.ndarray  # (n, g) bool: the day is the peak of a spike event
    spread: np.ndarray  # (n, g) spread of each peak (nan elsewhere and for a last-day peak)
    step: np.ndarray  # (n, g) bool: step-shaped peak
    unknown: np.ndarray  # (n, g) bool: peak on the last day (no day after it)
    viral: np.ndarray  # (n, g) bool: peak with a ramp or a tail
    purge_day: np.ndarray  # (n, g) int: for a step peak, gain index of its purge drop, -1 if none
    drip_days: np.ndarray  # (n,) int: length of the longest even window (0 if none)
    drip_start: np.ndarray  # (n,) int: its first gain index (-1 if none)
    drip_mean: np.ndarray  # (n,) mean relative gain in it (nan if none)
    drip_cv: np.ndarray  # (n,) its coefficient of variation (nan if none)
    drip_outside_share: np.ndarray  # (n,) median gain outside it / its mean gain (nan: n/a)


def relative_gains(history: np.ndarray) -> np.ndarray:
    """(n, days - 1) gains over the previous day's count (a previous count of 0 counts as 1)."""
    h = np.asarray(history, dtype=np.float64)
    return np.diff(h, axis=1) / np.maximum(h[:, :-1], 1.0)


def robust_z(rel_gain: np.ndarray, followers_level: np.ndarray, scale_floor: float):
    """Median, robust sd (MAD; mean-AD fallback; floors), excess over the median and z of each gain."""
    baseline = np.median(rel_gain, axis=1)
    excess = rel_gain - baseline[:, None]
    deviation = np.abs(excess)
    mad_sd = MAD_TO_SD * np.median(deviation, axis=1)
    mean_ad_sd = MEAN_AD_TO_SD * deviation.mean(axis=1)
    scale = np.where(mad_sd > 0, mad_sd, mean_ad_sd)
    # Counts are integers: one follower more or less is no signal on a small account.
    scale = np.maximum(scale, np.maximum(0.5 / np.maximum(followers_level, 1.0), scale_floor))
    return baseline, scale, excess, excess / scale[:, None]


def _shift(a: np.ndarray, by: int, fill) -> np.ndarray:
    """``out[:, k] = a[:, k + by]`` (``fill`` where ``k + by`` falls outside)."""
    out = np.full_like(a, fill)
    g = a.shape[1]
    if abs(by) >= g:  # shifted out entirely (short histories)
        return out
    if by > 0:
        out[:, : g - by] = a[:, by:]
    elif by < 0:
        out[:, -by:] = a[:, : g + by]
    else:
        out[:] = a
    return out


def spike_events(excess: np.ndarray, z: np.ndarray, settings: Settings):
    """Peaks of spike events, their spread and shape: (peak, spread, step, unknown, viral)."""
    spike = (z > settings.robust_spike_z) & (excess >= settings.suspicion_min_jump_pct / 100.0)
    prev_spike, next_spike = _shift(spike, -1, False), _shift(spike, 1, False)
    prev_excess, next_excess = _shift(excess, -1, -np.inf), _shift(excess, 1, -np.inf)
    peak = spike & (~prev_spike | (excess >= prev_excess)) & (~next_spike | (excess > next_excess))
    g = excess.shape[1]
    other = np.where(peak, 0.0, excess)  # another event's peak nearby is not part of this shape
    neighbours = np.clip(_shift(other, -1, 0.0), 0.0, None)  # a ramp counts, a dip before does not
    for j in range(1, settings.suspicion_tail_days + 1):
        neighbours = neighbours + _shift(other, j, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        spread = np.where(peak, neighbours / excess, np.nan)
    unknown = peak & (np.arange(g)[None, :] == g - 1)
    spread = np.where(unknown, np.nan, spread)
    # A delivery split over two days looks like a fast-decaying viral day; on noisy accounts they
    # cannot be told apart, and calling it a step (tried) took the viral days flagged high on the
    # hard pattern set from 2.4 % to 7.0 %. It is left to the other evidence.
    carries_on = next_spike & (_shift(excess, 1, 0.0) >= settings.suspicion_tail_min_share * excess)
    step = peak & ~unknown & (spread < settings.suspicion_step_max_spread) & ~carries_on
    viral = peak & ~unknown & ~step
    return peak, spread, step, unknown, viral


def purge_after_steps(excess: np.ndarray, z: np.ndarray, step: np.ndarray, settings: Settings) -> np.ndarray:
    """For each step peak, the gain index of the first purge-like drop after it (-1 if none)."""
    drop = z < -settings.robust_spike_z
    found = np.full(excess.shape, -1, dtype=np.int64)
    index = np.arange(excess.shape[1])[None, :]
    for j in range(settings.suspicion_purge_window_days, 0, -1):  # backwards: the first drop wins
        loss = -_shift(excess, j, 0.0)
        hit = step & _shift(drop, j, False) & (loss >= settings.suspicion_purge_min_share * excess)
        found = np.where(hit, index + j, found)
    return found


def smooth_windows(history: np.ndarray, settings: Settings):
    """The longest even window per creator: (days, start gain index, mean relative gain, cv,
    outside share). Even = every daily gain (in followers: a drip delivers about the same number
    each day) positive, mean >= suspicion_drip_min_gain_pct of the followers, cv below
    suspicion_drip_max_cv, |fitted trend| below suspicion_drip_max_trend of the mean. Outside
    share = median gain outside the window / its mean gain (nan with fewer than half of
    suspicion_drip_min_days outside). Days 0 and nan where no window qualifies.
    """
    h = np.asarray(history, dtype=np.float64)
    gains = np.diff(h, axis=1)
    n, g = gains.shape
    min_days = settings.suspicion_drip_min_days
    best = (np.zeros(n, dtype=np.int64), np.full(n, -1, dtype=np.int64), np.full(n, np.nan), np.full(n, np.nan))
    level = np.maximum(h[:, :-1], 1.0)  # followers the day before each gain
    positive = np.concatenate([np.zeros((n, 1)), np.cumsum(gains > 0, axis=1)], axis=1)
    # Only creators with min_days positive gains in a row that average enough can have a window
    # (most accounts do not): the full search below runs on those rows only.
    if g < min_days:
        return (*best, np.full(n, np.nan))
    c1 = np.concatenate([np.zeros((n, 1)), np.cumsum(gains, axis=1)], axis=1)
    first = c1[:, min_days:] - c1[:, :-min_days]
    all_positive = positive[:, min_days:] - positive[:, :-min_days] == min_days
    enough = first / min_days >= settings.suspicion_drip_min_gain_pct / 100.0 * level[:, : g - min_days + 1]
    rows = np.flatnonzero((all_positive & enough).any(axis=1))
    if rows.size:
        found = _search_windows(gains[rows], level[rows], settings)
        for target, values in zip(best, found):
            target[rows] = values
    best_len, best_start, best_mean, best_cv = best
    share = np.full(n, np.nan)
    rows = np.flatnonzero(best_len > 0)
    index = np.arange(g)[None, :]
    inside = (index >= best_start[rows, None]) & (index < (best_start + best_len)[rows, None])
    enough = (~inside).sum(axis=1) >= max(min_days // 2, 1)
    rows, inside = rows[enough], inside[enough]
    if rows.size:
        outside_median = np.nanmedian(np.where(inside, np.nan, gains[rows]), axis=1)
        window_mean = best_mean[rows] * level[rows, best_start[rows]]
        share[rows] = outside_median / window_mean
    return best_len, best_start, best_mean, best_cv, share


def _longest_run(mask: np.ndarray) -> np.ndarray:
    """(n,) length of the longest run of consecutive True values in each row."""
    count = np.cumsum(mask, axis=1)
    last_reset = np.maximum.accumulate(np.where(mask, 0, count), axis=1)
    return (count - last_reset).max(axis=1, initial=0)


def _search_windows(gains: np.ndarray, level: np.ndarray, settings: Settings):
    """Every window length from suspicion_drip_min_days up, every start: prefix sums give each
    window's mean, sd and least-squares slope in O(rows x days) per length. A window lies inside a
    run of positive gains, so each length only looks at the rows with a run that long."""
    n, g = gains.shape
    best_len = np.zeros(n, dtype=np.int64)
    best_start = np.full(n, -1, dtype=np.int64)
    best_mean = np.full(n, np.nan)
    best_cv = np.full(n, np.nan)
    # Rows sorted by their longest run, longest first: the rows a length needs are a prefix
    # (views, no copies).
    longest = _longest_run(gains > 0)
    order = np.argsort(-longest, kind="stable")
    gains, level, longest = gains[order], level[order], longest[order]
    zeros = np.zeros((n, 1))
    k = np.arange(g, dtype=np.float64)[None, :]
    c1 = np.concatenate([zeros, np.cumsum(gains, axis=1)], axis=1)
    c2 = np.concatenate([zeros, np.cumsum(gains**2, axis=1)], axis=1)
    ck = np.concatenate([zeros, np.cumsum(k * gains, axis=1)], axis=1)
    positive = np.concatenate([zeros, np.cumsum(gains > 0, axis=1)], axis=1)
    for length in range(settings.suspicion_drip_min_days, g + 1):
        m = int(np.count_nonzero(longest >= length))
        if m == 0:
            break
        # Cheap tests first, each on the rows the previous one kept: all gains positive and a mean
        # big enough, then evenness (cv), then the trend.
        width = g - length + 1
        ok = positive[:m, length:] - positive[:m, :-length] == length
        mean = (c1[:m, length:] - c1[:m, :-length]) / length
        ok &= mean >= settings.suspicion_drip_min_gain_pct / 100.0 * level[:m, :width]
        rows = np.flatnonzero(ok.any(axis=1))
        if rows.size == 0:
            continue
        ok, mean = ok[rows], mean[rows]
        var = np.maximum((c2[rows, length:] - c2[rows, :-length]) / length - mean**2, 0.0) * length / (length - 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            cv = np.sqrt(var) / mean
        ok &= cv < settings.suspicion_drip_max_cv
        keep = np.flatnonzero(ok.any(axis=1))
        rows, ok, mean, cv = rows[keep], ok[keep], mean[keep], cv[keep]
        centre = np.arange(width)[None, :] + (length - 1) / 2.0
        slope = ((ck[rows, length:] - ck[rows, :-length]) - length * centre * mean) / (length * (length**2 - 1) / 12.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            ok &= np.abs(slope * (length - 1) / mean) < settings.suspicion_drip_max_trend
        keep = np.flatnonzero(ok.any(axis=1))
        if keep.size == 0:
            continue
        rows, ok, mean, cv = rows[keep], ok[keep], mean[keep], cv[keep]
        pick = np.argmin(np.where(ok, cv, np.inf), axis=1)  # the smoothest of this length
        best_len[rows] = length
        best_start[rows] = pick
        best_mean[rows] = mean[np.arange(rows.size), pick] / level[rows, pick]
        best_cv[rows] = cv[np.arange(rows.size), pick]
    back = np.empty_like(order)
    back[order] = np.arange(n)
    return best_len[back], best_start[back], best_mean[back], best_cv[back]


def series_features(history: np.ndarray, settings: Settings) -> SeriesFeatures:
    history = np.asarray(history, dtype=np.float64)
    rel = relative_gains(history)
    baseline, scale, excess, z = robust_z(rel, np.median(history, axis=1), settings.suspicion_scale_floor_pct / 100.0)
    peak, spread, step, unknown, viral = spike_events(excess, z, settings)
    drip_len, drip_start, drip_mean, drip_cv, drip_outside = smooth_windows(history, settings)
    return SeriesFeatures(
        rel_gain=rel,
        baseline=baseline,
        scale=scale,
        z=z,
        excess=excess,
        peak=peak,
        spread=spread,
        step=step,
        unknown=unknown,
        viral=viral,
        purge_day=purge_after_steps(excess, z, step, settings),
        drip_days=drip_len,
        drip_start=drip_start,
        drip_mean=drip_mean,
        drip_cv=drip_cv,
        drip_outside_share=drip_outside,
    )
