"""Unit tests for python_udfs.tiktok.segments: the names given to segment profiles.

The naming rules with the project's default thresholds (dbt_project.yml vars): rule boundaries,
size-weighted references to the other segments, unique names (qualifiers) and the rule vocabulary.
Follower tiers and segment profiles are SQL (seed follower_tiers, int_tiktok_segments_profiled):
their dbt unit tests are in the yml beside each model (models/marts/tiktok/, models/intermediate/tiktok/).
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from python_udfs.core.settings import Settings
from python_udfs.tiktok import segments as tiktok
from python_udfs.tiktok.segments import PROFILE_COLUMNS, SEGMENT_NAMES, NamingRules
from python_udfs.tiktok.segments import name_segments as name_segments_with

PROJECT_DIR = Path(__file__).resolve().parents[2]
RULES = NamingRules.from_settings(
    Settings.from_mapping(yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())["vars"])
)


def name_segments(profiles: pd.DataFrame) -> dict[int, str]:
    """The naming rules with the project's default thresholds."""
    return name_segments_with(profiles, RULES)


def reference_tier(followers: float) -> str | None:
    """Tiers as the bundled seed follower_tiers defines them (an independent copy for the tests)."""
    if followers is None or (isinstance(followers, float) and math.isnan(followers)):
        return None
    for tier, upper in (("nano", 10_000), ("micro", 100_000), ("mid", 500_000), ("macro", 1_000_001)):
        if followers < upper:
            return tier
    return "mega"


# --------------------------------------------------------------------------- helpers


def profile(
    segment_id,
    *,
    size=50,
    median_followers=50_000,
    mean_followers=None,
    mean_engagement_rate=0.1,
    verified_share=0.0,
    mean_videos=200.0,
    mean_likes=1e6,
    share=None,
) -> dict:
    return {
        "segment_id": segment_id,
        "size": size,
        "share": share if share is not None else 0.0,
        "mean_followers": mean_followers if mean_followers is not None else median_followers,
        "median_followers": median_followers,
        "mean_engagement_rate": mean_engagement_rate,
        "verified_share": verified_share,
        "mean_videos": mean_videos,
        "mean_likes": mean_likes,
        "median_follower_tier": reference_tier(median_followers),
    }


def frame(*rows: dict) -> pd.DataFrame:
    df = pd.DataFrame(list(rows))
    df["share"] = df["size"] / df["size"].sum()
    return df[PROFILE_COLUMNS]


# --------------------------------------------------------------------------- naming


def typical_run() -> pd.DataFrame:
    return frame(
        profile(0, size=6, median_followers=15_000_000, verified_share=1.0, mean_engagement_rate=0.02, mean_videos=350),
        profile(1, size=30, median_followers=900_000, verified_share=0.9, mean_engagement_rate=0.05, mean_videos=700),
        profile(2, size=30, median_followers=250_000, mean_engagement_rate=0.035, mean_videos=4_500),
        profile(3, size=70, median_followers=2_500, mean_engagement_rate=0.45, mean_videos=70),
        profile(4, size=60, median_followers=35_000, mean_engagement_rate=0.13, mean_videos=250),
        profile(5, size=45, median_followers=220_000, mean_engagement_rate=0.045, mean_videos=250),
    )


def test_naming_typical_run():
    assert name_segments(typical_run()) == {
        0: "Celebrity accounts",
        1: "Verified creators",
        2: "Prolific posters",
        3: "Niche engagement specialists",
        4: "Community builders",
        5: "Mid-tier mainstream",
    }


@pytest.mark.parametrize(
    ("seg", "expected"),
    [
        # rule 1 boundary: verified_share exactly 0.5 and median exactly 1,000,000
        (dict(verified_share=0.5, median_followers=1_000_000), "Celebrity accounts"),
        (dict(verified_share=0.5, median_followers=999_999), "Verified creators"),
        (dict(verified_share=0.49, median_followers=5_000_000), "Mass-reach creators"),
        (dict(verified_share=0.8, median_followers=3_000, mean_videos=9_000), "Verified creators"),
        # prolific: needs >= 1,000 videos and >= 2 x the others' reference (200)
        (dict(mean_videos=1_000, median_followers=50_000, mean_engagement_rate=0.2), "Prolific posters"),
        (dict(mean_videos=999, median_followers=50_000, mean_engagement_rate=0.2), "Community builders"),
        (dict(mean_videos=1_000, median_followers=50_000, mean_engagement_rate=0.2, size=1_000), "Prolific posters"),
        (dict(mean_videos=5_000, median_followers=2_000_000), "Prolific posters"),
        # nano: above / not above the engagement reference (0.1)
        (dict(median_followers=9_999, mean_engagement_rate=0.5), "Niche engagement specialists"),
        (dict(median_followers=9_999, mean_engagement_rate=0.1), "Emerging creators"),
        (dict(median_followers=9_999, mean_engagement_rate=None), "Emerging creators"),
        (dict(median_followers=10_000, mean_engagement_rate=0.5), "Community builders"),
        (dict(median_followers=99_999, mean_engagement_rate=0.11), "Community builders"),
        (dict(median_followers=10_000, mean_engagement_rate=0.05), "Mid-tier mainstream"),
        (dict(median_followers=100_000, mean_engagement_rate=0.9), "Mid-tier mainstream"),
        (dict(median_followers=999_999, mean_engagement_rate=0.01), "Mid-tier mainstream"),
        (dict(median_followers=50_000, verified_share=None), "Mid-tier mainstream"),
    ],
)
def test_naming_rules_one_segment_against_a_fixed_background(seg, expected):
    # Background: two ordinary segments (engagement 0.1, 200 videos, 60K followers).
    background = [
        profile(10, size=100, median_followers=60_000, mean_engagement_rate=0.1, mean_videos=200),
        profile(11, size=100, median_followers=60_000, mean_engagement_rate=0.1, mean_videos=200),
    ]
    seg = {"size": 20, **seg}
    names = name_segments(frame(profile(1, **seg), *background))
    # compare base names: a background segment may share the name (then qualifiers follow)
    assert names[1].split(" (")[0] == expected


def test_prolific_is_relative_to_other_segments():
    # Everybody posts a lot: 1,500 videos is not prolific when the others post 1,200.
    names = name_segments(
        frame(
            profile(0, median_followers=50_000, mean_videos=1_500, mean_engagement_rate=0.05),
            profile(1, median_followers=60_000, mean_videos=1_200, mean_engagement_rate=0.2),
        )
    )
    assert names[0] == "Mid-tier mainstream"
    assert names[1] == "Community builders"


def test_references_are_size_weighted():
    # The others: one big low-engagement segment and two tiny high-engagement ones.
    # Size-weighted median of the others is 0.05 (unweighted it would be 0.7), so 0.08
    # counts as high engagement.
    names = name_segments(
        frame(
            profile(0, size=10, median_followers=5_000, mean_engagement_rate=0.08),
            profile(1, size=200, median_followers=200_000, mean_engagement_rate=0.05),
            profile(2, size=5, median_followers=2_000_000, verified_share=1.0, mean_engagement_rate=0.9),
            profile(3, size=5, median_followers=3_000_000, verified_share=1.0, mean_engagement_rate=0.7),
        )
    )
    assert names[0] == "Niche engagement specialists"


def test_single_segment_has_no_reference():
    assert name_segments(frame(profile(7, median_followers=3_000, mean_engagement_rate=0.9, mean_videos=5_000))) == {
        7: "Emerging creators"
    }


def test_names_unique_when_two_segments_look_alike_in_different_tiers():
    names = name_segments(
        frame(
            profile(0, median_followers=20_000, mean_engagement_rate=0.02),
            profile(1, median_followers=300_000, mean_engagement_rate=0.03),
            profile(2, median_followers=3_000, mean_engagement_rate=0.5),
        )
    )
    assert names == {
        0: "Mid-tier mainstream (micro)",
        1: "Mid-tier mainstream (mid)",
        2: "Niche engagement specialists",
    }


def test_names_unique_when_two_segments_share_name_and_tier():
    names = name_segments(
        frame(
            profile(0, median_followers=2_000, mean_engagement_rate=0.45),
            profile(1, median_followers=600, mean_engagement_rate=1.08),
            profile(2, size=200, median_followers=200_000, mean_engagement_rate=0.04),
        )
    )
    assert names == {
        0: "Niche engagement specialists (nano, 45% avg engagement)",
        1: "Niche engagement specialists (nano, 108% avg engagement)",
        2: "Mid-tier mainstream",
    }


def test_identical_twins_fall_back_to_followers_then_segment_id():
    a = profile(3, median_followers=40_000, mean_engagement_rate=0.05)
    b = profile(8, median_followers=45_000, mean_engagement_rate=0.05)
    c = profile(9, median_followers=45_000, mean_engagement_rate=0.05)
    names = name_segments(frame(a, b, c))
    assert names == {
        3: "Mid-tier mainstream (micro, 5% avg engagement, 40K median followers)",
        8: "Mid-tier mainstream (micro, 5% avg engagement, 45K median followers, segment 8)",
        9: "Mid-tier mainstream (micro, 5% avg engagement, 45K median followers, segment 9)",
    }


def test_names_are_deterministic_and_independent_of_row_order():
    run = typical_run()
    twins = frame(
        *[dict(r) for r in run.to_dict("records")],
        profile(6, size=40, median_followers=40_000, mean_engagement_rate=0.045, mean_videos=240),
    )
    first = name_segments(twins)
    shuffled = twins.sample(frac=1.0, random_state=3).reset_index(drop=True)
    assert name_segments(shuffled) == first
    assert len(set(first.values())) == len(first)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1, 500),
            st.sampled_from([0, 800, 5_000, 9_999, 10_000, 45_000, 100_000, 450_000, 1_000_000, 3_000_000]),
            st.one_of(st.none(), st.sampled_from([0.01, 0.05, 0.1, 0.5, 1.2])),
            st.sampled_from([0.0, 0.2, 0.5, 1.0]),
            st.sampled_from([10.0, 200.0, 999.0, 1_000.0, 4_000.0]),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_names_always_unique_and_from_the_rule_vocabulary(rows):
    df = frame(
        *[
            profile(i * 3 + 1, size=size, median_followers=f, mean_engagement_rate=e, verified_share=v, mean_videos=vid)
            for i, (size, f, e, v, vid) in enumerate(rows)
        ]
    )
    names = name_segments(df)
    assert set(names) == set(int(s) for s in df["segment_id"])
    assert len(set(names.values())) == len(names)
    for name in names.values():
        assert any(name == base or name.startswith(base + " (") for base in SEGMENT_NAMES)


def test_naming_input_validation():
    with pytest.raises(ValueError, match="verified_share"):
        name_segments(typical_run().drop(columns=["verified_share"]))
    dup = typical_run()
    dup.loc[1, "segment_id"] = 0
    with pytest.raises(ValueError, match="unique"):
        name_segments(dup)
    assert name_segments(typical_run().iloc[[]]) == {}


def test_keys_are_python_ints():
    df = typical_run()
    df["segment_id"] = df["segment_id"].astype("int32")
    names = name_segments(df)
    assert all(type(k) is int for k in names)


def test_docstring_rule_table_lists_every_name_in_order():
    doc = tiktok.__doc__
    positions = [doc.index(f"| {name}") for name in SEGMENT_NAMES]
    assert positions == sorted(positions)
