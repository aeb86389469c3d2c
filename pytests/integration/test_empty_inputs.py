"""Empty is an answer, not a crash (issue 33): a header-only influencers file, creators without any
usable text, fewer creators than n_niches. Each reproduced the symptom of the issue before the change
(a traceback, empty reasons, a failing row-count test, niches named from empty texts)."""

from __future__ import annotations

import csv
import shutil

import pytest

from pytests.support.dbt_runs import dbt_input_dir, run_dbt_logged, vars_arg
from pytests.support.paths import SEEDS_DIR
from pytests.support.warehouse import query

pytestmark = [pytest.mark.dbt, pytest.mark.slow]

NICHE_AND_MATCH_MARTS = [
    "niche_classification",
    "niche_summary",
    "influencer_niche_map",
    "brand_influencer_matches",
    "brand_influencer_matches_vetted",
    "brand_campaign_fit",
]


def seed_rows(name: str) -> list[list[str]]:
    with (SEEDS_DIR / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def inputs_with_influencers(folder, rows: list[list[str]]):
    folder.mkdir()
    for name in ("growth_data", "brands_data"):
        shutil.copy(SEEDS_DIR / f"{name}.csv", folder / f"{name}.csv")
    with (folder / "influencers_data.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return folder


def counts(database, tables: list[str]) -> dict[str, int]:
    return {table: query(database, f"select count(*) from main.{table}")[0][0] for table in tables}


def test_a_header_only_influencers_file_gives_zero_rows_and_one_warning(tmp_path):
    folder = inputs_with_influencers(tmp_path / "inputs", seed_rows("influencers_data")[:1])
    database = tmp_path / "empty.duckdb"
    path = dbt_input_dir(folder)
    # TikTok reads its own export, not this folder: left out (about 7 s of the build).
    result, log = run_dbt_logged(["build", "--exclude", "tag:tiktok", *vars_arg({"input_dir": path})], database)
    assert log.count(f"Input file {path}/influencers_data.csv (var input_dir) has a header and no records") == 1
    # Before: twenty "Unmatched influencer_id: ... None" lines; the one warning says it all now.
    assert "Unmatched influencer_id" not in log
    assert not [r.node.name for r in result.result.results if str(r.status) in ("error", "fail", "warn")]
    assert set(counts(database, NICHE_AND_MATCH_MARTS).values()) == {0}
    # Profile-less creators are scored, as one orphan is (test_rejects): every valid growth record.
    growth_records = len(seed_rows("growth_data")) - 1
    assert counts(database, ["fake_follower_scores"]) == {"fake_follower_scores": growth_records}


def test_creators_without_usable_text_stop_the_text_models_only(tmp_path):
    rows = seed_rows("influencers_data")
    header = rows[0]
    emptied = [
        [value if column in ("influencer_id", "name") else "" for column, value in zip(header, row)] for row in rows[1:]
    ]
    emptied[0][header.index("bio")] = "🖤 https://example.com @someone"  # nothing usable left either
    folder = inputs_with_influencers(tmp_path / "inputs", [header, *emptied])
    database = tmp_path / "textless.duckdb"
    path = dbt_input_dir(folder)
    result, _ = run_dbt_logged(["build", *vars_arg({"input_dir": path})], database, expect_success=False)
    errors = {r.node.name: str(r.message) for r in result.result.results if str(r.status) in ("error", "fail")}
    assert list(errors) == ["int_influencers_embedded"], errors
    assert errors["int_influencers_embedded"].startswith(
        f"Compilation Error in model int_influencers_embedded (models/intermediate/niches/int_influencers_embedded.py)\n"
        f"  No usable text to embed: none of the {len(emptied)} valid records of {path}/influencers_data.csv"
        " has text in bio or recent_captions"
    )
    # Everything that does not read the text still builds.
    built = counts(database, ["fake_follower_scores", "follower_trends", "influencer_value", "tiktok_segments"])
    assert min(built.values()) > 0, built
    skipped = {r.node.name for r in result.result.results if str(r.status) == "skipped"}
    assert set(NICHE_AND_MATCH_MARTS) <= skipped
