"""Unit tests for python_udfs.tiktok.features: the eight clustering features, log1p then standardised.

Checked against an independent numpy transform, on NULL / varchar / nullable-dtype inputs, with
bad counts rejected, and as a property over random creators (finite, mean 0, population std 1).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pytests.support.tiktok_export import NUMERIC_COLUMNS
from python_udfs.tiktok.features import FEATURE_COLUMNS, feature_matrix, log_features

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


# --------------------------------------------------------------------------- features


def test_feature_columns_are_the_documented_eight():
    # The export's seven numeric columns (pytests/support/tiktok_export.py), then is_verified.
    assert [*NUMERIC_COLUMNS, "is_verified"] == FEATURE_COLUMNS


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
