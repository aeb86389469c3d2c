"""Where a dbt run's embedding time went: each Encoder.encode call attributed to the model whose
thread made it, and the embedding stage's wall time (the union of the embedding models' spans)."""

from __future__ import annotations

from datetime import datetime

from bench.models import EMBEDDING_MODELS, MODELS, TEXT_KINDS


def attribute_encode_calls(calls: list[dict], run_results: dict) -> list[dict]:
    """Each encode call with the model its thread was running (``model`` None when no node matched).

    dbt runs one node at a time per worker thread and records the thread's name as ``thread_id``:
    the node is the one on that thread that started last before the call finished.
    """
    starts: dict[str, list[tuple[float, str | None]]] = {}
    for item in run_results["results"]:
        timing = [timestamp(step["started_at"]) for step in item.get("timing", []) if step.get("started_at")]
        if timing:
            kind, name = item["unique_id"].split(".")[0], item["unique_id"].split(".")[2]
            starts.setdefault(item.get("thread_id"), []).append((min(timing), name if kind == "model" else None))
    attributed = []
    for call in calls:
        running = [(start, name) for start, name in starts.get(call["thread"], []) if start <= call["finished_at"]]
        attributed.append({**call, "model": max(running, key=lambda r: r[0])[1] if running else None})
    return attributed


def embedding_summary(calls: list[dict], model_times: dict, intervals: dict) -> dict:
    """Texts embedded per kind, encode time, and the embedding stage's throughput from the model times."""
    kinds = ("influencers", "brands", "taxonomy", "brand_keywords", "match_captions")
    embedded = dict.fromkeys(kinds, 0)
    encode_s = dict.fromkeys(kinds, 0.0)
    encode_cpu_s = dict.fromkeys(kinds, 0.0)
    by_backend: dict[str, int] = {}
    unattributed = 0
    for call in calls:
        by_backend[call["backend"]] = by_backend.get(call["backend"], 0) + call["texts"]
        kind = TEXT_KINDS.get(call["model"])
        if kind is None:
            unattributed += call["texts"]
            continue
        embedded[kind] += call["texts"]
        encode_s[kind] += call["seconds"]
        encode_cpu_s[kind] += call["process_cpu_s"]
    # The two models may run side by side (2 threads): their execution time together is the union
    # of their execute intervals; the plain sum is kept for reference.
    spans = [intervals[m] for m in EMBEDDING_MODELS if m in intervals]
    sum_s = sum(model_times.get(m, 0.0) for m in EMBEDDING_MODELS)
    stage_s = union_seconds(spans) if len(spans) == len(EMBEDDING_MODELS) else sum_s
    texts = embedded["influencers"] + embedded["brands"]
    return {
        "texts_embedded": embedded,
        "encoder_texts_by_backend": by_backend,
        "texts_outside_embedding_models": unattributed,
        "encode_s": {k: round(v, 3) for k, v in encode_s.items()},
        "encode_process_cpu_s": {k: round(v, 3) for k, v in encode_cpu_s.items()},
        # Contention-robust companion of texts_per_s: texts per CPU second of the dbt process while
        # the influencer texts were encoded (the brands' encoding overlaps it in time).
        "texts_per_cpu_s": (
            round(texts / encode_cpu_s["influencers"], 2)
            if texts and encode_cpu_s["influencers"] and embedded["influencers"] >= 1000
            else None
        ),
        "model_times_s": {m: model_times.get(m) for m in (*EMBEDDING_MODELS, MODELS["taxonomy"])},
        "stage_s": round(stage_s, 3),
        "stage_sum_s": round(sum_s, 3),
        "texts_per_s": round(texts / stage_s, 2) if texts and stage_s else None,
    }


def union_seconds(spans: list[tuple[float, float]]) -> float:
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


def timestamp(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
