"""python -m python_udfs.report --database PATH --out DIR [--assets DIR]"""

from __future__ import annotations

import argparse
import os
import sys

from python_udfs.report.site import build_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m python_udfs.report",
        description="Write self-contained HTML report pages from the built DuckDB file (opened read-only).",
    )
    parser.add_argument("--database", default=os.environ.get("INFLUENCER_DUCKDB_PATH", "influencer_analytics.duckdb"))
    parser.add_argument("--out", default="site", help="folder for index.html and the pages (default: site)")
    parser.add_argument(
        "--assets", default=None, help="also write SVG charts for the dbt docs into this folder (e.g. assets)"
    )
    args = parser.parse_args(argv)
    try:
        written = build_site(args.database, args.out, args.assets)
    except FileNotFoundError as error:
        print(f"report: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"report: wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
