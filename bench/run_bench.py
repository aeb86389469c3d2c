"""Scale and speed benchmark of the dbt + DuckDB influencer pipeline (``make bench``).

For each size (default 1K, 10K, 100K influencers; 100 brands) it

1. generates the inputs (``python_udfs.generators.influencers``) under ``<runs>/<size>/input``;
2. runs ``dbt build --target ci --vars '{input_dir: ..., embedding_backend: ...}'`` in a child
   process (cwd = project root, DBT_PROFILES_DIR = project root, its own target/log paths and
   DuckDB file), polling the peak RSS of the child and its children every 0.2 s with psutil, and
   records per-model times (that run's run_results.json), the build time, the embedding
   throughput (influencers + brands embedded / execution time of the two embedding models) and the
   DuckDB file size;
3. runs a second ``dbt build`` with unchanged inputs (nothing may be embedded) and a third after
   changing one bio (exactly that row must be re-embedded);
4. for every backend in ``--backends``: a first build with that backend, the raw throughput of
   the model alone on the same cleaned texts (``get_encoder(backend).encode`` in a fresh process,
   after a warm-up), and, with two backends, their agreement (cosine of the two vectors of each
   text; overlap of each brand's top-10 influencers computed with ``top_k_cosine``);
5. k-means evidence: the project's clustering time (``int_influencers_clustered``), and a
   MiniBatchKMeans comparison (time at the largest size, quality against full k-means on 10K).

Then the embedding backends side by side (``bench/embeddings.py``, the ``make bench-embeddings``
report, unless ``--skip-embeddings``), and the fake-score chain alone at 1M influencers (``--growth-only`` inputs, ``dbt run --select
+fake_follower_scores``), unless ``--skip-1m``. Writes ``<out>/results.json`` and
``<out>/report.md`` (targets MET/MISSED with margins, machine facts).

The parts: ``bench/measure.py`` (dbt and the raw encoder in child processes; how texts embedded
are counted, through an encode observer), ``bench/evidence.py`` (measurements on a built
warehouse), ``bench/scenarios.py`` (what runs in which order), ``bench/judge.py`` (the targets),
``bench/report.py`` with ``bench/report_template.md`` (the report). Child processes start as
``python bench/run_bench.py --dbt-child COUNTS -- <dbt args>`` / ``--encode-child ...``.

Usage::

    .venv/bin/python bench/run_bench.py                       # the full benchmark (about an hour)
    .venv/bin/python bench/run_bench.py --sizes 1000 --backends sentence_transformers --skip-1m \\
        --out /tmp/bench_small                                # a quick run
    .venv/bin/python bench/run_bench.py --report-only         # re-judge + re-render bench/results.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

for _name, _value in {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "ORT_DISABLE_TELEMETRY": "1",
    "TOKENIZERS_PARALLELISM": "false",
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
}.items():
    os.environ.setdefault(_name, _value)

from bench import measure, scenarios  # noqa: E402  (after the environment above)
from bench.judge import CHAIN_SIZE, evaluate_targets  # noqa: E402
from bench.report import write_report  # noqa: E402

# The backends built by dbt at each size; bench/embeddings.py compares all three side by side.
BACKENDS = ("sentence_transformers", "onnx_int8", "onnx_int8_dynamic")
DEFAULT_SIZES = (1_000, 10_000, 100_000)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        nargs="+",
        default=[",".join(str(s) for s in DEFAULT_SIZES)],
        help="influencer counts, e.g. --sizes 1000 10000 or --sizes 1000,10000 (default 1K, 10K, 100K)",
    )
    parser.add_argument("--brands", type=int, default=100, help="brands per size (default 100)")
    parser.add_argument(
        "--backends",
        nargs="+",
        default=[",".join(BACKENDS[:2])],
        help="embedding backends; the first gets the incremental rebuilds (default sentence_transformers, onnx_int8)",
    )
    parser.add_argument(
        "--skip-embeddings", action="store_true", help="skip the backends side by side (bench/embeddings.py)"
    )
    parser.add_argument("--skip-1m", action="store_true", help="skip the fake-score chain at 1M influencers")
    parser.add_argument("--chain-size", type=int, default=CHAIN_SIZE, help="influencers for the chain run (default 1M)")
    parser.add_argument(
        "--out", type=Path, default=PROJECT_DIR / "bench", help="folder for report.md and results.json (default bench/)"
    )
    parser.add_argument(
        "--runs-dir",
        type=Path,
        default=None,
        help="working folder for inputs, databases and dbt artefacts (default <out>/runs)",
    )
    parser.add_argument(
        "--skip-data-tests",
        action="store_true",
        help="build seeds and models only, not the data tests (the smoke test); timings then leave them out",
    )
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="re-evaluate the targets and rewrite report.md from <out>/results.json; run nothing",
    )
    parser.add_argument(
        "--raw-max-texts",
        type=int,
        default=5000,
        help="cap on texts for the raw-model throughput (an evenly spaced sample of the same "
        "texts; 0 = all texts; default 5000)",
    )
    parser.add_argument(
        "--compare-max-size",
        type=int,
        default=0,
        help="backends after the first get a dbt build only at sizes up to this (default 0 = every "
        "size); their raw throughput is measured at every size",
    )
    parser.add_argument(
        "--thread-sample",
        type=int,
        default=1000,
        help="texts for the thread-settings experiment at the largest size (0 = skip; default %(default)s)",
    )
    args = parser.parse_args(argv)
    args.sizes = [int(s) for part in args.sizes for s in str(part).split(",") if s.strip()]
    args.backends = [b for part in args.backends for b in part.split(",") if b.strip()]
    unknown = [b for b in args.backends if b not in BACKENDS]
    if unknown:
        parser.error(f"unknown backend(s) {unknown}; valid: {', '.join(BACKENDS)}")
    if not args.sizes and args.skip_1m:
        parser.error("nothing to run: no sizes and --skip-1m")
    args.out = args.out.resolve()
    args.runs_dir = (args.runs_dir or args.out / "runs").resolve()
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--dbt-child"]:
        separator = argv.index("--")
        return measure.dbt_child(argv[1], argv[separator + 1 :])
    if argv[:1] == ["--encode-child"]:
        return measure.encode_child(*argv[1:5])
    args = parse_args(argv)
    if args.report_only:
        results = json.loads((args.out / "results.json").read_text())
        results["targets"] = evaluate_targets(results)
        (args.out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
        write_report(results, args.out / "report.md")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    args.runs_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"{time.strftime('%H:%M:%S')} +{(time.perf_counter() - started) / 60:5.1f} min  {message}", flush=True)

    def save(results: dict, final: bool) -> None:
        results["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        results["total_s"] = round(time.perf_counter() - started, 1)
        results["complete"] = final
        results["targets"] = evaluate_targets(results)
        (args.out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
        write_report(results, args.out / "report.md")

    results = scenarios.run_all(args, log, save)
    if not args.skip_embeddings:
        log("embedding backends side by side (bench/embeddings.py)")
        results["embedding_backends"] = measure.embedding_backends(args.out)
        save(results, True)
    log(f"wrote {args.out / 'results.json'} and {args.out / 'report.md'}")
    for t in results["targets"]:
        log(f"{t['status']:8s} {t['target']}: {t['measured']} ({t['threshold']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
