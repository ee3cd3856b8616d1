# Two commands do everything on a fresh clone (Python 3.11+):
#   make run   — set up .venv and run the assistant (Telegram with a token, else the terminal chat)
#   make test  — set up .venv and run every check: content, lint, format, types and the tests
# Installs are pinned by constraints.txt (the versions the suite last passed with).
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck eval bench setup

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(PY) -m bot

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: $(STAMP)
	$(PY) -m mypy

test: $(STAMP) lint typecheck
	$(PY) -m bot kb check
	$(PY) -m pytest -n auto

eval: $(STAMP)
	$(PY) -m bot kb eval

bench: $(STAMP)
	$(PY) -m bot kb bench
