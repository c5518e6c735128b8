# Crossroads: two commands on a fresh machine.
#   make demo   virtual environment, install, migrate, reference + demo data, serve :8000
#   make test   virtual environment, install, the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: demo test install lint typecheck schema check-schema clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/crossroads demo

test: install
	$(BIN)/pytest -n auto $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check crossroads scripts benchmarks
	$(BIN)/mypy crossroads

schema: install
	$(BIN)/crossroads spectacular --file docs/openapi.yaml --validate --fail-on-warn

clean:
	rm -rf $(VENV) var/static
