"""Seeded generator of follower histories with and without bought followers, with ground truth.

Usage::

    python -m python_udfs.generators.purchases --creators 2000 --out /tmp/fake_eval [--seed 17] \\
        [--patterns my_patterns.json] [--brands 20]

Writes the three input files in the seed contracts (``influencers_data.csv``, ``growth_data.csv``,
``brands_data.csv``; texts and brands come from :mod:`python_udfs.generators.influencers`) and
``ground_truth.csv`` (``influencer_id, pattern, is_bought, has_viral_day, bought_followers,
events``). Every parameter (pattern shares, ranges) is data: ``purchase_patterns.json`` beside
this module, or another file with the same keys.

What the histories look like (30 daily counts, oldest first; a creator's *real* followers and the
*bought* ones are simulated separately and added):

================ ====================================================================================
organic          drift (most accounts flat to slowly growing, some growing ~1 %/day, some shrinking),
                 weekend seasonality (gains on Saturday/Sunday scaled up or down, random start
                 weekday), heavy-tailed noise proportional to size, sometimes an unfollow wave
                 (a loss spread over 1-3 days)
organic_viral    organic plus a viral day: a jump that decays geometrically over the next days
                 (a tail), sometimes a ramp the day before, sometimes a second viral day or a
                 small unfollow wave later; engagement usually rises to match
bought_burst     organic plus one bought step (one day, sometimes split over two); often a partial
                 purge drop 2-7 days later (the platform removing bots); sometimes slow bot attrition
bought_bursts    the same with 2-4 smaller steps in the month
bought_drip      organic plus a smooth, even daily delivery over 8-29 days (the organic noise of
                 these accounts is small next to the delivery: what makes a drip a drip)
================ ====================================================================================

Bought followers hardly engage, so an account's engagement rate (likes + comments per post over
followers) is its real followers' rate diluted by the bought ones; a few buyers also buy likes
(engagement looks normal). Honest engagement falls with size (about 4.5 % at 5K followers,
1 % at 5M), log-normal around that.

Determinism: every value derives from ``numpy.random.SeedSequence(seed)``; same arguments, same
bytes.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from python_udfs.generators import influencers as texts
from python_udfs.generators.growth import Growth, write_growth

PATTERNS_FILE = Path(__file__).with_name("purchase_patterns.json")
PATTERNS = ("organic", "organic_viral", "bought_burst", "bought_bursts", "bought_drip")
BOUGHT_PATTERNS = ("bought_burst", "bought_bursts", "bought_drip")
GROUND_TRUTH_COLUMNS = ("influencer_id", "pattern", "is_bought", "has_viral_day", "bought_followers", "events")
MAX_BURSTS = 4
WEEK = 7


def load_patterns(path: Path | str | None = None) -> dict:
    with open(path or PATTERNS_FILE, encoding="utf-8") as handle:
        params = json.load(handle)
    shares = params["pattern_shares"]
    if set(shares) != set(PATTERNS) or abs(sum(shares.values()) - 1.0) > 1e-9:
        raise ValueError(f"pattern_shares must give a share to each of {PATTERNS} and sum to 1")
    return params


@dataclass
class PurchaseGrowth:
    history: np.ndarray  # (n, days) int64, observed followers (real + bought)
    followers: np.ndarray  # (n,) int64 == history[:, -1]
    avg_likes: np.ndarray  # (n,) int64
    avg_comments: np.ndarray  # (n,) float64, one decimal
    pattern: np.ndarray  # (n,) object, one of PATTERNS
    has_viral_day: np.ndarray  # (n,) bool
    bought_followers: np.ndarray  # (n,) int64 on the last day
    events: list[str]  # per creator: "step:12 purge:15 ..." (day numbers 1..days)


def _uniform(rng, bounds, n):
    return rng.uniform(bounds[0], bounds[1], n)


def _log_uniform(rng, bounds, n):
    return np.exp(rng.uniform(np.log(bounds[0]), np.log(bounds[1]), n))


def _assign_patterns(n: int, rng: np.random.Generator, shares: dict) -> np.ndarray:
    counts = [int(np.floor(n * shares[p])) for p in PATTERNS]
    counts[0] += n - sum(counts)  # rounding remainder goes to organic
    labels = np.repeat(np.array(PATTERNS, dtype=object), counts)
    return labels[rng.permutation(n)]


def _organic_relative_gains(n, days, rng, p):
    """(n, days - 1) relative daily gains of the real audience, and the weekend indicator."""
    o = p["organic"]
    mix = o["drift_mix"]
    component = rng.choice(len(mix), size=n, p=np.array([m["share"] for m in mix]))
    drift = np.empty(n)
    for i, m in enumerate(mix):
        rows = component == i
        drift[rows] = _uniform(rng, m["range"], int(rows.sum()))
    # Noise proportional to size, and larger for faster-moving accounts (growth comes with posts,
    # reels and shares, which are lumpy).
    noise_sd = _log_uniform(rng, o["noise_rel_log"], n) + np.abs(drift) * _uniform(rng, o["noise_drift_share"], n)
    df = o["noise_t_df"]
    noise = rng.standard_t(df, (n, days - 1)) / np.sqrt(df / (df - 2))
    # Gain k is the gain of day k + 2; day 1 falls on a random weekday (0 = Monday).
    start = rng.integers(0, WEEK, n)
    weekday = (start[:, None] + np.arange(1, days)[None, :]) % WEEK
    weekend = (weekday >= 5).astype(float)
    centred = weekend - 2.0 / WEEK  # mean 0 over a week
    amplitude = _uniform(rng, o["weekend_amplitude"], n) * rng.choice((-1.0, 1.0), n)
    weekend_noise = _uniform(rng, o["weekend_noise_share"], n) * noise_sd * rng.choice((-1.0, 1.0), n)
    gains = (
        drift[:, None] * (1.0 + amplitude[:, None] * centred)
        + weekend_noise[:, None] * centred
        + noise_sd[:, None] * noise
    )
    # Unfollow waves: a loss spread evenly over 1-3 consecutive days.
    wave = rng.random(n) < o["unfollow_wave_probability"]
    size = _uniform(rng, o["unfollow_wave_size"], n)
    length = rng.integers(o["unfollow_wave_days"][0], o["unfollow_wave_days"][1] + 1, n)
    first = rng.integers(0, days - 1, n)
    k = np.arange(days - 1)[None, :]
    in_wave = wave[:, None] & (k >= first[:, None]) & (k < (first + length)[:, None])
    gains -= in_wave * (size / length)[:, None]
    return gains, noise_sd, drift


def _viral_excess(rows, n, days, rng, v):
    """(n, days - 1) extra gains of viral days as shares of the first day's count (a jump, a
    geometric tail, maybe a ramp)."""
    excess = np.zeros((n, days - 1))
    viral_day = np.full(n, -1)
    m = int(rows.sum())
    if m == 0:
        return excess, viral_day
    idx = np.flatnonzero(rows)
    jump = _log_uniform(rng, v["jump_log"], m)
    decay = _uniform(rng, v["tail_decay"], m)
    day = rng.integers(1, days - 1, m)  # gain index 1..days-2 (day 3..30): a day before it at least
    k = np.arange(days - 1)[None, :]
    since = k - day[:, None]
    tail = np.where((since >= 0) & (since <= v["tail_days"]), jump[:, None] * decay[:, None] ** since, 0.0)
    ramp = (rng.random(m) < v["ramp_probability"]) * _uniform(rng, v["ramp_share"], m) * jump
    tail += (since == -1) * ramp[:, None]
    excess[idx] = tail
    viral_day[idx] = day
    return excess, viral_day


def generate_growth(n: int, rng: np.random.Generator, params: dict | None = None) -> PurchaseGrowth:
    """Follower histories, engagement and ground truth for ``n`` creators (see the module docstring)."""
    p = params or load_patterns()
    days = int(p["history_days"])
    pattern = _assign_patterns(n, rng, p["pattern_shares"])
    b, v, d, e = p["burst"], p["viral"], p["drip"], p["engagement"]
    start = p["start_followers"]
    first_day = np.clip(np.exp(rng.normal(np.log(start["log_median"]), start["log_sd"], n)), start["min"], start["max"])

    organic, noise_sd, drift = _organic_relative_gains(n, days, rng, p)

    single, multi, drip = (pattern == "bought_burst"), (pattern == "bought_bursts"), (pattern == "bought_drip")
    bursty = single | multi
    viral = (pattern == "organic_viral") | (bursty & (rng.random(n) < b["viral_day_probability"]))
    viral_excess, viral_day = _viral_excess(viral, n, days, rng, v)
    # A second viral day for some viral creators, and a small later unfollow wave for others.
    second = viral & (rng.random(n) < v["second_viral_probability"])
    more, second_day = _viral_excess(second, n, days, rng, v)
    viral_excess += more
    # Some of the new audience leaves again a few days later (an organic look-alike of a purge).
    leaves = viral & (rng.random(n) < v["later_unfollow_probability"])
    leave_day = viral_day + rng.integers(v["later_unfollow_delay_days"][0], v["later_unfollow_delay_days"][1] + 1, n)
    leave_size = _uniform(rng, v["later_unfollow_share"], n) * viral_excess.max(axis=1)
    leave_len = rng.integers(1, 4, n)
    k = np.arange(days - 1)[None, :]
    leaving = leaves[:, None] & (k >= leave_day[:, None]) & (k < (leave_day + leave_len)[:, None])
    viral_excess -= leaving * (leave_size / leave_len)[:, None]

    # Drip accounts: the organic noise is small next to the delivery (else it is no drip).
    drip_total = _log_uniform(rng, d["total_log"], n)
    drip_days = rng.integers(d["days"][0], d["days"][1] + 1, n)
    drip_days = np.minimum(drip_days, days - 1)
    drip_first = rng.integers(0, days - drip_days)  # gain index of the first delivery
    drip_rate = drip_total / drip_days
    cap = d["noise_cap_share"] * drip_rate
    scale = np.where(drip & (noise_sd > cap), cap / np.maximum(noise_sd, 1e-12), 1.0)
    organic = drift[:, None] + (organic - drift[:, None]) * scale[:, None]
    drip_jitter = _uniform(rng, d["jitter"], n)[:, None] * rng.standard_normal((n, days - 1))

    # Bursts: distinct days at least min_gap apart (gain index 0..days-2).
    count = np.where(multi, rng.integers(b["count_multi"][0], b["count_multi"][1] + 1, n), 1) * bursty
    burst_day = _spread_days(rng, n, days - 1, MAX_BURSTS, b["min_gap_days"])
    size = np.where(
        multi[:, None],
        _log_uniform(rng, b["size_multi_log"], n * MAX_BURSTS).reshape(n, MAX_BURSTS),
        _log_uniform(rng, b["size_single_log"], n * MAX_BURSTS).reshape(n, MAX_BURSTS),
    )
    two_day = rng.random((n, MAX_BURSTS)) < b["two_day_delivery_probability"]
    first_share = np.where(two_day, rng.uniform(*b["two_day_first_share"], (n, MAX_BURSTS)), 1.0)
    purged = rng.random((n, MAX_BURSTS)) < b["purge_probability"]
    purge_delay = rng.integers(b["purge_delay_days"][0], b["purge_delay_days"][1] + 1, (n, MAX_BURSTS))
    purge_share = rng.uniform(*b["purge_share"], (n, MAX_BURSTS))
    purge_split = rng.random((n, MAX_BURSTS)) < b["purge_two_day_probability"]
    attrition = (rng.random(n) < b["bot_attrition_probability"]) * _uniform(rng, b["bot_attrition_per_day"], n)
    active = np.arange(MAX_BURSTS)[None, :] < count[:, None]

    real = np.empty((n, days))
    bought = np.zeros((n, days))
    real[:, 0] = first_day
    delivered = np.zeros((n, MAX_BURSTS))  # bought followers of each burst, in counts
    events: list[list[str]] = [[] for _ in range(n)]
    for k in range(days - 1):  # gain k moves day k + 1 to day k + 2 (1-based days)
        total = real[:, k] + bought[:, k]
        # Viral followers arrive in counts (a share of the audience before it), not compounding.
        real[:, k + 1] = np.maximum(real[:, k] * (1.0 + organic[:, k]) + viral_excess[:, k] * first_day, 0.0)
        added = np.zeros(n)
        for j in range(MAX_BURSTS):
            on_day = active[:, j] & (burst_day[:, j] == k)
            amount = size[:, j] * total
            added += on_day * amount * first_share[:, j]
            delivered[:, j] += on_day * amount
            rest = active[:, j] & two_day[:, j] & (burst_day[:, j] == k - 1)
            added += rest * delivered[:, j] * (1.0 - first_share[:, j])
            purge_at = burst_day[:, j] + purge_delay[:, j]
            lost = purge_share[:, j] * delivered[:, j]
            lost_today = np.where(purge_split[:, j], 0.5 * lost, lost)
            purging = active[:, j] & purged[:, j]
            added -= (purging & (purge_at == k)) * lost_today
            added -= (purging & purge_split[:, j] & (purge_at + 1 == k)) * lost_today
            added -= (active[:, j] & (burst_day[:, j] < k)) * attrition * delivered[:, j]
        in_drip = drip & (k >= drip_first) & (k < drip_first + drip_days)
        added += in_drip * drip_rate * real[:, 0] * (1.0 + drip_jitter[:, k])
        bought[:, k + 1] = np.maximum(bought[:, k] + added, 0.0)

    history = np.maximum(np.rint(real + bought), 0).astype(np.int64)
    history[:, -1] = np.maximum(history[:, -1], 1)
    followers = history[:, -1].copy()

    # Engagement: the real audience's rate, diluted by bought followers (who rarely engage).
    real_end = np.maximum(real[:, -1], 1.0)
    rate = e["rate_at_5k_pct"] * (real_end / 5000.0) ** e["size_exponent"] * np.exp(rng.normal(0.0, e["log_sd"], n))
    rate = np.where(viral, rate * _uniform(rng, v["engagement_factor"], n), rate)
    bot_share = _uniform(rng, e["bought_engagement_share"], n)
    interactions = real_end * rate / 100.0 + bought[:, -1] * bot_share * rate / 100.0
    buys_likes = np.isin(pattern, BOUGHT_PATTERNS) & (rng.random(n) < e["bought_likes_probability"])
    interactions = np.where(buys_likes, followers * rate / 100.0, interactions)
    comments = np.round(interactions * _uniform(rng, e["comment_share"], n), 1)
    likes = np.rint(np.maximum(interactions - comments, 0.0)).astype(np.int64)

    for i in np.flatnonzero(bursty | drip | viral):
        row = events[i]
        if viral[i]:
            row.append(f"viral:{viral_day[i] + 2}")
        if second[i]:
            row.append(f"viral:{second_day[i] + 2}")
        for j in range(int(count[i])):
            row.append(f"step:{burst_day[i, j] + 2}")
            if purged[i, j] and burst_day[i, j] + purge_delay[i, j] <= days - 2:
                row.append(f"purge:{burst_day[i, j] + purge_delay[i, j] + 2}")
        if drip[i]:
            row.append(f"drip:{drip_first[i] + 2}-{drip_first[i] + drip_days[i] + 1}")
    return PurchaseGrowth(
        history=history,
        followers=followers,
        avg_likes=likes,
        avg_comments=comments,
        pattern=pattern,
        has_viral_day=viral,
        bought_followers=np.rint(bought[:, -1]).astype(np.int64),
        events=[" ".join(sorted(r, key=lambda s: int(s.split(":")[1].split("-")[0]))) for r in events],
    )


def _spread_days(rng, n, n_gains, k, min_gap):
    """(n, k) distinct gain indices in 0..n_gains-1, pairwise at least ``min_gap`` apart, random order."""
    # Draw k gaps from a shuffled grid: pick k of the (n_gains - (k - 1) * (min_gap - 1)) slots,
    # then spread them out by min_gap - 1 each (the stars-and-bars bijection).
    slots = n_gains - (k - 1) * (min_gap - 1)
    picks = np.sort(np.argsort(rng.random((n, slots)), axis=1)[:, :k], axis=1)
    days = picks + np.arange(k)[None, :] * (min_gap - 1)
    order = np.argsort(rng.random((n, k)), axis=1)
    return np.take_along_axis(days, order, axis=1)


def generate(out: Path | str, creators: int, seed: int = 17, brands: int = 20, patterns: Path | None = None):
    """Write the three input files and ground_truth.csv for ``creators`` creators into ``out``."""
    if creators < 1:
        raise ValueError(f"need at least one creator, got {creators}")
    params = load_patterns(patterns)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    growth_seq, text_seq, brand_seq = np.random.SeedSequence(seed).spawn(3)
    growth = generate_growth(creators, np.random.default_rng(growth_seq), params)
    ids = texts.influencer_ids(creators)
    legacy = Growth(
        followers=growth.followers,
        avg_likes=growth.avg_likes,
        avg_comments=growth.avg_comments,
        history=growth.history,
        pattern=growth.pattern,
    )
    written = {"growth_data": write_growth(out / "growth_data.csv", ids, legacy)}
    people = texts.generate_influencer_texts(creators, np.random.default_rng(text_seq))
    written["influencers_data"] = texts._write_csv(
        out / "influencers_data.csv", texts.INFLUENCER_COLUMNS, zip(ids, people.names, people.bios, people.captions)
    )
    shops = texts.generate_brands(brands, np.random.default_rng(brand_seq))
    written["brands_data"] = texts._write_csv(
        out / "brands_data.csv", texts.BRAND_COLUMNS, zip(shops.ids, shops.names, shops.descriptions, shops.keywords)
    )
    rows = zip(
        ids,
        growth.pattern.tolist(),
        ["true" if p in BOUGHT_PATTERNS else "false" for p in growth.pattern.tolist()],
        ["true" if x else "false" for x in growth.has_viral_day.tolist()],
        growth.bought_followers.tolist(),
        growth.events,
    )
    written["ground_truth"] = texts._write_csv(out / "ground_truth.csv", GROUND_TRUTH_COLUMNS, rows)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m python_udfs.generators.purchases",
        description="Write influencers_data.csv, growth_data.csv, brands_data.csv (seed contracts) and "
        "ground_truth.csv with organic, viral and bought-follower histories.",
    )
    parser.add_argument("--creators", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--brands", type=int, default=20)
    parser.add_argument("--patterns", type=Path, default=None, help=f"parameters (default {PATTERNS_FILE.name})")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    for path in generate(args.out, args.creators, args.seed, args.brands, args.patterns).values():
        print(path)
    print(f"{args.creators} creators in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
