# Two commands matter: `make run` and `make test`. Both build the virtualenv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
WAREHOUSE ?= warehouse/corroborate.duckdb
BENCH_DOCS ?= 20000
# Real articles whose sentences the bench corpus recombines, beside the demo corpus.
EVAL_DIR ?= ../shared/eval
# BENCH_CLUSTER=local:2 (or a Dask scheduler's address) prepares the batches on a Dask cluster.
BENCH_CLUSTER ?=

export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: run test test-fast bench bench-adversarial chaos fuzz lint eval clean

# Install, then compile the incident clustering and the word similarities once (Numba caches
# them beside their modules): 20 s that no run waits for.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	$(BIN)/python -c "from corroborate.incident_clusters import cluster_documents as c; c([(1, 1)], [[]], ([], [], []))"
	$(BIN)/python -c "from corroborate.word_similarity import word_similarities as w; w([0], [], [], [], [])"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/corroborate run seeds/articles --warehouse $(WAREHOUSE) --show-marts
	$(BIN)/corroborate report --warehouse $(WAREHOUSE)

test: $(STAMP)
	$(BIN)/pytest

# The inner loop: everything but the tests that start subprocesses, servers or clusters.
test-fast: $(STAMP)
	$(BIN)/pytest -m "not slow"

bench: $(STAMP)
	CORROBORATE_EVAL_DIR=$(EVAL_DIR) $(BIN)/python -m corroborate.bench.throughput --docs $(BENCH_DOCS) $(if $(BENCH_CLUSTER),--cluster $(BENCH_CLUSTER))

bench-adversarial: $(STAMP)
	$(BIN)/python -m corroborate.bench.adversarial

chaos: $(STAMP)
	$(BIN)/python -m tests.chaos --kills 20

fuzz: $(STAMP)
	$(BIN)/python -m corroborate.bench.fuzz --inputs 100000 --workers 2

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) warehouse/*.duckdb warehouse/*.wal
