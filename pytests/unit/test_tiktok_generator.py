"""Tests for the TikTok export generator, the committed sample and the quirks fixture.

Both files are read two ways: Python's csv module and DuckDB ``read_csv`` with explicit
varchar columns, and the two readings must agree field by field (ids included, compared
as 19-digit strings).
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from pytests.support.tiktok_export import (
    FIXTURE,
    HEADER_LINE,
    ISO_MS,
    NUMERIC_COLUMNS,
    SAMPLE,
    VIDEO_URL,
    duckdb_rows,
    num,
    parse,
    read_text,
)
from python_udfs.generators import tiktok_profiles as gen
from python_udfs.generators.tiktok_profiles import COLUMNS

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sample_text() -> str:
    return gen.render_csv(gen.generate_records(rows=240, seed=7))


@pytest.fixture(scope="module")
def sample_rows(sample_text) -> list[dict[str, str]]:
    return parse(sample_text)


@pytest.fixture(scope="module")
def labelled() -> list[tuple[str, dict[str, str]]]:
    return [(label, dict(zip(COLUMNS, rec))) for label, rec in gen.generate_labelled_records(rows=240, seed=7)]


# --------------------------------------------------------------------------- determinism


def test_same_arguments_same_bytes(tmp_path):
    a = gen.write_csv(tmp_path / "a.csv", rows=240, seed=7)
    b = gen.write_csv(tmp_path / "b.csv", rows=240, seed=7)
    assert a.read_bytes() == b.read_bytes()


def test_cli_writes_the_same_bytes(tmp_path, sample_text):
    out = tmp_path / "nested" / "cli.csv"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "python_udfs.generators.tiktok_profiles",
            "--rows",
            "240",
            "--seed",
            "7",
            "--out",
            str(out),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "251 rows" in result.stdout
    assert out.read_bytes() == sample_text.encode("utf-8")


def test_other_seed_other_data():
    assert gen.render_csv(gen.generate_records(240, seed=8)) != gen.render_csv(gen.generate_records(240, seed=7))


def test_committed_sample_is_the_generator_output(sample_text):
    """data/tiktok_profiles_sample.csv == --rows 240 --seed 7 (regenerate it after changes)."""
    assert SAMPLE.read_bytes() == sample_text.encode("utf-8")


def test_row_counts(sample_rows):
    assert len(sample_rows) == 240 + gen.DUPLICATES + len(gen.BAD_ROW_KINDS) == 251


def test_rows_argument_scales_and_is_validated():
    assert len(gen.generate_records(rows=60, seed=1)) == 60 + 6 + 5
    with pytest.raises(ValueError):
        gen.generate_records(rows=5, seed=1)


# --------------------------------------------------------------------------- format


def test_exact_header_and_every_field_quoted(sample_text, sample_rows):
    assert sample_text.startswith(HEADER_LINE)
    assert "\r" not in sample_text
    # Re-rendering the parsed values with QUOTE_ALL reproduces the file byte for byte,
    # so every field (including empty ones) is double-quoted.
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows([[r[c] for c in COLUMNS] for r in sample_rows])
    assert buffer.getvalue() == sample_text


def test_every_physical_line_starts_a_quoted_field_or_continues_a_bio(sample_text):
    # Record starts look like "2024-...Z","... ; continuation lines belong to biographies.
    lines = sample_text.split("\n")[1:-1]
    starts = [ln for ln in lines if re.match(r'^"\d{4}-\d{2}-\d{2}T[^"]*Z","', ln)]
    assert len(starts) == 251
    assert len(lines) > 251  # embedded newlines


def test_field_formats(sample_rows):
    for r in sample_rows:
        assert ISO_MS.match(r["timestamp"]), r["timestamp"]
        assert r["is_verified"] in ("true", "false")
        assert r["create_time"] == ""
        assert re.fullmatch(r"\d{19}", r["id"]), r["id"]
        for c in NUMERIC_COLUMNS:
            v = r[c]
            assert v == "null" or re.fullmatch(r"-?\d+(\.\d+)?", v), (c, v)
        if r["top_videos"] != "null":
            urls = r["top_videos"].split(",")
            assert 1 <= len(urls) <= 6
            assert all(VIDEO_URL.match(u) for u in urls), r["top_videos"]
        assert r["url"] == "null" or r["url"] == f"https://www.tiktok.com/@{r['account_id']}"


def test_quirks_present(sample_rows):
    bios = [r["biography"] for r in sample_rows]
    assert any("\n" in b for b in bios), "multi-line biography"
    assert any('"' in b for b in bios), "double quote inside a biography"
    assert any(b == "null" for b in bios)
    for column in [
        "biography",
        "bio_link",
        "awg_engagement_rate",
        "comment_engagement_rate",
        "like_engagement_rate",
        "following",
        "profile_pic_url",
    ]:
        assert any(r[column] == "null" for r in sample_rows), column
    rates = [num(r["awg_engagement_rate"]) for r in sample_rows]
    assert any(x is not None and x > 1 for x in rates), "a rate above 1"
    assert any(num(r["like_engagement_rate"]) is not None and num(r["like_engagement_rate"]) > 1 for r in sample_rows)
    assert {r["is_verified"] for r in sample_rows} == {"true", "false"}
    assert all(r["create_time"] == "" for r in sample_rows)
    # ids exceed 2**53: a float would corrupt them
    ids = [int(r["id"]) for r in sample_rows]
    assert all(i > 2**53 for i in ids)
    assert sum(int(float(i)) != i for i in ids) > 200
    assert any("," in r["top_videos"] for r in sample_rows)


def test_scripts_and_emoji(sample_rows):
    text = "".join(r["biography"] + r["nickname"] for r in sample_rows)
    scripts = {
        "latin-accents": "[áéíóúãõçñ]",
        "japanese": "[\u3040-\u30ff]",
        "korean": "[\uac00-\ud7af]",
        "arabic": "[\u0600-\u06ff]",
        "cyrillic": "[\u0400-\u04ff]",
        "devanagari": "[\u0900-\u097f]",
        "emoji": "[\U0001f300-\U0001faff]",
        "zwj": "\u200d",
        "flag": "[\U0001f1e6-\U0001f1ff]{2}",
    }
    for name, pattern in scripts.items():
        assert re.search(pattern, text), name


def test_duplicates_are_rescrapes(sample_rows):
    counts = Counter(r["account_id"] for r in sample_rows if r["account_id"] != "null")
    dup_ids = sorted(a for a, n in counts.items() if n > 1)
    assert len(dup_ids) == gen.DUPLICATES == 6
    assert all(counts[a] == 2 for a in dup_ids)
    for account in dup_ids:
        old, new = sorted((r for r in sample_rows if r["account_id"] == account), key=lambda r: r["timestamp"])
        assert old["timestamp"] < new["timestamp"]
        assert old["id"] == new["id"] and old["nickname"] == new["nickname"]
        assert int(new["followers"]) > int(old["followers"])
        assert int(new["likes"]) > int(old["likes"])
        assert int(new["videos_count"]) >= int(old["videos_count"])
        # "slightly" different: within 5%
        assert int(new["followers"]) <= int(old["followers"]) * 1.05 + 2


def test_older_duplicate_not_always_first(sample_rows):
    timestamps_in_file_order: dict[str, list[str]] = {}
    for r in sample_rows:
        timestamps_in_file_order.setdefault(r["account_id"], []).append(r["timestamp"])
    # True when the older scrape comes first in the file
    orders = [t[0] < t[1] for t in timestamps_in_file_order.values() if len(t) == 2]
    assert len(orders) == 6
    assert any(orders) and not all(orders)


def test_bad_rows(sample_rows):
    null_followers = [r for r in sample_rows if r["followers"] == "null"]
    negative_likes = [r for r in sample_rows if int(r["likes"]) < 0]
    missing_account = [r for r in sample_rows if r["account_id"] in ("null", "")]
    assert len(null_followers) == 2
    assert len(negative_likes) == 2
    assert len(missing_account) == 1
    assert 4 <= len(null_followers) + len(negative_likes) + len(missing_account) <= 6
    # nothing else is broken
    assert all(r["videos_count"] != "null" and int(r["videos_count"]) >= 0 for r in sample_rows)
    assert all(num(r["followers"]) is None or num(r["followers"]) >= 0 for r in sample_rows)
    # bad rows are never also duplicates
    dup = {a for a, n in Counter(r["account_id"] for r in sample_rows).items() if n > 1}
    assert not dup & {r["account_id"] for r in null_followers + negative_likes}


# --------------------------------------------------------------------------- population


def test_population_structure(labelled):
    clean = [
        (lab, r) for lab, r in labelled if lab in ("nano", "micro", "mainstream", "prolific", "verified", "celebrity")
    ]
    assert len(clean) == 240

    def median(label, column):
        values = sorted(float(r[column]) for lab, r in clean if lab == label and r[column] != "null")
        return values[len(values) // 2]

    celebs = [r for lab, r in clean if lab == "celebrity"]
    assert 5 <= len(celebs) <= 8
    assert all(r["is_verified"] == "true" and int(r["followers"]) >= 2_000_000 for r in celebs)
    verified = [r for lab, r in clean if lab == "verified"]
    assert all(r["is_verified"] == "true" for r in verified)
    # follower tiers in order
    assert (
        median("nano", "followers")
        < 10_000
        < median("micro", "followers")
        < 100_000
        < median("mainstream", "followers")
        < median("verified", "followers")
        < 1_000_000
        < median("celebrity", "followers")
    )
    # engagement falls with size
    assert (
        median("nano", "like_engagement_rate")
        > median("micro", "like_engagement_rate")
        > median("mainstream", "like_engagement_rate")
    )
    # prolific posters: many videos and likes per follower
    assert median("prolific", "videos_count") > 2_000
    assert median("prolific", "videos_count") > 5 * max(
        median(a, "videos_count") for a in ("nano", "micro", "mainstream")
    )
    assert median("prolific", "likes") > 3 * median("mainstream", "likes")
    # heavy tail
    followers = sorted(int(r["followers"]) for _, r in clean)
    assert followers[-1] / followers[len(followers) // 2] > 100
    assert followers[0] < 1_000


def test_labels_match_records():
    labelled = gen.generate_labelled_records(rows=240, seed=7)
    assert [rec for _, rec in labelled] == gen.generate_records(rows=240, seed=7)
    labels = Counter(lab.split(":")[0] for lab, _ in labelled)
    assert labels["duplicate"] == 6
    assert labels["null_followers"] == 2 and labels["negative_likes"] == 2
    assert labels["null_account_id"] == 1


# --------------------------------------------------------------------------- DuckDB


@pytest.mark.parametrize("explicit_columns", [False, True], ids=["all_varchar", "columns"])
@pytest.mark.parametrize("path", [SAMPLE, FIXTURE], ids=["sample", "fixture"])
def test_duckdb_reads_the_same_values_as_csv_module(path, explicit_columns):
    expected = parse(read_text(path))
    got = duckdb_rows(path, explicit_columns=explicit_columns)
    assert len(got) == len(expected)
    for e, g in zip(expected, got):
        # DuckDB: 'null' -> NULL (None); a quoted empty field stays ''.
        assert g == {c: (None if v == "null" else v) for c, v in e.items()}


@pytest.mark.parametrize("path", [SAMPLE, FIXTURE], ids=["sample", "fixture"])
def test_duckdb_ids_survive_exactly(path):
    expected = [r["id"] for r in parse(read_text(path))]
    assert all(len(i) == 19 for i in expected)
    con = duckdb.connect()
    try:
        rows = con.sql(
            f"select id, id::hugeint::varchar, id::bigint from read_csv('{path}', header = true, "
            "quote = '\"', escape = '\"', all_varchar = true, nullstr = 'null')"
        ).fetchall()
    finally:
        con.close()
    assert [r[0] for r in rows] == expected
    assert [r[1] for r in rows] == expected
    assert [str(r[2]) for r in rows] == expected
    # the round trip through a double would not have been exact
    assert any(float(i) != int(i) for i in expected)


# --------------------------------------------------------------------------- fixture


@pytest.fixture(scope="module")
def fixture_rows() -> list[dict[str, str]]:
    return parse(read_text(FIXTURE))


def test_fixture_format(fixture_rows):
    text = read_text(FIXTURE)
    assert text.startswith(HEADER_LINE)
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(
        [COLUMNS] + [[r[c] for c in COLUMNS] for r in fixture_rows]
    )
    assert buffer.getvalue() == text
    assert 10 <= len(fixture_rows) <= 16
    assert all(r["create_time"] == "" for r in fixture_rows)
    assert all(ISO_MS.match(r["timestamp"]) for r in fixture_rows)


def test_fixture_has_every_quirk_and_bad_row(fixture_rows):
    by_id = {}
    for r in fixture_rows:
        by_id.setdefault(r["account_id"], []).append(r)
    # bad rows, one of each kind
    assert [r["account_id"] for r in fixture_rows if r["followers"] == "null"] == ["dima_chef"]
    assert [r["account_id"] for r in fixture_rows if r["likes"] != "null" and int(r["likes"]) < 0] == ["lily.plants"]
    assert sum(r["account_id"] in ("null", "") for r in fixture_rows) == 2
    # a duplicate with the newer scrape first in the file
    ana = by_id["ana.kitchen"]
    assert len(ana) == 2 and ana[0]["timestamp"] > ana[1]["timestamp"]
    assert ana[0]["id"] == ana[1]["id"]
    # quirks
    assert any(r["biography"].count("\n") >= 2 for r in fixture_rows)
    assert any('"' in r["biography"] for r in fixture_rows)
    assert any(num(r["awg_engagement_rate"]) and num(r["awg_engagement_rate"]) > 1 for r in fixture_rows)
    assert any(r["following"] == "null" for r in fixture_rows)
    assert any(r["comment_engagement_rate"] == "null" for r in fixture_rows)
    assert {r["is_verified"] for r in fixture_rows} == {"true", "false"}
    assert any(r["followers"] == "1000000" for r in fixture_rows)
    assert all(re.fullmatch(r"\d{19}", r["id"]) and int(r["id"]) > 2**53 for r in fixture_rows)
    assert "7234567890123456789" in {r["id"] for r in fixture_rows}
    assert int(float("7234567890123456789")) != 7234567890123456789
