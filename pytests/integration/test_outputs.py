"""The build's outputs: the exported CSVs equal the marts, and two builds from the same inputs
give byte-identical CSVs and identical TikTok segment assignments."""

from __future__ import annotations

import csv
import math
import shutil

import pytest

from pytests.support.dbt_runs import run_dbt
from pytests.support.warehouse import query, query_df
from python_udfs.dbt_glue.export import EXPORTS, export_marts

pytestmark = pytest.mark.dbt

EMBEDDING_TABLES = ("int_influencers_embedded", "int_brands_embedded", "int_niche_phrases_embedded")


@pytest.fixture(scope="module")
def exported(bundled_build, tmp_path_factory):
    out = tmp_path_factory.mktemp("outputs")
    export_marts(str(bundled_build), str(out))
    return out


@pytest.mark.parametrize("stem", sorted(EXPORTS))
def test_csv_matches_its_mart(bundled_build, exported, stem):
    relation, order_by = EXPORTS[stem]
    mart = query_df(bundled_build, f"select * from {relation} order by {order_by}")
    with (exported / f"{stem}.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0].keys()) == list(mart.columns)
    assert len(rows) == len(mart) > 0
    for row, (_, expected) in zip(rows, mart.iterrows()):
        for column, value in expected.items():
            text = row[column]
            if isinstance(value, float) and not math.isnan(value):
                assert float(text) == pytest.approx(value, rel=1e-12, abs=1e-12), (stem, column)
            elif isinstance(value, (int, str)) and not isinstance(value, bool):
                assert text == str(value), (stem, column)


def test_bundled_exports_have_the_contract_row_counts(exported):
    def count(stem):
        with (exported / f"{stem}.csv").open(encoding="utf-8") as handle:
            return sum(1 for _ in csv.DictReader(handle))

    assert count("niche_classification") == 30
    assert count("fake_follower_scores") == 30
    assert count("brand_influencer_matches") == 100


def test_two_builds_are_byte_identical(bundled_build, exported, tmp_path):
    again = tmp_path / "again.duckdb"
    # Seeds and models: the data tests write no table (the first build ran them).
    run_dbt(["build", "--resource-type", "seed", "--resource-type", "model"], again)
    out = tmp_path / "outputs"
    export_marts(str(again), str(out))
    for stem in EXPORTS:
        assert (out / f"{stem}.csv").read_bytes() == (exported / f"{stem}.csv").read_bytes(), stem
    # Every mart, not only the exported ones, row for row and bit for bit.
    marts = [
        name for (name,) in query(again, "select table_name from information_schema.tables where table_schema = 'main'")
    ]
    assert len(marts) >= 12
    # The embeddings too, bit for bit (float[] compares exactly): the cache relies on it.
    embeddings = [f"intermediate.{name}" for name in EMBEDDING_TABLES]
    for relation in [f"main.{mart}" for mart in marts] + embeddings:
        sql = f"select * from {relation} order by all"
        assert query(again, sql) == query(bundled_build, sql), relation


def test_a_second_build_on_the_same_database_keeps_every_line(bundled_build, tmp_path):
    """make build twice: the seeds are loaded again into existing tables (whose rowids then do not
    start at 0), and every record must keep the line it has in its file."""
    again = tmp_path / "rebuilt.duckdb"
    shutil.copy(bundled_build, again)
    staged = ["stg_creators__profiles", "stg_creators__follower_histories", "stg_brands__briefs"]
    run_dbt(["build", "--select", *[f"+{name}" for name in staged]], again)
    for base in ["base_creators__profiles", "base_creators__follower_histories", "base_brands__briefs"]:
        sql = f"select source_line, raw_text from staging.{base} order by source_line"
        lines = query(again, sql)
        assert lines == query(bundled_build, sql), base
        assert all(line is not None for line, _ in lines), base
