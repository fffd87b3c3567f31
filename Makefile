# customer360: the two commands are `make build` and `make test` (see README).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

DEMO_CUSTOMERS ?= 3000
DEMO_SEED ?= 42
DEMO_DIR := data/demo
RAW_DATA_DIR ?=
export DBT_DUCKDB_PATH ?= warehouse/customer360.duckdb
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DO_NOT_TRACK := 1

ifeq ($(strip $(RAW_DATA_DIR)),)
RAW_DIR := $(DEMO_DIR)/raw
GENERATE := 1
else
RAW_DIR := $(RAW_DATA_DIR)
GENERATE :=
endif

.PHONY: help venv build test benchmark generate load dbt-build freshness quality quality-report summary lint clean

help:
	@echo "make build   # venv + demo data (or RAW_DATA_DIR=...) + dbt build + summary"
	@echo "make test    # venv + pytest (fresh temp warehouse, every dbt test) + sqlfluff lint"
	@echo "make benchmark [BENCHMARK_SIZES=10000,100000,1000000]  # heavy: the published figures (hours at 1M)"

# (Re)create the virtual environment whenever the pinned requirements change.
$(STAMP): requirements.txt pyproject.toml
	@test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@# make the repo's python_helpers importable from the venv (dbt loads its DuckDB plugin)
	$(VPY) -c "import sysconfig, pathlib; pathlib.Path(sysconfig.get_paths()['purelib'], 'customer360.pth').write_text('$(CURDIR)\\n')"
	@touch $(STAMP)

venv: $(STAMP)

generate: venv
ifeq ($(GENERATE),1)
	$(VPY) -m python_helpers generate --customers $(DEMO_CUSTOMERS) --seed $(DEMO_SEED) \
		--out $(DEMO_DIR)/raw --truth-dir $(DEMO_DIR)/truth
else
	@echo "using your raw files in $(RAW_DIR)"
endif

load: generate
	$(VPY) -m python_helpers load --raw-dir $(RAW_DIR) --db $(DBT_DUCKDB_PATH)

# dbt build with erasure carried out in the same run: resolve pass, apply_erasure, dbt build
dbt-build: load
	$(VPY) -m python_helpers build --db $(DBT_DUCKDB_PATH)

# source freshness relative to the data's as-of date (thresholds in the source YAML)
freshness: dbt-build
	$(VENV)/bin/dbt source freshness --project-dir . --profiles-dir . --target dev

# great-expectations suites + Data Docs + JSON summary under target/quality/ (fails on an error expectation)
quality: freshness
	$(VPY) -m python_helpers quality --db $(DBT_DUCKDB_PATH) --target-dir target

# HTML report people look at: target/quality/report.html
quality-report:
	$(VPY) -m python_helpers quality-report --db $(DBT_DUCKDB_PATH) --target-dir target \
		$(if $(GENERATE),--truth-dir $(DEMO_DIR)/truth)

summary:
	$(VPY) -m python_helpers summary --db $(DBT_DUCKDB_PATH) --run-results target/run_results.json

build: quality
	@$(MAKE) --no-print-directory quality-report summary

lint: venv
	DBT_DUCKDB_PATH=:memory: $(VENV)/bin/sqlfluff lint models analyses tests

# pytest runs on two workers (pytest-xdist, options in pyproject.toml: a module's tests
# stay on one worker) and sqlfluff (one core, ~3 min) beside it, since dbt subprocesses
# leave cores idle much of the time; lint output is printed after pytest's, either
# failing fails, and an interrupt stops both
test: venv
	@mkdir -p target; DBT_DUCKDB_PATH=:memory: $(VENV)/bin/sqlfluff lint models analyses tests > target/lint.log 2>&1 & \
	lint=$$!; trap 'kill $$lint 2>/dev/null' INT TERM; \
	$(VPY) -m pytest; tests=$$?; \
	wait $$lint; linted=$$?; cat target/lint.log; \
	echo "make test: pytest exit $$tests, sqlfluff exit $$linted"; \
	[ $$tests -eq 0 ] && [ $$linted -eq 0 ]

# The published figures (README "Benchmarks"): not part of build or test; ~1 h at 1M customers.
BENCHMARK_SIZES ?= 10000,100000,1000000
benchmark: venv
	$(VPY) -m python_helpers benchmark suite --sizes $(BENCHMARK_SIZES) --update-readme

clean:
	rm -rf target logs warehouse data
