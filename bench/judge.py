"""Judging: each benchmark target MET / MISSED / NOT RUN, with its margin, from results.json alone.

:func:`evaluate_targets` reads only the results dict, so ``run_bench.py --report-only`` can
re-judge an old run after a target changes.
"""

from __future__ import annotations

CHAIN_SIZE = 1_000_000
# The throughput targets are judged from this size up: below it, loading the model (about 5 s)
# and fixed per-model costs dominate an embedding stage of a few seconds.
RATIO_MIN_SIZE = 10_000
LARGE_SIZE = "100000"  # the size the matching, clustering and memory targets are stated for

TARGETS = {
    "fake_chain_1m_s": 20.0,
    "pipeline_vs_raw_min_ratio": 0.90,
    "int8_min_speedup": 1.5,
    "int8_min_mean_cosine": 0.999,
    "brand_matching_100k_s": 5.0,
    "clustering_100k_s": 60.0,
    "peak_rss_100k_gb": 4.0,
}
LEGACY_MATCH_MODEL = "int_brand_matches_ranked"  # results.json written before config.models existed


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

    chain_target = f"< {TARGETS['fake_chain_1m_s']:.0f} s"
    chain = results.get("fake_chain")
    if chain and chain["influencers"] >= CHAIN_SIZE:
        t = chain["dbt_elapsed_s"]
        add(
            "fake-score chain at 1M",
            chain_target,
            f"{t:.1f} s",
            t < TARGETS["fake_chain_1m_s"],
            _margin(t, TARGETS["fake_chain_1m_s"], "s"),
            f"dbt elapsed; models alone {chain['models_total_s']:.1f} s",
        )
    else:
        add("fake-score chain at 1M", chain_target, None, False, None)

    if largest:
        _embedding_targets(sizes, primary, largest, add)

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

    matching_target = f"< {TARGETS['brand_matching_100k_s']:.0f} s"
    clustering_target = f"< {TARGETS['clustering_100k_s']:.0f} s"
    rss_target = f"< {TARGETS['peak_rss_100k_gb']:.0f} GB"
    big = sizes.get(LARGE_SIZE)
    if big:
        match_model = results["config"].get("models", {}).get("matching", LEGACY_MATCH_MODEL)
        t = big["brand_matching_s"]
        add(
            "brand matching 100 x 100K, top-10",
            matching_target,
            f"{t:.2f} s",
            t < TARGETS["brand_matching_100k_s"],
            _margin(t, TARGETS["brand_matching_100k_s"], "s"),
            f"{match_model} (2 pools); top_k_cosine alone {big['matching_alone']['top_k_cosine_s']:.2f} s",
        )
        t = big["clustering_s"]
        add(
            "niche clustering 100K x 384",
            clustering_target,
            f"{t:.1f} s",
            t < TARGETS["clustering_100k_s"],
            _margin(t, TARGETS["clustering_100k_s"], "s"),
            # n_init is recorded since the settings mart exists; earlier runs used the default, 10.
            f"full KMeans (lloyd, n_init={big['clustering'].get('n_init', 10)}); "
            f"MiniBatchKMeans {big['clustering']['minibatch_s']:.1f} s",
        )
        rss = big["builds"][primary]["first"]["peak_rss_mb"] / 1024
        add(
            "peak RSS of dbt at 100K",
            rss_target,
            f"{rss:.2f} GB",
            rss < TARGETS["peak_rss_100k_gb"],
            _margin(rss, TARGETS["peak_rss_100k_gb"], "GB"),
        )
    else:
        for name, threshold in (
            ("brand matching 100 x 100K, top-10", matching_target),
            ("niche clustering 100K x 384", clustering_target),
            ("peak RSS of dbt at 100K", rss_target),
        ):
            add(name, threshold, None, False, None)
    return rows


def _embedding_targets(sizes: dict, primary: str, largest: str, add) -> None:
    """Pipeline vs raw model, the int8 speed-up and the int8 agreement."""
    # Throughput on a shared 2-core host varies by 10-20 % between identical runs, so the two
    # throughput targets are judged on the least favourable of the measurements that can stand
    # for them (every size from RATIO_MIN_SIZE up; raw and in-pipeline speed-up), not the best.
    min_ratio = TARGETS["pipeline_vs_raw_min_ratio"]
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
        f"{int(s):,}: {sizes[s]['raw_throughput'][primary]['pipeline_to_raw_ratio']:.3f}" for s in judged if s != worst
    )
    add(
        f"embedding stage vs raw model ({primary}, lowest ratio of the sizes >= {RATIO_MIN_SIZE:,}: {int(worst):,})",
        f"within {(1 - min_ratio) * 100:.0f} % (ratio >= {min_ratio:.2f})",
        None
        if ratio is None
        else f"{ratio:.3f} ({raw['pipeline_texts_per_s']:.1f} vs {raw['texts_per_s']:.1f} texts/s)",
        ratio is not None and ratio >= min_ratio,
        None if ratio is None else f"{(ratio - 1) * 100:+.1f} % vs raw",
        ("" if cpu_ratio is None else f"per CPU second: {cpu_ratio:.3f}")
        + (f"; other sizes: {others}" if others else ""),
    )

    speedup_target = f">= {TARGETS['int8_min_speedup']}x"
    both = [
        s
        for s in sizes
        if {"onnx_int8", "sentence_transformers"} <= set(sizes[s]["raw_throughput"]) and int(s) >= RATIO_MIN_SIZE
    ]
    if both:
        speedups = []  # (speed-up, how it was measured)
        for at in both:
            raws = sizes[at]["raw_throughput"]
            int8, fp32 = raws["onnx_int8"], raws["sentence_transformers"]
            speedups.append((int8["texts_per_s"] / fp32["texts_per_s"], f"raw model, {int(at):,}"))
            if int8.get("pipeline_texts_per_s") and fp32.get("pipeline_texts_per_s"):
                speedups.append(
                    (int8["pipeline_texts_per_s"] / fp32["pipeline_texts_per_s"], f"in the pipeline, {int(at):,}")
                )
        speedup, where = min(speedups)
        add(
            f"onnx_int8 speed-up (lowest measurement: {where})",
            speedup_target,
            f"{speedup:.2f}x",
            speedup >= TARGETS["int8_min_speedup"],
            f"{speedup - TARGETS['int8_min_speedup']:+.2f}x",
            "all: " + ", ".join(f"{how} {value:.2f}x" for value, how in speedups),
        )
    else:
        add("onnx_int8 speed-up", speedup_target, None, False, None)

    cosine_target = f">= {TARGETS['int8_min_mean_cosine']}"
    compared = [s for s in sizes if sizes[s].get("backend_agreement")]
    if compared:
        at = max(compared, key=int)
        agreement = sizes[at]["backend_agreement"]
        mean = agreement["mean_cosine"]
        add(
            f"onnx_int8 vs fp32 mean cosine ({int(at):,})",
            cosine_target,
            f"{mean:.5f}",
            mean >= TARGETS["int8_min_mean_cosine"],
            f"{mean - TARGETS['int8_min_mean_cosine']:+.5f}",
            f"min {agreement['min_cosine']:.4f}, brand top-10 overlap {agreement['brand_top_k_overlap_mean']:.3f}",
        )
    else:
        add("onnx_int8 vs fp32 mean cosine", cosine_target, None, False, None)


def _margin(measured: float, limit: float, unit: str) -> str:
    diff = measured - limit
    word = "over" if diff > 0 else "under"
    return f"{abs(diff):.2f} {unit} {word} ({abs(diff) / limit * 100:.0f} %)"
