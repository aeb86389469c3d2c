"""One bad record never sinks a file: a broken copy of every input goes through one real dbt build.

The folder (its path holds an apostrophe and double quotes) has, next to the bundled rows, one
record per kind of problem: bad values (missing or duplicated ids, non-positive or 64-bit
follower counts, NaN / inf / 1e30 likes, malformed histories), broken records (an unquoted comma,
a short row, an unterminated quote, a Latin-1 byte, a 10 MB field, an extra field in the TikTok
export) and id quirks (a stray tab, other letter case). The build must exit 0, every valid record
must reach the marts, every bad one must be in its *_rejected model with the line an editor shows
and a reason, and records in = staged + duplicates + rejected for every file. The expected lines
are counted here from the text written, not read back from the build.
"""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest

from pytests.support.dbt_runs import DBT_WORK_DIR, run_dbt, vars_arg
from pytests.support.paths import PROJECT_DIR, SEEDS_DIR
from pytests.support.warehouse import query
from python_udfs.generators.tiktok_profiles import COLUMNS as TIKTOK_COLUMNS

pytestmark = pytest.mark.dbt

HISTORY_OK = '"[' + ", ".join(str(1000 + day) for day in range(30)) + ']"'
TEN_MB = 10 * 1024 * 1024


@dataclass
class CsvFile:
    """A CSV written record by record (raw bytes, so broken records stay broken), remembering the
    line each record starts on as an editor counts it (header = line 1)."""

    content: bytearray = field(default_factory=bytearray)
    starts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_seed(cls, name: str) -> CsvFile:
        return cls(bytearray((SEEDS_DIR / f"{name}.csv").read_bytes()))

    def add(self, record: str | bytes, key: str | None = None) -> int:
        raw = record.encode("utf-8") if isinstance(record, str) else record
        line = self.content.count(b"\n") + 1
        self.content += raw + b"\n"
        if key is not None:
            self.starts[key] = line
        return line

    def write(self, path: Path) -> None:
        path.write_bytes(bytes(self.content))


def seed_ids(name: str, column: str) -> list[str]:
    with (SEEDS_DIR / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
        return [row[column] for row in csv.DictReader(handle)]


# Growth records with a bad value: key, record (after the id), the reason expected.
BAD_GROWTH = [
    ("BAD01", '1029,10,1,"[' + ", ".join(["1000"] * 29) + ']"', "follower_history has 29 values, expected 30"),
    ("BAD02", "1029,10,1," + HISTORY_OK.replace("1005", "-5"), "follower_history has negative counts"),
    ("BAD03", "1029,10,1,not a list", "follower_history is not a list of integers"),
    ("BAD04", "1029,10,1," + HISTORY_OK.replace("1005", "1005.5"), "follower_history is not a list of integers"),
    ("BAD05", "1029,10,1,", "follower_history is missing"),
    ("BAD06", "0,10,1," + HISTORY_OK, "followers must be a positive integer, got '0'"),
    ("BAD07", "-40,10,1," + HISTORY_OK, "followers must be a positive integer, got '-40'"),
    ("BAD08", "12k,10,1," + HISTORY_OK, "followers must be a positive integer, got '12k'"),
    ("BAD09", "1029,-3,1," + HISTORY_OK, "avg_likes must be a non-negative number, got '-3'"),
    ("BAD10", "1029,10,," + HISTORY_OK, "avg_comments must be a non-negative number, got nothing"),
    (
        "BIG64",
        "18446744073709551616,10,1," + HISTORY_OK,
        "followers must be a positive integer, got '18446744073709551616' (beyond 9223372036854775807",
    ),
    ("NAN01", "1029,NaN,1," + HISTORY_OK, "avg_likes must be a non-negative number, got 'NaN' (not a finite number)"),
    (
        "INF01",
        "1029,10,inf," + HISTORY_OK,
        "avg_comments must be a non-negative number, got 'inf' (not a finite number)",
    ),
    (
        "E30",
        "1029,1e30,1," + HISTORY_OK,
        "avg_likes must be a non-negative number, got '1e30' (above 9223372036854775807",
    ),
    (
        "HUGE1",
        '1029,10,1,"[' + ", ".join(["1000"] * 29) + ', 99999999999999999999]"',
        "follower_history has a count beyond 9223372036854775807",
    ),
]

# Influencer records DuckDB cannot split into the header's four fields: key, record, reason.
BROKEN_INFLUENCERS = [
    ("ragged", "INF101,Name, with a comma,bio,a | b", "the record has 5 fields where the header has 4"),
    ("short", "INF102,Only a name", "the record has 2 field(s) where the header has 4"),
    ("latin1", b"INF106,Caf\xe9 Owner,bio,a | b", "it is not valid UTF-8 text"),
    ("ten_mb", b"INF107,Big," + b"x" * TEN_MB + b",a | b", "bytes long, more than max_record_bytes (2000000)"),
]

# TikTok records appended to the bundled sample: key, how to change a copy of a sample record, reason.


def tiktok_record(values: dict[str, str]) -> str:
    return ",".join('"' + values[name].replace('"', '""') + '"' for name in TIKTOK_COLUMNS)


def tiktok_values(account_id: str) -> dict[str, str]:
    return {
        **dict.fromkeys(TIKTOK_COLUMNS, "null"),
        "timestamp": "2024-03-10T08:00:00.000Z",
        "account_id": account_id,
        "nickname": account_id,
        "biography": "Bio line one\nline two",
        "awg_engagement_rate": "0.05",
        "comment_engagement_rate": "0.001",
        "like_engagement_rate": "0.04",
        "is_verified": "false",
        "followers": "1200",
        "following": "80",
        "likes": "5000",
        "videos_count": "40",
        "create_time": "",
        "id": "7000000000000000001",
        "top_videos": "",
        "url": f"https://www.tiktok.com/@{account_id}",
    }


def sample_tiktok_records() -> list[dict[str, str]]:
    with (PROJECT_DIR / "data" / "tiktok_profiles_sample.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def valid_tiktok_accounts(records: list[dict[str, str]]) -> set[str]:
    """The documented TikTok rules, checked here independently of the SQL."""

    def integer(text: str, optional: bool = False) -> bool:
        if text == "null" and optional:
            return True
        return text.lstrip("+").isdigit() and int(text) < 2**63

    def rate(text: str) -> bool:
        if text == "null":
            return True
        try:
            value = float(text)
        except ValueError:
            return False
        return value == value and value not in (float("inf"), float("-inf")) and value >= 0

    return {
        r["account_id"].strip()
        for r in records
        if r["account_id"].strip() not in ("", "null")
        and all(integer(r[c]) for c in ("followers", "likes", "videos_count"))
        and integer(r["following"], optional=True)
        and all(rate(r[c]) for c in ("awg_engagement_rate", "comment_engagement_rate", "like_engagement_rate"))
        and r["is_verified"] in ("true", "false")
    }


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs") / 'owner\'s "broken" inputs'
    folder.mkdir()

    influencers = CsvFile.from_seed("influencers_data")
    # Valid, over three lines, one line break past the first 10,000 characters (as far as DuckDB
    # keeps a record's text): the lines after it must still be counted right.
    influencers.add('INF110,"A name\nover two lines","' + "y" * 11_000 + '\nend of bio",a | b', "multiline_valid")
    influencers.add(",No Id,bio,a | b | c", "no_id")
    influencers.add("INF002,Second INF002,bio,a | b | c", "dup_INF002")
    influencers.add("INF099,,bio without a name,a | b | c", "no_name")
    for key, record, _ in BROKEN_INFLUENCERS[:2]:
        influencers.add(record, key)
    # An unterminated quote: DuckDB reads on to the next quote, so the next line is part of it.
    influencers.add('INF103,"Unclosed name,bio,a | b', "unclosed_quote")
    influencers.add('INF104,Swallowed,"bio",a | b', "swallowed")
    influencers.add("INF105,After the quote,bio,a | b", "after_quote")
    for key, record, _ in BROKEN_INFLUENCERS[2:]:
        influencers.add(record, key)
    influencers.add("INF008\t,Copy with a tab,bio,a | b", "tab_copy_INF008")
    influencers.add("INF108,Tab in growth,bio,a | b", "tab_in_growth")
    influencers.add("INF109,Case in growth,bio,a | b", "case_in_growth")
    influencers.write(folder / "influencers_data.csv")

    growth = CsvFile.from_seed("growth_data")
    for key, record, _ in BAD_GROWTH:
        growth.add(f"{key},{record}", key)
    growth.add("," + "1029,10,1," + HISTORY_OK, "growth_no_id")
    growth.add("INF001,1029,10,1," + HISTORY_OK, "dup_INF001")
    for key in ("INF105", "INF110"):
        growth.add(f"{key},1029,10,1," + HISTORY_OK, key)
    growth.add(" INF108\t,1029,10,1," + HISTORY_OK, "INF108")
    growth.add("inf109,1029,10,1," + HISTORY_OK, "inf109")
    growth.write(folder / "growth_data.csv")

    brands = CsvFile.from_seed("brands_data")
    brands.add("BR001,Copy of BR001,dup,x", "dup_BR001")
    brands.add("BR099,,,", "empty_brand")
    brands.add("BR098,Ragged,too,many,fields", "ragged_brand")
    brands.write(folder / "brands_data.csv")

    tiktok = CsvFile(bytearray((PROJECT_DIR / "data" / "tiktok_profiles_sample.csv").read_bytes()))
    sample = sample_tiktok_records()
    first = sample[0]
    tiktok.add(tiktok_record(tiktok_values("extra.field")) + ',"one field too many"', "extra_field")
    tiktok.add(tiktok_record({**tiktok_values("big.followers"), "followers": "99999999999999999999"}), "big_followers")
    tiktok.add(tiktok_record({**tiktok_values("nan.rate"), "like_engagement_rate": "NaN"}), "nan_rate")
    tiktok.add(tiktok_record({**tiktok_values("negative.rate"), "awg_engagement_rate": "-0.5"}), "negative_rate")
    tiktok.add(tiktok_record(tiktok_values("fresh.account")), "fresh_account")
    # The first sample account again, scraped earlier, its id with a stray tab: an older duplicate.
    older = {**first, "account_id": first["account_id"] + "\t", "timestamp": "2020-01-01T00:00:00.000Z"}
    tiktok.add(tiktok_record(older), "older_copy")
    # Last: a bio whose quote is never closed runs to the end of the file.
    tiktok.add(
        '"2024-03-10T08:00:00.000Z","unclosed.bio","Unclosed","A bio that is never closed, to the end', "unclosed_bio"
    )
    tiktok_path = folder / "tiktok export.csv"
    tiktok.write(tiktok_path)

    database = tmp_path_factory.mktemp("broken_db") / "broken.duckdb"
    result = run_dbt(
        ["build", *vars_arg({"input_dir": str(folder), "tiktok_profiles_path": str(tiktok_path)})], database
    )
    return {
        "database": database,
        "folder": folder,
        "result": result,
        "influencers": influencers,
        "growth": growth,
        "brands": brands,
        "tiktok": tiktok,
        "tiktok_sample": sample,
        "tiktok_path": tiktok_path,
    }


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
