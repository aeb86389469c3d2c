"""Fresh-warehouse builds over and over, to show that a first build never fails at random (issue 33).

Each run is `dbt build` of the bundled data into a new, empty DuckDB file, with its own target and
log folders, for each thread count asked for; every failure is reported with the lines of dbt's
output that name it. Not part of `make test` (30 + 30 builds take about 40 minutes on 2 cores):
`make soak`, or `python scripts/soak.py --runs 30 --threads 2 4 --report bench/soak_report.md`.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
DBT = Path(sys.executable).with_name("dbt")


def one_build(threads: int, work: Path) -> tuple[int, float, list[str]]:
    """(exit code, seconds, the lines that name a failure) of one fresh-warehouse build."""
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(PROJECT_DIR),
        "INFLUENCER_CI_DUCKDB_PATH": str(work / "warehouse.duckdb"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
    }
    command = [str(DBT), "build", "--target", "ci", "--threads", str(threads)]
    command += ["--target-path", str(work / "target"), "--log-path", str(work / "logs")]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    output = (result.stdout + result.stderr).splitlines()
    failures = [line for line in output if any(word in line for word in ("ERROR", "FAIL ", "Error", "Traceback"))]
    return result.returncode, seconds, failures[:20]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="fresh builds per thread count")
    parser.add_argument("--threads", type=int, nargs="+", default=[2, 4])
    parser.add_argument("--report", type=Path, default=PROJECT_DIR / "bench" / "soak_report.md")
    args = parser.parse_args()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_DIR, capture_output=True, text=True)
    lines = [
        "# Soak: fresh-warehouse builds of the bundled data",
        "",
        f"Commit {commit.stdout.strip() or '?'}, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, load average before {os.getloadavg()[0]:.2f}.",
        "",
        "| threads | builds | passed | failed | median s | slowest s |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    details, all_passed = [], True
    for threads in args.threads:
        seconds, failed = [], 0
        for run in range(1, args.runs + 1):
            with tempfile.TemporaryDirectory(prefix="soak-") as folder:
                code, elapsed, failures = one_build(threads, Path(folder))
            seconds.append(elapsed)
            status = "pass" if code == 0 else f"FAIL (exit {code})"
            print(f"threads {threads} run {run}/{args.runs}: {status} in {elapsed:.0f} s", flush=True)
            if code != 0:
                failed += 1
                details += [f"### threads {threads}, run {run}: exit {code}", "", "```", *failures, "```", ""]
        all_passed &= failed == 0
        ordered = sorted(seconds)
        lines.append(
            f"| {threads} | {args.runs} | {args.runs - failed} | {failed} | {ordered[len(ordered) // 2]:.0f} "
            f"| {ordered[-1]:.0f} |"
        )
    lines += ["", "## Failures", "", *(details or ["None."]), ""]
    args.report.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.report}")
    return 0 if all_passed else 1


if __name__ == "__main__":
    sys.exit(main())
