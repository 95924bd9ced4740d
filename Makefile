# make run          install the locked runtime into .venv, compile catalogs, migrate, load the demo,
#                   serve on :5000
# make test         install the locked runtime and dev extra, check the catalogs (the CI gate), lint,
#                   check the locked versions against the advisory snapshot, run the whole suite
# make lock         re-resolve uv.lock after a change to pyproject.toml
# make upgrade      the newest releases pyproject.toml allows, re-locked, then the whole suite
# make test-latest  the suite against the newest releases, without the lock (in .venv-latest)
# make test-cluster two app servers behind nginx on PostgreSQL and Redis (TEST_DATABASE_URL);
#                   also part of `make test` when those are reachable
# make bench        the readers' pages over HTTP (gunicorn, nginx, wrk) at SIZES articles, on
#                   SQLite, then PostgreSQL + Redis when reachable (BENCH_DATABASE_URL: a database
#                   beside which <name>_http is made; BENCH_REDIS_URL: emptied); QUICK=1: 1,000
#                   articles, 2 s runs. Results in bench/results/http-<date>.md
# make bench-cpu    each readers' page rendered in-process (CPU time, no network)
#
# Installs are exact and hash-checked: uv installs what uv.lock names and nothing else, and refuses
# a lock that no longer matches pyproject.toml. uv itself comes from PyPI into the venv, pinned by
# hash in requirements/bootstrap.txt, so a machine needs only Python 3.11+ and make.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
UV     := $(BIN)/uv
PORT   ?= 5000
# The suite runs on every core (pytest-xdist), a test file to a worker; PYTEST_ARGS= runs it in one.
PYTEST_ARGS ?= -n auto --dist loadfile
HOST   ?= 127.0.0.1
LATEST := .venv-latest
export FLASK_APP := wsgi
# uv installs into our venv, never downloads an interpreter and never asks.
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))
export UV_PYTHON_DOWNLOADS := never
export UV_NO_PROGRESS := 1
export UV_LINK_MODE := copy

LOCK_HELP := the locked install stopped (uv says why above). If uv.lock is out of step with \
pyproject.toml, run 'make lock' and commit uv.lock. If a file did not match its hash, it is not \
the file that was locked: nothing was installed from it; try again later, or report it

.PHONY: run test test-cluster suite serve install install-dev translations check-translations check-lock \
        lock upgrade test-latest bench bench-cpu clean

# A stamp is written last, so a venv whose install was interrupted is never taken for a finished one.
$(VENV)/.bootstrapped: requirements/bootstrap.txt
	@rm -f $(VENV)/.bootstrapped $(VENV)/.installed $(VENV)/.installed-dev
	$(PYTHON) -m venv --clear $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps \
	    --require-hashes -r requirements/bootstrap.txt
	touch $@

check-lock: $(VENV)/.bootstrapped
	@$(UV) lock --check --quiet 2>/dev/null || { echo "error: uv.lock does not match \
	pyproject.toml: run 'make lock' after changing pyproject.toml, and commit uv.lock" >&2; exit 1; }

$(VENV)/.installed: $(VENV)/.bootstrapped pyproject.toml uv.lock
	@rm -f $@
	@$(UV) sync --locked --inexact --quiet || { echo "error: $(LOCK_HELP)" >&2; exit 1; }
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	@rm -f $@
	@$(UV) sync --locked --inexact --quiet --extra dev || { echo "error: $(LOCK_HELP)" >&2; exit 1; }
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
	@$(MAKE) --no-print-directory check-lock
	@$(MAKE) --no-print-directory suite

# The suite itself, in whichever venv BIN names (test-latest points it at another one).
suite:
	$(BIN)/flask translate compile
	$(BIN)/flask translate check
	$(BIN)/ruff check portal tests security bench deploy
	$(BIN)/python security/audit.py
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-cluster: install-dev translations
	TEST_DATABASE_URL=$${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/test} \
	    PORTAL_STRICT_TESTS=1 $(BIN)/python -m pytest -n 0 -s tests/cluster

check-translations: install-dev
	$(BIN)/flask translate check

lock: $(VENV)/.bootstrapped
	$(UV) lock

upgrade: $(VENV)/.bootstrapped
	$(UV) lock --upgrade
	@$(MAKE) --no-print-directory test

# Newest releases, resolved now, in a venv of their own: the lock and .venv stay as they are.
test-latest: $(VENV)/.bootstrapped
	rm -rf $(LATEST)
	$(UV) venv --quiet --python $(PYTHON) $(LATEST)
	$(UV) pip install --quiet --python $(LATEST)/bin/python --upgrade -r pyproject.toml \
	    --extra dev
	$(UV) pip freeze --python $(LATEST)/bin/python
	@$(MAKE) --no-print-directory suite BIN=$(LATEST)/bin

SIZES ?= 1000,100000
BENCH_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/postgres
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/3
bench: install-dev translations
	@for tool in wrk nginx openssl; do command -v $$tool >/dev/null || [ -x /usr/sbin/$$tool ] || \
	    { echo "error: make bench needs $$tool (Debian: apt-get install wrk nginx-light openssl)" >&2; \
	      exit 1; }; done
	$(BIN)/python bench/http_pages.py --postgresql "$(BENCH_DATABASE_URL)" --redis "$(BENCH_REDIS_URL)" \
	    $(if $(QUICK),--quick,--sizes $(SIZES))

bench-cpu: install-dev translations
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(LATEST) .pytest_cache test-artifacts
	find translations -name '*.mo' -delete
