# Two commands set everything up on a fresh Debian machine with Python 3.11:
#   make run   – create .venv, install, migrate, load the demo region, serve on :8000 with the worker
#   make test  – system packages (as root, else the apt command to run), checks, the full test suite
# `make run ADDR=127.0.0.1:8111` serves elsewhere; `make test-fast` skips the browser tests;
# `make bench` runs the speed, memory and load benchmarks in benchmarks/.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BIOME := node_modules/.bin/biome
ADDR ?= 127.0.0.1:8000

.PHONY: run test test-fast check system-packages bench lint messages clean

$(BIN)/netwerkregie: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# The JavaScript linter, pinned in package.json and package-lock.json (needs nodejs and npm).
$(BIOME): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Development only: debug on, the demo region with its demo-only accounts.
run: $(BIN)/netwerkregie
	NETWERKREGIE_DEBUG=1 $(BIN)/netwerkregie serve $(ADDR)

system-packages:
	bash scripts/system-packages.sh

# ruff, biome on our own JavaScript, migrations that match the models, translation catalogues
# compiled (the tests read them).
check: $(BIN)/netwerkregie $(BIOME)
	$(BIN)/ruff check .
	$(BIOME) lint --error-on-warnings
	NETWERKREGIE_DEBUG=1 $(BIN)/netwerkregie makemigrations --check --dry-run
	cd src/netwerkregie && NETWERKREGIE_DEBUG=1 ../../$(BIN)/netwerkregie compilemessages -v0
	sh scripts/check-translations.sh

# One pytest process per core (pytest-xdist); a file's tests stay together so module fixtures build once.
PYTEST = $(BIN)/pytest -p no:cacheprovider -n auto --dist loadfile

test: system-packages check
	$(PYTEST)

test-fast: check
	$(PYTEST) -m "not browser"

# Every benchmark always runs; the target fails when any misses its target.
bench: $(BIN)/netwerkregie
	status=0; \
	$(BIN)/python benchmarks/analysis.py || status=1; \
	$(BIN)/python benchmarks/map.py || status=1; \
	$(BIN)/python benchmarks/report.py || status=1; \
	$(BIN)/python benchmarks/survey_load.py || status=1; \
	$(BIN)/python benchmarks/pages.py || status=1; \
	PAGE_WEIGHT_ORGANISATIONS=2000 $(BIN)/pytest -p no:cacheprovider -q tests/budgets/test_page_weight.py || status=1; \
	exit $$status

lint: $(BIN)/netwerkregie $(BIOME)
	$(BIN)/ruff check .
	$(BIOME) lint --error-on-warnings

messages: $(BIN)/netwerkregie
	cd src/netwerkregie && NETWERKREGIE_DEBUG=1 ../../$(BIN)/netwerkregie makemessages -l nl -l en --no-obsolete && NETWERKREGIE_DEBUG=1 ../../$(BIN)/netwerkregie compilemessages

clean:
	rm -rf $(VENV) var build src/*.egg-info node_modules
