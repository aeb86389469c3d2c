"""Measuring on a built warehouse: texts, vectors, backend agreement, matching and clustering.

Every function opens the DuckDB file read-only and computes in the bench process.
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.models import EMBEDDING_MODELS, MODELS

# The MiniBatchKMeans candidate compared with the project's full k-means (evidence for a change).
MINIBATCH = {"n_init": 3, "batch_size": 4096, "max_iter": 100}


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
                f"select cleaned_text from {_qualified(con, MODELS['influencer_texts'])} order by influencer_id"
            ).fetchall()
        ]
        texts += [
            r[0]
            for r in con.execute(
                f"select cleaned_text from {_qualified(con, MODELS['brand_texts'])} order by brand_id"
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


def build_settings(database: Path):
    """The python_udfs.core.settings.Settings the warehouse was built with (its settings mart)."""
    from python_udfs.core.settings import settings_from_relation

    with _connect(database) as con:
        return settings_from_relation(con.sql(f"select * from {_qualified(con, MODELS['settings'])}"))


def rows_scored(database: Path) -> int:
    with _connect(database) as con:
        return con.execute(f"select count(*) from {_qualified(con, MODELS['scores'])}").fetchall()[0][0]


def backend_agreement(databases: dict[str, Path], k: int = 10) -> dict:
    """Cosine between the two backends' vectors of the same texts; overlap of brand top-k lists."""
    import numpy as np

    from python_udfs.core.matching import top_k_cosine

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

    influencer_model, brand_model = EMBEDDING_MODELS
    inf_ids, inf_a, inf_b = sides[influencer_model]
    _, brand_a, brand_b = sides[brand_model]
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
    from python_udfs.core.matching import top_k_cosine

    (influencer_model, influencer_key), (brand_model, brand_key) = EMBEDDING_MODELS.items()
    inf_ids, _, inf_vec = embedding_table(database, influencer_model, influencer_key)
    _, _, brand_vec = embedding_table(database, brand_model, brand_key)
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

    import python_udfs.core.clustering as clustering

    influencer_model, influencer_key = next(iter(EMBEDDING_MODELS.items()))
    ids, _, vectors = embedding_table(database, influencer_model, influencer_key)
    X = vectors.astype(np.float64)
    with _connect(database) as con:
        rows = con.execute(
            f"select influencer_id, cluster_id, distance_to_centroid from {_qualified(con, MODELS['clustering'])} "
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
        "seed": seed,
        "n_init": n_init,
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
    mini = MiniBatchKMeans(n_clusters=k, random_state=seed, **MINIBATCH)
    mini_labels = mini.fit_predict(X)
    result["minibatch_s"] = round(time.perf_counter() - started, 3)
    centers = mini.cluster_centers_
    mini_inertia = float(((X - centers[mini_labels]) ** 2).sum())
    result["minibatch_params"] = {**MINIBATCH, "random_state": seed}
    result["minibatch_inertia"] = round(mini_inertia, 3)
    result["minibatch_inertia_ratio_vs_full"] = round(mini_inertia / reference_inertia, 5)
    result["minibatch_ari_vs_full"] = round(float(adjusted_rand_score(reference_labels, mini_labels)), 4)
    if truth is not None:
        result["minibatch_ari_vs_truth"] = round(float(adjusted_rand_score(truth, mini_labels)), 4)
    return result
