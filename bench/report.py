"""Reporting: bench/report.md from the results dict, through bench/report_template.md.

The template holds every heading, table header and sentence; this module only formats values
and table rows. :func:`render_report` reads nothing but the results (and the template), so
``run_bench.py --report-only`` re-renders an old results.json.
"""

from __future__ import annotations

import re
from pathlib import Path
from string import Template

from bench.evidence import MINIBATCH
from bench.measure import POLL_SECONDS, WARMUP_TEXTS
from bench.scenarios import FULL_FIT_MAX_SIZE

TEMPLATE_PATH = Path(__file__).resolve().parent / "report_template.md"
_BLOCK_LINE = re.compile(r"^<!-- block: (.+) -->$", re.MULTILINE)

# What results.json written before config.models / config.texts_counted_by existed measured (the
# model names before issue 11's layout).
LEGACY_MODELS = {
    "embeddings": {"influencer_embeddings": "influencer_id", "brand_embeddings": "brand_id"},
    "taxonomy": "int_niche_phrases_embedded",
    "clustering": "int_influencers_clustered",
    "matching": "int_brand_matches_ranked",
    "scores": "fake_follower_scores",
}
LEGACY_TEXTS_COUNTED_BY = "wrapped `embed_new_texts` / `Encoder.encode`"


def template_blocks(path: Path = TEMPLATE_PATH) -> dict[str, Template]:
    """The template file's blocks by name (see the comment at the top of the file)."""
    text = path.read_text(encoding="utf-8")
    parts = _BLOCK_LINE.split(text)  # [preamble, name, body, name, body, ...]
    return {name: Template(body.strip("\n")) for name, body in zip(parts[1::2], parts[2::2])}


def write_report(results: dict, path: Path) -> None:
    path.write_text(render_report(results))


def render_report(results: dict) -> str:
    blocks = template_blocks()
    cfg, m = results["config"], results["machine"]
    models = cfg.get("models") or LEGACY_MODELS
    influencer_model, brand_model = models["embeddings"]
    page = blocks["page"].substitute(
        finished_at=results["finished_at"],
        total_min=f"{results['total_s'] / 60:.1f}",
        sizes=", ".join(f"{s:,}" for s in cfg["sizes"]),
        brands=cfg["brands"],
        backends=", ".join(cfg["backends"]),
        seed=cfg["seed"],
        omp_wait_policy=cfg.get("omp_wait_policy"),
        raw_max_texts=cfg.get("raw_max_texts") or "all",
        compare_max_size=f"{cfg.get('compare_max_size', 0):,}",
        runs_dir=cfg["runs_dir"],
        cpu_model=m["cpu_model"],
        logical_cores=m["logical_cores"],
        physical_cores=m["physical_cores"],
        ram_gb=m["ram_gb"],
        os=m["os"],
        python=m["python"],
        versions=", ".join(f"{k} {v}" for k, v in m["versions"].items() if v),
        git_commit=m["git_commit"],
        load_avg_at_start=m["load_avg_at_start"],
        target_rows="\n".join(
            f"| {t['target']} | {t['threshold']} | {t['measured'] or '-'} | **{t['status']}** | {t['margin'] or '-'} | {t['note']} |"
            for t in results["targets"]
        ),
        missed_targets=_missed_targets(results["targets"], blocks),
        size_sections=_size_sections(results, models, blocks) if results["sizes"] else "",
        thread_settings=_thread_settings(results.get("thread_settings"), blocks),
        embedding_backends=_embedding_backends(results.get("embedding_backends"), blocks),
        fake_chain=_fake_chain(results.get("fake_chain"), models, blocks),
        influencer_model=influencer_model,
        brand_model=brand_model,
        warmup_texts=WARMUP_TEXTS,
        texts_counted_by=cfg.get("texts_counted_by") or LEGACY_TEXTS_COUNTED_BY,
        poll_seconds=POLL_SECONDS,
        minibatch_n_init=MINIBATCH["n_init"],
        minibatch_batch_size=MINIBATCH["batch_size"],
        full_fit_max_size=f"{FULL_FIT_MAX_SIZE // 1000}K",
        clustering_model=models["clustering"],
    )
    return re.sub(r"\n{3,}", "\n\n", page).rstrip("\n") + "\n"


def _missed_targets(targets: list[dict], blocks: dict[str, Template]) -> str:
    causes = {
        name.removeprefix("cause: "): block.template for name, block in blocks.items() if name.startswith("cause: ")
    }
    lines = [
        f"- **{t['target']}**: {cause}"
        for t in targets
        if t["status"] == "MISSED"
        for prefix, cause in causes.items()
        if t["target"].startswith(prefix)
    ]
    return blocks["missed_targets"].substitute(causes="\n".join(lines)) if lines else ""


def _size_sections(results: dict, models: dict, blocks: dict[str, Template]) -> str:
    sizes, cfg = results["sizes"], results["config"]
    primary = cfg["backends"][0]
    keys = list(sizes)
    influencer_model, brand_model = models["embeddings"]
    columns = {"size_columns": " | ".join(f"{int(k):,}" for k in keys), "size_separators": "---|" * len(keys)}
    sections = [
        blocks["full_builds"].substitute(
            primary=primary, rows=_full_build_rows(sizes, keys, primary, models), **columns
        ),
        blocks["incremental"].substitute(
            influencer_model=influencer_model,
            brand_model=brand_model,
            rows=_incremental_rows(sizes, keys, primary, models),
        ),
        blocks["backends"].substitute(rows=_backend_rows(sizes, keys, cfg["backends"])),
    ]
    if any("backend_agreement" in sizes[k] for k in keys):
        sections.append(blocks["agreement"].substitute(rows=_agreement_rows(sizes, keys, models)))
    sections.append(
        blocks["clustering"].substitute(k=sizes[keys[0]]["clustering"]["k"], rows=_clustering_rows(sizes, keys))
    )
    first_times = [sizes[k]["builds"][primary]["first"]["model_times_s"] for k in keys]
    # Slowest model first (its largest time over the sizes); equal times by name, so the order is stable.
    names = sorted(
        {n for times in first_times for n in times}, key=lambda n: (-max(t.get(n, 0) for t in first_times), n)
    )
    rows = [f"| {n} | " + " | ".join(f"{t.get(n, '-')}" for t in first_times) + " |" for n in names]
    sections.append(blocks["per_model"].substitute(primary=primary, rows="\n".join(rows), **columns))
    return "\n\n".join(sections)


def _full_build_rows(sizes: dict, keys: list[str], primary: str, models: dict) -> str:
    def first(s):
        return s["builds"][primary]["first"]

    def raw(s):
        return s["raw_throughput"][primary]

    def texts(s):
        embedded = first(s)["embedding"]["texts_embedded"]
        return embedded["influencers"] + embedded["brands"]

    rows = [
        ("input generation (s)", lambda s: f"{s['generate_s']:.1f}"),
        ("first build: process wall (s)", lambda s: f"{first(s)['wall_s']:.1f}"),
        ("first build: dbt elapsed (s)", lambda s: f"{first(s)['dbt_elapsed_s']:.1f}"),
        ("first build: CPU time of the dbt process (s)", lambda s: f"{first(s)['cpu_s']:.1f}"),
        ("first build: data tests total (s)", lambda s: f"{first(s)['tests_total_s']:.1f}"),
        ("peak RSS, dbt process tree (MB)", lambda s: f"{first(s)['peak_rss_mb']:.0f}"),
        ("models running at the peak", lambda s: ", ".join(first(s).get("peak_rss_during") or []) or "-"),
        ("DuckDB file after first build (MB)", lambda s: f"{first(s)['duckdb_size_mb']:.1f}"),
        ("texts embedded (influencers + brands)", texts),
        ("embedding stage: 2 models, union of run time (s)", lambda s: f"{first(s)['embedding']['stage_s']:.1f}"),
        ("pipeline throughput (texts/s)", lambda s: f"{first(s)['embedding']['texts_per_s']:.1f}"),
        ("raw model throughput, same texts (texts/s)", lambda s: f"{raw(s)['texts_per_s']:.1f}"),
        (
            "raw model: texts measured / CPU cores it got",
            lambda s: f"{raw(s)['texts']:,} / {raw(s)['cores_used']:.2f}",
        ),
        ("pipeline / raw (wall clock)", lambda s: f"{raw(s)['pipeline_to_raw_ratio']:.3f}"),
        ("pipeline / raw (texts per CPU second)", lambda s: f"{raw(s)['pipeline_to_raw_cpu_ratio']:.3f}"),
        (f"niche clustering, {models['clustering']} (s)", lambda s: f"{s['clustering_s']:.2f}"),
        (f"brand matching, {models['matching']} (s)", lambda s: f"{s['brand_matching_s']:.2f}"),
        ("top_k_cosine alone, 1 pool (s)", lambda s: f"{s['matching_alone']['top_k_cosine_s']:.2f}"),
        (
            "load avg before / after first build",
            lambda s: f"{first(s)['load_avg_before'][0]} / {first(s)['load_avg_after'][0]}",
        ),
    ]
    lines = []
    for label, value_of in rows:
        values = []
        for k in keys:
            try:
                value = value_of(sizes[k])
            except (KeyError, TypeError):  # not measured at this size (e.g. a failed raw run)
                value = None
            values.append("-" if value is None else str(value))
        lines.append(f"| {label} | " + " | ".join(values) + " |")
    return "\n".join(lines)


def _incremental_rows(sizes: dict, keys: list[str], primary: str, models: dict) -> str:
    influencer_model, brand_model = models["embeddings"]
    lines = []
    for k in keys:
        for run in ("first", "unchanged", "bio_changed"):
            b = sizes[k]["builds"][primary].get(run)
            if not b:
                continue
            mt = b["embedding"]["model_times_s"]
            te = b["embedding"]["texts_embedded"]
            lines.append(
                f"| {int(k):,} | {run} | {b['wall_s']:.1f} | {b['dbt_elapsed_s']:.1f} | {mt[influencer_model]} | "
                f"{mt[brand_model]} | {mt[models['taxonomy']]} | {te['influencers']} / {te['brands']} / {te['taxonomy']} |"
            )
    return "\n".join(lines)


def _backend_rows(sizes: dict, keys: list[str], backends: list[str]) -> str:
    lines = []
    for k in keys:
        for backend in backends:
            raw = sizes[k]["raw_throughput"].get(backend)
            b = sizes[k]["builds"].get(backend, {}).get("first")
            if not raw:
                continue
            cpu_ratio = raw.get("pipeline_to_raw_cpu_ratio")
            cpu_ratio = "-" if cpu_ratio is None else f"{cpu_ratio:.3f}"
            start = f"| {int(k):,} | {backend} | {raw['texts_per_s']:.1f} | {raw['texts_per_cpu_s']:.1f} | {raw['texts']:,} | "
            if b:
                lines.append(
                    start + f"{b['embedding']['texts_per_s']:.1f} | {raw['pipeline_to_raw_ratio']:.3f} | {cpu_ratio} | "
                    f"{b['dbt_elapsed_s']:.1f} | {b['peak_rss_mb']:.0f} |"
                )
            else:
                lines.append(start + "not built | - | - | - | - |")
    return "\n".join(lines)


def _agreement_rows(sizes: dict, keys: list[str], models: dict) -> str:
    lines = []
    for k in keys:
        a = sizes[k].get("backend_agreement")
        if not a:
            continue
        n = sum(a[mdl]["texts_compared"] for mdl in models["embeddings"])
        p01 = min(a[mdl]["p01_cosine"] for mdl in models["embeddings"])
        lines.append(
            f"| {int(k):,} | {n:,} | {a['mean_cosine']:.5f} | {a['min_cosine']:.5f} | {p01:.5f} | "
            f"{a['brand_top_k_overlap_mean']:.3f} | {a['brand_top_k_overlap_min']:.2f} |"
        )
    return "\n".join(lines)


def _clustering_rows(sizes: dict, keys: list[str]) -> str:
    lines = []
    for k in keys:
        c = sizes[k]["clustering"]
        lines.append(
            f"| {int(k):,} | {sizes[k]['clustering_s']:.2f} | {c['clustering_py_uses_minibatch']} | {c['minibatch_s']:.2f} | "
            f"{c['minibatch_inertia_ratio_vs_full']:.4f} | {c['minibatch_ari_vs_full']:.3f} | "
            f"{c.get('project_ari_vs_truth', '-')} | {c.get('minibatch_ari_vs_truth', '-')} |"
        )
    return "\n".join(lines)


def _thread_settings(threads: dict | None, blocks: dict[str, Template]) -> str:
    if not threads:
        return ""
    runs = threads["runs"]
    lines = []
    for r in runs:
        if "error" in r:
            lines.append(f"| {r['backend']} | {r['variant']} | failed | - | - | - | - |")
            continue
        lines.append(
            f"| {r['backend']} | {r['variant']} | {r['texts_per_s']:.1f} | {r['texts_per_cpu_s']:.1f} | {r['cpu_s']:.1f} | "
            f"{r['cores_used']:.2f} | {r['load_avg_before'][0]} |"
        )
    return blocks["thread_settings"].substitute(
        texts=runs[0]["texts"] if runs and "texts" in runs[0] else "?",
        influencers=f"{threads['influencers']:,}",
        rows="\n".join(lines),
    )


def _embedding_backends(side_by_side: dict | None, blocks: dict[str, Template]) -> str:
    if not side_by_side:
        return ""
    speed, plain = side_by_side["speed"], side_by_side["speed"]["plain sentence-transformers"]
    return blocks["embedding_backends"].substitute(
        when=side_by_side["when"],
        load_before=f"{side_by_side['load_before']:.2f}",
        load_after=f"{side_by_side['load_after']:.2f}",
        speed_texts=side_by_side["speed_texts"],
        repeats=side_by_side["repeats"],
        rows="\n".join(f"| {name} | {rate:.1f} | {rate / plain:.2f}x |" for name, rate in speed.items()),
        summary=side_by_side["summary"],
    )


def _fake_chain(chain: dict | None, models: dict, blocks: dict[str, Template]) -> str:
    if not chain:
        return ""
    return blocks["fake_chain"].substitute(
        influencers=f"{chain['influencers']:,}",
        scores_model=models["scores"],
        rows="\n".join(f"| {name} | {t} |" for name, t in chain["model_times_s"].items()),
        models_total_s=f"{chain['models_total_s']:.2f}",
        dbt_elapsed_s=f"{chain['dbt_elapsed_s']:.2f}",
        wall_s=f"{chain['wall_s']:.2f}",
        generate_s=f"{chain['generate_s']:.2f}",
        peak_rss_mb=f"{chain['peak_rss_mb']:.0f}",
        duckdb_size_mb=f"{chain['duckdb_size_mb']:.1f}",
        rows_scored=f"{chain['rows_scored']:,}",
        load_before=chain["load_avg_before"][0],
        load_after=chain["load_avg_after"][0],
    )
