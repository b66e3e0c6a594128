# entente — every target creates .venv and installs into it as needed.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: install demo test eval bench load lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	@mkdir -p build
	rm -f build/demo.db build/demo.db-wal build/demo.db-shm
	-$(BIN)/entente ingest examples/articles --db build/demo.db
	$(BIN)/entente pairs --db build/demo.db
	@pair=$$($(BIN)/entente pairs --db build/demo.db --json | $(PY) -c 'import json, sys; p = json.load(sys.stdin); print(" ".join(p[0]["pair"]) if p else "")'); \
	if [ -n "$$pair" ]; then echo "== entente show $$pair"; $(BIN)/entente show $$pair --db build/demo.db; \
	else echo "no pairs found in examples/articles"; fi

test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/pytest

eval: $(STAMP)
	@mkdir -p build
	$(BIN)/entente extract $(SHARED)/seeds --out build/seeds.jsonl
	@echo "== seeds ($(SHARED)/seeds) =="
	$(PY) $(SHARED)/eval/score.py $(SHARED)/gold/seeds.gold.json build/seeds.jsonl
	$(BIN)/entente extract tests/devset --out build/devset.jsonl
	@echo "== dev set (tests/devset, gold tests/gold/devset.gold.json) =="
	$(PY) $(SHARED)/eval/score.py tests/gold/devset.gold.json build/devset.jsonl
	@if [ -d $(SHARED)/realdev/articles ]; then \
	  $(BIN)/entente extract $(SHARED)/realdev/articles --out build/realdev.jsonl && \
	  echo "== realdev ($(SHARED)/realdev) ==" && \
	  $(PY) $(SHARED)/eval/score.py $(SHARED)/realdev/gold.json build/realdev.jsonl; \
	else echo "(no $(SHARED)/realdev: realdev skipped)"; fi
	@if [ -f $(SHARED)/eval/tempeval.py ] && [ -d $(SHARED)/corpora/tempeval-tbaq ]; then \
	  echo "== TempEval-3 TBAQ DATE values (entente vs dateparser) ==" && $(PY) $(SHARED)/eval/tempeval.py; \
	else echo "(no $(SHARED)/corpora/tempeval-tbaq: tempeval skipped)"; fi

bench: $(STAMP)
	@mkdir -p build
	$(BIN)/entente bench $(BENCH_ARGS); rc=$$?; $(PY) benchmarks/load.py $(LOAD_ARGS) || rc=1; exit $$rc

# Load test (not run by CI; make bench runs it after its table; JSON in build/load.json): 50 clients x 30 s
# on loopback against build/bench100k.db (a smaller
# generated KB when it is missing). LOAD_ARGS e.g. "--clients 20 --seconds 10 --json".
load: $(STAMP)
	$(PY) benchmarks/load.py $(LOAD_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache
