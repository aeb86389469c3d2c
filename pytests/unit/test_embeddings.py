"""Unit tests for python_udfs.core.embeddings (offline MiniLM encoders and the text hash)."""

import hashlib
import json
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import duckdb
import numpy as np
import pytest

from python_udfs.core.embeddings import (
    BACKENDS,
    BATCH_SIZE,
    EMBEDDING_DIM,
    MODEL_NAME,
    ST_FIXED_BATCH,
    ST_LENGTH_BUCKET,
    EncodeEvent,
    add_encode_observer,
    get_encoder,
    groups_by_length,
    length_buckets,
    remove_encode_observer,
    text_hash,
)

# Every backend's encoder loaded, one in a fresh process: about 40 s of one worker.
pytestmark = pytest.mark.slow

REPO_ROOT = Path(__file__).resolve().parents[2]

SENTENCES = [
    "fitness coach sharing daily home workouts and strength training tips",
    "high protein meal prep for people who lift weights",
    "easy vegan recipes and quick weeknight dinners",
    "baking sourdough bread and italian pasta from scratch",
    "travel vlogs from beaches and mountains in southeast asia",
    "budget backpacking guide for europe by train",
    "skincare routine for sensitive skin and honest product reviews",
    "makeup tutorials for beginners and everyday looks",
    "competitive gaming streams and esports highlights",
    "personal finance tips investing and saving for students",
    "street fashion outfit ideas and thrift store hauls",
    "dog training puppy tricks and pet care advice",
    "football skills freestyle and match highlights",
    "mum of two sharing family life and parenting hacks",
    "guitar covers and original songs every friday",
    "não pare de treinar academia todos os dias",
    "рецепты домашней кухни и выпечка",
    "健身教练 每天训练",
    "",
    "a",
]


@pytest.fixture(scope="module")
def st_encoder():
    return get_encoder("sentence_transformers")


@pytest.fixture(scope="module")
def onnx_encoder():
    return get_encoder("onnx_int8")


@pytest.fixture(scope="module")
def dynamic_encoder():
    return get_encoder("onnx_int8_dynamic")


@pytest.fixture(scope="module", params=BACKENDS)
def encoder(request):
    return get_encoder(request.param)


def test_constants():
    assert MODEL_NAME == "all-MiniLM-L6-v2"
    assert EMBEDDING_DIM == 384
    assert BACKENDS == ("sentence_transformers", "onnx_int8", "onnx_int8_dynamic")


def test_unknown_backend_names_the_valid_ones():
    with pytest.raises(ValueError, match="sentence_transformers, onnx_int8, onnx_int8_dynamic"):
        get_encoder("openai")


def test_encoder_is_loaded_once_per_backend(st_encoder, onnx_encoder):
    assert get_encoder() is st_encoder
    assert get_encoder("sentence_transformers") is st_encoder
    assert get_encoder("onnx_int8") is onnx_encoder
    assert st_encoder is not onnx_encoder


def test_identity_and_names(st_encoder, onnx_encoder):
    assert st_encoder.backend == "sentence_transformers"
    assert onnx_encoder.backend == "onnx_int8"
    assert st_encoder.model_name == onnx_encoder.model_name == "all-MiniLM-L6-v2"
    assert st_encoder.identity == "all-MiniLM-L6-v2@sentence_transformers"
    assert onnx_encoder.identity == "all-MiniLM-L6-v2@onnx_int8"


def test_shape_dtype_and_unit_norm(encoder):
    vectors = encoder.encode(SENTENCES)
    assert vectors.shape == (len(SENTENCES), 384)
    assert vectors.dtype == np.float32
    assert np.all(np.isfinite(vectors))
    np.testing.assert_allclose(np.linalg.norm(vectors.astype(np.float64), axis=1), 1.0, atol=1e-5)


def test_empty_list_gives_empty_matrix(encoder):
    vectors = encoder.encode([])
    assert vectors.shape == (0, 384)
    assert vectors.dtype == np.float32


def test_same_text_same_bytes_across_calls_and_batch_compositions(encoder):
    reference = encoder.encode(SENTENCES)
    assert encoder.encode(SENTENCES).tobytes() == reference.tobytes()
    reversed_call = encoder.encode(SENTENCES[::-1])[::-1]
    one_by_one = np.vstack([encoder.encode([text]) for text in SENTENCES])
    in_fives = np.vstack([encoder.encode(SENTENCES[i : i + 5]) for i in range(0, len(SENTENCES), 5)])
    mixed_with_long = encoder.encode([SENTENCES[0], "word " * 60, SENTENCES[1]])
    assert np.array_equal(reversed_call, reference)
    assert np.array_equal(one_by_one, reference)
    assert np.array_equal(in_fives, reference)
    assert np.array_equal(mixed_with_long[[0, 2]], reference[:2])


def test_same_bytes_whatever_the_batch_holds(encoder):
    """Many texts of each token length (full and partial batches), in random orders and subsets."""
    rng = np.random.default_rng(3)
    words = [
        "coach",
        "recipe",
        "travel",
        "skincare",
        "gaming",
        "finance",
        "outfit",
        "puppy",
        "guitar",
        "family",
        "workout",
        "vegan",
    ]
    texts = [" ".join(rng.choice(words, size=int(n))) for n in rng.integers(5, 8, size=3 * BATCH_SIZE + 5)]
    reference = encoder.encode(texts)
    for _ in range(3):
        order = rng.permutation(len(texts))
        assert np.array_equal(encoder.encode([texts[i] for i in order]), reference[order])
        subset = np.sort(rng.choice(len(texts), size=BATCH_SIZE + 3, replace=False))
        assert np.array_equal(encoder.encode([texts[i] for i in subset]), reference[subset])
    assert np.array_equal(encoder.encode(texts[:1] * 40)[-1], reference[0])


def test_default_backend_computes_what_the_library_computes(st_encoder):
    """The same function as plain sentence-transformers encode (up to the last float bits)."""
    library = st_encoder._model
    plain = library.encode(SENTENCES, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)
    ours = st_encoder.encode(SENTENCES)
    assert np.sum(ours.astype(np.float64) * plain, axis=1).min() > 1 - 1e-5


def test_length_buckets_depend_on_each_length_only():
    lengths = [3, 8, 9, 17, 16, 1, 9]
    bucket = 8
    groups = length_buckets(lengths, bucket)
    assert groups == [(8, [0, 1, 5]), (16, [2, 4, 6]), (24, [3])]
    for width, positions in groups:
        assert all(width - bucket < lengths[p] <= width for p in positions)
    assert ST_LENGTH_BUCKET >= 1 and ST_FIXED_BATCH >= 1


def test_groups_by_length():
    assert groups_by_length([3, 8, 3, 1, 8, 3]) == [[3], [0, 2, 5], [1, 4]]
    assert groups_by_length([]) == []


def test_more_than_one_batch(encoder):
    texts = [f"{SENTENCES[i % 15]} number {i}" for i in range(70)]  # > 2 batches of 32
    vectors = encoder.encode(texts)
    assert vectors.shape == (70, 384)
    assert np.array_equal(vectors[69], encoder.encode([texts[69]])[0])


@pytest.fixture
def events():
    """Every EncodeEvent reported while the test runs, with the name of the thread that reported it."""
    seen: list[tuple[EncodeEvent, str]] = []

    def observe(event: EncodeEvent) -> None:
        seen.append((event, threading.current_thread().name))

    add_encode_observer(observe)
    yield seen
    remove_encode_observer(observe)


def test_observer_sees_every_call_with_its_backend_and_size(encoder, events):
    encoder.encode(SENTENCES[:3])
    encoder.encode([])
    encoder.encode(SENTENCES)
    assert [(e.backend, e.texts) for e, _ in events] == [
        (encoder.backend, 3),
        (encoder.backend, 0),
        (encoder.backend, len(SENTENCES)),
    ]
    for event, _ in events:
        assert event.seconds >= 0 and event.process_cpu_seconds >= 0
    # The 20-text call did real work: a measurable duration (the 0-text call does none).
    assert events[2][0].seconds > 0


def test_observer_is_called_in_the_encoding_thread(st_encoder, events):
    worker = threading.Thread(target=st_encoder.encode, args=(SENTENCES[:2],), name="encoding-worker")
    worker.start()
    worker.join()
    assert [(e.texts, thread) for e, thread in events] == [(2, "encoding-worker")]


def test_removed_observer_is_not_called(st_encoder):
    calls: list[int] = []

    def observe(event: EncodeEvent) -> None:
        calls.append(event.texts)

    add_encode_observer(observe)
    st_encoder.encode(SENTENCES[:1])
    remove_encode_observer(observe)
    st_encoder.encode(SENTENCES[:1])
    remove_encode_observer(observe)  # removing twice is a no-op
    assert calls == [1]


def test_failed_call_is_not_reported(st_encoder, events):
    with pytest.raises(TypeError):
        st_encoder.encode(["ok", None])
    assert events == []


def test_observer_error_reaches_the_caller(st_encoder):
    def broken(event: EncodeEvent) -> None:
        raise RuntimeError("observer failed")

    add_encode_observer(broken)
    try:
        with pytest.raises(RuntimeError, match="observer failed"):
            st_encoder.encode(SENTENCES[:1])
    finally:
        remove_encode_observer(broken)


def test_observers_do_not_change_vectors(encoder):
    without = encoder.encode(SENTENCES)
    seen: list[int] = []

    def observe(event: EncodeEvent) -> None:
        seen.append(event.texts)

    add_encode_observer(observe)
    try:
        observed = encoder.encode(SENTENCES)
    finally:
        remove_encode_observer(observe)
    assert seen == [len(SENTENCES)]
    assert observed.tobytes() == without.tobytes()


def test_encode_rejects_non_strings(encoder):
    with pytest.raises(TypeError):
        encoder.encode("a single string")
    with pytest.raises(TypeError):
        encoder.encode(["ok", None])


def test_backends_agree(st_encoder, onnx_encoder):
    texts = SENTENCES[:18]
    cosines = np.sum(st_encoder.encode(texts) * onnx_encoder.encode(texts), axis=1)
    assert cosines.mean() >= 0.999
    assert cosines.min() >= 0.995


def test_integer_kernels_agree_with_fp32(st_encoder, dynamic_encoder):
    texts = SENTENCES[:18]
    cosines = np.sum(st_encoder.encode(texts) * dynamic_encoder.encode(texts), axis=1)
    assert cosines.mean() >= 0.99
    assert cosines.min() >= 0.97


def test_semantic_sanity(encoder):
    fitness_a, fitness_b, cooking, travel = encoder.encode(
        [
            "gym workout routine to build muscle",
            "strength training and fitness exercises at home",
            "delicious pasta recipe with tomato sauce",
            "backpacking trip through the mountains of peru",
        ]
    )
    assert fitness_a @ fitness_b > fitness_a @ cooking + 0.1
    assert fitness_a @ fitness_b > fitness_a @ travel + 0.1


def test_model_loads_offline_in_a_fresh_process(tmp_path):
    """Both backends load and encode with every network connection refused and an empty HF cache."""
    script = textwrap.dedent(
        """
        import json, socket, sys
        attempts = []
        def refuse(*args, **kwargs):
            attempts.append(repr(args[1:] or kwargs)[:100])
            raise OSError("network disabled by test")
        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse

        from python_udfs.core import embeddings
        import os
        env = {k: os.environ.get(k) for k in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE",
               "HF_HUB_DISABLE_PROGRESS_BARS", "ORT_DISABLE_TELEMETRY", "TOKENIZERS_PARALLELISM",
               "OMP_WAIT_POLICY")}
        heavy_at_import = sorted(m for m in ("torch", "sentence_transformers", "onnxruntime")
                                 if m in sys.modules)
        onnx = embeddings.get_encoder("onnx_int8").encode(["offline test"])
        torch_after_onnx = "torch" in sys.modules
        st = embeddings.get_encoder("sentence_transformers").encode(["offline test"])
        print(json.dumps({
            "attempts": attempts, "env": env, "heavy_at_import": heavy_at_import,
            "torch_after_onnx": torch_after_onnx,
            "shapes": [list(onnx.shape), list(st.shape)],
            "cosine": float(onnx[0] @ st[0]),
        }))
        """
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("HF_", "TRANSFORMERS_", "ORT_", "TOKENIZERS_", "SENTENCE_TRANSFORMERS", "OMP_"))
    }
    env.update(
        HOME=str(tmp_path),
        HF_HOME=str(tmp_path / "hf"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        PYTHONPATH=str(REPO_ROOT),
        PYTHONDONTWRITEBYTECODE="1",
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["attempts"] == []
    assert report["env"] == {
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HF_HUB_DISABLE_PROGRESS_BARS": "1",
        "ORT_DISABLE_TELEMETRY": "1",
        "TOKENIZERS_PARALLELISM": "false",
        "OMP_WAIT_POLICY": "PASSIVE",
    }
    assert report["heavy_at_import"] == []
    assert report["torch_after_onnx"] is False
    assert report["shapes"] == [[1, 384], [1, 384]]
    assert report["cosine"] > 0.99
    assert not (tmp_path / "hf").exists()  # nothing fetched into a hub cache


def test_text_hash_is_sha256_of_utf8():
    assert text_hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    text = "não pare привет 健身 नमस्ते"
    assert text_hash(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert text_hash("a") != text_hash("b")


def test_text_hash_agrees_with_duckdb_sha256():
    texts = ["", "plain ascii", "não pare coração", "привет мир", "健身教练 每天训练", "emoji 🔥 kept raw"]
    con = duckdb.connect()
    try:
        for text in texts:
            (duck,) = con.execute("select sha256(?)", [text]).fetchone()
            assert duck == text_hash(text), text
    finally:
        con.close()
