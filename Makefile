# entente — every target creates .venv and installs into it as needed.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: install demo test eval bench lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/entente extract examples/articles --pretty | head -n 60

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

bench: $(STAMP)
	@echo "make bench: benchmarks are not written yet (issue: Scale and speed); nothing measured."

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache
