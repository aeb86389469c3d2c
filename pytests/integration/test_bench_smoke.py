"""Smoke test of the benchmark (bench/run_bench.py) at a tiny size.

Runs the bench as `make bench` does (a separate process), with 30 influencers, 10 brands, the
default backend only, no 1M chain and seeds and models only (`--skip-data-tests`: the ci build of
`make test` runs the data tests; here they cost the bench's three builds about a minute: this
fixture took 171 s with them and 107 s without, measured in two runs of the suite), writing into a
tmp folder (never the committed bench/report.md). Checks that results.json has every field the
report needs and that the bench's own counting (an encode observer in the dbt child process, each
call attributed to its model) adds up. Whether rebuilds re-embed the right texts is the subject of
test_embeddings_incremental.py, not repeated here. Timing targets are reported by the bench,
never asserted here.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pytests.support.paths import PROJECT_DIR

# The benchmark's own test: make test-bench runs it (about 77 s of worker time, three builds);
# make test deselects it (-m 'not bench'), as the guide gives the benchmark its own target.
pytestmark = [pytest.mark.dbt, pytest.mark.bench]

# 30 influencers (the bundled data's size), 16 texts for the raw model: every kind of text is still
# embedded (influencers, brands, taxonomy, brand keywords, match captions) and k = 8 niches fit. The
# bench's three builds are mostly fixed costs (start-up, model load, parse): 74 s against 88 s at 100
# influencers, measured one after the other on a quiet machine.
SIZE = 30
BRANDS = 10
BACKEND = "sentence_transformers"
BUILD_FIELDS = (
    "command",
    "exit_code",
    "wall_s",
    "cpu_s",
    "dbt_elapsed_s",
    "peak_rss_mb",
    "duckdb_size_mb",
    "model_times_s",
    "node_counts",
    "embedding",
    "load_avg_before",
    "load_avg_after",
)
EMBEDDING_FIELDS = ("texts_embedded", "encoder_texts_by_backend", "model_times_s", "stage_s", "texts_per_s")
TARGET_NAMES = (
    "fake-score chain at 1M",
    "embedding stage vs raw model",
    "second run embeds nothing",
    "bio change re-embeds",
    "brand matching 100 x 100K",
    "niche clustering 100K",
    "peak RSS of dbt at 100K",
)


@pytest.fixture(scope="module")
def bench(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    python = PROJECT_DIR / ".venv" / "bin" / "python"
    completed = subprocess.run(
        [
            str(python if python.exists() else sys.executable),
            str(PROJECT_DIR / "bench" / "run_bench.py"),
            "--sizes",
            str(SIZE),
            "--brands",
            str(BRANDS),
            "--backends",
            BACKEND,
            "--skip-1m",
            "--skip-embeddings",  # bench/embeddings.py: its own unit test (test_bench_embeddings.py)
            "--raw-max-texts",
            "16",
            "--thread-sample",
            "0",
            "--skip-data-tests",
            "--out",
            str(out),
        ],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    return out, json.loads((out / "results.json").read_text())


def test_writes_into_out_only(bench):
    out, results = bench
    assert (out / "report.md").exists() and (out / "results.json").exists()
    assert results["config"]["runs_dir"].startswith(str(out))
    assert results["complete"] is True


def test_machine_and_config(bench):
    _, results = bench
    machine = results["machine"]
    for field in ("logical_cores", "ram_gb", "python", "versions", "load_avg_at_start"):
        assert field in machine
    assert machine["versions"]["dbt-core"] and machine["versions"]["duckdb"]
    assert results["config"]["sizes"] == [SIZE] and results["config"]["backends"] == [BACKEND]
    assert results["fake_chain"] is None and results["thread_settings"] is None
    assert results["config"]["build_command"] == ["build", "--resource-type", "seed", "--resource-type", "model"]


def test_size_results_have_every_field(bench):
    _, results = bench
    size = results["sizes"][str(SIZE)]
    for field in (
        "generate_s",
        "builds",
        "raw_throughput",
        "clustering_s",
        "brand_matching_s",
        "matching_alone",
        "clustering",
    ):
        assert field in size, field
    builds = size["builds"][BACKEND]
    assert set(builds) == {"first", "unchanged", "bio_changed"}
    assert builds["bio_changed"]["changed_influencer_id"] == "INF000001"  # the row the bench edits
    for run in builds.values():
        for field in BUILD_FIELDS:
            assert field in run, field
        for field in EMBEDDING_FIELDS:
            assert field in run["embedding"], field
        assert run["exit_code"] == 0 and run["peak_rss_mb"] > 0 and run["duckdb_size_mb"] > 0
        for model in (
            "int_influencers_embedded",
            "int_brands_embedded",
            "int_influencers_clustered",
            "int_brand_matches_ranked",
            "fake_follower_scores",
        ):
            assert model in run["model_times_s"], model
    raw = size["raw_throughput"][BACKEND]
    for field in (
        "texts",
        "seconds",
        "texts_per_s",
        "cpu_s",
        "texts_per_cpu_s",
        "pipeline_texts_per_s",
        "pipeline_to_raw_ratio",
    ):
        assert raw[field] is not None, field
    assert size["clustering_s"] > 0 and size["brand_matching_s"] > 0
    for field in ("minibatch_s", "minibatch_ari_vs_full", "minibatch_inertia_ratio_vs_full", "project_ari_vs_truth"):
        assert field in size["clustering"], field


def test_first_build_counts_every_text_against_its_model(bench):
    _, results = bench
    first = results["sizes"][str(SIZE)]["builds"][BACKEND]["first"]["embedding"]
    assert first["texts_embedded"]["influencers"] == SIZE
    assert first["texts_embedded"]["brands"] == BRANDS
    assert first["texts_embedded"]["taxonomy"] > 0
    # Every encode call was attributed to an embedding model; the per-backend total agrees.
    assert first["texts_outside_embedding_models"] == 0
    assert first["encoder_texts_by_backend"] == {BACKEND: sum(first["texts_embedded"].values())}
    assert first["texts_per_s"] > 0


def test_targets_are_reported_not_asserted(bench):
    out, results = bench
    names = [t["target"] for t in results["targets"]]
    for expected in TARGET_NAMES:
        assert any(name.startswith(expected) for name in names), expected
    assert {t["status"] for t in results["targets"]} <= {"MET", "MISSED", "NOT RUN"}
    report = (out / "report.md").read_text()
    assert "## Targets" in report and "## Machine" in report and "NOT RUN" in report
