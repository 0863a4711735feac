# Heard: two commands on a fresh machine. `make run` sets up and serves; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3
# gunicorn's settings are in gunicorn.conf.py (threaded workers), shared with the benchmark.
THREADS ?= 4
TIMEOUT ?= 120
export DJANGO_SETTINGS_MODULE := heard.config.settings
# Python keeps compiled modules (__pycache__, ignored by git) even where the shell says not to
# (PYTHONDONTWRITEBYTECODE, set on some CI images): without them every pytest process compiled
# and rewrote the 350 test modules again, 14.6 s of CPU to collect instead of 5.6 s, and every
# `heard` process the tests start compiled Heard again (docs/testing.md).
export PYTHONDONTWRITEBYTECODE :=
# Logs: readable lines for whoever runs make; production keeps the default, JSON lines
# (heard.config.parts.operations, docs/deploy.md).
export LOG_FORMAT ?= plain

.PHONY: run dev test lint typecheck check-tools install install-dev frontend migrate demo browser-test test-postgres bench clean

check-tools:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null || { echo "Heard needs Python 3.11 or newer: install python3.11 (and python3.11-venv) and try again."; exit 1; }
	@command -v node >/dev/null && command -v npm >/dev/null || { echo "Heard needs Node.js and npm to build its stylesheet: install nodejs and npm (Node 18 or newer) and try again."; exit 1; }

$(BIN)/.installed: requirements.lock pyproject.toml | check-tools
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

$(BIN)/.installed-dev: requirements-dev.lock $(BIN)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	@touch $@

install: $(BIN)/.installed frontend
install-dev: $(BIN)/.installed-dev frontend

node_modules/.installed: package.json package-lock.json | check-tools
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

build/static/heard/heard.css: node_modules/.installed $(wildcard frontend/*)
	node frontend/build.mjs

frontend: build/static/heard/heard.css

migrate: install
	$(BIN)/heard migrate --noinput
	$(BIN)/heard createcachetable
	$(BIN)/heard collectstatic --noinput --verbosity 0

demo: migrate
	$(BIN)/heard load_demo

run: demo
	@echo "Heard is starting on http://$(HOST):$(PORT)/ (stop it with Ctrl+C)"
	HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) THREADS=$(THREADS) TIMEOUT=$(TIMEOUT) $(BIN)/gunicorn -c gunicorn.conf.py heard.config.wsgi:application

dev: demo
	DEBUG=1 $(BIN)/heard runserver $(HOST):$(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	HEARD_TESTING=1 $(BIN)/heard makemigrations --check --dry-run

typecheck: install-dev
	$(BIN)/mypy src

# `make test` and `make test-postgres` run the suite, the browser tests and (make test) lint and types
# side by side (.ci/suites). Browser tests run in their own pytest process: their live server
# empties the database after each test (rows seeded by migrations included), which must not reach
# the other tests. For the same reason the suite's files go to the workers in pytest-django's order
# (transactional tests, which flush, after the rest), not reordered by size: --no-loadscope-reorder.
# One xdist worker per CPU the run may use (TEST_WORKERS=auto; 2 on the 2-core machines measured
# in docs/testing.md, where it was `-n 2` before): a bigger machine runs the suite sooner. At most 8
# (each worker holds a copy of the test database and Heard, a few hundred MB).
TEST_WORKERS ?= auto
PYTEST_XDIST := -n $(TEST_WORKERS) --maxprocesses 8 --dist loadfile --no-loadscope-reorder
# Branch coverage of the suite (pytest-cov), printed in its summary; .ci/coverage_floors.py then
# holds services, selectors and policies to 100% and Heard to 95% (pyproject.toml has the rest).
COVERAGE := --cov --cov-report=term --cov-report=json:build/coverage.json
# How deep the statistical tests go (tests/depth.py, docs/testing.md): `make test` runs them at the
# standard depth, which still fails every bug they are known to catch; CI's PostgreSQL run goes deep,
# but for its browser tests (POSTGRES_BROWSER_TEST_DEPTH): the crawl's deep axe runs (every role's
# copy of every page) took 14 min of the 2 cores that CI shares with the suite (docs/testing.md).
# pytest prints the depth in its closing summary.
TEST_DEPTH ?= standard
POSTGRES_TEST_DEPTH ?= deep
POSTGRES_BROWSER_TEST_DEPTH ?= standard
test: install-dev
	HEARD_TESTING=1 HEARD_TEST_DEPTH=$(TEST_DEPTH) BIN=$(BIN) bash .ci/suites --checks --coverage -- $(PYTEST_XDIST) -m "not browser" $(COVERAGE)

browser-test: install-dev
	HEARD_TESTING=1 $(BIN)/pytest -m browser tests/browser

# The README's screenshots (docs/screenshots/): the crawl takes them at 320 and 1280 px; `make test`
# writes them to build/screenshots/ so that a test run leaves the tree as it was.
.PHONY: screenshots
screenshots: install-dev
	HEARD_TESTING=1 HEARD_SCREENSHOT_DIR=$(CURDIR)/docs/screenshots $(BIN)/pytest -m browser tests/browser/test_crawl.py

test-postgres: install-dev
	HEARD_TESTING=1 HEARD_TEST_DEPTH=$(POSTGRES_TEST_DEPTH) HEARD_BROWSER_TEST_DEPTH=$(POSTGRES_BROWSER_TEST_DEPTH) DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} BIN=$(BIN) bash .ci/suites -- $(PYTEST_XDIST) -m "not browser and not own_database"

# Known-vulnerable dependencies (.ci/audit.py): pip-audit over both lock files against PyPI's
# vulnerability data, npm audit over package-lock.json. A finding fails unless .ci/audit-allowlist.toml
# lists it with a reason and a date to revisit; a service that cannot be asked exits 2 (not a pass).
.PHONY: audit
audit: install-dev
	$(BIN)/python .ci/audit.py

# The benchmark suite (bench/README.md): PostgreSQL on 127.0.0.1 with national-scale data, kept
# between runs in the heard_bench database (BENCH_DATABASE_URL), served on BENCH_PORT (8765).
bench: install
	@command -v wrk >/dev/null || { echo "The benchmark needs wrk: install it (apt-get install wrk) and try again."; exit 1; }
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var build node_modules
