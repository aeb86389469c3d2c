"""The Spark pieces in a local SparkSession (skipped unless the Spark extras are installed: make test-spark).

Checked against the DuckDB path computed here, not against stored outputs.
"""

from __future__ import annotations

import os
import sys

import numpy as np
import pyarrow as pa
import pytest

pyspark = pytest.importorskip("pyspark")

# A JVM and the model in Spark's Python workers: about 90 s. Only make test-spark runs these, even
# when the Spark extras are installed in the venv make test uses.
pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(os.environ.get("INFLUENCER_SPARK_TESTS") != "1", reason="make test-spark runs the Spark tests"),
]


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    warehouse = tmp_path_factory.mktemp("warehouse")
    session = (
        SparkSession.builder.master("local[2]")
        .config("spark.sql.warehouse.dir", str(warehouse))
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        # As the spark profile: workers encode with the driver's torch thread count (pyspark sets 1).
        .config("spark.executorEnv.OMP_NUM_THREADS", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


TEXTS = [
    "marathon training plan for beginners",
    "vegan ramen recipe",
    "",
    "sunset over the dolomites, hiking with the dog",
    "gym day legs squats",
    "budget travel in vietnam",
]


def _texts_table():
    from python_udfs.core.embeddings import text_hash

    return pa.table(
        {
            "influencer_id": [f"INF{i:03d}" for i in range(len(TEXTS))],
            "cleaned_text": TEXTS,
            "text_hash": [text_hash(text) for text in TEXTS],
        }
    )


def test_pandas_udf_vectors_are_bit_identical_to_the_duckdb_path(spark):
    from python_udfs.core.embedded_texts import embed_new_texts
    from python_udfs.spark.embeddings import embed_new_texts_spark

    expected = embed_new_texts(_texts_table(), "influencer_id", None, embedding_backend="sentence_transformers")
    # Three partitions: the texts reach the encoder in other batches than on the driver.
    texts = spark.createDataFrame(_texts_table()).repartition(3)
    got = embed_new_texts_spark(texts, "influencer_id", None, "sentence_transformers").toArrow()
    got = got.sort_by("influencer_id")
    assert got.column("text_hash").to_pylist() == expected.column("text_hash").to_pylist()
    want = np.array(expected.column("embedding").to_pylist(), dtype=np.float32)
    have = np.array(got.column("embedding").to_pylist(), dtype=np.float32)
    assert have.shape == (len(TEXTS), 384)
    assert np.array_equal(want.view(np.uint32), have.view(np.uint32))


def test_incremental_run_reuses_unchanged_rows_and_embeds_only_changed_texts(spark):
    from python_udfs.core.embeddings import text_hash
    from python_udfs.spark.embeddings import embed_new_texts_spark

    first = embed_new_texts_spark(spark.createDataFrame(_texts_table()), "influencer_id", None, "sentence_transformers")
    stored = spark.createDataFrame(first.toArrow())
    # Plant a marker in the stored vectors: a row that is re-embedded loses it.
    from pyspark.sql import functions as F

    marked = stored.withColumn("embedding", F.array_repeat(F.lit(7.0).cast("float"), 384))
    changed = _texts_table().to_pylist()
    changed[1] = dict(
        changed[1], cleaned_text="vegan ramen recipe, spicy", text_hash=text_hash("vegan ramen recipe, spicy")
    )
    del changed[4]  # INF004 left the input
    result = embed_new_texts_spark(
        spark.createDataFrame(pa.Table.from_pylist(changed)), "influencer_id", marked, "sentence_transformers"
    ).toArrow()
    rows = {row["influencer_id"]: row for row in result.to_pylist()}
    assert sorted(rows) == ["INF000", "INF001", "INF002", "INF003", "INF005"]
    reused = [key for key, row in rows.items() if row["embedding"][0] == 7.0]
    assert sorted(reused) == ["INF000", "INF002", "INF003", "INF005"]
    assert rows["INF001"]["embedding"][0] != 7.0


def test_frame_gives_the_duckdb_relation_calls(spark):
    from python_udfs.spark.frames import Frame, to_spark_frame

    frame = Frame(spark.createDataFrame(pa.table({"k": [1, 2, 3], "flag": [True, False, True], "v": ["a", "b", "c"]})))
    assert sorted(frame.filter("flag").project("k").fetchall()) == [(1,), (3,)]
    assert frame.union(frame).to_arrow_table().num_rows == 6
    vectors = pa.table(
        {"k": ["x"], "embedding": pa.FixedSizeListArray.from_arrays(pa.array([0.5] * 384, pa.float32()), 384)}
    )
    back = to_spark_frame(spark, vectors).toArrow()
    assert back.column("embedding").to_pylist()[0] == [0.5] * 384
