"""Embeddings are incremental: unchanged texts are never embedded twice, a changed text re-embeds
that row only, a removed influencer disappears, and switching backend re-embeds. (That two fresh
builds give bit-identical embeddings is checked with every other table in test_outputs.py.)

The dbt runs happen in this process, so an encode observer (python_udfs.core.embeddings.add_encode_observer)
counts exactly how many texts each run sent to the model.
"""

from __future__ import annotations

import shutil

import pytest

from pytests.support.dbt_runs import dbt_input_dir, run_dbt, vars_arg
from pytests.support.inputs import copy_bundled_inputs, edit_csv
from pytests.support.warehouse import query
from python_udfs.core.embeddings import EncodeEvent, add_encode_observer, remove_encode_observer

pytestmark = [pytest.mark.dbt, pytest.mark.slow]

EMBEDDING_MODELS = "int_influencers_embedded int_brands_embedded int_niche_phrases_embedded"


def embed(folder, database, backend="sentence_transformers", model=None, models=EMBEDDING_MODELS, checks=False) -> int:
    """Run the embedding models (and their data tests, with ``checks``); return how many texts were sent to the model."""
    encoded: list[EncodeEvent] = []
    variables = {"input_dir": dbt_input_dir(folder), "embedding_backend": backend}
    if model is not None:
        variables["embedding_model"] = model
    add_encode_observer(encoded.append)
    try:
        run_dbt(
            ["build", "--resource-type", "seed", "--resource-type", "model"]
            + (["--resource-type", "test", "--indirect-selection", "cautious"] if checks else [])
            + ["--select", *[f"+{m}" for m in models.split()]]
            + vars_arg(variables),
            database,
        )
    finally:
        remove_encode_observer(encoded.append)
    assert {event.backend for event in encoded} <= {backend}
    return sum(event.texts for event in encoded)


@pytest.fixture(scope="module")
def template_build(tmp_path_factory):
    """One first build of the bundled inputs, shared: each test gets its own copy to change."""
    root = tmp_path_factory.mktemp("embeddings_template")
    folder = copy_bundled_inputs(root / "inputs")
    database = root / "embeddings.duckdb"
    embedded = embed(folder, database)
    return folder, database, embedded


@pytest.fixture
def first_build(template_build, tmp_path):
    """A private copy of the shared first build (inputs folder and database file)."""
    template_folder, template_database, embedded = template_build
    folder = shutil.copytree(template_folder, tmp_path / "inputs")
    database = tmp_path / "embeddings.duckdb"
    shutil.copy(template_database, database)
    return folder, database, embedded


def counts(database) -> dict[str, int]:
    return {
        table: query(database, f"select count(*) from {table}")[0][0]
        for table in [
            "intermediate.int_influencers_embedded",
            "intermediate.int_brands_embedded",
            "intermediate.int_niche_phrases_embedded",
        ]
    }


def test_first_run_embeds_everything_and_second_run_nothing(first_build):
    folder, database, embedded = first_build
    sizes = counts(database)
    assert embedded == sum(sizes.values()) == 30 + 10 + sizes["intermediate.int_niche_phrases_embedded"]
    assert embed(folder, database) == 0
    assert counts(database) == sizes
    # dbt-duckdb stages incremental Python rows in real tables; the post-hook must drop them.
    assert query(database, "select table_name from duckdb_tables() where table_name like '%dbt_tmp%'") == []


def test_changed_bio_re_embeds_only_that_row(first_build):
    folder, database, _ = first_build
    before = dict(query(database, "select influencer_id, text_hash from intermediate.int_influencers_embedded"))

    def change_bio(rows):
        rows[2]["bio"] = "Now posting mostly about sourdough baking and bread scoring techniques."
        return rows

    edit_csv(folder / "influencers_data.csv", change_bio)
    assert embed(folder, database) == 1
    after = dict(query(database, "select influencer_id, text_hash from intermediate.int_influencers_embedded"))
    changed = {key for key in after if after[key] != before[key]}
    assert changed == {"INF003"}


def test_removed_influencer_disappears(first_build):
    folder, database, _ = first_build
    edit_csv(folder / "influencers_data.csv", lambda rows: [r for r in rows if r["influencer_id"] != "INF007"])
    assert embed(folder, database) == 0
    ids = {i for (i,) in query(database, "select influencer_id from intermediate.int_influencers_embedded")}
    assert len(ids) == 29 and "INF007" not in ids


def test_switching_backend_re_embeds_and_records_it(first_build):
    folder, database, embedded = first_build
    assert embed(folder, database, backend="onnx_int8") == embedded
    backends = query(database, "select distinct embedding_backend from intermediate.int_influencers_embedded")
    assert backends == [("onnx_int8",)]
    assert embed(folder, database, backend="onnx_int8") == 0


def test_switching_model_re_embeds_at_the_new_width_and_back(first_build, template_build):
    """all-mpnet-base-v2 (make install-mpnet) on a table of MiniLM vectors: every text re-embedded
    into FLOAT[768], the width test passing at 768; back to MiniLM, the first build's exact bytes."""
    folder, database, _ = first_build
    table = "intermediate.int_brands_embedded"
    vectors = f"select brand_id, model_name, embedding from {table} order by brand_id"
    assert embed(folder, database, model="all-mpnet-base-v2", models="int_brands_embedded", checks=True) == 10
    assert query(database, f"select distinct model_name, len(embedding) from {table}") == [
        ("all-mpnet-base-v2/chunked-382", 768)
    ]
    assert query(
        database,
        "select data_type from duckdb_columns() where table_name = 'int_brands_embedded' and column_name = 'embedding'",
    ) == [("FLOAT[768]",)]
    assert embed(folder, database, model="all-mpnet-base-v2", models="int_brands_embedded") == 0
    assert embed(folder, database, models="int_brands_embedded") == 10
    assert query(database, vectors) == query(template_build[1], vectors)
