"""One bad record never sinks a file: a broken copy of every input goes through one real dbt build.

The folder (its path holds an apostrophe and double quotes) has, next to the bundled rows, one
record per kind of problem: bad values (missing or duplicated ids, non-positive or 64-bit
follower counts, NaN / inf / 1e30 likes, malformed histories), broken records (an unquoted comma,
a short row, an unterminated quote, a Latin-1 byte, a 10 MB field, an extra field in the TikTok
export) and id quirks (a stray tab, other letter case). The build must exit 0, every valid record
must reach the marts, every bad one must be in its *_rejected model with the line an editor shows
and a reason, and records in = staged + duplicates + rejected for every file. The expected lines
are counted from the text written (pytests/support/broken_inputs.py), not read back from the build.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from pytests.support.broken_inputs import (
    BAD_GROWTH,
    BROKEN_INFLUENCERS,
    HISTORY_OK,
    VALID_EXAMPLES,
    CsvFile,
    seed_ids,
    tiktok_values,
    valid_tiktok_accounts,
    write_broken_inputs,
)
from pytests.support.dbt_runs import DBT_WORK_DIR, run_dbt, vars_arg
from pytests.support.warehouse import query

pytestmark = [pytest.mark.dbt, pytest.mark.slow]


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs") / 'owner\'s "broken" inputs'
    folder.mkdir()
    inputs = write_broken_inputs(folder)
    tiktok_path = inputs["tiktok_path"]

    database = tmp_path_factory.mktemp("broken_db") / "broken.duckdb"
    result = run_dbt(
        [
            "build",
            *vars_arg(
                {
                    "input_dir": str(folder),
                    "tiktok_profiles_path": str(tiktok_path),
                    "niche_examples_path": str(inputs["examples_path"]),
                }
            ),
        ],
        database,
    )
    return {"database": database, "folder": folder, "result": result, **inputs}


def rejected(database: Path, model: str, id_column: str) -> dict[int, tuple[str | None, str]]:
    rows = query(database, f"select source_line, {id_column}, reject_reason from staging.{model}")
    return {line: (record_id, reason) for line, record_id, reason in rows}


def test_the_build_succeeds_and_rejects_only_warn(broken_build):
    results = broken_build["result"].result.results
    statuses = {r.node.name: str(r.status) for r in results if r.node.name.startswith("no_rejected_rows")}
    assert statuses and set(statuses.values()) == {"warn"}, statuses
    assert not [r.node.name for r in results if str(r.status) in ("error", "fail")]


def test_every_bad_growth_value_is_rejected_at_its_line(broken_build):
    growth = broken_build["growth"]
    by_line = rejected(broken_build["database"], "stg_creators__follower_histories_rejected", "influencer_id")
    for key, _, reason in BAD_GROWTH:
        line = growth.starts[key]
        assert line in by_line, f"{key} (line {line}) was not rejected"
        assert by_line[line][0] == key
        assert reason in by_line[line][1], by_line[line][1]
    assert by_line[growth.starts["growth_no_id"]] == (None, "influencer_id is missing")
    # Both copies of a duplicated id are rejected: we cannot know which one is right.
    duplicate = f"influencer_id INF001 appears on 2 records (lines 2, {growth.starts['dup_INF001']})"
    assert by_line[2] == ("INF001", duplicate)
    assert by_line[growth.starts["dup_INF001"]] == ("INF001", duplicate)
    assert len(by_line) == len(BAD_GROWTH) + 3


def test_every_broken_influencer_record_is_rejected_at_its_line(broken_build):
    influencers = broken_build["influencers"]
    by_line = rejected(broken_build["database"], "stg_creators__profiles_rejected", "influencer_id")
    for key, _, reason in BROKEN_INFLUENCERS:
        line = influencers.starts[key]
        assert line in by_line, f"{key} (line {line}) was not rejected"
        assert by_line[line][0] is None  # the record has no fields to take an id from
        assert reason in by_line[line][1], by_line[line][1]
    quote_line = influencers.starts["unclosed_quote"]
    assert quote_line + 1 == influencers.starts["swallowed"]
    assert by_line[quote_line][1] == (
        'a double quote in it is never closed properly (a quote inside a quoted value must be doubled: "")'
        f" (lines {quote_line}-{quote_line + 1} were read as this one record)"
    )
    assert by_line[influencers.starts["no_id"]] == (None, "influencer_id is missing")
    assert by_line[influencers.starts["no_name"]] == ("INF099", "name is missing")
    assert by_line[3][1] == f"influencer_id INF002 appears on 2 records (lines 3, {influencers.starts['dup_INF002']})"
    tab_line = influencers.starts["tab_copy_INF008"]
    collision = (
        f"influencer_id INF008 appears on 2 records (lines 9, {tab_line}), written "
        '"INF008" and "INF008\\t": the same id once the spaces and tabs around it are trimmed'
    )
    assert by_line[9] == ("INF008", collision)
    assert by_line[tab_line] == ("INF008", collision)
    assert len(by_line) == len(BROKEN_INFLUENCERS) + 1 + 3 + 1 + 2


def test_rejected_records_keep_their_raw_text(broken_build):
    database, influencers = broken_build["database"], broken_build["influencers"]
    text = dict(query(database, "select source_line, raw_text from staging.stg_creators__profiles_rejected"))
    assert text[influencers.starts["ragged"]] == "INF101,Name, with a comma,bio,a | b"
    assert text[influencers.starts["unclosed_quote"]] == 'INF103,"Unclosed name,bio,a | b\nINF104,Swallowed,"bio",a | b'
    assert text[influencers.starts["ten_mb"]].startswith("INF107,Big,xxx")
    # DuckDB keeps the first 10,000 characters of a record's text.
    assert text[influencers.starts["ten_mb"]] == "INF107,Big," + "x" * (10_000 - len("INF107,Big,"))
    growth_text = dict(
        query(database, "select influencer_id, raw_text from staging.stg_creators__follower_histories_rejected")
    )
    assert growth_text["BAD08"] == "BAD08,12k,10,1," + HISTORY_OK
    ((source_file,),) = query(
        database, "select distinct source_file from staging.stg_creators__follower_histories_rejected"
    )
    assert source_file == str(broken_build["folder"] / "growth_data.csv")


def test_brand_rejections(broken_build):
    brands = broken_build["brands"]
    by_line = rejected(broken_build["database"], "stg_brands__briefs_rejected", "brand_id")
    duplicate = f"brand_id BR001 appears on 2 records (lines 2, {brands.starts['dup_BR001']})"
    assert by_line == {
        2: ("BR001", duplicate),
        brands.starts["dup_BR001"]: ("BR001", duplicate),
        brands.starts["empty_brand"]: (
            "BR099",
            "brand_name is missing; description and target_keywords are both empty: nothing to match on",
        ),
        brands.starts["ragged_brand"]: (
            None,
            "the record has 5 fields where the header has 4: a value holding a comma that is not in double quotes?",
        ),
    }


def test_tiktok_bad_records_are_rejected_at_their_line(broken_build):
    tiktok = broken_build["tiktok"]
    by_line = rejected(broken_build["database"], "stg_tiktok__profiles_rejected", "account_id")
    expected = {
        "extra_field": (None, "the record has 19 fields where the header has 18"),
        "big_followers": ("big.followers", "followers must be a non-negative integer, got '99999999999999999999'"),
        "nan_rate": ("nan.rate", "like_engagement_rate must be a non-negative number or null, got 'NaN'"),
        "negative_rate": ("negative.rate", "awg_engagement_rate must be a non-negative number or null, got '-0.5'"),
        "unclosed_bio": (None, "a double quote in it is never closed properly"),
    }
    for key, (account_id, reason) in expected.items():
        line = tiktok.starts[key]
        assert line in by_line, f"{key} (line {line}) was not rejected: {sorted(by_line)}"
        assert by_line[line][0] == account_id
        assert reason in by_line[line][1], by_line[line][1]


def test_an_older_scrape_with_a_stray_tab_is_a_duplicate(broken_build):
    tiktok, first = broken_build["tiktok"], broken_build["tiktok_sample"][0]
    rows = query(
        broken_build["database"],
        "select source_line, account_id from staging.stg_tiktok__profiles_duplicates where source_line = "
        + str(tiktok.starts["older_copy"]),
    )
    assert rows == [(tiktok.starts["older_copy"], first["account_id"])]


def test_records_in_equal_staged_plus_duplicates_plus_rejected(broken_build):
    database = broken_build["database"]

    def count(model: str) -> int:
        return query(database, f"select count(*) from staging.{model}")[0][0]

    def records_written(csv_file: CsvFile) -> int:
        # Non-empty lines after the header (a record over several lines counts once per line).
        return sum(1 for line in csv_file.content.split(b"\n")[1:] if line)

    influencers = broken_build["influencers"]
    # The multi-line valid record spans three lines; the unclosed quote swallows one record.
    influencer_records = records_written(influencers) - 2 - 1
    assert count("stg_creators__profiles") + count("stg_creators__profiles_rejected") == influencer_records
    assert count("base_creators__profiles") == influencer_records
    growth_records = records_written(broken_build["growth"])
    assert (
        count("stg_creators__follower_histories") + count("stg_creators__follower_histories_rejected") == growth_records
    )
    brand_records = records_written(broken_build["brands"])
    assert count("stg_brands__briefs") + count("stg_brands__briefs_rejected") == brand_records
    tiktok_records = len(broken_build["tiktok_sample"]) + len(broken_build["tiktok"].starts)
    assert (
        count("stg_tiktok__profiles")
        + count("stg_tiktok__profiles_duplicates")
        + count("stg_tiktok__profiles_rejected")
        == tiktok_records
    )


def test_every_valid_record_reaches_the_marts(broken_build):
    database = broken_build["database"]
    bundled = seed_ids("growth_data", "influencer_id")
    scored = {i for (i,) in query(database, "select influencer_id from main.fake_follower_scores")}
    # INF001 is duplicated in the growth file; the stray tab around INF108 is trimmed.
    assert scored == (set(bundled) - {"INF001"}) | {"INF105", "INF108", "inf109", "INF110"}
    classified = {i for (i,) in query(database, "select influencer_id from main.niche_classification")}
    profiles = set(seed_ids("influencers_data", "influencer_id"))
    assert classified == (profiles - {"INF002", "INF008"}) | {"INF105", "INF108", "INF109", "INF110"}
    ((name,),) = query(database, "select name from main.niche_classification where influencer_id = 'INF110'")
    assert name == "A name\nover two lines"
    segmented = {a for (a,) in query(database, "select account_id from main.tiktok_segments")}
    appended = [tiktok_values("fresh.account")]
    assert segmented == valid_tiktok_accounts(broken_build["tiktok_sample"] + appended)


def test_ids_that_do_not_join_are_listed_by_id_with_a_hint(broken_build):
    rows = query(
        broken_build["database"],
        "select influencer_id, found_in, source_line, hint from staging.stg_creators__ids_unmatched",
    )
    by_id = {(i, found_in): (line, hint) for i, found_in, line, hint in rows}
    growth, influencers = broken_build["growth"], broken_build["influencers"]
    line, hint = by_id[("inf109", "growth")]
    assert line == growth.starts["inf109"]
    assert (
        hint
        == f"line {influencers.starts['case_in_growth']} there has INF109, which differs only in letter case (ids are compared exactly)"
    )
    assert by_id[("INF109", "profile")][1].startswith(f"line {growth.starts['inf109']} there has inf109")
    # A valid growth record whose profile was rejected, and the reverse.
    assert by_id[("INF002", "growth")][1].startswith(
        "its record there (line 3) is rejected: influencer_id INF002 appears"
    )
    assert by_id[("INF001", "profile")][1].startswith("its record there (line 2) is rejected")
    assert ("INF108", "growth") not in by_id  # the tab was trimmed: it joins
    assert {key for key in by_id} == {
        ("inf109", "growth"),
        ("INF109", "profile"),
        ("INF002", "growth"),
        ("INF008", "growth"),
        ("INF001", "profile"),
    }


def test_the_build_log_names_every_rejected_record_and_unmatched_id(broken_build):
    # The on-run-end hook logs through dbt's logger: the lines are in the run's log file (or in the
    # file dbt rotated it to at 10 MB when other builds ran first in this process: dbt.log.1, ...).
    text = "".join(
        path.read_text(encoding="utf-8", errors="replace") for path in sorted((DBT_WORK_DIR / "logs").glob("dbt.log*"))
    )
    folder = broken_build["folder"]
    growth, influencers = broken_build["growth"], broken_build["influencers"]
    assert f"Rejected input: {folder}/growth_data.csv line {growth.starts['NAN01']}: avg_likes must be" in text
    assert (
        f"Rejected input: {folder}/influencers_data.csv line {influencers.starts['latin1']}: it is not valid UTF-8"
        in text
    )
    assert (
        f"Unmatched influencer_id: {folder}/growth_data.csv line {growth.starts['inf109']}: growth record of inf109"
        in text
    )


def test_the_warehouse_answers_with_the_inputs_moved_away(broken_build, tmp_path, monkeypatch):
    """Staging, rejects and duplicates are tables: move the input folder, query from elsewhere."""
    database, folder = broken_build["database"], broken_build["folder"]
    moved = folder.parent / "moved away"
    shutil.move(folder, moved)
    try:
        monkeypatch.chdir(tmp_path)
        with duckdb.connect(str(database), read_only=True) as con:
            relations = con.sql(
                "select table_schema, table_name, table_type from information_schema.tables"
                " where table_schema in ('staging', 'raw') order by all"
            ).fetchall()
            assert {t for _, _, t in relations} == {"BASE TABLE"}, relations
            names = {name for _, name, _ in relations}
            for model in (
                "stg_creators__profiles_rejected",
                "stg_creators__follower_histories_rejected",
                "stg_brands__briefs_rejected",
                "stg_tiktok__profiles_rejected",
                "stg_tiktok__profiles_duplicates",
                "stg_creators__ids_unmatched",
            ):
                assert model in names
            for schema, name, _ in relations:
                # Every value of every row, so nothing is left to read from a file.
                con.sql(
                    f'select count(*), max(length(cast(columns(*) as varchar))) from "{schema}"."{name}"'
                ).fetchall()
            assert con.sql("select count(*) from staging.stg_creators__profiles_rejected").fetchall()[0][0] > 0
    finally:
        shutil.move(moved, folder)


def test_growth_without_a_profile_is_scored_and_gets_no_niche(broken_build):
    # The one rule (fake_follower_scores.yml): a score reads only the growth record, so an orphan is
    # scored; a niche and a match need the profile's text. test_empty_inputs checks the same rule
    # when every growth record is an orphan.
    database = broken_build["database"]
    orphans = {
        row[0]
        for row in query(
            database, "select influencer_id from staging.stg_creators__ids_unmatched where found_in = 'growth'"
        )
    }
    assert "inf109" in orphans
    scored = {row[0] for row in query(database, "select influencer_id from main.fake_follower_scores")}
    labelled = {row[0] for row in query(database, "select influencer_id from main.niche_classification")}
    assert orphans <= scored and not orphans & labelled


def test_every_bad_niche_example_is_rejected_and_the_good_ones_label(broken_build):
    database, examples = broken_build["database"], broken_build["examples"]
    by_line = rejected(database, "stg_examples__niche_labels_rejected", "influencer_id")
    line = examples.starts
    influencers_file = f"{broken_build['folder']}/influencers_data.csv"
    duplicate = f"influencer_id INF004 appears on 2 records (lines {line['example_dup_1']}, {line['example_dup_2']})"
    assert {key: by_line.get(line[key]) for key in line if key not in VALID_EXAMPLES} == {
        "example_no_id": (None, "influencer_id is missing"),
        "example_no_label": ("INF003", "niche_label is missing"),
        "example_dup_1": ("INF004", duplicate),
        "example_dup_2": ("INF004", duplicate),
        "example_not_a_creator": ("INF777", f"influencer_id INF777 is not a valid creator of {influencers_file}"),
        "example_rejected_creator": (
            "INF099",
            f"influencer_id INF099 is not a valid creator of {influencers_file}"
            f" (its record on line {broken_build['influencers'].starts['no_name']} there is rejected)",
        ),
        "example_ragged": (
            None,
            "the record has 3 fields where the header has 2: a value holding a comma that is not in double quotes?",
        ),
    }
    assert len(by_line) == len(line) - len(VALID_EXAMPLES)
    # The valid ones flow, trimmed and lower-cased, and label their creators (confidence 1).
    given = {key: label.strip().lower() for key, label in VALID_EXAMPLES.items()}
    assert dict(query(database, "select influencer_id, niche_label from staging.stg_examples__niche_labels")) == given
    rows = query(
        database,
        "select influencer_id, niche_label, predicted_label, label_source, label_confidence, best_label"
        " from main.niche_classification",
    )
    for influencer_id, niche_label, predicted, source, confidence, best in rows:
        if influencer_id in given:
            assert (niche_label, source, confidence) == (given[influencer_id], "examples", 1.0)
        elif source == "examples":
            assert predicted in {"fashion", "tech"}  # the examples' labels only
        else:  # a niche the examples do not cover, from the taxonomy
            assert source == "taxonomy" and predicted == best and predicted not in {"fashion", "tech"}
