"""Reason strings of the companion fake-follower detector (python_udfs.fake_followers.suspicion).

Each reason names the day and the value a person can check in the history, with the points it
adds in brackets; the points of a creator's reasons add up to its suspicion_score (unless a cap
applies, which the reasons then say). :func:`explain` works on plain per-creator values (easy to
test); :func:`reasons_for` pulls those values out of the detector's arrays.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from functools import cache

import numpy as np

SEPARATOR = "; "
_VOWEL_SOUND = re.compile(r"8|1[18](?!\d)")


def pct(value: float) -> str:
    """A signed percentage: '+18 %', '-2.1 %', '+0.35 %'."""
    # One literal format per branch: a computed precision ({value:+.{decimals}f}) was half of
    # the time of the ~1M calls at 1M creators.
    size = abs(value)
    if size >= 10:
        return f"{value:+.0f} %"
    if size >= 1:
        return f"{value:+.1f} %"
    return f"{value:+.2f} %"


def rate(value: float) -> str:
    """An unsigned percentage with at most two significant decimals: '0.6 %', '3.1 %'."""
    return f"{value:.2g} %" if value < 1 else f"{value:.1f} %"


def followers_text(value: float) -> str:
    """250000 -> '250K', 1234567 -> '1.23M', 850 -> '850'."""
    if value >= 1_000_000:
        return f"{value / 1_000_000:.3g}M"
    if value >= 1_000:
        return f"{value / 1_000:.3g}K"
    return f"{value:.0f}"


def account(followers: float) -> str:
    """'a 250K account', 'an 8.82K account', 'an 11K account'."""
    return _account_of_size(followers_text(followers))


@cache
def _account_of_size(size: str) -> str:
    # Cached: the sizes are a few thousand texts (three significant digits), the creators millions.
    article = "an" if _VOWEL_SOUND.match(size) else "a"  # eight..., eleven..., eighteen...
    return f"{article} {size} account"


@cache
def typical(low: float, high: float) -> str:
    # Cached: one range per follower tier.
    return f"{low:g}-{high:g} %"


def _points(value: float) -> str:
    return f"[+{value:.0f}]"


def explain_one(c: Mapping[str, Sequence], i: int) -> str:
    """The reasons of creator ``i`` from the summary columns ``c`` (see :func:`explain` for the keys)."""
    parts: list[tuple[float, str]] = []  # (points, text): the strongest evidence first
    if c["step_day"][i] >= 0:
        # The main step, then the other steps: one group, ranked by the points of all of them.
        group = c["step_points"][i] + c["purge_points"][i] + c["more_steps_points"][i]
        text = f"step of {pct(c['step_pct'][i])} on day {c['step_day'][i]}"
        if c["purge_day"][i] >= 0:
            text += f" followed by {pct(c['purge_pct'][i])} on day {c['purge_day'][i]} (a purge?)"
            text += f" [+{c['step_points'][i]:.0f}, purge +{c['purge_points'][i]:.0f}]"
        else:
            after = "" if math.isnan(c["step_next_pct"][i]) else f" (next day {pct(c['step_next_pct'][i])})"
            text += f" with no tail{after} {_points(c['step_points'][i])}"
        if c["more_steps"][i]:
            listed = ", ".join(f"{pct(p)} on day {d}" for d, p in c["more_steps"][i])
            count = len(c["more_steps"][i])
            text += f", and {count} more step{'s' if count > 1 else ''}: {listed} {_points(c['more_steps_points'][i])}"
        parts.append((group, text))
    if c["unknown_day"][i] >= 0:
        parts.append(
            (
                c["unknown_points"][i],
                f"jump of {pct(c['unknown_pct'][i])} on day {c['unknown_day'][i]}, the last day: "
                f"no day after it to tell a step from a viral day {_points(c['unknown_points'][i])}",
            )
        )
    if c["viral_day"][i] >= 0:
        parts.append(
            (
                c["viral_points"][i],
                f"jump of {pct(c['viral_pct'][i])} on day {c['viral_day'][i]} tapering off "
                f"(next day {pct(c['viral_next_pct'][i])}): looks organic {_points(c['viral_points'][i])}",
            )
        )
    if c["drip_days"][i] > 0:
        text = (
            f"even gains of {pct(c['drip_pct'][i])}/day on days {c['drip_first_day'][i]}-{c['drip_last_day'][i]} "
            f"(cv {c['drip_cv'][i]:.2f}) {_points(c['drip_points'][i])}"
        )
        if c["drip_onset_points"][i] > 0:
            text += (
                f", against {c['drip_outside_share'][i] * 100:.0f} % of that on the other days "
                f"{_points(c['drip_onset_points'][i])}"
            )
        parts.append((c["drip_points"][i] + c["drip_onset_points"][i], text))
    who = f"{account(c['followers'][i])} (typical {typical(c['typical_low'][i], c['typical_high'][i])})"
    if c["engagement_points"][i] > 0:
        parts.append(
            (
                c["engagement_points"][i],
                f"engagement {rate(c['rate'][i])} is low for {who} {_points(c['engagement_points'][i])}",
            )
        )
    if not parts:
        parts.append(
            (
                0.0,
                f"no step, purge or even delivery; largest daily gain {pct(c['largest_pct'][i])} on day {c['largest_day'][i]}",
            )
        )
    texts = [text for _, text in sorted(parts, key=lambda item: -item[0])]
    if c["engagement_points"][i] <= 0:
        word = "above the typical range" if c["rate"][i] > c["typical_high"][i] else "typical"
        texts.append(f"engagement {rate(c['rate'][i])} is {word} for {who}")
    return SEPARATOR.join(texts)


def explain(columns: dict[str, Sequence]) -> list[str]:
    """One reasons string per creator from per-creator summary columns (equal-length sequences):

    step_day/step_pct/step_next_pct/step_points (the strongest step; day -1 if none),
    purge_day/purge_pct/purge_points (its purge; day -1 if none), more_steps (list of (day, pct)
    of the other steps) and more_steps_points, unknown_day/unknown_pct/unknown_points, viral_day/viral_pct/
    viral_next_pct/viral_points, drip_days/drip_first_day/drip_last_day/drip_pct/drip_cv/
    drip_points/drip_onset_points/drip_outside_share, rate/followers/typical_low/typical_high/
    engagement_points, largest_day/largest_pct.
    """
    evidence_keys = ("step_day", "unknown_day", "viral_day", "drip_days", "engagement_points")
    plain_keys = ("largest_pct", "largest_day", "rate", "followers", "typical_low", "typical_high")
    out = []
    # Most creators show no evidence at all: one sentence from their own values (zipped columns,
    # no per-row lookups: 5.3 s of the 1M chain went to building these with them).
    rows = zip(zip(*(columns[k] for k in evidence_keys)), zip(*(columns[k] for k in plain_keys)))
    for i, ((step, unknown, viral, drip, engagement), plain) in enumerate(rows):
        if step < 0 and unknown < 0 and viral < 0 and drip <= 0 and engagement <= 0:
            out.append(_plain(*plain))
        else:
            out.append(explain_one(columns, i))
    return out


def _plain(largest_pct: float, largest_day: int, value: float, followers: float, low: float, high: float) -> str:
    word = "above the typical range" if value > high else "typical"
    return (
        f"no step, purge or even delivery; largest daily gain {pct(largest_pct)} on day "
        f"{largest_day}{SEPARATOR}engagement {rate(value)} is {word} for {account(followers)} "
        f"(typical {typical(low, high)})"
    )


def reasons_for(f, pts: dict, rate, followers, typical_low, typical_high, settings) -> list[str]:
    """The reasons of every creator of a chunk, from its features ``f`` (SeriesFeatures of
    python_udfs.fake_followers.suspicion_features), points ``pts`` (python_udfs.fake_followers.suspicion's
    score_points) and ``settings`` (python_udfs.core.settings.Settings)."""
    n, g = f.rel_gain.shape
    days = g + 1
    rows = np.arange(n)
    rel = f.rel_gain * 100.0

    def at(matrix, index, fill=np.nan):
        return np.where((index >= 0) & (index < g), matrix[rows, np.clip(index, 0, g - 1)], fill)

    main = pts["main_step"]
    purge_index = np.where(main >= 0, f.purge_day[rows, main.clip(0)], -1)
    step_points = at(pts["step_by_day"], main, 0.0)
    more = [[] for _ in range(n)]
    for i in np.flatnonzero(f.step.sum(axis=1) > 1):
        more[i] = [(int(k) + 2, float(rel[i, k])) for k in np.flatnonzero(f.step[i]) if k != main[i]]
    viral_key = np.where(f.viral, pts["viral_by_day"], -1.0)
    viral_index = np.where(f.viral.any(axis=1), np.argmax(viral_key, axis=1), -1)
    largest = np.argmax(f.rel_gain, axis=1)
    summary = {
        "step_day": np.where(main >= 0, main + 2, -1),
        "step_pct": at(rel, main),
        "step_next_pct": at(rel, np.where(main >= 0, main + 1, -1)),
        "step_points": step_points,
        "purge_day": np.where(purge_index >= 0, purge_index + 2, -1),
        "purge_pct": at(rel, purge_index),
        "purge_points": pts["purge"],
        "more_steps": more,
        "more_steps_points": pts["step_by_day"].sum(axis=1) - step_points,
        "unknown_day": np.where(f.unknown[:, -1], days, -1),
        "unknown_pct": rel[:, -1],
        "unknown_points": pts["unknown_by_day"][:, -1],
        "viral_day": np.where(viral_index >= 0, viral_index + 2, -1),
        "viral_pct": at(rel, viral_index),
        "viral_next_pct": at(rel, np.where(viral_index >= 0, viral_index + 1, -1)),
        "viral_points": pts["viral_by_day"].max(axis=1),
        "drip_days": f.drip_days,
        "drip_first_day": f.drip_start + 2,
        "drip_last_day": f.drip_start + f.drip_days + 1,
        "drip_pct": f.drip_mean * 100.0,
        "drip_cv": f.drip_cv,
        "drip_points": pts["drip"],
        "drip_onset_points": pts["drip_onset"],
        "drip_outside_share": f.drip_outside_share,
        "rate": rate,
        "followers": followers,
        "typical_low": typical_low,
        "typical_high": typical_high,
        "engagement_points": pts["engagement"],
        "largest_day": largest + 2,
        "largest_pct": rel[rows, largest],
    }
    reasons = explain({k: (v.tolist() if isinstance(v, np.ndarray) else v) for k, v in summary.items()})
    for i in np.flatnonzero(pts["jumps_capped"] | pts["total_capped"]):
        caps = []
        if pts["jumps_capped"][i]:
            caps.append(f"jump points capped at {settings.suspicion_step_points_cap:g}")
        if pts["total_capped"][i]:
            caps.append(f"score capped at {settings.suspicion_score_cap:g}")
        reasons[i] = reasons[i] + SEPARATOR + ", ".join(caps)
    return reasons
