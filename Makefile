# Huiyi: `make run` sets everything up and materialises the sample; `make test` runs the tests.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test ui bench install clean chromium

# The report test renders in Debian's chromium (Playwright cannot download its own browser here).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/huiyi run

chromium:
	@command -v chromium >/dev/null 2>&1 || { echo "Installing Debian's chromium for the report test"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: install chromium
	$(BIN)/python -m pytest -q

ui: install
	$(BIN)/huiyi ui

bench: install
	$(BIN)/python bench/ingest.py

clean:
	rm -rf data/marts/huiyi.duckdb data/marts/work data/marts/parquet data/marts/.dagster data/marts/charts data/marts/reports
