"""Unit tests for python_udfs.core.quantised_model (the int8 file built from the fp32 weights)."""

import hashlib
from collections import Counter

import numpy as np
import onnx
import pytest

from python_udfs.core import quantised_model
from python_udfs.core.calibration import unit_rows
from python_udfs.core.embeddings import _mean_pool, onnx_session


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    first = quantised_model.build(tmp_path_factory.mktemp("a") / "int8.onnx")
    second = quantised_model.build(tmp_path_factory.mktemp("b") / "int8.onnx")
    return first, second


def test_build_is_reproducible(two_builds):
    first, second = two_builds
    assert hashlib.sha256(first.read_bytes()).hexdigest() == hashlib.sha256(second.read_bytes()).hexdigest()
    assert [p.name for p in first.parent.iterdir()] == ["int8.onnx"]  # no temporary file left


def test_integer_kernels_except_the_feed_forward_outputs(two_builds):
    model = onnx.load(str(two_builds[0]))
    ops = Counter(node.op_type for node in model.graph.node)
    shapes = {init.name: tuple(init.dims) for init in model.graph.initializer}
    fp32_weight_matmuls = [n for n in model.graph.node if n.op_type == "MatMul" and n.input[1] in shapes]
    # MiniLM-L6: 6 layers x (Q, K, V, attention output, feed-forward in: int8; feed-forward out: fp32).
    # (quantize_dynamic also quantises one of each layer's two activation x activation MatMuls)
    assert ops["MatMulInteger"] >= 6 * 5
    assert ops["DynamicQuantizeLinear"] > 0
    assert [shapes[n.input[1]] for n in fp32_weight_matmuls] == [(1536, 384)] * 6
    int8_matrices = [i for i in model.graph.initializer if i.data_type == onnx.TensorProto.INT8 and len(i.dims) == 2]
    assert len(int8_matrices) == 30  # the weights themselves (their per-channel zero points are int8 too)


def test_file_computes_the_fp32_model(two_builds, tmp_path):
    """The int8 file's vectors point where the fp32 export's do (independent path: numpy pooling)."""
    fp32 = tmp_path / "fp32.onnx"
    quantised_model.export_fp32(fp32)
    rng = np.random.default_rng(0)
    input_ids = np.concatenate([[[101]] * 3, rng.integers(1000, 20000, size=(3, 20)), [[102]] * 3], axis=1)
    feeds = {
        "input_ids": input_ids,
        "attention_mask": np.ones_like(input_ids),
        "token_type_ids": np.zeros_like(input_ids),
    }

    def vectors(path):
        (hidden,) = onnx_session(path).run(["last_hidden_state"], feeds)
        return unit_rows(_mean_pool(hidden, feeds["attention_mask"])).astype(np.float32)

    cosines = (vectors(fp32) * vectors(two_builds[0])).sum(axis=1)
    assert cosines.min() > 0.97
    # The fp32 export itself matches torch on a shape other than the one it was traced with.
    import torch
    from transformers import AutoModel

    bert = AutoModel.from_pretrained(str(quantised_model.weights_path())).eval()
    with torch.inference_mode():
        hidden = bert(**{k: torch.from_numpy(v) for k, v in feeds.items()}).last_hidden_state.numpy()
    (exported,) = onnx_session(fp32).run(["last_hidden_state"], feeds)
    np.testing.assert_allclose(exported, hidden, atol=1e-4)


def test_cache_path_builds_once_and_names_the_recipe(tmp_path, monkeypatch):
    monkeypatch.setenv(quantised_model.CACHE_ENV, str(tmp_path))
    built = []

    def fake_build(target):
        built.append(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"model")
        return target

    monkeypatch.setattr(quantised_model, "build", fake_build)
    path = quantised_model.quantised_model_path()
    assert path.parent == tmp_path and path.read_bytes() == b"model"
    assert quantised_model.quantised_model_path() == path
    assert built == [path]
    monkeypatch.setitem(quantised_model.RECIPE, "per_channel", False)
    assert quantised_model.quantised_model_path() != path  # another recipe, another file
    assert len(built) == 2
