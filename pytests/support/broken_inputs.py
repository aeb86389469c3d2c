"""The broken copy of every input that pytests/integration/test_rejects.py builds, and what it expects.

CsvFile writes a CSV record by record as raw bytes and remembers the line each record starts on,
so the expected lines are counted from the text written, not read back from the build.
write_broken_inputs puts next to the bundled rows one record per kind of problem (BAD_GROWTH,
BROKEN_INFLUENCERS and the ones written inline); valid_tiktok_accounts is the documented TikTok
rules, checked independently of the SQL.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from pytests.support.paths import PROJECT_DIR, SEEDS_DIR
from python_udfs.generators.tiktok_profiles import COLUMNS as TIKTOK_COLUMNS

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


# Valid niche examples of the broken build: id -> the label as written (case and spaces as users type).
VALID_EXAMPLES = {"INF001": "Fashion", "INF009": "fashion", "INF010": " tech", "INF012": "tech "}


def write_broken_inputs(folder: Path) -> dict:
    """Write the five broken input files into ``folder``: the CsvFile of each (by input), the parsed
    bundled TikTok sample and the path of the TikTok export."""
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

    # Niche examples: four valid ones (two labels, two creators each, written as users do) and one
    # record per problem.
    examples = CsvFile(bytearray(b"influencer_id,niche_label\n"))
    for key, record in VALID_EXAMPLES.items():
        examples.add(f"{key},{record}", key)
    examples.add(",tech", "example_no_id")
    examples.add("INF003,", "example_no_label")
    examples.add("INF004,beauty", "example_dup_1")
    examples.add("INF004,beauty", "example_dup_2")
    examples.add("INF777,tech", "example_not_a_creator")
    examples.add("INF099,tech", "example_rejected_creator")
    examples.add("INF013,food,one field too many", "example_ragged")
    examples.write(folder / "niche examples.csv")

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
    return {
        "examples": examples,
        "examples_path": folder / "niche examples.csv",
        "influencers": influencers,
        "growth": growth,
        "brands": brands,
        "tiktok": tiktok,
        "tiktok_sample": sample,
        "tiktok_path": tiktok_path,
    }
