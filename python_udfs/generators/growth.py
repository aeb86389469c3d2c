"""Follower growth and engagement of generated influencers (``growth_data.csv``), fully vectorised.

``follower_history`` is a list of HISTORY_DAYS non-negative daily counts, oldest first, and
``followers`` equals its last value. Followers are log-normal (median ~30K, a few accounts in the
millions). Patterns (``ground_truth.csv`` names them):

============== ========================================================================
organic        steady gains of 0.03-0.4 %/day with day-to-day noise; honest engagement
fast_growing   honest viral growth, 1.2-3 %/day (+40-130 % in 30 days), high engagement
shrinking      slow decline, 0.08-0.6 %/day lost
fake_burst     planted fake: organic baseline plus ONE bought burst (+8-50 % in a day),
               a slow bot purge afterwards, engagement 0.2-1.8 %
fake_bursts    planted fake: two to four bought bursts (+4-25 % each), low engagement
============== ========================================================================

Exactly ``round(influencers * fake_share)`` accounts are planted fakes (about 40 % single burst,
the rest several); 4 % are fast-growing and 6 % shrinking; the rest organic. Honest engagement
(likes + comments per post / followers) falls with size: median about 9 % at 10K followers, 4 % at
1M. 1M rows take well under a minute.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

HISTORY_DAYS = 30
FAST_GROWING_SHARE = 0.04
SHRINKING_SHARE = 0.06
FAKE_SINGLE_BURST_SHARE = 0.40  # of the planted fakes

GROWTH_COLUMNS = ("influencer_id", "followers", "avg_likes", "avg_comments", "follower_history")
FAKE_PATTERNS = ("fake_burst", "fake_bursts")


@dataclass
class Growth:
    followers: np.ndarray  # (n,) int64 == history[:, -1]
    avg_likes: np.ndarray  # (n,) int64
    avg_comments: np.ndarray  # (n,) float64, one decimal
    history: np.ndarray  # (n, 30) int64, non-negative, oldest first
    pattern: np.ndarray  # (n,) object: "organic", "fast_growing", "shrinking", or one of FAKE_PATTERNS


def generate_growth(n: int, rng: np.random.Generator, fake_share: float = 0.05) -> Growth:
    """Vectorised follower metrics for ``n`` influencers (see the module docstring for patterns)."""
    if not 0.0 <= fake_share <= 1.0:
        raise ValueError(f"fake_share must be in [0, 1], got {fake_share}")
    days = HISTORY_DAYS
    n_fake = round(n * fake_share)
    n_fast = min(round(n * FAST_GROWING_SHARE), n - n_fake)
    n_shrink = min(round(n * SHRINKING_SHARE), n - n_fake - n_fast)
    n_single = round(n_fake * FAKE_SINGLE_BURST_SHARE)
    labels = np.array(
        ["fake_burst"] * n_single
        + ["fake_bursts"] * (n_fake - n_single)
        + ["fast_growing"] * n_fast
        + ["shrinking"] * n_shrink
        + ["organic"] * (n - n_fake - n_fast - n_shrink),
        dtype=object,
    )
    pattern = labels[rng.permutation(n)]
    is_fake = np.isin(pattern, FAKE_PATTERNS)
    fast = pattern == "fast_growing"
    shrink = pattern == "shrinking"
    multi = pattern == "fake_bursts"

    # Final follower count: log-normal, median ~30K, heavy tail (a few accounts in the millions).
    final = np.clip(np.exp(rng.normal(np.log(30_000), 1.45, n)), 500, 40_000_000)

    # Daily relative gains (fraction of the first day's count), one row per influencer.
    drift = rng.uniform(0.0003, 0.004, n)
    drift[fast] = rng.uniform(0.012, 0.03, int(fast.sum()))
    drift[shrink] = -rng.uniform(0.0008, 0.006, int(shrink.sum()))
    # Viral growth accelerates: the drift ramps up over the month for fast growers.
    ramp = np.ones((n, days - 1))
    ramp[fast] = np.linspace(0.5, 1.5, days - 1)[None, :]
    noise_scale = np.abs(drift) * rng.uniform(0.25, 0.9, n) + 0.0004 * rng.uniform(0.2, 1.0, n)
    gains = drift[:, None] * ramp + noise_scale[:, None] * rng.standard_normal((n, days - 1))

    # Bought bursts: one (fake_burst) or 2-4 (fake_bursts) days with a large jump, bots purged
    # slowly afterwards. Burst days are distinct and fall on days 3..30 (gain index 1..28).
    burst_count = np.where(multi, rng.integers(2, 5, n), 1) * is_fake
    burst_size = np.where(multi, rng.uniform(0.04, 0.25, (4, n)), rng.uniform(0.08, 0.5, (4, n))).T
    day_order = np.argsort(rng.random((n, days - 2)), axis=1) + 1  # a random permutation per row
    for b in range(4):
        rows = np.flatnonzero(burst_count > b)
        cols = day_order[rows, b]
        gains[rows, cols] += burst_size[rows, b]
        # Purge: lose ~1 % of the burst per following day (platform clean-ups, bots unfollowing).
        after = np.arange(days - 1)[None, :] > cols[:, None]
        gains[rows] -= after * (0.01 * burst_size[rows, b])[:, None]

    level = np.concatenate([np.ones((n, 1)), 1.0 + np.cumsum(gains, axis=1)], axis=1)
    level = np.maximum(level, 0.02)  # a history never reaches zero or below
    history = np.rint(final[:, None] * level / level[:, -1:]).astype(np.int64)
    history[:, -1] = np.maximum(history[:, -1], 1)
    followers = history[:, -1].copy()

    # Engagement (likes + comments per post, % of followers): falls with audience size.
    honest_rate = 9.0 * (followers / 10_000.0) ** -0.18 * np.exp(rng.normal(0.0, 0.45, n))
    honest_rate[fast] *= 1.5  # viral accounts are viral because people engage
    rate = np.where(is_fake, rng.uniform(0.2, 1.8, n), np.clip(honest_rate, 0.3, 40.0))
    interactions = followers * rate / 100.0
    comment_share = rng.uniform(0.02, 0.08, n)
    avg_comments = np.round(interactions * comment_share, 1)
    avg_likes = np.rint(interactions - avg_comments).astype(np.int64)
    return Growth(followers=followers, avg_likes=avg_likes, avg_comments=avg_comments, history=history, pattern=pattern)


def write_growth(path: Path, ids: list[str], growth: Growth) -> Path:
    # Hand-formatted (every field is a number or a quoted list without inner quotes): about 3x
    # faster than csv.writer for a million rows.
    tmp = path.with_suffix(".csv.tmp")
    history = growth.history.tolist()
    followers = growth.followers.tolist()
    likes = growth.avg_likes.tolist()
    comments = growth.avg_comments.tolist()
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(GROWTH_COLUMNS) + "\n")
        lines = []
        for i in range(len(ids)):
            lines.append(
                f'{ids[i]},{followers[i]},{likes[i]},{comments[i]:.1f},"[{", ".join(map(str, history[i]))}]"\n'
            )
            if len(lines) >= 100_000:
                handle.write("".join(lines))
                lines.clear()
        handle.write("".join(lines))
    tmp.replace(path)
    return path
