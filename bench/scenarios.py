"""Measuring: what the bench runs, in order (each size, the thread settings, the 1M fake-score chain).

:func:`run_all` fills the results dict and hands it to ``save`` after every stage, so an
interrupted benchmark still leaves its measurements so far in results.json.
"""

from __future__ import annotations

import os
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

from bench import evidence, machine, measure
from bench.models import MODELS

CHANGED_BIO_SUFFIX = " Now also hosting a weekly live Q&A about everything above."
FULL_FIT_MAX_SIZE = 20_000  # a fresh full k-means fit is cheap only at small sizes; dbt timed it anyway


def build_command(args) -> list[str]:
    """The dbt command each build of a size runs: ``dbt build``, or with ``--skip-data-tests`` its
    seeds and models only (the smoke test checks the bench's plumbing, not the data tests)."""
    if args.skip_data_tests:
        return ["build", "--resource-type", "seed", "--resource-type", "model"]
    return ["build"]


def run_all(args, log, save) -> dict:
    """Every measurement ``args`` asks for; ``save(results, final)`` is called after each stage."""
    results: dict = {
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "config": {
            "sizes": args.sizes,
            "brands": args.brands,
            "backends": args.backends,
            "skip_1m": args.skip_1m,
            "chain_size": None if args.skip_1m else args.chain_size,
            "seed": args.seed,
            "raw_max_texts": args.raw_max_texts or None,
            "compare_max_size": args.compare_max_size,
            "thread_sample": args.thread_sample,
            "build_command": build_command(args),
            "runs_dir": str(args.runs_dir),
            "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY")
            or "not set in the environment (python_udfs.core.embeddings decides)",
            "models": MODELS,
            "texts_counted_by": measure.TEXTS_COUNTED_BY,
        },
        "machine": machine.machine_facts(),
        "sizes": {},
        "fake_chain": None,
        "thread_settings": None,
    }
    for size in args.sizes:
        results["sizes"][str(size)] = bench_size(size, args, args.runs_dir, log)
        save(results, final=False)
    if args.sizes and args.thread_sample:
        largest = max(args.sizes)
        database = args.runs_dir / str(largest) / args.backends[0] / "warehouse.duckdb"
        results["thread_settings"] = {
            "influencers": largest,
            "runs": measure.thread_settings(
                evidence.cleaned_texts(database), args.backends, args.thread_sample, args.runs_dir / "threads", log
            ),
        }
        save(results, final=False)
    if not args.skip_1m:
        results["fake_chain"] = bench_fake_chain(args.chain_size, args, args.runs_dir, log)
    save(results, final=True)
    return results


def bench_size(size: int, args, runs_dir: Path, log) -> dict:
    """Inputs for ``size`` influencers; per backend a first build and the raw model on its texts (the
    primary backend also rebuilds unchanged and with one bio changed); then the warehouse evidence."""
    from python_udfs.generators.influencers import generate

    size_dir = runs_dir / str(size)
    input_dir = size_dir / "input"
    started = time.perf_counter()
    generate(input_dir, size, args.brands, seed=args.seed, fake_share=0.05)
    result: dict = {
        "influencers": size,
        "brands": args.brands,
        "generate_s": round(time.perf_counter() - started, 3),
        "input_dir": str(input_dir),
        "builds": {},
    }
    log(f"[{size}] generated inputs in {result['generate_s']} s")

    databases: dict[str, Path] = {}
    primary = args.backends[0]
    build_backends = [
        b for b in args.backends if b == primary or not args.compare_max_size or size <= args.compare_max_size
    ]
    result["raw_throughput"] = {}
    for backend in build_backends:
        backend_dir = size_dir / backend
        if backend_dir.exists():
            shutil.rmtree(backend_dir)
        database = backend_dir / "warehouse.duckdb"
        target_dir = backend_dir / "target"
        databases[backend] = database
        variables = {"input_dir": str(input_dir), "embedding_backend": backend}
        builds: dict = {}
        log(f"[{size}] {backend}: first dbt build ...")
        builds["first"] = measure.run_dbt(build_command(args), backend_dir / "build1", database, variables, target_dir)
        log(
            f"[{size}] {backend}: first build {builds['first']['wall_s']} s, "
            f"{builds['first']['embedding']['texts_per_s']} texts/s, peak RSS {builds['first']['peak_rss_mb']} MB"
        )
        # The model alone on the same texts, right after the build (similar machine load).
        raw = measure.raw_throughput(evidence.cleaned_texts(database), backend, args.raw_max_texts, size_dir / "raw")
        _compare_raw(raw, builds["first"]["embedding"])
        result["raw_throughput"][backend] = raw
        log(
            f"[{size}] {backend}: raw model {raw['texts_per_s']} texts/s on {raw['texts']} texts, "
            f"pipeline/raw {raw['pipeline_to_raw_ratio']} (per CPU second: {raw['pipeline_to_raw_cpu_ratio']})"
        )
        if backend == primary:
            builds.update(
                _rebuilds(
                    build_command(args),
                    backend_dir,
                    database,
                    variables,
                    target_dir,
                    input_dir,
                    log,
                    f"[{size}] {backend}",
                )
            )
        result["builds"][backend] = builds

    texts = evidence.cleaned_texts(databases[primary])
    for backend in args.backends:
        if backend not in result["raw_throughput"]:  # not built at this size: raw model only
            raw = measure.raw_throughput(texts, backend, args.raw_max_texts, size_dir / "raw")
            _compare_raw(raw, {})
            result["raw_throughput"][backend] = raw
            log(f"[{size}] {backend}: raw model {raw['texts_per_s']} texts/s (not built at this size)")
    if len(build_backends) >= 2:
        result["backend_agreement"] = evidence.backend_agreement(databases)
        log(
            f"[{size}] agreement: mean cosine {result['backend_agreement']['mean_cosine']}, "
            f"top-10 overlap {result['backend_agreement']['brand_top_k_overlap_mean']}"
        )

    first = result["builds"][primary]["first"]
    result["clustering_s"] = first["model_times_s"].get(MODELS["clustering"])
    result["brand_matching_s"] = first["model_times_s"].get(MODELS["matching"])
    result["matching_alone"] = evidence.matching_alone(databases[primary])
    settings = evidence.build_settings(databases[primary])  # the k-means the build ran, to compare with
    result["clustering"] = evidence.clustering_evidence(
        databases[primary],
        input_dir / "ground_truth.csv",
        k=settings.n_niches,
        seed=settings.kmeans_seed,
        n_init=settings.kmeans_n_init,
        full_fit=size <= FULL_FIT_MAX_SIZE,
    )
    log(
        f"[{size}] clustering {result['clustering_s']} s in dbt; MiniBatchKMeans {result['clustering']['minibatch_s']} s"
    )
    return result


def _rebuilds(
    command: list[str],
    backend_dir: Path,
    database: Path,
    variables: dict,
    target_dir: Path,
    input_dir: Path,
    log,
    tag: str,
):
    """After a first build: a rebuild with unchanged inputs, then one with one bio changed."""
    builds: dict = {}
    builds["unchanged"] = measure.run_dbt(command, backend_dir / "build2", database, variables, target_dir)
    log(
        f"{tag}: unchanged rebuild {builds['unchanged']['wall_s']} s, embedded "
        f"{builds['unchanged']['embedding']['texts_embedded']}"
    )
    influencers_csv = input_dir / "influencers_data.csv"
    changed_id, original = change_one_bio(influencers_csv)
    try:
        builds["bio_changed"] = measure.run_dbt(command, backend_dir / "build3", database, variables, target_dir)
    finally:
        influencers_csv.write_bytes(original)
    builds["bio_changed"]["changed_influencer_id"] = changed_id
    log(
        f"{tag}: bio-changed rebuild {builds['bio_changed']['wall_s']} s, embedded "
        f"{builds['bio_changed']['embedding']['texts_embedded']}"
    )
    return builds


def _compare_raw(raw: dict, pipeline: dict) -> None:
    raw["pipeline_texts_per_s"] = pipeline.get("texts_per_s")
    raw["pipeline_to_raw_ratio"] = (
        round(pipeline["texts_per_s"] / raw["texts_per_s"], 4) if pipeline.get("texts_per_s") else None
    )
    raw["pipeline_texts_per_cpu_s"] = pipeline.get("texts_per_cpu_s")
    raw["pipeline_to_raw_cpu_ratio"] = (
        round(pipeline["texts_per_cpu_s"] / raw["texts_per_cpu_s"], 4) if pipeline.get("texts_per_cpu_s") else None
    )


def change_one_bio(path: Path) -> tuple[str, bytes]:
    """Change the first influencer's bio in ``path`` in place; returns its id and the original bytes.

    In place (same input_dir var) so that dbt can reuse its partial-parse manifest.
    """
    import csv
    import io

    original = path.read_bytes()
    rows = list(csv.reader(io.StringIO(original.decode("utf-8"), newline="")))
    header, body = rows[0], rows[1:]
    bio = header.index("bio")
    body[0][bio] = (body[0][bio] + CHANGED_BIO_SUFFIX).strip()
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(body)
    return body[0][header.index("influencer_id")], original


def bench_fake_chain(size: int, args, runs_dir: Path, log) -> dict:
    """The fake-score chain alone (``dbt run --select +<scores model>``) on growth-only inputs."""
    from python_udfs.generators.influencers import generate

    chain_dir = runs_dir / f"chain_{size}"
    input_dir = chain_dir / "input"
    started = time.perf_counter()
    generate(input_dir, size, 0, seed=args.seed, fake_share=0.05, growth_only=True)
    generate_s = time.perf_counter() - started
    database = chain_dir / "warehouse.duckdb"
    for stale in (database, Path(str(database) + ".wal")):
        stale.unlink(missing_ok=True)
    select = f"+{MODELS['scores']}"
    log(f"[chain {size}] growth-only inputs in {generate_s:.1f} s; dbt run --select {select} ...")
    # build, seeds and models: the chain reads the config seeds follower_tiers and engagement_benchmarks.
    run = measure.run_dbt(
        ["build", "--select", select, "--resource-type", "seed", "--resource-type", "model"],
        chain_dir / "run",
        database,
        {"input_dir": str(input_dir)},
    )
    chain_times = {m: run["model_times_s"].get(m) for m in MODELS["chain"]}
    result = {
        "influencers": size,
        "generate_s": round(generate_s, 3),
        "model_times_s": chain_times,
        "models_total_s": round(sum(v for v in chain_times.values() if v), 3),
        "dbt_elapsed_s": run["dbt_elapsed_s"],
        "wall_s": run["wall_s"],
        "peak_rss_mb": run["peak_rss_mb"],
        "duckdb_size_mb": run["duckdb_size_mb"],
        "load_avg_before": run["load_avg_before"],
        "load_avg_after": run["load_avg_after"],
        "rows_scored": evidence.rows_scored(database),
    }
    log(f"[chain {size}] {result['dbt_elapsed_s']} s (models {result['models_total_s']} s)")
    return result
