"""The Spark target: the dbt adapter additions (adapter: Python models in the session, the UDFs,
SQL rewrites in sql), Spark-side embeddings (a pandas UDF) and frames, and the DuckDB-vs-Spark
parity check (parity).

May import: python_udfs.core and this package (not the analysis packages, not dbt_glue).
"""
