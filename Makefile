# Huiyi: `make run` sets everything up and materialises the sample; `make test` runs the tests.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test ui bench install clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/huiyi run

test: install
	$(BIN)/python -m pytest -q

ui: install
	$(BIN)/huiyi ui

bench: install
	$(BIN)/python bench/ingest.py

clean:
	rm -rf data/marts/huiyi.duckdb data/marts/work data/marts/parquet data/marts/.dagster
