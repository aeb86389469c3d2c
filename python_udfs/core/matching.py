"""Top-k nearest candidates by cosine similarity (e.g. the best influencers for each brand).

Vectors are assumed L2-normalised, so cosine = dot product.

Ordering rule (what "top k" means exactly): cosine descending, where the cosine is computed in
float64 and ROUNDED TO 6 DECIMALS, then candidate id ascending (Python string order), then
candidate index ascending (only matters for duplicate ids). Rounding makes ties well defined: two
candidates whose cosines differ only by float noise are tied, and the tie goes to the smaller id.
The reported cosine is that rounded value.

Algorithm, for 100 queries x 100,000 candidates x 384 dimensions: a float32 matrix product over
blocks of queries preselects, per query, every candidate within a safe margin of the k-th best
float32 score (the margin bounds float32 rounding error, so no true top-k candidate is lost and
ties at the k-th place are all kept); the few survivors are then rescored exactly in float64,
rounded, and sorted with the full tie rule. The result is independent of block sizes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

COSINE_DECIMALS = 6
_BLOCK_ELEMENTS = 8_000_000  # float32 scores per query block (32 MB)


@dataclass(frozen=True)
class TopKMatches:
    """Flat result, one row per (query, rank), sorted by query index then rank.

    Each query gets ``min(k, n_candidates)`` rows.
    """

    query_index: np.ndarray  # int64, row of ``queries``
    rank: np.ndarray  # int64, 1-based
    candidate_index: np.ndarray  # int64, row of ``candidates``
    candidate_id: np.ndarray  # object array of str, ``candidate_ids[candidate_index]``
    cosine: np.ndarray  # float64, rounded to 6 decimals

    def __len__(self) -> int:
        return len(self.rank)

    def to_dict(self) -> dict[str, np.ndarray]:
        """Columns by name, ready for ``pandas.DataFrame`` or ``pyarrow.table``."""
        return {
            "query_index": self.query_index,
            "rank": self.rank,
            "candidate_index": self.candidate_index,
            "candidate_id": self.candidate_id,
            "cosine": self.cosine,
        }


def top_k_cosine(
    queries: np.ndarray,
    candidates: np.ndarray,
    candidate_ids: Sequence[str],
    k: int,
    decimals: int = COSINE_DECIMALS,
) -> TopKMatches:
    """The ``k`` best candidates for every query (see the module docstring for the exact order).

    ``k`` larger than the number of candidates returns them all; no candidates, no queries or
    ``k == 0`` return an empty result. ``decimals`` sets the rounding grid that defines ties: pass
    the precision the scores are shown with, so equal shown scores are ordered by id.
    """
    scale = 10.0**decimals
    queries, candidates = _validated(queries, candidates, candidate_ids, k)
    n_queries, n_candidates = queries.shape[0], candidates.shape[0]
    keep = min(k, n_candidates)
    if n_queries == 0 or keep == 0:
        return _empty_result()

    ids = np.array([str(i) for i in candidate_ids], dtype=object)
    id_order = _id_order(ids)
    margin = _float32_error_margin(queries, candidates, scale)
    queries32 = np.ascontiguousarray(queries, dtype=np.float32)
    candidates32 = np.ascontiguousarray(candidates, dtype=np.float32)

    chosen = np.empty((n_queries, keep), dtype=np.int64)
    cosines = np.empty((n_queries, keep), dtype=np.float64)
    block = max(1, _BLOCK_ELEMENTS // n_candidates)
    for start in range(0, n_queries, block):
        stop = min(start + block, n_queries)
        scores32 = queries32[start:stop] @ candidates32.T
        for offset, row_scores in enumerate(scores32):
            q = start + offset
            survivors = _preselect(row_scores, keep, margin)
            chosen[q], cosines[q] = _exact_top(queries[q], candidates, survivors, id_order, keep, scale)

    return TopKMatches(
        query_index=np.repeat(np.arange(n_queries, dtype=np.int64), keep),
        rank=np.tile(np.arange(1, keep + 1, dtype=np.int64), n_queries),
        candidate_index=chosen.ravel(),
        candidate_id=ids[chosen.ravel()],
        cosine=cosines.ravel(),
    )


def _preselect(row_scores: np.ndarray, keep: int, margin: float) -> np.ndarray:
    # Everything within `margin` of the keep-th best float32 score: a superset of the true top
    # `keep` under the exact rule, including every candidate tied at the boundary.
    kth_best = np.partition(row_scores, row_scores.shape[0] - keep)[row_scores.shape[0] - keep]
    return np.flatnonzero(row_scores >= kth_best - margin)


def _exact_top(
    query: np.ndarray,
    candidates: np.ndarray,
    survivors: np.ndarray,
    id_order: np.ndarray,
    keep: int,
    scale: float,
) -> tuple[np.ndarray, np.ndarray]:
    # Elementwise product + numpy's pairwise sum: each row's sum order is fixed, so a cosine does
    # not depend on which other candidates survived (a BLAS product could vary in the last bit).
    exact = (candidates[survivors].astype(np.float64) * query.astype(np.float64)).sum(axis=1)
    scaled = np.rint(exact * scale)  # == round(cosine, decimals) * 10**decimals, an integral float
    # lexsort: last key is primary -> rounded cosine descending, then id order ascending.
    order = np.lexsort((id_order[survivors], -scaled))[:keep]
    return survivors[order], scaled[order] / scale


def _id_order(ids: np.ndarray) -> np.ndarray:
    # Position of each candidate in ascending id order (stable: duplicate ids keep index order).
    order = sorted(range(len(ids)), key=ids.__getitem__)
    positions = np.empty(len(ids), dtype=np.int64)
    positions[np.asarray(order, dtype=np.int64)] = np.arange(len(ids), dtype=np.int64)
    return positions


def _float32_error_margin(queries: np.ndarray, candidates: np.ndarray, scale: float) -> float:
    # |float32 dot - exact dot| <= d * u * |q| * |c| with u = 2**-24 (plus the float32 rounding of
    # the inputs); doubled, plus one step of the rounding grid so boundary ties survive.
    d = queries.shape[1]
    max_q = float(np.linalg.norm(queries, axis=1).max())
    max_c = float(np.linalg.norm(candidates, axis=1).max())
    return 2.0 * (d + 2) * 2.0**-24 * max_q * max_c + 1.0 / scale


def _validated(
    queries: np.ndarray, candidates: np.ndarray, candidate_ids: Sequence[str], k: int
) -> tuple[np.ndarray, np.ndarray]:
    # No float64 copy of the candidates (100k x 384 would be 300 MB): only survivors are upcast.
    queries = _as_float_array(queries)
    candidates = _as_float_array(candidates)
    if queries.ndim != 2 or candidates.ndim != 2:
        raise ValueError(f"queries and candidates must be 2-d, got {queries.shape} and {candidates.shape}")
    if queries.shape[0] and candidates.shape[0] and queries.shape[1] != candidates.shape[1]:
        raise ValueError(f"dimension mismatch: queries {queries.shape[1]}, candidates {candidates.shape[1]}")
    if len(candidate_ids) != candidates.shape[0]:
        raise ValueError(f"{candidates.shape[0]} candidates but {len(candidate_ids)} candidate ids")
    if isinstance(k, bool) or int(k) != k or k < 0:
        raise ValueError(f"k must be a non-negative integer, got {k!r}")
    if not (np.all(np.isfinite(queries)) and np.all(np.isfinite(candidates))):
        raise ValueError("queries and candidates must not contain NaN or infinite values")
    return queries, candidates


def _as_float_array(values: np.ndarray) -> np.ndarray:
    array = np.asarray(values)
    return array if array.dtype in (np.float32, np.float64) else array.astype(np.float64)


def _empty_result() -> TopKMatches:
    empty = np.zeros(0, dtype=np.int64)
    return TopKMatches(
        query_index=empty,
        rank=empty.copy(),
        candidate_index=empty.copy(),
        candidate_id=np.zeros(0, dtype=object),
        cosine=np.zeros(0, dtype=np.float64),
    )
