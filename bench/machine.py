"""The machine a benchmark ran on: cores, memory, CPU, package versions, commit, load average."""

from __future__ import annotations

import contextlib
import os
import platform
import subprocess
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent

VERSIONED_PACKAGES = (
    "dbt-core",
    "dbt-duckdb",
    "duckdb",
    "torch",
    "sentence-transformers",
    "onnxruntime",
    "tokenizers",
    "numpy",
    "scikit-learn",
    "pyarrow",
    "pandas",
    "psutil",
)


def machine_facts() -> dict:
    from importlib import metadata

    import psutil

    cpu_model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for package in VERSIONED_PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    commit = None
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        commit = (
            subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=10
            ).stdout.strip()
            or None
        )
    return {
        "logical_cores": os.cpu_count(),
        "physical_cores": psutil.cpu_count(logical=False),
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "cpu_model": cpu_model,
        "os": platform.platform(),
        "python": platform.python_version(),
        "versions": versions,
        "git_commit": commit,
        "load_avg_at_start": [round(x, 2) for x in os.getloadavg()],
    }
