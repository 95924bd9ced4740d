# make run   — install into .venv, compile catalogs, migrate, load demo content, serve on :5000
# make test  — install with the dev extra, check the catalogs (the CI gate), run the whole suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 5000
HOST   ?= 127.0.0.1
export FLASK_APP := wsgi

.PHONY: run test serve install install-dev translations check-translations bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

translations: install
	$(BIN)/flask translate compile

run: translations
	$(BIN)/flask db upgrade
	$(BIN)/flask demo load --if-empty
	@echo "Serving on http://$(HOST):$(PORT)/"
	$(BIN)/flask run --host $(HOST) --port $(PORT)

test: install-dev
	$(BIN)/flask translate compile
	$(BIN)/flask translate check
	$(BIN)/ruff check portal tests
	$(BIN)/python -m pytest $(PYTEST_ARGS)

check-translations: install-dev
	$(BIN)/flask translate check

bench: install-dev translations
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
	find translations -name '*.mo' -delete
