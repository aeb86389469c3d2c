"""The reference in docs/ stays true to the project.

docs/settings.md lists every var of dbt_project.yml with the default written there (one table row
per var: | `name` | `default` | allowed | what it does |), and docs/models.md lists every model
under models/ with its layer and folder (one table row per model: | `name` | layer | `folder/` |
grain |). Each check is a function over plain values, so the tests below show that it fails on a
changed default, a missing var, a missing or moved model, and passes on the files as they are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

PROJECT_DIR = Path(__file__).resolve().parents[2]
SETTINGS_DOC = PROJECT_DIR / "docs" / "settings.md"
MODELS_DOC = PROJECT_DIR / "docs" / "models.md"
LAYERS = ("staging", "intermediate", "marts")

CODE = re.compile(r"^`([^`]*)`$")


def project_vars(project_dir: Path = PROJECT_DIR) -> dict[str, Any]:
    return yaml.safe_load((project_dir / "dbt_project.yml").read_text(encoding="utf-8"))["vars"]


def project_models(project_dir: Path = PROJECT_DIR) -> dict[str, str]:
    """Every model file under models/ (*.sql, *.py): name -> folder under models/, e.g. 'marts/tiktok/'."""
    models = project_dir / "models"
    return {
        path.stem: f"{path.parent.relative_to(models).as_posix()}/"
        for pattern in ("*.sql", "*.py")
        for path in models.rglob(pattern)
    }


def table_rows(doc: str) -> list[tuple[str, list[str]]]:
    """Markdown table rows whose first cell is one `name`: (name, the other cells)."""
    rows = []
    for line in doc.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if cells and (name := CODE.match(cells[0])):
            rows.append((name.group(1), cells[1:]))
    return rows


def documented_defaults(doc: str) -> tuple[dict[str, Any], list[str]]:
    """The vars docs/settings.md lists, with their defaults; and the vars it lists twice."""
    documented: dict[str, Any] = {}
    twice = []
    for name, cells in table_rows(doc):
        code = CODE.match(cells[0]) if cells else None
        if not code:
            continue  # not a settings row (another table's first column)
        if name in documented:
            twice.append(name)
        documented[name] = yaml.safe_load(code.group(1))
    return documented, twice


def documented_models(doc: str) -> list[tuple[str, str, str]]:
    """The models docs/models.md lists (rows whose second cell is a layer): (name, layer, folder)."""
    return [
        (name, cells[0], cells[1].strip("`"))
        for name, cells in table_rows(doc)
        if len(cells) >= 2 and cells[0] in LAYERS
    ]


def settings_doc_problems(variables: Mapping[str, Any], doc: str) -> list[str]:
    """What docs/settings.md gets wrong about ``variables`` (the vars of dbt_project.yml)."""
    documented, twice = documented_defaults(doc)
    problems = [f"var {name} is listed twice in docs/settings.md" for name in twice]
    for name, default in variables.items():
        if name not in documented:
            problems.append(f"var {name} (default {default!r} in dbt_project.yml) is missing from docs/settings.md")
        elif (type(documented[name]), documented[name]) != (type(default), default):
            problems.append(
                f"var {name}: docs/settings.md shows default {documented[name]!r}, dbt_project.yml has {default!r}"
            )
    for name in sorted(documented.keys() - variables.keys()):
        problems.append(f"docs/settings.md lists var {name}, which dbt_project.yml does not declare")
    return problems


def models_doc_problems(models: Mapping[str, str], doc: str) -> list[str]:
    """What docs/models.md gets wrong about ``models`` (name -> folder under models/)."""
    rows = documented_models(doc)
    names = [name for name, _, _ in rows]
    problems = [
        f"model {name} is listed twice in docs/models.md" for name in sorted(set(names)) if names.count(name) > 1
    ]
    for name in sorted(models.keys() - set(names)):
        problems.append(f"model {name} (models/{models[name]}) is missing from docs/models.md")
    for name, layer, folder in rows:
        if name not in models:
            problems.append(f"docs/models.md lists model {name}, which is not under models/")
        elif (layer, folder) != (models[name].split("/")[0], models[name]):
            problems.append(f"model {name}: docs/models.md says {layer}, {folder}; it is in models/{models[name]}")
    return problems


# ------------------------------------------------------------------------------ the docs as they are
def test_settings_doc_lists_every_var_with_its_default():
    problems = settings_doc_problems(project_vars(), SETTINGS_DOC.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)


def test_models_doc_lists_every_model():
    problems = models_doc_problems(project_models(), MODELS_DOC.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------------------ the checks can fail
# Each starts from what the doc itself says (so these pass whatever the project holds) and changes one thing.
def test_a_changed_default_is_caught():
    doc = SETTINGS_DOC.read_text(encoding="utf-8")
    variables, _ = documented_defaults(doc)
    assert len(variables) > 90 and settings_doc_problems(variables, doc) == []
    changed = {**variables, "top_k": variables["top_k"] + 1, "tiktok_prolific_videos_factor": 2}
    assert settings_doc_problems(changed, doc) == [
        f"var top_k: docs/settings.md shows default {variables['top_k']}, dbt_project.yml has {variables['top_k'] + 1}",
        f"var tiktok_prolific_videos_factor: docs/settings.md shows default "
        f"{variables['tiktok_prolific_videos_factor']!r}, dbt_project.yml has 2",
    ]


def test_a_var_missing_from_the_doc_or_the_project_is_caught():
    doc = SETTINGS_DOC.read_text(encoding="utf-8")
    variables, _ = documented_defaults(doc)
    without = "\n".join(line for line in doc.splitlines() if not line.startswith("| `spike_sigma` |"))
    assert settings_doc_problems(variables, without) == [
        f"var spike_sigma (default {variables['spike_sigma']!r} in dbt_project.yml) is missing from docs/settings.md"
    ]
    assert settings_doc_problems({**variables, "new_threshold": 0.5}, doc) == [
        "var new_threshold (default 0.5 in dbt_project.yml) is missing from docs/settings.md"
    ]
    assert settings_doc_problems({k: v for k, v in variables.items() if k != "top_k"}, doc) == [
        "docs/settings.md lists var top_k, which dbt_project.yml does not declare"
    ]


def test_a_model_missing_moved_or_gone_is_caught():
    doc = MODELS_DOC.read_text(encoding="utf-8")
    models = {name: folder for name, _, folder in documented_models(doc)}
    assert models["tiktok_elbow"] == "marts/tiktok/" and models_doc_problems(models, doc) == []
    assert models_doc_problems({**models, "int_influencers_new_thing": "intermediate/niches/"}, doc) == [
        "model int_influencers_new_thing (models/intermediate/niches/) is missing from docs/models.md"
    ]
    assert models_doc_problems({**models, "tiktok_elbow": "intermediate/tiktok/"}, doc) == [
        "model tiktok_elbow: docs/models.md says marts, marts/tiktok/; it is in models/intermediate/tiktok/"
    ]
    assert models_doc_problems({k: v for k, v in models.items() if k != "tiktok_elbow"}, doc) == [
        "docs/models.md lists model tiktok_elbow, which is not under models/"
    ]
