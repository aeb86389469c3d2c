"""A rebuild with nothing changed recomputes no memoised Python model and leaves every table as a
full rebuild makes it; a changed input or var recomputes the models that read it, and the result
equals a ``--full-refresh`` build of the same inputs, table for table (python_udfs/dbt_glue/memo.py).

The dbt runs happen in this process, so a memo observer (python_udfs.dbt_glue.memo.add_memo_observer) records
which models computed their rows and which kept them.
"""

from __future__ import annotations

import shutil

import duckdb
import pytest

from pytests.support.dbt_runs import dbt_input_dir, run_dbt, vars_arg
from pytests.support.inputs import copy_bundled_inputs, edit_csv
from python_udfs.dbt_glue import memo

pytestmark = [pytest.mark.dbt, pytest.mark.slow]

MEMOISED = {
    "int_brand_campaign_fit_ranked",
    "int_brand_matches_ranked",
    "int_brand_matches_explained",
    "int_captions_scored",
    "int_influencers_trends_measured",
    "int_influencers_clustered",
    "int_influencers_labelled",
    "int_influencers_suspicion_scored",
    "int_niches_described",
    "int_tiktok_accounts_segmented",
    "int_tiktok_segments_named",
    "int_tiktok_k_candidates_measured",
    "influencer_niche_map",
}
EMBEDDING_MODELS = [
    "int_influencers_embedded",
    "int_brands_embedded",
    "int_brand_keywords_embedded",
    "int_match_captions_embedded",
    "int_niche_phrases_embedded",
]
# Models and seeds only: the data tests do not change a table.
BUILD = ["build", "--resource-type", "model", "--resource-type", "seed"]


def build(database, variables: dict, *extra: str) -> dict[str, bool]:
    """Run the models; return, per memoised model dbt ran, whether it computed its rows."""
    ran: dict[str, bool] = {}

    def record(model_name: str, computed: bool) -> None:
        ran[model_name] = computed

    memo.add_memo_observer(record)
    try:
        run_dbt([*BUILD, *extra, *vars_arg(variables)], database)
    finally:
        memo.remove_memo_observer(record)
    return ran


def differences(left, right) -> list[str]:
    """Tables that differ between two warehouse files: missing, other columns or other rows."""
    con = duckdb.connect()
    con.execute(f"attach '{left}' as l (read_only)")
    con.execute(f"attach '{right}' as r (read_only)")

    def tables(db):
        sql = f"select schema_name, table_name from duckdb_tables() where database_name = '{db}'"
        return set(con.sql(sql).fetchall())

    def columns(db, schema, table):
        return con.sql(
            "select column_name, data_type from duckdb_columns() "
            f"where database_name = '{db}' and schema_name = '{schema}' and table_name = '{table}' "
            "order by column_index"
        ).fetchall()

    left_tables, right_tables = tables("l"), tables("r")
    found = [f"{s}.{t}: only in one file" for s, t in sorted(left_tables ^ right_tables)]
    for schema, table in sorted(left_tables & right_tables):
        if columns("l", schema, table) != columns("r", schema, table):
            found.append(f"{schema}.{table}: columns differ")
            continue
        a, b = f"l.{schema}.{table}", f"r.{schema}.{table}"
        ((extra,),) = con.sql(
            f"select (select count(*) from (from {a} except all from {b}))"
            f" + (select count(*) from (from {b} except all from {a}))"
        ).fetchall()
        if extra:
            found.append(f"{schema}.{table}: {extra} rows differ")
    assert left_tables, "no tables compared"
    con.close()
    return found


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    """A full build on copies of the bundled inputs (a folder the tests then edit)."""
    root = tmp_path_factory.mktemp("no_change")
    folder = copy_bundled_inputs(root / "inputs")
    database = root / "first.duckdb"
    run_dbt([*BUILD, *vars_arg({"input_dir": dbt_input_dir(folder)})], database)
    return folder, database


def copy_of(first_build, tmp_path, name):
    database = first_build[1]
    target = tmp_path / f"{name}.duckdb"
    shutil.copy(database, target)
    return target


def test_no_change_rebuild_computes_nothing_and_equals_the_full_build(first_build, tmp_path):
    folder, full = first_build
    again = copy_of(first_build, tmp_path, "again")
    ran = build(again, {"input_dir": dbt_input_dir(folder)})
    assert set(ran) == MEMOISED
    assert [name for name, computed in ran.items() if computed] == []
    assert differences(full, again) == []
    # dbt-duckdb stages incremental Python rows in real tables; the post-hook must drop them.
    with duckdb.connect(str(again), read_only=True) as con:
        assert con.sql("select table_name from duckdb_tables() where table_name like '%dbt_tmp%'").fetchall() == []


def full_refresh_of(incremental, tmp_path, variables: dict):
    """A copy of ``incremental`` rebuilt with --full-refresh, all but the embedding models.

    The embeddings are a cache by design (tested in test_embeddings_incremental): keeping them
    compares memoised against recomputed results on the very same vectors.
    """
    refreshed = tmp_path / "refreshed.duckdb"
    shutil.copy(incremental, refreshed)
    ran = build(refreshed, variables, "--full-refresh", "--exclude", *EMBEDDING_MODELS)
    assert set(ran) == MEMOISED and all(ran.values())
    return refreshed


def test_changed_inputs_recompute_their_readers_and_equal_a_full_refresh(first_build, tmp_path):
    folder, _ = first_build
    originals = {name: (folder / name).read_bytes() for name in ("growth_data.csv", "influencers_data.csv")}

    def bump_history(rows):  # one day of one influencer's follower history
        history = rows[4]["follower_history"].strip("[]").split(",")
        history[10] = str(int(history[10]) + 5000)
        rows[4]["follower_history"] = "[" + ", ".join(h.strip() for h in history) + "]"
        return rows

    def change_bio(rows):
        rows[2]["bio"] = "Now posting mostly about sourdough baking and bread scoring techniques."
        return rows

    # Edited in place: the same input_dir (a setting), so only the files' content changes.
    edit_csv(folder / "growth_data.csv", bump_history)
    edit_csv(folder / "influencers_data.csv", change_bio)
    try:
        variables = {"input_dir": dbt_input_dir(folder)}
        incremental = copy_of(first_build, tmp_path, "incremental")
        ran = build(incremental, variables)
        computed = {name for name, did in ran.items() if did}
        # Readers of the histories and of the embeddings recompute; TikTok (its export unchanged) does not.
        assert {
            "int_influencers_suspicion_scored",
            "int_influencers_trends_measured",
            "int_influencers_clustered",
        } <= computed
        assert not computed & {
            "int_tiktok_k_candidates_measured",
            "int_tiktok_accounts_segmented",
            "int_tiktok_segments_named",
        }
        assert differences(full_refresh_of(incremental, tmp_path, variables), incremental) == []
    finally:
        for name, content in originals.items():
            (folder / name).write_bytes(content)


def test_changed_var_recomputes_and_equals_a_full_refresh(first_build, tmp_path):
    folder, _ = first_build
    variables = {"input_dir": dbt_input_dir(folder), "n_niches": 5}
    incremental = copy_of(first_build, tmp_path, "incremental")
    ran = build(incremental, variables)
    assert {name for name, did in ran.items() if did} == MEMOISED  # every model reads the settings
    assert differences(full_refresh_of(incremental, tmp_path, variables), incremental) == []
