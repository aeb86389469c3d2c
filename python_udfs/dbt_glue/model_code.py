"""The code part of a memoised model's input fingerprint (python_udfs.dbt_glue.memo).

A model's result depends on the project modules it runs, not on the whole package: editing a chart
of the report must not recompute the niche models. So :func:`code_version` hashes

* the modules of :mod:`python_udfs` the model's source imports, found statically (``ast``: every
  ``import`` and ``from ... import`` at any depth, inside functions and ``TYPE_CHECKING`` blocks
  included), followed transitively through those modules' own imports, with the ``__init__.py``
  of every package on the way (Python runs them on import);
* the Python version and the name and version of every installed distribution (numpy,
  scikit-learn, duckdb, ...), so an upgrade recomputes, as before.

Files are hashed in sorted order of their path inside the package, so the version depends only on
their content and names. A name that is not a module (``from python_udfs.core.text import
clean_text``: a function) counts through the module that defines it. Imports built at run time
(``importlib.import_module`` of a computed name) are not seen; the project has none. An empty
source (the model's file was not found) or one that is not Python counts every module of the package.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.metadata
import platform
import threading
from collections.abc import Iterable
from functools import cache
from pathlib import Path

PACKAGE = "python_udfs"
PACKAGE_DIR = Path(__file__).resolve().parents[1]  # python_udfs/


def module_file(name: str) -> Path | None:
    """The source file of the project module or package ``name`` (dotted), None when there is none."""
    parts = name.split(".")
    if parts[0] != PACKAGE:
        return None
    base = PACKAGE_DIR.joinpath(*parts[1:])
    for path in (base / "__init__.py", base.with_suffix(".py")):
        if path.is_file():
            return path
    return None


# dbt runs Python models in threads of one process, and CPython 3.11's AST constructor keeps a
# recursion counter that another thread's parse or compile can disturb: a fresh-clone
# `make test` stopped once with "SystemError: AST constructor recursion depth mismatch" in
# int_tiktok_segments_named (not reproduced on demand: 8 threads x 150 parses passed). Our own
# parses run one at a time, and a parse disturbed by dbt's compile in another thread is retried:
# the same source always gives the same tree.
_PARSE_LOCK = threading.Lock()
_PARSE_ATTEMPTS = 3


def parsed(source: str) -> ast.AST:
    """``ast.parse(source)``, one thread at a time, retried when another thread disturbed it."""
    with _PARSE_LOCK:
        for attempt in range(_PARSE_ATTEMPTS):
            try:
                return ast.parse(source)
            except SystemError:
                if attempt == _PARSE_ATTEMPTS - 1:
                    raise
    raise AssertionError("unreachable")


def imported_names(source: str, module: str = "", is_package: bool = False) -> set[str]:
    """Every dotted name ``source`` imports, and for ``from x import y`` also ``x.y`` (``y`` may be
    a module). Relative imports are resolved against ``module`` (a package when ``is_package``)."""
    names: set[str] = set()
    for node in ast.walk(parsed(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".") if is_package else module.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
    return names


def project_imports(source: str, module: str = "", is_package: bool = False) -> set[str]:
    """The project modules and packages (dotted, each with a source file) ``source`` imports."""
    found: set[str] = set()
    for name in imported_names(source, module, is_package):
        parts = name.split(".")
        # python_udfs.a.b.c imports the packages python_udfs, python_udfs.a, ... on the way.
        found.update(prefix for i in range(1, len(parts) + 1) if module_file(prefix := ".".join(parts[:i])))
    return found


def imported_modules(source: str) -> list[Path]:
    """The source files of every project module ``source`` runs when imported, transitively, sorted."""
    try:
        pending = sorted(project_imports(source)) if source.strip() else None
    except SyntaxError:
        pending = None
    if pending is None:
        # No source (the model file was not found) or not Python: any module may run, so every one counts.
        return sorted(PACKAGE_DIR.rglob("*.py"))
    seen: dict[str, Path] = {}
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        path = seen[name] = module_file(name)
        text = path.read_text(encoding="utf-8")
        pending.extend(sorted(project_imports(text, name, is_package=path.name == "__init__.py") - seen.keys()))
    return sorted(set(seen.values()))


@cache
def installed_versions() -> str:
    """The Python version and ``name==version`` of every installed distribution, one a line."""
    versions = sorted(
        {f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions() if dist.metadata}
    )
    return "\n".join([f"python {platform.python_version()}", *versions])


def files_digest(paths: Iterable[Path]) -> str:
    """SHA-256 of the files' paths inside the package and their bytes, in sorted path order."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda p: p.relative_to(PACKAGE_DIR).as_posix()):
        digest.update(f"{path.relative_to(PACKAGE_DIR).as_posix()}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@cache
def code_version(source: str) -> str:
    """SHA-256 of the project modules ``source`` imports (transitively) and of the installed
    distributions' versions."""
    digest = hashlib.sha256(installed_versions().encode())
    digest.update(files_digest(imported_modules(source)).encode())
    return digest.hexdigest()
