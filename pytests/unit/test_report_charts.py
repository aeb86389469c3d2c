"""Unit tests for the report: the niche map projection, the data loaders and the chart specs.

The loaders run against a small DuckDB file made here with the marts' names and columns (no dbt
build), and every chart is checked through its Vega-Lite spec (``chart.to_dict()``): the fields
it encodes, its mark types, and that it carries one row per mart row.
"""

from __future__ import annotations

import io

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.ipc
import pytest
from sklearn.decomposition import PCA

from pytests.support.report_marts import (
    N_ACCOUNTS,
    N_INFLUENCERS,
    N_SCORED,
    TIER_ORDER,
    TOP_K,
    embedding_table,
    embeddings,
    influencer_ids,
    write_mart_db,
)
from python_udfs.niches.niche_map import NICHE_MAP_SCHEMA, niche_map_points, pca_2d
from python_udfs.report import charts, data, tiktok_charts


@pytest.fixture(scope="module")
def mart_db(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    """A read-only connection to a small database holding the marts the report reads."""
    path = tmp_path_factory.mktemp("report_marts") / "marts.duckdb"
    write_mart_db(path)
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return con.sql(sql).fetchall()[0][0]


# ---------------------------------------------------------------------------- spec helpers
def _marks(spec: dict) -> set[str]:
    """Every mark type anywhere in a (layered / faceted / concatenated) spec."""
    found = set()
    if "mark" in spec:
        mark = spec["mark"]
        found.add(mark if isinstance(mark, str) else mark["type"])
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for child in spec.get(key, []):
            found |= _marks(child)
    if "spec" in spec:
        found |= _marks(spec["spec"])
    return found


def _fields(spec: dict) -> set[str]:
    """Every field named in an encoding, anywhere in the spec (facet fields included)."""
    found = set()

    def visit(node):
        if isinstance(node, dict):
            if isinstance(node.get("field"), str):
                found.add(node["field"])
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    for key in ("encoding", "facet", "layer", "spec", "hconcat", "vconcat"):
        visit(spec.get(key))
    return found


def _dataset_sizes(spec: dict) -> list[int]:
    return sorted(len(rows) for rows in spec.get("datasets", {}).values())


# ------------------------------------------------------------------------------- niche map
def test_niche_map_points_schema_and_rows():
    ids = influencer_ids()
    niches = pa.table(
        {
            "influencer_id": ids,
            "name": [f"n{i}" for i in ids],
            "niche_label": ["fitness"] * len(ids),
            "niche_keywords": ["a, b"] * len(ids),
        }
    )
    scores = pa.table(
        {
            "influencer_id": ids[:N_SCORED],
            "fake_score": pa.array(range(N_SCORED), pa.int64()),
            "risk_level": ["low"] * N_SCORED,
        }
    )
    table = niche_map_points(embedding_table(ids, embeddings()), niches, scores)
    assert table.schema == NICHE_MAP_SCHEMA
    assert table.column("influencer_id").to_pylist() == sorted(ids)
    assert table.column("fake_score").null_count == len(ids) - N_SCORED
    assert table.column("risk_level").null_count == len(ids) - N_SCORED
    assert table.column("x").null_count == 0 and table.column("y").null_count == 0


def _ipc_bytes(table: pa.Table) -> bytes:
    sink = io.BytesIO()
    with pyarrow.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()


def test_niche_map_points_are_byte_identical_whatever_the_input_order():
    ids = influencer_ids()
    vectors = embeddings()
    niches = pa.table(
        {"influencer_id": ids, "name": ids, "niche_label": ["x"] * len(ids), "niche_keywords": ["k"] * len(ids)}
    )
    first = niche_map_points(embedding_table(ids, vectors), niches, None)
    shuffled = np.random.default_rng(1).permutation(len(ids))
    second = niche_map_points(
        embedding_table([ids[i] for i in shuffled], vectors[shuffled]), niches.take(pa.array(shuffled[::-1])), None
    )
    assert _ipc_bytes(first) == _ipc_bytes(second)


def test_pca_2d_matches_sklearn_up_to_sign_and_fixes_the_sign():
    vectors = embeddings().astype(np.float64)
    ours = pca_2d(vectors)
    reference = PCA(n_components=2, svd_solver="full").fit(vectors)
    projected = reference.transform(vectors)
    np.testing.assert_allclose(np.abs(ours), np.abs(projected), atol=1e-5)
    # The sign is fixed by the loadings, not by the SVD's arbitrary choice: negating every vector
    # negates the coordinates, and each axis points where the largest loading is positive.
    np.testing.assert_allclose(pca_2d(-vectors), -ours, atol=1e-5)
    for component in range(2):
        loadings = reference.components_[component]
        sign = np.sign(loadings[np.argmax(np.abs(loadings))])
        np.testing.assert_allclose(ours[:, component], np.round(sign * projected[:, component], 6), atol=1e-5)


def test_pca_2d_degenerate_inputs():
    assert pca_2d(np.zeros((0, 384))).shape == (0, 2)
    assert pca_2d(np.ones((1, 384))).tolist() == [[0.0, 0.0]]
    two = pca_2d(np.vstack([np.zeros(384), np.ones(384)]))
    assert two.shape == (2, 2) and (two[:, 1] == 0).all()


def test_niche_map_points_rejects_missing_embeddings():
    niches = pa.table(
        {"influencer_id": ["A", "B"], "name": ["a", "b"], "niche_label": ["x", "x"], "niche_keywords": ["k", "k"]}
    )
    with pytest.raises(ValueError, match="no embedding"):
        niche_map_points(embedding_table(["A"], embeddings()[:1]), niches, None)


# ------------------------------------------------------------------------------------ niches
def test_niche_map_chart(mart_db):
    points = data.niche_map_points(mart_db)
    assert len(points) == _count(mart_db, "select count(*) from main.niche_classification")
    spec = charts.niche_map_chart(points).to_dict()
    assert _marks(spec) == {"circle", "point"}
    assert {"x", "y", "niche_label", "name", "niche_keywords", "fake_score_text"} <= _fields(spec)
    assert _dataset_sizes(spec) == [len(points)]
    assert spec["params"][0]["name"] == "niche_map_zoom"
    # Unscored influencers say so instead of showing an empty score.
    assert (points["fake_score_text"] == data.NOT_SCORED).sum() == N_INFLUENCERS - N_SCORED


def test_niche_map_points_reads_the_mart(tmp_path):
    path = tmp_path / "with_map.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("""create table main.influencer_niche_map as select 'A' as influencer_id, 'Ann' as name,
                       'tech' as niche_label, 'k' as niche_keywords, null::bigint as fake_score,
                       null::varchar as risk_level, 1.5::double as x, -2.0::double as y""")
    with duckdb.connect(str(path), read_only=True) as con:
        points = data.niche_map_points(con)
    assert points[["influencer_id", "x", "y"]].values.tolist() == [["A", 1.5, -2.0]]
    assert points["fake_score_text"].tolist() == [data.NOT_SCORED]


def test_tier_legend_reads_the_tier_table(mart_db):
    legend = data.tier_legend(data.follower_tiers(mart_db))
    assert legend == (
        "nano 0-9,999, micro 10,000-99,999, mid 100,000-499,999, macro 500,000-1,000,000, mega 1,000,001+ followers"
    )


def test_niche_sizes_chart(mart_db):
    summary = data.niche_sizes(mart_db)
    assert len(summary) == _count(mart_db, "select count(*) from main.niche_summary")
    spec = charts.niche_sizes_chart(summary).to_dict()
    assert _marks(spec) == {"bar", "text"}
    assert {"niche_label", "influencer_count", "niche_keywords"} <= _fields(spec)
    assert _dataset_sizes(spec) == [len(summary)]
    assert summary["influencer_count"].is_monotonic_decreasing


# ------------------------------------------------------------------------------- fake scores
def test_fake_score_distribution_chart(mart_db):
    scores = data.fake_scores(mart_db)
    assert len(scores) == _count(mart_db, "select count(*) from main.fake_follower_scores")
    assert (scores["bin_start"] <= scores["fake_score"]).all()
    assert ((scores["fake_score"] < scores["bin_end"]) | (scores["fake_score"] == 100)).all()
    spec = charts.fake_score_distribution_chart(scores).to_dict()
    assert _marks(spec) == {"bar"}
    assert {"bin_start", "bin_end", "risk_level"} <= _fields(spec)
    assert spec["encoding"]["color"]["scale"]["domain"] == ["low", "medium", "high"]
    assert _dataset_sizes(spec) == [len(scores)]


def test_follower_series_chart(mart_db):
    series = data.follower_series(mart_db, top_n=4)
    riskiest = [
        key
        for (key,) in mart_db.sql(
            "select influencer_id from main.fake_follower_scores order by fake_score desc, influencer_id limit 4"
        ).fetchall()
    ]
    assert series.drop_duplicates("influencer_id")["influencer_id"].tolist() == riskiest
    assert len(series) == 4 * 30
    assert series.groupby("influencer_id")["day_index"].agg(["min", "max"]).values.tolist() == [[1, 30]] * 4
    assert series["daily_gain"].isna().sum() == 4  # day 1 has no gain
    flagged = series[series["is_documented_spike"]].groupby("influencer_id")["day_index"].apply(list)
    assert all(days == [5, 12] for days in flagged)
    assert series["is_robust_spike"].sum() == 3 * series[series["fake_score"] >= 60]["influencer_id"].nunique()

    spec = charts.follower_series_chart(series).to_dict()
    assert _marks(spec) == {"line", "point"}
    assert {"day_index", "followers", "day_kind", "reasons", "panel"} <= _fields(spec)
    assert spec["facet"]["field"] == "panel" and spec["columns"] == 4
    assert spec["resolve"]["scale"]["y"] == "independent"
    assert _dataset_sizes(spec) == [len(series)]


@pytest.mark.parametrize(
    ("documented", "robust", "kind"),
    [
        (False, False, charts.ORDINARY_DAY),
        (True, False, charts.DOCUMENTED_RULE),
        (False, True, charts.ROBUST_RULE),
        (True, True, charts.BOTH_RULES),
    ],
)
def test_day_kind(documented, robust, kind):
    assert charts.day_kind(documented, robust) == kind


# ---------------------------------------------------------------------------- brand matching
def test_brand_matches_mark_what_vetting_did(mart_db):
    matches = data.brand_matches(mart_db)
    unvetted = _count(mart_db, "select count(*) from main.brand_influencer_matches")
    vetted = _count(mart_db, "select count(*) from main.brand_influencer_matches_vetted")
    assert (matches["shortlist"] == data.ALL_MATCHES).sum() == unvetted
    assert (matches["shortlist"] == data.VETTED_MATCHES).sum() == vetted
    dropped = matches[matches["vetting"] == "dropped by vetting"]
    assert set(dropped["risk_level"]) <= {"high", data.NOT_SCORED} and len(dropped) > 0
    added = matches[matches["vetting"] == "added by vetting"]
    assert (added["shortlist"] == data.VETTED_MATCHES).all() and len(added) == len(dropped)

    pairs = data.brand_match_pairs(matches)
    assert not pairs.duplicated(["brand_id", "influencer_id"]).any()
    assert len(pairs) == unvetted + len(added)
    assert set(pairs.loc[pairs["vetting"] == "dropped by vetting", "vetting_mark"]) == {"✕"}


def test_brand_match_heatmap_chart(mart_db):
    pairs = data.brand_match_pairs(data.brand_matches(mart_db))
    spec = charts.brand_match_heatmap_chart(pairs, TOP_K).to_dict()
    assert _marks(spec) == {"rect", "text"}
    assert {"name", "brand_name", "similarity_score", "vetting_mark", "vetting"} <= _fields(spec)
    assert _dataset_sizes(spec) == [len(pairs)]


def test_brand_top_matches_chart(mart_db):
    matches = data.brand_matches(mart_db)
    spec = charts.brand_top_matches_chart(matches, TOP_K).to_dict()
    assert _marks(spec) == {"bar"}
    assert {"rank_label", "match_score", "match_quality", "brand_name", "shortlist"} <= _fields(spec)
    assert spec["facet"]["row"]["field"] == "brand_name" and spec["facet"]["column"]["field"] == "shortlist"
    assert spec["spec"]["encoding"]["color"]["scale"]["domain"] == charts.QUALITY_DOMAIN
    rows = next(iter(spec["datasets"].values()))
    assert len(rows) == len(matches)
    # Labels sort in rank order and carry the vetting mark.
    labels = [r["rank_label"] for r in rows if r["brand_id"] == "BR001" and r["shortlist"] == data.ALL_MATCHES]
    assert labels == sorted(labels) and labels[0].startswith("01. ")
    assert any(
        label.endswith("✕")
        for r, label in zip(rows, [r["rank_label"] for r in rows])
        if r["vetting"] == "dropped by vetting"
    )


# ------------------------------------------------------------------------------------ TikTok
def test_tiktok_elbow_chart(mart_db):
    elbow = data.tiktok_elbow(mart_db)
    spec = tiktok_charts.tiktok_elbow_chart(elbow).to_dict()
    assert {"line", "rule", "point", "text"} <= _marks(spec)
    assert {"k", "wcss"} <= _fields(spec)
    # The full curve, and the chosen k on its own for the marker.
    assert _dataset_sizes(spec) == [1, _count(mart_db, "select count(*) from main.tiktok_elbow")]


def test_tiktok_segments_chart(mart_db):
    centres = data.tiktok_segment_centres(mart_db)
    accounts = data.tiktok_accounts(mart_db)
    assert centres["size"].sum() == _count(mart_db, "select count(*) from main.tiktok_segments")
    assert len(accounts) == N_ACCOUNTS - 1  # one account has no engagement rate: not on a log axis
    spec = tiktok_charts.tiktok_segments_chart(centres, accounts).to_dict()
    assert _marks(spec) == {"circle"}
    assert {"followers", "engagement", "segment_name", "size"} <= _fields(spec)
    assert _dataset_sizes(spec) == sorted([len(centres), len(accounts)])
    for layer in spec["layer"]:
        assert layer["encoding"]["x"]["scale"]["type"] == "log"
        assert layer["encoding"]["y"]["scale"]["type"] == "log"


def test_tiktok_tier_heatmap_chart(mart_db):
    crosstab = data.tiktok_tier_crosstab(mart_db)
    segments = _count(mart_db, "select count(distinct segment_id) from main.tiktok_segments")
    assert len(crosstab) == segments * len(TIER_ORDER)
    assert crosstab["accounts"].sum() == _count(mart_db, "select count(*) from main.tiktok_segments")
    spec = tiktok_charts.tiktok_tier_heatmap_chart(crosstab).to_dict()
    assert _marks(spec) == {"rect", "text"}
    assert {"follower_tier", "segment_name", "accounts"} <= _fields(spec)
    assert spec["layer"][0]["encoding"]["x"]["sort"] == TIER_ORDER
    assert _dataset_sizes(spec) == [len(crosstab)]


def test_chart_specs_are_identical_when_built_twice(mart_db):
    """No auto-numbered names (param_1, view_2): two builds in one process give the same JSON."""
    first = charts.niche_map_chart(data.niche_map_points(mart_db)).to_json()
    second = charts.niche_map_chart(data.niche_map_points(mart_db)).to_json()
    assert first == second
    first = charts.follower_series_chart(data.follower_series(mart_db)).to_json()
    assert first == charts.follower_series_chart(data.follower_series(mart_db)).to_json()
