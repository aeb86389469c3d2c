"""Unit tests for python_udfs.core.matching (top-k cosine with a well-defined tie rule)."""

import numpy as np
import pytest

import python_udfs.core.matching as matching
from python_udfs.core.matching import top_k_cosine


def unit_rows(a):
    return a / np.linalg.norm(a, axis=1, keepdims=True)


def reference_top_k(queries, candidates, ids, k):
    """Brute force: every pair scored in float64, rounded to 6 decimals, fully sorted."""
    scores = np.round(np.asarray(queries, np.float64) @ np.asarray(candidates, np.float64).T, 6)
    rows = []
    for q in range(len(queries)):
        ranked = sorted(range(len(ids)), key=lambda j: (-scores[q, j], ids[j], j))
        for rank, j in enumerate(ranked[:k], start=1):
            rows.append((q, rank, j, ids[j], float(scores[q, j])))
    return rows


def as_rows(result):
    return list(
        zip(
            result.query_index.tolist(),
            result.rank.tolist(),
            result.candidate_index.tolist(),
            result.candidate_id.tolist(),
            result.cosine.tolist(),
        )
    )


def random_ids(rng, n):
    ids = [f"inf_{i:05d}" for i in range(n)]
    rng.shuffle(ids)  # id order unrelated to index order
    return ids


def test_matches_brute_force_on_random_data():
    rng = np.random.default_rng(0)
    queries = unit_rows(rng.normal(size=(12, 32))).astype(np.float32)
    candidates = unit_rows(rng.normal(size=(500, 32))).astype(np.float32)
    ids = random_ids(rng, 500)
    result = top_k_cosine(queries, candidates, ids, k=10)
    assert as_rows(result) == reference_top_k(queries, candidates, ids, 10)


def test_exact_ties_at_the_boundary_go_to_smaller_ids():
    rng = np.random.default_rng(1)
    base = unit_rows(rng.normal(size=(15, 16)))
    # 300 candidates that are copies of only 15 vectors: every score comes in groups of ~20 exact
    # ties, so the k-th place almost always falls inside a tie group.
    candidates = base[rng.integers(0, 15, size=300)]
    queries = unit_rows(rng.normal(size=(20, 16)))
    ids = random_ids(rng, 300)
    for k in (1, 5, 7, 23, 50):
        assert as_rows(top_k_cosine(queries, candidates, ids, k)) == reference_top_k(queries, candidates, ids, k)


def test_ties_within_rounding_are_broken_by_id():
    query = np.array([[1.0, 0.0]])
    angle = np.arccos(0.5)
    # cosines 0.5 + 1e-9, 0.5, 0.5 - 1e-9: equal at 6 decimals -> ordered by id only
    candidates = np.array(
        [[np.cos(angle - d), np.sin(angle - d)] for d in (1e-9 / np.sin(angle), 0.0, -1e-9 / np.sin(angle))]
    )
    ids = ["c", "b", "a"]
    result = top_k_cosine(query, candidates, ids, k=2)
    assert result.candidate_id.tolist() == ["a", "b"]
    assert result.cosine.tolist() == [0.5, 0.5]


def test_argpartition_trap_many_equal_scores_reverse_ids():
    # 1,000 identical candidates whose ids descend with the index: only the id rule may decide.
    candidates = np.tile(unit_rows(np.array([[1.0, 2.0, 3.0]])), (1000, 1))
    ids = [f"id_{999 - i:04d}" for i in range(1000)]
    result = top_k_cosine(unit_rows(np.array([[3.0, 2.0, 1.0]])), candidates, ids, k=5)
    assert result.candidate_id.tolist() == ["id_0000", "id_0001", "id_0002", "id_0003", "id_0004"]
    assert result.candidate_index.tolist() == [999, 998, 997, 996, 995]


def test_k_larger_than_n_returns_all_sorted():
    rng = np.random.default_rng(2)
    queries = unit_rows(rng.normal(size=(3, 8)))
    candidates = unit_rows(rng.normal(size=(4, 8)))
    ids = ["d", "a", "c", "b"]
    result = top_k_cosine(queries, candidates, ids, k=10)
    assert len(result) == 12
    assert as_rows(result) == reference_top_k(queries, candidates, ids, 10)


def test_empty_inputs():
    rng = np.random.default_rng(3)
    queries = unit_rows(rng.normal(size=(3, 8)))
    no_candidates = top_k_cosine(queries, np.zeros((0, 8)), [], k=5)
    no_queries = top_k_cosine(np.zeros((0, 8)), unit_rows(rng.normal(size=(4, 8))), list("abcd"), k=5)
    k_zero = top_k_cosine(queries, unit_rows(rng.normal(size=(4, 8))), list("abcd"), k=0)
    for result in (no_candidates, no_queries, k_zero):
        assert len(result) == 0
        assert result.rank.dtype == np.int64 and result.cosine.dtype == np.float64


def test_block_size_does_not_change_the_result(monkeypatch):
    rng = np.random.default_rng(4)
    queries = unit_rows(rng.normal(size=(30, 24))).astype(np.float32)
    candidates = unit_rows(rng.normal(size=(2000, 24))).astype(np.float32)
    ids = random_ids(rng, 2000)
    default = top_k_cosine(queries, candidates, ids, k=15)
    monkeypatch.setattr(matching, "_BLOCK_ELEMENTS", 2000 * 7)  # 7 queries per block
    small_blocks = top_k_cosine(queries, candidates, ids, k=15)
    assert as_rows(default) == as_rows(small_blocks)


def test_float64_and_float32_inputs_agree_with_reference():
    rng = np.random.default_rng(5)
    queries = unit_rows(rng.normal(size=(5, 64)))
    candidates = unit_rows(rng.normal(size=(800, 64)))
    ids = random_ids(rng, 800)
    assert as_rows(top_k_cosine(queries, candidates, ids, 20)) == reference_top_k(queries, candidates, ids, 20)
    q32, c32 = queries.astype(np.float32), candidates.astype(np.float32)
    assert as_rows(top_k_cosine(q32, c32, ids, 20)) == reference_top_k(q32, c32, ids, 20)


def test_larger_scale_against_full_sort():
    rng = np.random.default_rng(6)
    n, d, k = 100_000, 384, 10
    candidates = unit_rows(rng.normal(size=(n, d)).astype(np.float32))
    # plant exact duplicates of the best candidate of query 0 to create boundary ties
    queries = unit_rows(rng.normal(size=(8, d)).astype(np.float32))
    best = int(np.argmax(candidates @ queries[0]))
    candidates[rng.choice(n, size=12, replace=False)] = candidates[best]
    ids = [f"u{i:06d}" for i in rng.permutation(n)]
    result = top_k_cosine(queries, candidates, ids, k)
    scores = np.round(queries.astype(np.float64) @ candidates.astype(np.float64).T, 6)
    id_array = np.array(ids)
    for q in range(len(queries)):
        order = np.lexsort((id_array, -scores[q]))[:k]  # full sort of all candidates
        got = result.candidate_index[result.query_index == q]
        assert got.tolist() == order.tolist()
        np.testing.assert_array_equal(result.cosine[result.query_index == q], scores[q, order])
    tied_best = np.flatnonzero(scores[0] == scores[0].max())
    assert len(tied_best) >= 12  # more exact ties at the top than k
    assert result.candidate_id[result.query_index == 0].tolist() == sorted(ids[j] for j in tied_best)[:k]


def test_duplicate_ids_fall_back_to_index_order():
    candidates = np.tile(np.array([[1.0, 0.0]]), (3, 1))
    result = top_k_cosine(np.array([[1.0, 0.0]]), candidates, ["same", "same", "other"], k=3)
    assert result.candidate_index.tolist() == [2, 0, 1]


def test_result_columns_are_consistent():
    rng = np.random.default_rng(7)
    candidates = unit_rows(rng.normal(size=(50, 8)))
    ids = random_ids(rng, 50)
    result = top_k_cosine(unit_rows(rng.normal(size=(4, 8))), candidates, ids, k=6)
    assert result.query_index.tolist() == [q for q in range(4) for _ in range(6)]
    assert result.rank.tolist() == list(range(1, 7)) * 4
    assert result.candidate_id.tolist() == [ids[j] for j in result.candidate_index]
    assert set(result.to_dict()) == {"query_index", "rank", "candidate_index", "candidate_id", "cosine"}


def test_invalid_inputs_raise():
    with pytest.raises(ValueError, match="candidate ids"):
        top_k_cosine(np.eye(2), np.eye(2), ["a"], k=1)
    with pytest.raises(ValueError, match="dimension"):
        top_k_cosine(np.eye(2), np.eye(3), ["a", "b", "c"], k=1)
    with pytest.raises(ValueError, match="non-negative"):
        top_k_cosine(np.eye(2), np.eye(2), ["a", "b"], k=-1)
    with pytest.raises(ValueError, match="NaN"):
        top_k_cosine(np.array([[np.nan, 0.0]]), np.eye(2), ["a", "b"], k=1)


def test_decimals_define_ties_as_shown():
    """Cosines 0.81234 (id b) and 0.81226 (id a) both show as 81.23: with decimals=4 they tie and
    the smaller id wins; with the default 6 decimals the larger cosine wins."""
    query = np.zeros((1, 3))
    query[0, 0] = 1.0
    candidates = np.array([[0.81226, 0.0, 0.0], [0.81234, 0.0, 0.0], [0.5, 0.0, 0.0]])
    ids = ["a", "b", "c"]
    assert list(top_k_cosine(query, candidates, ids, k=1).candidate_id) == ["b"]
    shown = top_k_cosine(query, candidates, ids, k=1, decimals=4)
    assert list(shown.candidate_id) == ["a"]
    assert shown.cosine.tolist() == [0.8123]
