# Two commands do everything on a fresh clone (Python 3.11+):
#   make run   — set up .venv and run the assistant (Telegram with a token, else the terminal chat)
#   make test  — set up .venv and run every check: content, lint, format and the pytest suite
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint eval bench setup

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(PY) -m bot

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: $(STAMP) lint
	$(PY) -m bot kb check
	$(PY) -m pytest

eval: $(STAMP)
	$(PY) -m bot kb eval

bench: $(STAMP)
	$(PY) -m bot kb bench
