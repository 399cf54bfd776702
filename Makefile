# Two commands matter (see README): `make build` and `make test`. Everything else is a step of those.
SHELL := /bin/bash
.DEFAULT_GOAL := build

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export DO_NOT_TRACK := 1
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_PROJECT_DIR := $(CURDIR)

# Default (embedded) data: the synthetic registers at the report's national scale.
SCALE ?= 1
SEED ?= 42
export RTW_RAW_DIR ?= data/raw
export RTW_DUCKDB_PATH ?= data/rtw_benchmark.duckdb

# The test run: a small synthetic dataset and its own warehouse file, so it never touches the default one.
TEST_SCALE ?= 0.02
TEST_DIR := data/test

DBT := $(BIN)/dbt

.PHONY: build test bootstrap data dbt-build docs lint pytest dbt-parse dbt-test-build clean

$(BIN)/dbt: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

bootstrap: $(BIN)/dbt

data: bootstrap
	@if [ ! -f "$(RTW_RAW_DIR)/_SUCCESS" ]; then \
	  $(BIN)/python -m rtw_synth --scale $(SCALE) --seed $(SEED) --out "$(RTW_RAW_DIR)"; \
	else echo "raw data present in $(RTW_RAW_DIR) (delete it to regenerate)"; fi

dbt-build: data
	$(DBT) build --fail-fast

docs: dbt-build
	$(DBT) docs generate

## build: bootstrap, generate the default data if missing, dbt build, dbt docs generate
build: docs

lint: bootstrap
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/sqlfluff lint models tests analyses

pytest: bootstrap
	$(BIN)/python -m pytest -q tests/python

dbt-parse: bootstrap
	$(DBT) --warn-error-options '{"error": ["Deprecations"]}' parse --no-partial-parse

dbt-test-build: bootstrap
	@if [ ! -f "$(TEST_DIR)/raw/_SUCCESS" ]; then \
	  $(BIN)/python -m rtw_synth --scale $(TEST_SCALE) --seed $(SEED) --out "$(TEST_DIR)/raw"; fi
	RTW_RAW_DIR=$(TEST_DIR)/raw RTW_DUCKDB_PATH=$(TEST_DIR)/rtw_test.duckdb \
	  $(DBT) --warn-error build --target-path target/test

## test: everything -- lint, Python tests, dbt parse (deprecations are errors), dbt build on a small dataset
test: lint pytest dbt-parse dbt-test-build

clean:
	rm -rf target logs dbt_packages $(TEST_DIR)
