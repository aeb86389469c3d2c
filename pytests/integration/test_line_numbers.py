"""Every record's line and raw text, whichever way a file's lines are mapped to its records.

A file DuckDB read without a reject, whose lines are exactly the header and the records' lines, is
mapped from its own lines (macro map_from_lines); any other file by DuckDB's second read with one
field more (macro load_input). The same growth records, written three ways, go through the base
model; the line each record starts on and its text are counted here by Python's csv module from
the bytes written, and the build log must show which way the file went (so a change that sends
every file down one path fails here).
"""

from __future__ import annotations

import csv
import io
import shutil

import pytest

from pytests.support.dbt_runs import dbt_input_dir, run_dbt_logged, vars_arg
from pytests.support.paths import SEEDS_DIR
from pytests.support.warehouse import query

pytestmark = pytest.mark.dbt

HEADER = "influencer_id,followers,avg_likes,avg_comments,follower_history"
HISTORY = ", ".join(str(1000 + day) for day in range(30))
RECORDS = [
    f'LN01,1029,10,1,"[{HISTORY}]"',
    # Valid over three lines: a history may hold line breaks between its values.
    'LN02,1029,10,1,"[' + HISTORY.replace(", 1010,", ",\n1010,").replace(", 1020,", ",\n1020,") + ']"',
    f'LN03,-5,10,1,"[{HISTORY}]"',  # rejected: followers
    'LN04,1029,10,1,"[' + HISTORY.replace("1005", "-5").replace(", 1020,", ",\n1020,") + ']"',  # rejected, 2 lines
    f'LN05,1029,10,1,"[{HISTORY}]"',
    f'LN06,1029,x,1,"[{HISTORY}]"',  # rejected: avg_likes, the last record
]
FAST_MARK = 'create temp table "temp"."main"."input__growth_data__map_errors" as'
SLOW_MARK = 'create temp table "temp"."main"."input__growth_data__map" as select'


def expected_lines(content: bytes) -> dict[str, tuple[int, str]]:
    """influencer_id -> (line the record starts on, its text as in the file), by the csv module."""
    text = content.decode("utf-8-sig")
    lines = text.split("\n")
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    found, last_line = {}, reader.line_num
    for row in reader:
        start, last_line = last_line + 1, reader.line_num
        if row:  # a blank line is no record
            found[row[0]] = (start, "\n".join(lines[start - 1 : last_line]).rstrip("\r"))
    return found


def build_base_model(tmp_path, content: bytes) -> tuple[dict[str, tuple[int, str, bool]], str]:
    folder = tmp_path / "inputs"
    folder.mkdir()
    for name in ("influencers_data", "brands_data"):
        shutil.copy(SEEDS_DIR / f"{name}.csv", folder / f"{name}.csv")
    (folder / "growth_data.csv").write_bytes(content)
    database = tmp_path / "lines.duckdb"
    _, written = run_dbt_logged(
        ["run", "--select", "base_creators__follower_histories", *vars_arg({"input_dir": dbt_input_dir(folder)})],
        database,
    )
    rows = query(
        database,
        "select influencer_id, source_line, raw_text, reject_reason is not null"
        " from staging.base_creators__follower_histories",
    )
    return {record_id: (line, raw, rejected) for record_id, line, raw, rejected in rows}, written


@pytest.mark.parametrize(
    ("name", "content", "mark"),
    [
        # Byte-order mark, CRLF line ends, no line break after the last record: mapped from its lines.
        (
            "crlf",
            ("\ufeff" + HEADER + "\r\n" + "\r\n".join(r.replace("\n", "\r\n") for r in RECORDS)).encode(),
            FAST_MARK,
        ),
        # Blank lines (in the middle and at the end): DuckDB skips them, so the second read maps it.
        (
            "blank_lines",
            (HEADER + "\n" + "\n".join(RECORDS[:3]) + "\n\n" + "\n".join(RECORDS[3:]) + "\n\n\n").encode(),
            SLOW_MARK,
        ),
        # Plain LF, a line break after the last record: mapped from its lines.
        ("plain", (HEADER + "\n" + "\n".join(RECORDS) + "\n").encode(), FAST_MARK),
    ],
)
def test_lines_and_texts_of_every_record(tmp_path, name, content, mark):
    built, log = build_base_model(tmp_path, content)
    expected = expected_lines(content)
    assert {record_id: (line, raw) for record_id, (line, raw, _) in built.items()} == expected, name
    assert {record_id for record_id, (_, _, rejected) in built.items() if rejected} == {"LN03", "LN04", "LN06"}
    assert mark in log, f"{name}: the log does not show the expected mapping ({mark!r})"
    assert (FAST_MARK if mark == SLOW_MARK else SLOW_MARK) not in log
