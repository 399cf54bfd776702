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

# The default (embedded) data: synthetic registers at the report's national scale.
SEED ?= 42
export RTW_RAW_DIR ?= data/raw
export RTW_DUCKDB_PATH ?= data/rtw_benchmark.duckdb

DBT := $(BIN)/dbt
# The cohort period (METHOD §0) is ONE setting, var start_years in dbt_project.yml; the synthetic registers are
# generated for the same years (rtw_synth --start-years), so a later period needs only that line changed (and a
# fresh RTW_RAW_DIR). START_YEARS="2022 2023" on the command line overrides it for the generator only.
START_YEARS ?= $(shell sed -n 's/^  start_years: *\[\(.*\)\].*/\1/p' dbt_project.yml | tr -d ',')
GENERATE := $(BIN)/python -m rtw_synth --seed $(SEED) --no-progress --start-years $(START_YEARS)
# Write–audit–publish (rtw_build): dbt build + docs into a new warehouse, audit, Parquet export and report
# pages, then ONE atomic switch of the publication; a failed or killed build leaves the last one untouched.
PUBLISH := $(BIN)/rtw-build build

# The test runs use their own data and warehouse files, never the default ones:
#  - small: scale 0.05 with the small-number thresholds of METHOD §5 scaled by the same factor
#    (30 -> 2 persons per year, 75 -> 4 in total), so the whole pipeline runs on a quick dataset;
#  - full: scale 1, where the results must reproduce the report within the issues' tolerances.
SMALL_DIR := data/test/small
SMALL_VARS := {dq_min_persons_year: 2, dq_min_persons_total: 4}
FULL_DIR := data/test/full

REPORT_DIR := data/report
MARTS_DIR := data/marts

.PHONY: build test test-checks test-builds bootstrap data publish audit-raw status lint pytest dbt-parse test-small test-layouts test-population test-period test-periods test-full clean

# The pinned toolchain, then the project's own packages (rtw_synth, rtw_stats, report; pyproject.toml) installed
# editable, so `rtw-synth`, `rtw-report` and dbt's Python model import them without any sys.path edit.
$(BIN)/dbt: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# The venv, Debian's headless Chromium for the browser test and Debian's readstat, which writes the SAS files of
# rtw_synth --sas-folder (each skipped when already installed).
bootstrap: $(BIN)/dbt
	@bash scripts/install_browser.sh
	@bash scripts/install_readstat.sh

# Generate only if missing: real extracts (or an earlier run) are marked by <raw>/_SUCCESS. A folder that
# rtw_ingest started but did not finish (a manifest, no _SUCCESS) is never replaced by synthetic data.
data: bootstrap
	@if [ -f "$(RTW_RAW_DIR)/_SUCCESS" ]; then echo "raw data present in $(RTW_RAW_DIR)"; \
	elif [ -f "$(RTW_RAW_DIR)/_manifest.json" ]; then \
	  echo "$(RTW_RAW_DIR): rtw_ingest did not finish (no _SUCCESS): run it again" >&2; exit 1; \
	else $(GENERATE) --scale 1 --out "$(RTW_RAW_DIR)"; fi

# dbt build (every test), dbt docs generate, the report pages (Danish, static HTML) and the public marts as
# Parquet, all from a new warehouse that becomes the publication only when everything passed.
publish: data
	$(PUBLISH) --docs --raw-dir "$(RTW_RAW_DIR)" --db "$(RTW_DUCKDB_PATH)" --marts $(MARTS_DIR) --report $(REPORT_DIR)

# Every raw check on EVERY row of every register (var raw_audit_rows: all; docs/METHOD.md §0.1), into a scratch
# warehouse: once per delivery of an extract, before its first build. The build itself checks every row the
# method reads (the persons with a plan; GES, DOD, VNDS and the LPR3 tables whole).
audit-raw: bootstrap
	@mkdir -p data/audit
	RTW_DUCKDB_PATH=data/audit/raw_audit.duckdb $(DBT) build --select resource_type:seed source:raw \
	  --indirect-selection cautious --vars '{raw_audit_rows: all}' --target-path target/audit-raw

# Which build is published, and any build that did not finish.
status: bootstrap
	$(BIN)/python -m rtw_build status --db "$(RTW_DUCKDB_PATH)"

## build: bootstrap, the default data if missing, then publish (dbt build, docs, report pages, Parquet marts)
build: publish

lint: bootstrap
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@mkdir -p data/test
	RTW_DUCKDB_PATH=data/test/lint.duckdb $(BIN)/sqlfluff lint models tests analyses

# Python tests that need no built warehouse (the recovery test runs after the full-scale build; the layouts
# test builds its own small warehouses).
pytest: bootstrap
	$(BIN)/python -m pytest -q tests/python \
	  --ignore tests/python/test_benchmark_recovery.py --ignore tests/python/test_browser.py \
	  --ignore tests/python/test_raw_layouts.py --ignore tests/python/test_publication.py \
	  --ignore tests/python/test_population_shape.py --ignore tests/python/test_plausibility_gate.py \
	  --ignore tests/python/test_lpr3_cutover.py \
	  --ignore tests/python/test_duplicate_rows_counted.py --ignore tests/python/test_over_time.py

# The same small registers flat, year-partitioned with upper-case names, and as a SAS folder through rtw_ingest:
# small builds whose publication marts must be the same (the flat one is test-small's when it is there).
# Then the same small data with the change to LPR3 inside it (rtw_synth --lpr3-from 2016-06-01) against all-LPR2
# data: the same publication marts but for the documented MDC difference (docs/METHOD.md "LPR3 beside LPR2").
test-layouts: bootstrap
	RTW_LAYOUTS_FLAT_RAW=$(SMALL_DIR)/raw RTW_LAYOUTS_FLAT_DB=$(SMALL_DIR)/rtw.duckdb \
	  $(BIN)/python -m pytest -q tests/python/test_raw_layouts.py tests/python/test_lpr3_cutover.py

# dbt parse with deprecations as errors, then the governance check on its manifest: every public mart has an
# enforced contract and no person key; every other model (the Python model too) is restricted and protected.
dbt-parse: bootstrap
	$(DBT) --warn-error-options '{"error": ["Deprecations"]}' parse --no-partial-parse --target-path target/parse
	$(BIN)/python scripts/check_governance.py --target-path target/parse

# The small build is published like `make build` (write–audit–publish) and also feeds the report and browser
# tests: many small municipalities, so disclosure control is exercised on every page; the docs site must be
# 100 % described. Then the publication tests: a second build is byte-identical, a failed and a killed build
# leave the publication untouched, degenerate data stop with a message, a mixed publication is refused.
test-small: bootstrap
	@[ -f "$(SMALL_DIR)/raw/_SUCCESS" ] || $(GENERATE) --scale 0.05 --out "$(SMALL_DIR)/raw"
	$(PUBLISH) --warn-error --docs --raw-dir $(SMALL_DIR)/raw --db $(SMALL_DIR)/rtw.duckdb \
	  --marts $(SMALL_DIR)/marts --report $(SMALL_DIR)/report --vars '$(SMALL_VARS)' --target-path target/small
	$(BIN)/python scripts/check_docs_coverage.py --target-path target/small
	RTW_REPORT_DIR=$(SMALL_DIR)/report RTW_DOCS_DIR=target/small \
	  $(BIN)/python -m pytest -q tests/python/test_browser.py
	RTW_PUBLICATION_DB=$(SMALL_DIR)/rtw.duckdb RTW_PUBLICATION_RAW=$(SMALL_DIR)/raw \
	  RTW_PUBLICATION_VARS='$(SMALL_VARS)' $(BIN)/python -m pytest -q tests/python/test_publication.py \
	  tests/python/test_plausibility_gate.py tests/python/test_duplicate_rows_counted.py
	RTW_ATTACK_DUCKDB=$(SMALL_DIR)/rtw.duckdb RTW_ATTACK_MARTS=$(SMALL_DIR)/marts RTW_ATTACK_REQUIRED=1 \
	  $(BIN)/python -m pytest -q tests/python/test_disclosure_attack.py

# Persons without a plan change no result: the small dataset padded to population shape (rtw_synth/population.py,
# factor 0.01) is built again and every public mart must equal test-small's.
test-population: bootstrap
	$(BIN)/python -m pytest -q tests/python/test_population_shape.py

test-full: bootstrap
	@[ -f "$(FULL_DIR)/raw/_SUCCESS" ] || $(GENERATE) --scale 1 --out "$(FULL_DIR)/raw"
	$(PUBLISH) --warn-error --raw-dir $(FULL_DIR)/raw --db $(FULL_DIR)/rtw.duckdb \
	  --marts $(FULL_DIR)/marts --report $(FULL_DIR)/report --vars '{check_against_report: true}' --target-path target/full
	RTW_RECOVERY_DUCKDB=$(FULL_DIR)/rtw.duckdb RTW_RECOVERY_RAW_DIR=$(FULL_DIR)/raw RTW_RECOVERY_REQUIRED=1 \
	  $(BIN)/python -m pytest -q -s tests/python/test_benchmark_recovery.py
	RTW_ATTACK_DUCKDB=$(FULL_DIR)/rtw.duckdb RTW_ATTACK_MARTS=$(FULL_DIR)/marts RTW_ATTACK_REQUIRED=1 \
	  $(BIN)/python -m pytest -q tests/python/test_disclosure_attack.py -k "finds_nothing"

# A later period end to end on small synthetic registers generated for 2022-23 (METHOD §0; LPR3 for the contacts
# from March 2019): the dbt build with its plausibility gates, then the cohort size, shares and exclusions printed.
PERIOD_DIR := data/test/period-2022
test-period: bootstrap
	@[ -f "$(PERIOD_DIR)/raw/_SUCCESS" ] || $(BIN)/python -m rtw_synth --seed $(SEED) --no-progress --scale 0.05 \
	  --start-years 2022 2023 --out "$(PERIOD_DIR)/raw"
	RTW_RAW_DIR=$(PERIOD_DIR)/raw RTW_DUCKDB_PATH=$(PERIOD_DIR)/rtw.duckdb $(DBT) build --target-path target/period \
	  --vars '{start_years: [2022, 2023], dq_min_persons_year: 2, dq_min_persons_total: 4}'
	$(BIN)/python scripts/period_summary.py --db $(PERIOD_DIR)/rtw.duckdb

# The benchmark over time (METHOD §8.10): one extract with two cohort periods, 2016-17 and 2018-19 (LPR3 from
# March 2019), with known changes planted in 4 big municipalities in the second (rtw_synth --plant-changes; the
# truth in _truth/planted_changes.parquet), published with var periods like `make build`: the change flags must
# find exactly the planted changes, in their direction, and the pages must show them (tests/python/test_over_time.py);
# then the disclosure attack on both periods' marts.
PERIODS_DIR := data/test/periods
PERIODS_VARS := {periods: [[2016, 2017], [2018, 2019]], dq_min_persons_year: 9, dq_min_persons_total: 23}
test-periods: bootstrap
	@[ -f "$(PERIODS_DIR)/raw/_SUCCESS" ] || $(BIN)/python -m rtw_synth --seed $(SEED) --no-progress --scale 0.3 \
	  --start-years 2016 2017 2018 2019 --plant-changes 4 --plant-shift 1.6 --out "$(PERIODS_DIR)/raw"
	$(PUBLISH) --warn-error --raw-dir $(PERIODS_DIR)/raw --db $(PERIODS_DIR)/rtw.duckdb --marts $(PERIODS_DIR)/marts \
	  --report $(PERIODS_DIR)/report --vars '$(PERIODS_VARS)' --target-path target/periods
	RTW_PERIODS_DB=$(PERIODS_DIR)/rtw.duckdb RTW_PERIODS_RAW=$(PERIODS_DIR)/raw RTW_PERIODS_REPORT=$(PERIODS_DIR)/report \
	  $(BIN)/python -m pytest -q -s tests/python/test_over_time.py
	RTW_ATTACK_DUCKDB=$(PERIODS_DIR)/rtw.duckdb RTW_ATTACK_MARTS=$(PERIODS_DIR)/marts RTW_ATTACK_REQUIRED=1 \
	  $(BIN)/python -m pytest -q tests/python/test_disclosure_attack.py

## test: everything -- lint, Python tests, dbt parse (deprecations are errors), dbt build on a small
## dataset, the raw layouts (flat, year-partitioned, SAS folder), persons without a plan (population shape)
## a later period (2022-23, LPR3), two periods with planted changes (the benchmark over time) and the full-scale
## build checked against the report. Two chains side by side on the 2 cores (each chain in order; output of the
## two interleaves, a failing step is named by make): the static checks and the builds that need no other step,
## beside test-small and the builds that compare with it.
test: bootstrap
	$(MAKE) --no-print-directory -j2 test-checks test-builds

test-checks:
	$(MAKE) --no-print-directory -j1 lint pytest dbt-parse test-period test-periods

test-builds:
	$(MAKE) --no-print-directory -j1 test-small test-layouts test-population test-full

clean:
	rm -rf target logs dbt_packages data/test
