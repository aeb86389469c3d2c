"""Export the result marts to CSV: ``python -m python_udfs.dbt_glue.export [--database PATH] [--out DIR]``.

Opens the DuckDB file read-only and writes one CSV per mart, rows in a fixed order so the files are
byte-identical run after run. Marts that are not built (yet) are skipped with a message.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import duckdb

from python_udfs.core.warehouse import existing_relations

# file stem -> (mart relation, ORDER BY that makes the output deterministic)
EXPORTS: dict[str, tuple[str, str]] = {
    "niche_classification": ("main.niche_classification", "influencer_id"),
    "fake_follower_scores": ("main.fake_follower_scores", "influencer_id"),
    "brand_influencer_matches": ("main.brand_influencer_matches", "brand_id, match_rank"),
}

DEFAULT_DATABASE = os.environ.get("INFLUENCER_DUCKDB_PATH", "influencer_analytics.duckdb")


def export_marts(database: str, out_dir: str) -> list[Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with duckdb.connect(database, read_only=True) as con:
        available = existing_relations(con)
        for stem, (relation, order_by) in EXPORTS.items():
            if relation not in available:
                print(f"export: {relation} not built, skipped {stem}.csv", file=sys.stderr)
                continue
            path = out / f"{stem}.csv"
            con.execute(f"copy (select * from {relation} order by {order_by}) to '{path}' (header, delimiter ',')")
            written.append(path)
            print(f"export: wrote {path}")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--out", default="outputs")
    args = parser.parse_args(argv)
    export_marts(args.database, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
