"""One synthetic TikTok account of the profile export generator (python_udfs.generators.tiktok_profiles):
its archetype's counts and rates, handle, biography, links and ids, a later re-scrape of it, and its
export record (18 strings, in the order of ``tiktok_profiles.COLUMNS``).

Population (``--rows`` distinct clean accounts; log-normal mixture, heavy tail):

| Archetype   | Share of the rest | Median followers | Traits                                          |
|-------------|-------------------|------------------|-------------------------------------------------|
| celebrity   | 5-8 accounts      | 15M (>= 2M)      | verified, low rates, follow few accounts        |
| nano        | 33%               | 2.5K             | like rate ~25%; 15% tiny (40-900), rates > 1    |
| micro       | 26%               | 35K              | community: ~3x the comment/like ratio           |
| mainstream  | 18%               | 220K             | ordinary engagement, ~250 videos                |
| prolific    | 14%               | 250K             | ~4,500 videos, ~120 likes per follower          |
| verified    | remainder (~9%)   | 900K             | verified, moderate engagement                   |

Counts are log-normal within each archetype (clipped to plausible ranges),
engagement falls with audience size (rate ~ followers^-0.2..-0.35), and 1-3% of
non-verified archetypes are verified anyway. ``tiktok_profiles.generate_labelled_records``
returns the archetype of every row (ground truth for checking a segmentation).

Every value comes from the ``numpy.random.Generator`` passed in: the same generator state
gives the same account.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence

import numpy as np

from python_udfs.generators.vocabulary import load_vocabulary

NULL = "null"
SCRAPE_START = dt.datetime(2024, 3, 11, 6, 0, 0, tzinfo=dt.UTC)
SCRAPE_SPAN_SECONDS = 4 * 24 * 3600

# archetype -> parameters. followers/videos/following: (median, log-sigma, min, max)
# like: like-rate at `like_ref` followers, elasticity vs followers, noise sigma
# comment_ratio: comments per like (median); hpf: total likes per follower (median, sigma)
ARCHETYPES: dict[str, dict] = {
    "nano": dict(
        share=0.33,
        followers=(2_500, 0.95, 40, 60_000),
        like=(0.25, 2_500, 0.35, 0.45),
        comment_ratio=0.015,
        hpf=(12, 0.6),
        videos=(70, 0.9, 1, 2_000),
        following=(600, 0.8, 0, 7_500),
        verified=0.0,
    ),
    "micro": dict(
        share=0.26,
        followers=(35_000, 0.6, 4_000, 400_000),
        like=(0.10, 35_000, 0.25, 0.4),
        comment_ratio=0.045,
        hpf=(15, 0.5),
        videos=(250, 0.7, 5, 3_000),
        following=(450, 0.8, 0, 7_500),
        verified=0.01,
    ),
    "mainstream": dict(
        share=0.18,
        followers=(220_000, 0.5, 40_000, 2_000_000),
        like=(0.04, 220_000, 0.2, 0.4),
        comment_ratio=0.012,
        hpf=(20, 0.45),
        videos=(250, 0.5, 20, 2_500),
        following=(300, 0.9, 0, 7_000),
        verified=0.03,
    ),
    "prolific": dict(
        share=0.14,
        followers=(250_000, 0.7, 8_000, 3_000_000),
        like=(0.03, 150_000, 0.2, 0.4),
        comment_ratio=0.01,
        hpf=(120, 0.35),
        videos=(4_500, 0.3, 1_500, 15_000),
        following=(800, 0.7, 0, 8_000),
        verified=0.02,
    ),
    "verified": dict(
        share=None,
        followers=(900_000, 0.6, 120_000, 9_000_000),
        like=(0.05, 900_000, 0.2, 0.35),
        comment_ratio=0.01,
        hpf=(25, 0.4),
        videos=(700, 0.6, 30, 5_000),
        following=(150, 1.0, 0, 3_000),
        verified=1.0,
    ),
    "celebrity": dict(
        share=None,
        followers=(15_000_000, 0.8, 2_000_000, 160_000_000),
        like=(0.015, 15_000_000, 0.15, 0.35),
        comment_ratio=0.006,
        hpf=(18, 0.4),
        videos=(350, 0.6, 40, 2_500),
        following=(40, 1.0, 0, 600),
        verified=1.0,
    ),
}

# --------------------------------------------------------------------------- text pools
# In tiktok_vocabulary.json: per-language bio lines and nicknames (language -> weight gives the
# languages and their shares), emoji lines, handle words and topics, link-in-bio URL templates.
_POOLS = load_vocabulary("tiktok_vocabulary")
LANGUAGES = tuple(_POOLS["language_weights"])
LANGUAGE_WEIGHTS = tuple(_POOLS["language_weights"].values())
BIO_LINES: Mapping[str, Sequence[str]] = _POOLS["bio_lines"]
NICKNAMES: Mapping[str, Sequence[str]] = _POOLS["nicknames"]
EMOJI_LINES = _POOLS["emoji_lines"]
HANDLE_WORDS = _POOLS["handle_words"]
HANDLE_TOPICS = _POOLS["handle_topics"]
LINK_HOSTS = _POOLS["link_hosts"]  # {h} = the handle
for _pool in (BIO_LINES, NICKNAMES):
    if set(_pool) != set(LANGUAGES):
        raise ValueError(f"tiktok_vocabulary.json: {sorted(_pool)} differ from the languages {sorted(LANGUAGES)}")


# --------------------------------------------------------------------------- helpers


def _lognormal(rng: np.random.Generator, median: float, sigma: float) -> float:
    return float(median * math.exp(sigma * rng.standard_normal()))


def _bounded(rng: np.random.Generator, spec: tuple[float, float, float, float]) -> int:
    median, sigma, low, high = spec
    return round(min(max(_lognormal(rng, median, sigma), low), high))


def _fmt_rate(value: float) -> str:
    return f"{value:.6f}"


def _iso(ts: dt.datetime) -> str:
    return ts.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ts.microsecond // 1000:03d}Z"


def _big_id(rng: np.random.Generator) -> str:
    # 19 digits, well above 2**53 (about 9.0e15).
    value = int(rng.integers(6_700_000_000_000_000_000, 7_400_000_000_000_000_000))
    return str(value)


def choice(rng: np.random.Generator, items: Sequence) -> object:
    return items[int(rng.integers(len(items)))]


def _handle(rng: np.random.Generator, taken: set[str], celebrity: bool) -> str:
    while True:
        word = choice(rng, HANDLE_WORDS)
        topic = choice(rng, HANDLE_TOPICS)
        style = int(rng.integers(5))
        if celebrity:
            handle = f"{word}{topic}" if style < 2 else f"the.real.{word}"
        elif style == 0:
            handle = f"{word}.{topic}"
        elif style == 1:
            handle = f"{word}_{topic}{int(rng.integers(1, 100))}"
        elif style == 2:
            handle = f"{topic}with{word}"
        elif style == 3:
            handle = f"{word}{int(rng.integers(1990, 2010))}"
        else:
            handle = f"_{word}.{topic}_"
        if handle not in taken:
            taken.add(handle)
            return handle
        # Collision: add a deterministic numeric suffix on the next attempt.
        handle = f"{handle}{int(rng.integers(100, 1000))}"
        if handle not in taken:
            taken.add(handle)
            return handle


def _biography(rng: np.random.Generator, lang: str) -> str:
    pool = BIO_LINES[lang]
    n = int(rng.integers(1, min(4, len(pool)) + 1))
    picks = rng.choice(len(pool), size=n, replace=False)
    lines = [pool[int(i)] for i in picks]
    if lang != "en" and rng.random() < 0.25:  # bilingual bios are common
        lines.append(choice(rng, BIO_LINES["en"]))
    if rng.random() < 0.3:
        lines.append(choice(rng, EMOJI_LINES))
    return "\n".join(lines)


def _top_videos(rng: np.random.Generator, handle: str, videos: int) -> str:
    n = min(videos, int(rng.integers(3, 7)))
    if n == 0:
        return NULL
    return ",".join(f"https://www.tiktok.com/@{handle}/video/{_big_id(rng)}" for _ in range(n))


def _profile_pic(rng: np.random.Generator, ts: dt.datetime) -> str:
    digest = "".join(choice(rng, "0123456789abcdef") for _ in range(32))
    signature = "".join(
        choice(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") for _ in range(27)
    )
    expires = int(ts.timestamp()) + 3 * 24 * 3600
    return (
        f"https://p16-sign-va.tiktokcdn.com/tos-maliva-avt-0068/{digest}~c5_720x720.jpeg"
        f"?x-expires={expires}&x-signature={signature}%3D"
    )


def _scrape_time(rng: np.random.Generator) -> dt.datetime:
    offset_ms = int(rng.integers(0, SCRAPE_SPAN_SECONDS * 1000))
    return SCRAPE_START + dt.timedelta(milliseconds=offset_ms)


# --------------------------------------------------------------------------- accounts


def new_account(rng: np.random.Generator, archetype: str, taken: set[str]) -> dict:
    p = ARCHETYPES[archetype]
    followers = _bounded(rng, p["followers"])
    if archetype == "nano" and rng.random() < 0.15:  # tiny accounts: a few hundred followers
        followers = int(rng.integers(40, 900))
    like_base, like_ref, elasticity, noise = p["like"]
    like_rate = like_base * (followers / like_ref) ** (-elasticity) * math.exp(noise * rng.standard_normal())
    comment_rate = like_rate * _lognormal(rng, p["comment_ratio"], 0.5)
    share_rate = like_rate * _lognormal(rng, 0.03, 0.6)
    awg_rate = like_rate + comment_rate + share_rate
    likes = round(followers * _lognormal(rng, *p["hpf"]))
    videos = _bounded(rng, p["videos"])
    following = _bounded(rng, p["following"])
    if rng.random() < 0.08:
        following = int(rng.integers(0, 5))
    verified = rng.random() < p["verified"]
    lang = str(rng.choice(LANGUAGES, p=LANGUAGE_WEIGHTS))
    handle = _handle(rng, taken, celebrity=archetype == "celebrity")
    nickname = str(choice(rng, NICKNAMES[lang]))
    if rng.random() < 0.2:
        nickname += " " + str(choice(rng, EMOJI_LINES))
    ts = _scrape_time(rng)

    acc = {
        "archetype": archetype,
        "ts": ts,
        "account_id": handle,
        "nickname": nickname,
        "biography": NULL if rng.random() < 0.08 else _biography(rng, lang),
        "awg": awg_rate,
        "comment": comment_rate,
        "like": like_rate,
        "bio_link": (
            NULL
            if rng.random() < (0.15 if archetype == "celebrity" else 0.55)
            else str(choice(rng, LINK_HOSTS)).format(h=handle)
        ),
        "verified": verified,
        "followers": followers,
        "following": following,
        "likes": likes,
        "videos": videos,
        "id": _big_id(rng),
        "top_videos": _top_videos(rng, handle, videos),
        "pic": NULL if rng.random() < 0.03 else _profile_pic(rng, ts),
        # which values are missing in the export
        "null_rates": rng.random() < 0.04,
        "null_comment": rng.random() < 0.04,
        "null_following": rng.random() < 0.03,
    }
    return acc


def rescrape(rng: np.random.Generator, acc: dict) -> dict:
    """The same account scraped again later: same ids, slightly higher counts."""
    new = dict(acc)
    new["ts"] = acc["ts"] + dt.timedelta(milliseconds=int(rng.integers(3_600_000, 9 * 24 * 3_600_000)))
    new["followers"] = round(acc["followers"] * (1 + rng.uniform(0.002, 0.03))) + 1
    new["likes"] = round(acc["likes"] * (1 + rng.uniform(0.001, 0.02))) + 1
    extra_videos = int(rng.integers(0, 4))
    new["videos"] = acc["videos"] + extra_videos
    new["following"] = max(0, acc["following"] + int(rng.integers(-3, 12)))
    jitter = float(math.exp(0.05 * rng.standard_normal()))
    new["awg"] = acc["awg"] * jitter
    new["comment"] = acc["comment"] * jitter
    new["like"] = acc["like"] * jitter
    if extra_videos and acc["top_videos"] != NULL:
        urls = acc["top_videos"].split(",")
        fresh = [f"https://www.tiktok.com/@{acc['account_id']}/video/{_big_id(rng)}" for _ in range(extra_videos)]
        new["top_videos"] = ",".join((fresh + urls)[: len(urls)])
    return new


def export_record(acc: dict) -> list[str]:
    rates_null = acc["null_rates"]
    return [
        _iso(acc["ts"]),
        acc["account_id"],
        acc["nickname"],
        acc["biography"],
        NULL if rates_null else _fmt_rate(acc["awg"]),
        NULL if rates_null or acc["null_comment"] else _fmt_rate(acc["comment"]),
        NULL if rates_null else _fmt_rate(acc["like"]),
        acc["bio_link"],
        "true" if acc["verified"] else "false",
        NULL if acc["followers"] is None else str(acc["followers"]),
        NULL if acc["null_following"] else str(acc["following"]),
        str(acc["likes"]),
        str(acc["videos"]),
        "",  # create_time: empty for every row in real exports
        acc["id"],
        acc["top_videos"],
        f"https://www.tiktok.com/@{acc['account_id']}" if acc["account_id"] != NULL else NULL,
        acc["pic"],
    ]
