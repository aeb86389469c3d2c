"""A file that cannot be read as a whole stops the build before any model, with one message naming
the file and the problem (macros/inputs/input_checks.sql, an on-run-start hook).

Every case rewrites the same folder and runs the staging models on it: the vars stay the same, so
dbt parses the project once for the whole module.
"""

from __future__ import annotations

import shutil

import duckdb
import pytest

from pytests.support.dbt_runs import run_dbt, vars_arg
from pytests.support.inputs import copy_bundled_inputs
from pytests.support.paths import PROJECT_DIR

pytestmark = pytest.mark.dbt

FOLDER_NOTE = "influencers_data.csv, growth_data.csv and brands_data.csv"


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("checks") / "my inputs"


def fresh_inputs(folder):
    shutil.rmtree(folder, ignore_errors=True)
    return copy_bundled_inputs(folder)


def stopped_with(folder, tmp_path, **extra_vars) -> str:
    """Run the staging models on the folder; the build must stop before any model: return why."""
    database = tmp_path / "checks.duckdb"
    result = run_dbt(
        ["run", "--select", "staging", *vars_arg({"input_dir": str(folder), **extra_vars})],
        database,
        expect_success=False,
    )
    assert not result.success
    assert result.result is None, "the run went past on-run-start"
    if database.exists():
        with duckdb.connect(str(database), read_only=True) as con:
            built = con.sql(
                "select table_name from information_schema.tables where table_schema = 'staging'"
            ).fetchall()
        assert built == [], f"models ran before the check stopped the build: {built}"
    return str(result.exception)


def test_missing_folder(case_dir, tmp_path):
    shutil.rmtree(case_dir, ignore_errors=True)
    message = stopped_with(case_dir, tmp_path)
    assert f"Input folder {case_dir} (var input_dir) does not exist or is empty: it must hold {FOLDER_NOTE}." in message


def test_missing_file(case_dir, tmp_path):
    (fresh_inputs(case_dir) / "growth_data.csv").unlink()
    message = stopped_with(case_dir, tmp_path)
    assert f"Input file {case_dir}/growth_data.csv (var input_dir) not found." in message
    assert f"The folder {case_dir} must hold {FOLDER_NOTE}." in message


def test_zero_byte_file(case_dir, tmp_path):
    (fresh_inputs(case_dir) / "brands_data.csv").write_bytes(b"")
    message = stopped_with(case_dir, tmp_path)
    assert (
        f"Input file {case_dir}/brands_data.csv (var input_dir) is empty (0 bytes). It needs a header line"
        " (brand_id, brand_name, description, target_keywords) and one record per line." in message
    )


def test_file_without_a_header_line(case_dir, tmp_path):
    (fresh_inputs(case_dir) / "influencers_data.csv").write_text("\n  \n", encoding="utf-8")
    message = stopped_with(case_dir, tmp_path)
    assert (
        f"Input file {case_dir}/influencers_data.csv (var input_dir) has no header line: it needs one"
        " (influencer_id, name, bio, recent_captions) and one record per line." in message
    )


def test_a_header_without_records_is_an_empty_input_not_an_error(case_dir, tmp_path):
    (fresh_inputs(case_dir) / "brands_data.csv").write_text("brand_id,brand_name,description,target_keywords\n")
    database = tmp_path / "empty_brands.duckdb"
    # The models that read the folder only (the other staging models read seeds this run does not load).
    run_dbt(
        ["run", "--select", "base_brands__briefs", "+stg_creators__profiles", *vars_arg({"input_dir": str(case_dir)})],
        database,
    )
    with duckdb.connect(str(database), read_only=True) as con:
        assert con.sql("select count(*) from staging.base_brands__briefs").fetchall() == [(0,)]
        assert con.sql("select count(*) from staging.stg_creators__profiles").fetchall() == [(30,)]


def test_missing_column_is_named_with_the_expected_ones(case_dir, tmp_path):
    path = fresh_inputs(case_dir) / "growth_data.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("influencer_id,followers,", "influencer_id,follower_count,", 1), encoding="utf-8")
    message = stopped_with(case_dir, tmp_path)
    assert (
        f"Input file {case_dir}/growth_data.csv (var input_dir) has no column followers. Expected columns:"
        " influencer_id, followers, avg_likes, avg_comments, follower_history; its header has: influencer_id,"
        " follower_count, avg_likes, avg_comments, follower_history." in message
    )


def test_semicolon_delimited_file(case_dir, tmp_path):
    path = fresh_inputs(case_dir) / "brands_data.csv"
    path.write_text('brand_id;brand_name;description;target_keywords\nBR001;Brand;"A brand";"a, b"\n', encoding="utf-8")
    message = stopped_with(case_dir, tmp_path)
    assert (
        f"Input file {case_dir}/brands_data.csv (var input_dir) is separated by ';' (semicolons), not commas:"
        " its header reads brand_id, brand_name, description, target_keywords when split on them." in message
    )


def test_duplicated_column(case_dir, tmp_path):
    path = fresh_inputs(case_dir) / "brands_data.csv"
    path.write_text("brand_id,brand_name,description,target_keywords,brand_name\nBR001,A,b,c,D\n", encoding="utf-8")
    message = stopped_with(case_dir, tmp_path)
    assert f"Input file {case_dir}/brands_data.csv (var input_dir) has the column brand_name 2 times" in message


def test_file_in_another_encoding(case_dir, tmp_path):
    records = [f"INF{n:03d},Café Nº{n},Crème brûlée à la maison,a | b" for n in range(1, 11)]
    text = "influencer_id,name,bio,recent_captions\n" + "\n".join(records) + "\n"
    (fresh_inputs(case_dir) / "influencers_data.csv").write_bytes(text.encode("cp1252"))
    message = stopped_with(case_dir, tmp_path)
    assert (
        f"Input file {case_dir}/influencers_data.csv (var input_dir) is not UTF-8 text: 10 of its 10 records hold"
        " bytes that are not valid UTF-8, more than max_non_utf8_records (3). Save it as UTF-8" in message
    )


def test_tiktok_export_missing_a_column(case_dir, tmp_path):
    export = tmp_path / "export.csv"
    sample = (PROJECT_DIR / "data" / "tiktok_profiles_sample.csv").read_text(encoding="utf-8")
    export.write_text(sample.replace('"followers",', '"follower_total",', 1), encoding="utf-8")
    message = stopped_with(fresh_inputs(case_dir), tmp_path, tiktok_profiles_path=str(export))
    assert (
        f"Input file {export} (var tiktok_profiles_path) has no column followers. Expected columns: timestamp,"
        in message
    )
