"""2-D map of the influencers' text embeddings, for the niche page and for analysts.

:func:`niche_map_points` projects the FLOAT[384] embeddings onto their first two principal
components and joins each point with its niche and fake-follower score. The projection is made
deterministic so the mart is byte-identical run after run on the same input:

* rows are sorted by influencer_id before fitting (PCA itself does not depend on row order, but
  the floating-point sums do);
* the full LAPACK SVD is used (no randomised solver);
* each component's sign is fixed: the loading with the largest absolute value is made positive
  (an SVD may return either sign of a singular vector);
* coordinates are rounded to 6 decimals, far below what a chart can show.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from python_udfs.core.arrow_tables import embedding_matrix, sorted_by

COORDINATE_DECIMALS = 6

NICHE_MAP_SCHEMA = pa.schema(
    [
        ("influencer_id", pa.string()),
        ("name", pa.string()),
        ("niche_label", pa.string()),
        ("niche_keywords", pa.string()),
        ("fake_score", pa.int64()),
        ("risk_level", pa.string()),
        ("x", pa.float64()),
        ("y", pa.float64()),
    ]
)


def pca_2d(vectors: np.ndarray) -> np.ndarray:
    """(rows, 2) coordinates on the first two principal components, signs fixed.

    Fewer than two rows, or data with fewer than two directions of variance, give 0 for the missing
    axis instead of an error (a one-influencer run still gets a map).
    """
    from sklearn.decomposition import PCA

    vectors = np.asarray(vectors, dtype=np.float64)
    rows = vectors.shape[0]
    coordinates = np.zeros((rows, 2), dtype=np.float64)
    if rows < 2:
        return coordinates
    n_components = min(2, rows, vectors.shape[1])
    pca = PCA(n_components=n_components, svd_solver="full")
    projected = pca.fit_transform(vectors)
    for component in range(n_components):
        loadings = pca.components_[component]
        if np.sign(loadings[np.argmax(np.abs(loadings))]) < 0:
            projected[:, component] = -projected[:, component]
    coordinates[:, :n_components] = projected
    coordinates = np.round(coordinates, COORDINATE_DECIMALS)
    coordinates[coordinates == 0] = 0.0  # no "-0.0" in the output
    return coordinates


def niche_map_points(embeddings: pa.Table, niches: pa.Table, scores: pa.Table | None) -> pa.Table:
    """One row per influencer in ``niches``: its niche, fake-follower score and 2-D map position.

    ``embeddings``: influencer_id, embedding (FLOAT[384]); ``niches``: influencer_id, name,
    niche_label, niche_keywords; ``scores`` (optional): influencer_id, fake_score, risk_level, NULL
    for influencers without growth data. Every influencer in ``niches`` must have an embedding.
    Rows are ordered by influencer_id.
    """
    niches = sorted_by(niches, "influencer_id")
    ids = niches.column("influencer_id").to_pylist()

    embeddings = sorted_by(embeddings, "influencer_id")
    position = {key: i for i, key in enumerate(embeddings.column("influencer_id").to_pylist())}
    missing = [key for key in ids if key not in position]
    if missing:
        raise ValueError(f"no embedding for influencer_id {missing[:5]}")
    vectors = embedding_matrix(embeddings)[[position[key] for key in ids]] if ids else np.zeros((0, 1))
    coordinates = pca_2d(vectors)

    score_of: dict[str, tuple] = {}
    if scores is not None:
        for key, score, risk in zip(
            scores.column("influencer_id").to_pylist(),
            scores.column("fake_score").to_pylist(),
            scores.column("risk_level").to_pylist(),
        ):
            score_of[key] = (score, risk)

    return pa.table(
        {
            "influencer_id": pa.array(ids, pa.string()),
            "name": niches.column("name").cast(pa.string()),
            "niche_label": niches.column("niche_label").cast(pa.string()),
            "niche_keywords": niches.column("niche_keywords").cast(pa.string()),
            "fake_score": pa.array(
                [None if score_of.get(key, (None,))[0] is None else int(score_of[key][0]) for key in ids],
                pa.int64(),
            ),
            "risk_level": pa.array([score_of.get(key, (None, None))[1] for key in ids], pa.string()),
            "x": pa.array(coordinates[:, 0], pa.float64()),
            "y": pa.array(coordinates[:, 1], pa.float64()),
        },
        schema=NICHE_MAP_SCHEMA,
    )
