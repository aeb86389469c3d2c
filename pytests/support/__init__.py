"""Helpers the tests share (the fixtures stay in pytests/conftest.py).

* paths: the project and seed folders;
* dbt_runs: dbt in this process on the ci target, against throwaway DuckDB files;
* warehouse: read-only queries of a built file;
* inputs: copies of the bundled input CSVs and edits to them;
* broken_inputs: the broken copy of every input that test_rejects builds, record by record;
* tiktok_export: the bundled TikTok export files, read with the csv module and with DuckDB;
* browser: Debian's chromium, offline, for the report pages;
* fake_scores_reference, fake_scores_cases: an independent reference of the documented
  fake-follower rules and the cases it is checked on.
"""
