"""python_udfs/ is one sub-package per analysis over a shared core: which package may import which.

* ``core`` imports nothing of the project outside itself;
* an analysis package (niches, fake_followers, brand_matching, sentiment, tiktok) imports ``core`` and
  itself, never a sibling analysis;
* ``spark`` stands on ``core``; ``dbt_glue`` on ``core`` and ``spark``; ``report``,
  ``generators`` and ``evaluation`` stay apart (see ALLOWED);
* every module belongs to a package whose ``__init__.py`` says what lives there and what it may
  import; no module is over MAX_LINES lines.

Imports are read statically (ast), at any depth: an import inside a function counts.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from python_udfs.dbt_glue import model_code

PACKAGE_DIR = Path(model_code.PACKAGE_DIR)
ANALYSES = ("niches", "fake_followers", "brand_matching", "sentiment", "tiktok")
ALLOWED: dict[str, set[str]] = {
    "core": {"core"},
    **{analysis: {"core", analysis} for analysis in ANALYSES},
    "spark": {"core", "spark"},
    "dbt_glue": {"core", "spark", "dbt_glue"},
    "report": {"core", "report"},
    "generators": {"generators"},
    "evaluation": {"core", "generators", "evaluation"},
}
MAX_LINES = 400


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR).with_suffix("").parts
    return ".".join(["python_udfs", *(parts[:-1] if parts[-1] == "__init__" else parts)])


def package_of(name: str) -> str | None:
    """The sub-package a dotted project name belongs to (None for python_udfs itself)."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else None


def forbidden_imports(source: str, name: str, is_package: bool = False) -> list[str]:
    """The project modules ``source`` (module ``name``) imports that its package may not."""
    package = package_of(name)
    allowed = ALLOWED.get(package, set()) if package else set()
    imported = model_code.project_imports(source, name, is_package)
    return sorted(i for i in imported if package_of(i) is not None and package_of(i) not in allowed)


def test_every_module_is_in_a_known_package():
    stray = [str(p.relative_to(PACKAGE_DIR)) for p in modules() if package_of(module_name(p)) not in ALLOWED]
    assert stray == [str(Path("__init__.py"))], "modules outside the packages of ALLOWED"


def test_no_package_imports_what_it_may_not():
    problems = []
    for path in modules():
        name = module_name(path)
        for target in forbidden_imports(path.read_text(encoding="utf-8"), name, path.name == "__init__.py"):
            problems.append(f"{path.relative_to(PACKAGE_DIR)} imports {target}")
    assert problems == []


def test_no_module_over_the_line_limit():
    long = {}
    for path in modules():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            long[str(path.relative_to(PACKAGE_DIR))] = lines
    assert long == {}, f"split these by concern (at most {MAX_LINES} lines)"


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_every_package_says_what_lives_there_and_what_it_may_import(package):
    init = PACKAGE_DIR / package / "__init__.py"
    assert init.is_file()
    docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
    assert docstring and "May import" in docstring


def test_the_check_sees_a_forbidden_import_at_any_depth():
    # An analysis importing a sibling (inside a function), core importing an analysis, a relative import.
    sibling = "def f():\n    from python_udfs.brand_matching.matches import brand_vectors\n"
    assert forbidden_imports(sibling, "python_udfs.niches.labels") == [
        "python_udfs.brand_matching",
        "python_udfs.brand_matching.matches",
    ]
    assert forbidden_imports("import python_udfs.fake_followers.trends", "python_udfs.core.text") == [
        "python_udfs.fake_followers",
        "python_udfs.fake_followers.trends",
    ]
    assert forbidden_imports("from ..report import charts", "python_udfs.core.text") == [
        "python_udfs.report",
        "python_udfs.report.charts",
    ]
    assert forbidden_imports("from python_udfs.core.text import clean_text", "python_udfs.niches.labels") == []
