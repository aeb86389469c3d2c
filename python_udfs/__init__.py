"""Pure Python functions (text cleaning, embeddings, clustering, keywords, labelling, matching)
called by the project's dbt Python models and DuckDB UDFs."""
