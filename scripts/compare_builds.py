"""Two builds of the project, relation for relation: the same tables, columns and rows.

``python scripts/compare_builds.py BEFORE.duckdb AFTER.duckdb [--renames renames.json]`` opens
both warehouse files read-only and compares every table and view of every schema: the same
column names and types in the same order, and the same rows (``except all`` both ways, so
duplicates count and floats must be equal to the bit). ``--renames`` maps a relation's old name to
its new one (``{"int_follower_spikes": "int_influencers_spikes_counted"}``) for a change that
renames models. Two bookkeeping columns hash the project's code, so a change that moves or edits
code changes them by design, and they are not compared: ``input_fingerprint`` (memoised models)
and ``source_text_hash`` (the cleaned texts: the source text plus the text-cleaning module's hash). Prints one line per relation
that differs and a closing line ``N passed, M failed``; exits 1 when M > 0. A relation on one
side only is a failure.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import duckdb

NOT_COMPARED = ("input_fingerprint", "source_text_hash")


def relations(con: duckdb.DuckDBPyConnection, catalog: str) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(schema, name) -> [(column, type), ...] in column order, for every table and view of ``catalog``."""
    rows = con.execute(
        "select table_schema, table_name, column_name, data_type from information_schema.columns "
        "where table_catalog = ? order by table_schema, table_name, ordinal_position",
        [catalog],
    ).fetchall()
    found: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for schema, name, column, data_type in rows:
        found.setdefault((schema, name), []).append((column, data_type))
    return found


def compare(before: Path, after: Path, renames: dict[str, str]) -> list[tuple[str, str | None]]:
    """(relation, problem or None) for every relation of either build."""
    con = duckdb.connect()
    con.execute(f"attach '{before}' as before_db (read_only)")
    con.execute(f"attach '{after}' as after_db (read_only)")
    old, new = relations(con, "before_db"), relations(con, "after_db")
    outcomes: list[tuple[str, str | None]] = []
    matched: set[tuple[str, str]] = set()
    for (schema, name), columns in sorted(old.items()):
        label = f"{schema}.{name}"
        target = (schema, renames.get(name, name))
        if target not in new:
            outcomes.append((label, f"missing after (looked for {target[0]}.{target[1]})"))
            continue
        matched.add(target)
        kept = [(c, t) for c, t in columns if c not in NOT_COMPARED]
        kept_after = [(c, t) for c, t in new[target] if c not in NOT_COMPARED]
        if kept != kept_after:
            outcomes.append((label, f"columns differ: {kept} != {kept_after}"))
            continue
        select = ", ".join(f'"{c}"' for c, _ in kept)
        left = f'select {select} from before_db."{schema}"."{name}"'
        right = f'select {select} from after_db."{target[0]}"."{target[1]}"'
        ((count_old,),) = con.execute(f"select count(*) from ({left})").fetchall()
        ((count_new,),) = con.execute(f"select count(*) from ({right})").fetchall()
        ((only_old,),) = con.execute(f"select count(*) from ({left} except all {right})").fetchall()
        ((only_new,),) = con.execute(f"select count(*) from ({right} except all {left})").fetchall()
        if (count_old, only_old, only_new) != (count_new, 0, 0):
            problem = f"rows differ: {count_old} vs {count_new} rows, {only_old} only before, {only_new} only after"
            outcomes.append((label, problem))
        else:
            outcomes.append((label, None))
    for schema, name in sorted(set(new) - matched):
        outcomes.append((f"{schema}.{name}", "missing before (new relation)"))
    return outcomes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--renames", type=Path, help="JSON object: old relation name -> new name")
    args = parser.parse_args(argv)
    renames = json.loads(args.renames.read_text()) if args.renames else {}
    outcomes = compare(args.before, args.after, renames)
    failed = [(label, problem) for label, problem in outcomes if problem]
    for label, problem in failed:
        print(f"{label}: {problem}")
    print(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
