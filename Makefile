# Two commands set everything up on a fresh Debian machine with Python 3.11:
#   make run   – create .venv, install, migrate, load the demo region, serve on :8000
#   make test  – the full test suite
# and `make bench` runs the speed and memory benchmarks in benchmarks/.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test bench lint messages clean

$(BIN)/netwerkregie: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/netwerkregie
	$(BIN)/netwerkregie serve

test: $(BIN)/netwerkregie
	$(BIN)/ruff check .
	$(BIN)/pytest -p no:cacheprovider

# All benchmarks always run; the target fails when either misses its target.
bench: $(BIN)/netwerkregie
	status=0; \
	$(BIN)/python benchmarks/analysis.py || status=1; \
	$(BIN)/python benchmarks/map.py || status=1; \
	$(BIN)/python benchmarks/report.py || status=1; \
	exit $$status

lint: $(BIN)/netwerkregie
	$(BIN)/ruff check .

messages: $(BIN)/netwerkregie
	cd src/netwerkregie && ../../$(BIN)/netwerkregie makemessages -l nl -l en --no-obsolete && ../../$(BIN)/netwerkregie compilemessages

clean:
	rm -rf $(VENV) var build src/*.egg-info
