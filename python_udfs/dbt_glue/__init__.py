"""What ties the analyses to dbt: the memoised Python models (memo), the incremental embedding
models' wiring (models), the DuckDB plugin that registers the UDFs (duckdb_plugin), the
`make build` no-change check (build_state) and the CSV export of the marts (export).

May import: python_udfs.core, python_udfs.spark (its frames and embeddings, for the Spark target)
and this package; not the analysis packages (the dbt models import those themselves).
"""
