"""The ground floor every analysis stands on: text cleaning, embeddings (and the quantised
model), settings, cosine matching, calibration, k-means, the warehouse helpers and the Arrow
helpers (``FLOAT[384]`` columns, embedding the texts that have no vector yet).

May import: nothing of python_udfs outside ``core`` (no analysis package, no dbt or Spark glue).
"""
