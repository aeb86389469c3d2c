"""Unit tests for bench/embeddings.py's figures (the side-by-side run itself is `make bench-embeddings`)."""

import numpy as np

from bench import embeddings as bench


def view(vectors, shown, best, clusters, top):
    return {
        "vectors": np.asarray(vectors, dtype=np.float32),
        "shown": shown,
        "best": best,
        "clusters": clusters,
        "top": top,
    }


def test_agreement_figures_by_hand():
    s = np.sqrt(0.5)
    reference = view(
        [[1, 0], [0, 1], [1, 0], [0, 1]],
        ["food", "travel", "uncertain", "food"],
        ["food", "travel", "travel", "food"],
        [0, 0, 1, 1],
        {"B1": {"a", "b"}, "B2": {"c", "d"}},
    )
    other = view(
        [[1, 0], [s, s], [1, 0], [0, 1]],
        ["food", "travel", "travel", "food"],
        ["food", "travel", "travel", "beauty"],
        [1, 1, 0, 0],  # the same partition, other cluster numbers
        {"B1": {"a", "x"}, "B2": {"c", "d"}},
    )
    figures = bench.agreement(reference, other)
    assert figures["label_agreement"] == 3 / 4
    assert figures["best_label_agreement"] == 3 / 4
    assert figures["top10_overlap"] == (1 / 2 + 1) / 2
    assert figures["kmeans_ari"] == 1.0
    assert np.isclose(figures["cos_mean"], (3 + s) / 4, atol=1e-6)
    assert np.isclose(figures["cos_min"], s, atol=1e-6)


def test_creator_text_joins_bio_and_captions_like_the_model():
    assert bench.creator_text("Chef", "Pasta night | Tacos") == "chef pasta night tacos"
    assert bench.creator_text("", "") == ""


def test_summary_line_names_every_ratio_and_the_worst_set():
    results = {
        "speed": {bench.PLAIN: 50.0, "sentence_transformers": 49.0, "onnx_int8": 75.0, "onnx_int8_dynamic": 120.0},
        "agreement": {
            "a": {
                b: {"label_agreement": 0.99, "top10_overlap": 0.95, "kmeans_ari": 0.9, "cos_mean": 0.999, "briefs": 3}
                for b in ("onnx_int8", "onnx_int8_dynamic")
            },
            "b": {
                b: {"label_agreement": 0.97, "top10_overlap": 0.91, "kmeans_ari": 0.8, "cos_mean": 0.997, "briefs": 3}
                for b in ("onnx_int8", "onnx_int8_dynamic")
            },
        },
    }
    line = bench.summary_line(results)
    assert "sentence_transformers 0.98x" in line and "onnx_int8_dynamic 2.40x" in line
    assert "onnx_int8_dynamic agreement (worst set): label 0.970, top-10 0.910, ARI 0.800, cosine 0.9970" in line
