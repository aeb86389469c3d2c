"""Unit tests for python_udfs.tiktok.features and .segments: features and segment names.

Follower tiers and segment profiles are SQL (seed follower_tiers, int_tiktok_segments_profiled):
their dbt unit tests are in the yml beside each model (models/marts/tiktok/, models/intermediate/tiktok/).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from python_udfs.core.settings import Settings
from python_udfs.tiktok import segments as tiktok
from python_udfs.tiktok.features import FEATURE_COLUMNS, feature_matrix, log_features
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


def creators() -> pd.DataFrame:
    """A small, varied set of creators (includes NULL rates / following)."""
    return pd.DataFrame(
        {
            "awg_engagement_rate": [0.12, 2.31, 0.021, None, 0.087, 0.031, 0.0],
            "comment_engagement_rate": [0.004, 0.046, 0.00015, None, None, 0.0004, 0.0],
            "like_engagement_rate": [0.115, 2.19, 0.021, None, 0.081, 0.0298, 0.0],
            "followers": [48213, 312, 48231907, 842, 153200, 386004, 0],
            "following": [512, 1048, 38, 95, None, 1204, 0],
            "likes": [1203877, 5210, 912384110, 0, 3120554, 51230998, 0],
            "videos_count": [214, 17, 412, 0, 388, 4821, 0],
            "is_verified": [False, False, True, False, False, False, None],
        }
    )


def independent_log_features(df: pd.DataFrame) -> np.ndarray:
    """The documented transform, written independently with numpy only."""
    cols = []
    for c in FEATURE_COLUMNS:
        if c == "is_verified":
            cols.append(np.array([0.0 if v is None or v is pd.NA or not bool(v) else 1.0 for v in df[c]]))
        else:
            values = np.array(
                [0.0 if v is None or (isinstance(v, float) and math.isnan(v)) else float(v) for v in df[c]]
            )
            cols.append(np.log1p(values))
    return np.column_stack(cols)


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


# --------------------------------------------------------------------------- features


def test_feature_columns_are_the_documented_eight():
    assert FEATURE_COLUMNS == [
        "awg_engagement_rate",
        "comment_engagement_rate",
        "like_engagement_rate",
        "followers",
        "following",
        "likes",
        "videos_count",
        "is_verified",
    ]


def test_feature_matrix_shape_finite_and_standardised():
    X = feature_matrix(creators())
    assert X.shape == (7, 8)
    assert X.dtype == np.float64
    assert np.isfinite(X).all()
    np.testing.assert_allclose(X.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(X.std(axis=0), 1.0, atol=1e-12)


def test_log1p_applied_matches_independent_numpy():
    df = creators()
    expected_raw = independent_log_features(df)
    np.testing.assert_allclose(log_features(df).to_numpy(), expected_raw, rtol=1e-12, atol=0)
    expected = (expected_raw - expected_raw.mean(axis=0)) / expected_raw.std(axis=0)
    np.testing.assert_allclose(feature_matrix(df), expected, rtol=1e-10, atol=1e-12)


def test_null_rates_and_following_are_imputed_with_zero():
    raw = log_features(creators())
    # row 3: all rates NULL; row 4: comment rate and following NULL
    assert raw.loc[3, ["awg_engagement_rate", "comment_engagement_rate", "like_engagement_rate"]].tolist() == [
        0.0,
        0.0,
        0.0,
    ]
    assert raw.loc[4, "comment_engagement_rate"] == 0.0
    assert raw.loc[4, "following"] == 0.0
    # rates above 1 are kept (log1p(2.31))
    assert raw.loc[1, "awg_engagement_rate"] == pytest.approx(math.log1p(2.31))


def test_zero_variance_columns_give_zeros_not_nan():
    df = creators()
    df["is_verified"] = False
    df["videos_count"] = 100
    X = feature_matrix(df)
    assert np.isfinite(X).all()
    assert (X[:, FEATURE_COLUMNS.index("is_verified")] == 0).all()
    assert (X[:, FEATURE_COLUMNS.index("videos_count")] == 0).all()
    other = [i for i, c in enumerate(FEATURE_COLUMNS) if c not in ("is_verified", "videos_count")]
    np.testing.assert_allclose(X[:, other].std(axis=0), 1.0, atol=1e-12)


def test_single_row_is_all_zeros_and_empty_frame_is_empty():
    assert (feature_matrix(creators().iloc[[0]]) == 0).all()
    empty = feature_matrix(creators().iloc[[]])
    assert empty.shape == (0, 8)


def test_varchar_input_as_read_from_the_export():
    """Strings as in an all_varchar read: 'true'/'false', 'null', decimal text."""
    df = creators()
    text = df.astype(object).where(df.notna(), "null").astype(str)
    text["is_verified"] = ["false", "false", "true", "false", "false", "false", "null"]
    np.testing.assert_allclose(feature_matrix(text), feature_matrix(df), rtol=1e-12)


def test_nullable_pandas_dtypes():
    df = creators()
    df["is_verified"] = pd.array([False, False, True, False, False, False, None], dtype="boolean")
    df["following"] = pd.array([512, 1048, 38, 95, None, 1204, 0], dtype="Int64")
    np.testing.assert_allclose(feature_matrix(df), feature_matrix(creators()), rtol=1e-12)


def test_verified_is_zero_one_before_scaling():
    raw = log_features(creators())
    assert raw["is_verified"].tolist() == [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0]


@pytest.mark.parametrize("column", ["followers", "likes", "videos_count"])
def test_missing_required_counts_are_rejected(column):
    df = creators()
    df[column] = df[column].astype("float64")
    df.loc[2, column] = np.nan
    with pytest.raises(ValueError, match=column):
        feature_matrix(df)


@pytest.mark.parametrize("column", ["likes", "followers", "following", "like_engagement_rate"])
def test_negative_values_are_rejected(column):
    df = creators()
    df.loc[0, column] = -1
    with pytest.raises(ValueError, match=column):
        feature_matrix(df)


def test_missing_feature_column_is_rejected():
    with pytest.raises(ValueError, match="videos_count"):
        feature_matrix(creators().drop(columns=["videos_count"]))


def test_feature_matrix_does_not_modify_input():
    df = creators()
    before = df.copy()
    feature_matrix(df)
    pd.testing.assert_frame_equal(df, before)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.floats(0, 50, allow_nan=False)),
            st.one_of(st.none(), st.floats(0, 5, allow_nan=False)),
            st.one_of(st.none(), st.floats(0, 50, allow_nan=False)),
            st.integers(0, 10**9),
            st.one_of(st.none(), st.integers(0, 10**5)),
            st.integers(0, 10**11),
            st.integers(0, 10**5),
            st.booleans(),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_feature_matrix_property_finite_and_standardised(rows):
    df = pd.DataFrame(rows, columns=FEATURE_COLUMNS)
    X = feature_matrix(df)
    assert X.shape == (len(rows), 8)
    assert np.isfinite(X).all()
    raw = independent_log_features(df)
    for j in range(8):
        col = X[:, j]
        if np.ptp(raw[:, j]) <= 1e-9 * max(1.0, np.abs(raw[:, j]).max()):
            assert (col == 0).all()
        else:
            assert abs(col.mean()) < 1e-6
            # population std 1 (a tiny relative spread loses a few digits)
            assert col.std() == pytest.approx(1.0, rel=1e-5)


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
