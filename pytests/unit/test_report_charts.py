"""Unit tests for the report: the niche map projection, the data loaders and the chart specs.

The loaders run against a small DuckDB file made here with the marts' names and columns (no dbt
build), and every chart is checked through its Vega-Lite spec (``chart.to_dict()``): the fields
it encodes, its mark types, and that it carries one row per mart row.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.ipc
import pytest
import yaml
from sklearn.decomposition import PCA

from python_udfs.niches.niche_map import NICHE_MAP_SCHEMA, niche_map_points, pca_2d
from python_udfs.report import charts, data, tiktok_charts

PROJECT_DIR = Path(__file__).resolve().parents[2]
N_INFLUENCERS = 12
N_SCORED = 10  # the last two influencers have no growth data, hence no fake score
NICHES = ["fitness", "food", "tech"]
BRANDS = [("BR001", "Pulsewear"), ("BR002", "Dewbloom"), ("BR003", "Voltbook")]
TOP_K = 5
N_ACCOUNTS = 40
TIERS = [("nano", 0, 10_000), ("micro", 10_000, 100_000), ("mid", 100_000, 500_000), ("macro", 500_000, 1_000_001)]
TIERS += [("mega", 1_000_001, None)]
TIER_ORDER = [tier for tier, _, _ in TIERS]


# --------------------------------------------------------------------------------------- fixtures
def _ids() -> list[str]:
    return [f"INF{i:03d}" for i in range(1, N_INFLUENCERS + 1)]


def _embeddings(seed: int = 7) -> np.ndarray:
    """Unit vectors in three loose clusters (one per niche)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(len(NICHES), 384))
    vectors = np.vstack([centres[i % len(NICHES)] + 0.6 * rng.normal(size=384) for i in range(N_INFLUENCERS)])
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def _embedding_table(ids: list[str], vectors: np.ndarray) -> pa.Table:
    flat = pa.array(vectors.reshape(-1).astype(np.float32))
    return pa.table({"influencer_id": ids, "embedding": pa.FixedSizeListArray.from_arrays(flat, 384)})


def _risk(score: int) -> str:
    return "high" if score >= 70 else "medium" if score >= 40 else "low"


@pytest.fixture(scope="module")
def mart_db(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    """A read-only connection to a small database holding the marts the report reads."""
    path = tmp_path_factory.mktemp("report_marts") / "marts.duckdb"
    ids = _ids()
    rng = np.random.default_rng(3)
    with duckdb.connect(str(path)) as con:
        settings = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())["vars"]
        con.execute("create table main.project_settings (setting_name varchar, setting_value varchar)")
        for name, value in settings.items():
            con.execute("insert into main.project_settings values (?, ?)", [name, json.dumps(value)])
        con.execute(
            "create table main.follower_tier_ranges (tier varchar, tier_rank bigint, min_followers bigint, max_followers bigint)"
        )
        for rank, (tier, low, high) in enumerate(TIERS, start=1):
            con.execute("insert into main.follower_tier_ranges values (?, ?, ?, ?)", [tier, rank, low, high])

        con.execute("""
            create table main.niche_classification (influencer_id varchar, name varchar, cluster_id integer,
                niche_keywords varchar, niche_label varchar, distance_to_centroid double, has_usable_text boolean)
        """)
        for i, key in enumerate(ids):
            label = NICHES[i % len(NICHES)]
            con.execute(
                "insert into main.niche_classification values (?, ?, ?, ?, ?, ?, true)",
                [key, f"Creator {i + 1}", i % len(NICHES), f"{label}, a, b", label, 0.5],
            )

        scores = [0, 10, 15, 30, 40, 45, 60, 75, 90, 100][:N_SCORED]
        con.execute("""
            create table main.fake_follower_scores (influencer_id varchar, followers bigint, engagement_rate double,
                spike_count bigint, spike_days bigint[], fake_score bigint, risk_level varchar, reasons varchar,
                robust_spike_count bigint, robust_spike_days bigint[])
        """)
        con.execute(
            "create table main.follower_history_daily (influencer_id varchar, day_index bigint, followers_on_day bigint, daily_growth bigint)"
        )
        for key, score in zip(ids, scores):
            documented = [5, 12] if score >= 60 else []
            robust = [5, 12, 20] if score >= 60 else ([9] if score == 45 else [])
            history = (10_000 + np.cumsum(rng.integers(10, 50, size=30))).tolist()
            con.execute(
                "insert into main.fake_follower_scores values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    key,
                    history[-1],
                    4.0,
                    len(documented),
                    documented,
                    score,
                    _risk(score),
                    f"reason for {key}",
                    len(robust),
                    robust,
                ],
            )
            for day, followers in enumerate(history, start=1):
                gain = None if day == 1 else followers - history[day - 2]
                con.execute("insert into main.follower_history_daily values (?, ?, ?, ?)", [key, day, followers, gain])

        points = niche_map_points(
            _embedding_table(ids, _embeddings()),
            con.sql(
                "select influencer_id, name, niche_label, niche_keywords from main.niche_classification"
            ).to_arrow_table(),
            con.sql("select influencer_id, fake_score, risk_level from main.fake_follower_scores").to_arrow_table(),
        )
        con.register("points_arrow", points)
        con.execute("create table main.influencer_niche_map as select * from points_arrow")
        con.execute("""
            create table main.niche_summary as
            select cluster_id, niche_label, any_value(niche_keywords) as niche_keywords, count(*) as influencer_count,
                   avg(scores.fake_score) as mean_fake_score,
                   count(*) filter (where scores.risk_level = 'high') as high_risk_count
            from main.niche_classification left join main.fake_follower_scores as scores using (influencer_id)
            group by all
        """)

        # Brand matches: similarity falls with rank; vetted = same ranking without high / unscored.
        con.execute("""
            create table main.brand_influencer_matches (brand_id varchar, brand_name varchar, match_rank integer,
                influencer_id varchar, name varchar, niche_label varchar, similarity_score double, match_quality varchar,
                bio varchar, fake_score bigint, risk_level varchar)
        """)
        con.execute(
            "create table main.brand_influencer_matches_vetted as select * from main.brand_influencer_matches limit 0"
        )
        for b, (brand_id, brand_name) in enumerate(BRANDS):
            order = ids[::-1][2 * b :] + ids[::-1][: 2 * b]  # some high-risk and unscored near the top
            risk = dict(con.sql("select influencer_id, risk_level from main.fake_follower_scores").fetchall())
            vetted = [key for key in order if risk.get(key) in ("low", "medium")]
            for table, ranked in (("brand_influencer_matches", order), ("brand_influencer_matches_vetted", vetted)):
                for rank, key in enumerate(ranked[:TOP_K], start=1):
                    sim = 75.0 - 6 * rank - b
                    quality = "Excellent" if sim > 70 else "Good" if sim >= 60 else "Moderate" if sim >= 50 else "Weak"
                    con.execute(
                        f"""insert into main.{table}
                            select ?, ?, ?, influencer_id, name, niche_label, ?, ?, 'bio', scores.fake_score, scores.risk_level
                            from main.niche_classification left join main.fake_follower_scores as scores using (influencer_id)
                            where influencer_id = ?""",
                        [brand_id, brand_name, rank, sim, quality, key],
                    )

        con.execute("create table main.tiktok_elbow (k integer, wcss double, is_knee boolean, is_chosen boolean)")
        for k in range(2, 7):
            con.execute("insert into main.tiktok_elbow values (?, ?, ?, ?)", [k, 1000 / k, k == 3, k == 3])
        con.execute("""
            create table main.tiktok_segments (account_id varchar, segment_id integer, segment_name varchar,
                follower_tier varchar, followers bigint, awg_engagement_rate double)
        """)
        for a in range(N_ACCOUNTS):
            segment = a % 3
            followers = int(10 ** (2 + segment * 2 + (a % 5) * 0.3))
            tier = (
                "nano"
                if followers < 10_000
                else "micro"
                if followers < 100_000
                else "mid"
                if followers < 500_000
                else "macro"
                if followers <= 1_000_000
                else "mega"
            )
            rate = None if a == 0 else 0.3 / (segment + 1)
            con.execute(
                "insert into main.tiktok_segments values (?, ?, ?, ?, ?, ?)",
                [f"acct{a:02d}", segment, ["Small", "Middle", "Big"][segment], tier, followers, rate],
            )
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
    ids = _ids()
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
    table = niche_map_points(_embedding_table(ids, _embeddings()), niches, scores)
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
    ids = _ids()
    vectors = _embeddings()
    niches = pa.table(
        {"influencer_id": ids, "name": ids, "niche_label": ["x"] * len(ids), "niche_keywords": ["k"] * len(ids)}
    )
    first = niche_map_points(_embedding_table(ids, vectors), niches, None)
    shuffled = np.random.default_rng(1).permutation(len(ids))
    second = niche_map_points(
        _embedding_table([ids[i] for i in shuffled], vectors[shuffled]), niches.take(pa.array(shuffled[::-1])), None
    )
    assert _ipc_bytes(first) == _ipc_bytes(second)


def test_pca_2d_matches_sklearn_up_to_sign_and_fixes_the_sign():
    vectors = _embeddings().astype(np.float64)
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
        niche_map_points(_embedding_table(["A"], _embeddings()[:1]), niches, None)


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
    assert {"rank_label", "similarity_score", "match_quality", "brand_name", "shortlist"} <= _fields(spec)
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
