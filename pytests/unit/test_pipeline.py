"""The functions behind the dbt Python models, without dbt: the Arrow helpers and embedding new
texts (python_udfs.core.arrow_tables, .embedded_texts) and naming the k-means niches
(python_udfs.niches.clusters)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from python_udfs.core import arrow_tables, embedded_texts
from python_udfs.core.embeddings import EMBEDDING_NAME
from python_udfs.niches import clusters


class CountingEncoder:
    """Stands in for the sentence model: deterministic unit vectors, counts what it is asked."""

    def __init__(self):
        self.requests: list[str] = []

    def encode(self, texts):
        self.requests.extend(texts)
        rng = [np.random.default_rng(abs(hash(t)) % 2**32).normal(size=384) for t in texts]
        vectors = np.array(rng, dtype=np.float32).reshape(len(texts), 384)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True) if len(texts) else vectors


@pytest.fixture
def encoder(monkeypatch):
    fake = CountingEncoder()
    monkeypatch.setattr(embedded_texts, "get_encoder", lambda backend, model: fake)
    return fake


def texts_table(rows):
    return pa.table(
        {
            "influencer_id": [r[0] for r in rows],
            "cleaned_text": [r[1] for r in rows],
            "text_hash": [r[2] for r in rows],
        }
    )


def test_embedding_matrix_round_trip():
    vectors = np.arange(2 * 384, dtype=np.float32).reshape(2, 384)
    table = pa.table({"embedding": arrow_tables.embedding_array(vectors)})
    assert table.schema.field("embedding").type == pa.list_(pa.float32(), 384)
    np.testing.assert_array_equal(arrow_tables.embedding_matrix(table), vectors)


def test_first_run_embeds_all_texts_in_key_order(encoder):
    texts = texts_table([("B", "b text", "hb"), ("A", "a text", "ha")])
    out = embedded_texts.embed_new_texts(texts, "influencer_id", None, "sentence_transformers")
    assert out.column("influencer_id").to_pylist() == ["A", "B"]
    assert encoder.requests == ["a text", "b text"]
    assert out.column("model_name").to_pylist() == [EMBEDDING_NAME] * 2


def test_only_new_or_changed_texts_or_backends_are_embedded(encoder):
    texts = texts_table([("A", "a text", "ha"), ("B", "b changed", "hb2"), ("C", "c new", "hc")])
    done = pa.table(
        {
            "influencer_id": ["A", "B"],
            "text_hash": ["ha", "hb"],
            "model_name": [EMBEDDING_NAME, EMBEDDING_NAME],
            "embedding_backend": ["sentence_transformers", "sentence_transformers"],
        }
    )
    out = embedded_texts.embed_new_texts(texts, "influencer_id", done, "sentence_transformers")
    assert out.column("influencer_id").to_pylist() == ["B", "C"]
    assert encoder.requests == ["b changed", "c new"]
    encoder.requests.clear()
    out = embedded_texts.embed_new_texts(texts, "influencer_id", done, "onnx_int8")
    assert out.column("influencer_id").to_pylist() == ["A", "B", "C"]


def test_nothing_to_embed_never_asks_the_model(monkeypatch):
    def fail(backend, model):
        raise AssertionError("the model was loaded although every text is embedded")

    monkeypatch.setattr(embedded_texts, "get_encoder", fail)
    texts = texts_table([("A", "a text", "ha")])
    done = pa.table(
        {
            "influencer_id": ["A"],
            "text_hash": ["ha"],
            "model_name": [EMBEDDING_NAME],
            "embedding_backend": ["sentence_transformers"],
        }
    )
    out = embedded_texts.embed_new_texts(texts, "influencer_id", done, "sentence_transformers")
    assert out.num_rows == 0
    assert out.schema.field("embedding").type == pa.list_(pa.float32(), 384)


def test_a_vector_made_before_chunking_is_embedded_again(encoder):
    # Tables built before long texts were chunked hold model_name all-MiniLM-L6-v2: cut at the window.
    texts = texts_table([("A", "a text", "ha")])
    done = pa.table(
        {
            "influencer_id": ["A"],
            "text_hash": ["ha"],
            "model_name": ["all-MiniLM-L6-v2"],
            "embedding_backend": ["sentence_transformers"],
        }
    )
    out = embedded_texts.embed_new_texts(texts, "influencer_id", done, "sentence_transformers")
    assert out.column("model_name").to_pylist() == [EMBEDDING_NAME] == ["all-MiniLM-L6-v2/chunked-254"]
    assert encoder.requests == ["a text"]


def test_unknown_backend_is_a_clear_error():
    with pytest.raises(ValueError, match="valid backends"):
        embedded_texts.embed_new_texts(texts_table([]), "influencer_id", None, "gpu")


def test_describe_niches_names_every_cluster_once():
    rng = np.random.default_rng(0)
    centres = np.eye(384, dtype=np.float32)[:3]
    members = np.vstack([centres[c] + 0.01 * rng.normal(size=(4, 384)) for c in range(3)]).astype(np.float32)
    members /= np.linalg.norm(members, axis=1, keepdims=True)
    ids = [f"I{i:02d}" for i in range(12)]
    labels = [i // 4 for i in range(12)]
    words = ["running shoes marathon", "lipstick makeup palette", "sourdough bread oven"]
    out = clusters.describe_niches(
        clusters=pa.table({"influencer_id": ids, "cluster_id": pa.array(labels, pa.int32())}),
        embeddings=pa.table({"influencer_id": ids, "embedding": arrow_tables.embedding_array(members)}),
        texts=pa.table({"influencer_id": ids, "cleaned_text": [words[c] for c in labels]}),
        taxonomy=pa.table(
            {
                "niche_label": ["beauty", "fitness", "food", "travel"],
                "embedding": arrow_tables.embedding_array(
                    np.vstack([centres[1], centres[0], centres[2], np.eye(384)[5]])
                ),
            }
        ),
        niche_keyword_count=3,
    ).to_pylist()
    assert [(r["cluster_id"], r["niche_label"], r["influencer_count"]) for r in out] == [
        (0, "fitness", 4),
        (1, "beauty", 4),
        (2, "food", 4),
    ]
    assert out[2]["niche_keywords"] == "bread, oven, sourdough"
