"""The DAG keeps its layers (read from dbt's own manifest, not from file names):
staging models are the only ones reading sources and seeds, no intermediate model reads a mart,
staging sits in a folder per source and intermediate models and marts in a folder per analysis,
names follow one pattern with one word per grain (the README's glossary), every model has its yml
beside it, and the report and the exports read marts only."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pytests.support.dbt_runs import dbt_target_dir, run_dbt
from pytests.support.paths import PROJECT_DIR

pytestmark = pytest.mark.dbt

ANALYSIS_FOLDERS = {"niches", "fake_followers", "brand_matching", "tiktok", "sentiment", "value"}
# Folders for what several analyses share: the settings in force and the follower tiers.
SHARED_FOLDERS = {"project"}
# One word per grain (README glossary): int_<grain>_<verb>, the verb a past participle.
GRAINS = (
    "influencers",
    "influencer_days",
    "captions",
    "match_captions",
    "brands",
    "brand_keywords",
    "brand_matches",
    "brand_campaign_fit",
    "niches",
    "niche_phrases",
    "settings",
    "tiktok_accounts",
    "tiktok_segments",
    "tiktok_k_candidates",
)
INTERMEDIATE_NAME = re.compile(rf"int_({'|'.join(GRAINS)})_([a-z]+_)?[a-z]+ed")
MAX_YML_LINES = 300
MAX_SQL_LINES = 200


@pytest.fixture(scope="module")
def manifest(tmp_path_factory) -> dict:
    run_dbt(["parse"], tmp_path_factory.mktemp("parse") / "parse.duckdb")
    return json.loads((dbt_target_dir(["parse"]) / "manifest.json").read_text())


def layer(node: dict) -> str:
    return Path(node["original_file_path"]).parts[1]  # models/<layer>/...


def models(manifest: dict) -> dict[str, dict]:
    return {key: node for key, node in manifest["nodes"].items() if node["resource_type"] == "model"}


def test_only_staging_reads_sources_and_seeds(manifest):
    for key, node in models(manifest).items():
        upstream = node["depends_on"]["nodes"]
        raw = [u for u in upstream if u.startswith(("source.", "seed."))]
        if layer(node) != "staging":
            assert raw == [], f"{key} reads {raw}: only staging models may read sources and seeds"


def test_no_intermediate_model_reads_a_mart(manifest):
    nodes = models(manifest)
    for key, node in nodes.items():
        if layer(node) != "intermediate":
            continue
        marts = [u for u in node["depends_on"]["nodes"] if u in nodes and layer(nodes[u]) == "marts"]
        assert marts == [], f"{key} reads the marts {marts}"


def test_marts_are_grouped_by_analysis_and_every_model_is_documented(manifest):
    for key, node in models(manifest).items():
        parts = Path(node["original_file_path"]).parts
        if parts[1] == "marts" and len(parts) > 3:
            assert parts[2] in ANALYSIS_FOLDERS | SHARED_FOLDERS, key
        assert node["description"].strip(), f"{key} has no description"
        for column in node["columns"].values():
            assert column["description"].strip(), f"{key}.{column['name']} has no description"


def test_models_sit_in_a_folder_per_source_or_analysis_with_their_yml(manifest):
    for key, node in models(manifest).items():
        parts = Path(node["original_file_path"]).parts  # models/<layer>/<folder>/[base/]<file>
        assert len(parts) >= 4, f"{key} sits at {node['original_file_path']}: in a folder of its layer"
        name, where, folder = node["name"], parts[1], parts[2]
        if where == "staging":
            source = name.split("__")[0].split("_", 1)[1]
            assert folder == source, f"{key}: staging/{source}/"
            assert (parts[3] == "base") == name.startswith("base_"), f"{key}: base models in staging/{source}/base/"
        else:
            assert folder in ANALYSIS_FOLDERS | SHARED_FOLDERS, key
        patch = node["patch_path"].split("://", 1)[1]
        assert Path(node["original_file_path"]).parent.as_posix().startswith(Path(patch).parent.as_posix()), (
            f"{key} is described in {patch}: keep the yml beside the model"
        )


def test_files_stay_small_enough_to_read():
    for path in sorted((PROJECT_DIR / "models").rglob("*.yml")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= MAX_YML_LINES, f"{path.relative_to(PROJECT_DIR)}: {lines} lines"
    for folder in ("models", "macros", "tests", "analyses"):
        for path in sorted((PROJECT_DIR / folder).rglob("*.sql")):
            lines = len(path.read_text(encoding="utf-8").splitlines())
            assert lines <= MAX_SQL_LINES, f"{path.relative_to(PROJECT_DIR)}: {lines} lines"


def test_model_names_follow_their_layer(manifest):
    for key, node in models(manifest).items():
        name, where = node["name"], layer(node)
        if where == "staging":
            assert re.fullmatch(r"(stg|base)_[a-z]+__[a-z_]+", name), key
        elif where == "intermediate":
            assert INTERMEDIATE_NAME.fullmatch(name), f"{key}: int_<grain>_<verb>, grain one of {GRAINS}"
        else:
            assert not name.startswith(("stg_", "base_", "int_")), key


def test_report_and_exports_read_marts_only():
    for path in [
        *sorted((PROJECT_DIR / "python_udfs" / "report").glob("*.py")),
        PROJECT_DIR / "python_udfs" / "dbt_glue" / "export.py",
    ]:
        text = path.read_text()
        assert not re.search(r"\b(staging|intermediate|raw)\.[a-z_]+", text), f"{path.name} reads below the marts"
