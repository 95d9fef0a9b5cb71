# Two commands do all the set-up on a fresh machine with only Python 3.11: `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP_FLAGS := --quiet --disable-pip-version-check --no-input
HOST ?= 127.0.0.1:8000
# make is the developer's tool: DEBUG on (generated secrets in var/) unless the environment says otherwise.
# A deployment runs manage.py / gunicorn with config.settings, where DEBUG is off by default.
export DEBUG ?= true
# test processes (pytest-xdist): one per core; `make test TEST_WORKERS=0` runs in one process
TEST_WORKERS ?= auto

.PHONY: run test test-browser venv migrate demo lint format messages bench fuzz prod-smoke clean

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install $(PIP_FLAGS) -e '.[dev]' 2>&1 | { grep -v "is ignored: it is neither" || true; }
	$(PY) -c "import django, rest_framework, celery, pytest_django" 
	touch $@

migrate: venv
	$(PY) manage.py migrate --no-input -v0

demo: migrate
	$(PY) manage.py seed_demo --scale county

run: demo
	@echo "Serving http://$(HOST)/  (log in with an account printed above)"
	$(PY) manage.py runserver $(HOST)

test: venv
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

test-browser: venv
	mkdir -p var && rm -f var/test-browser.sqlite3
	SQLITE_TEST_FILE=var/test-browser.sqlite3 $(PY) -m pytest -m browser -p no:cacheprovider $(PYTEST_ARGS)

# ruff (imports at the top, banned APIs), the layer contract (import-linter), types (mypy: strict on core/ and
# regions/), and the size rules (no module over 400 lines, no function over 60 outside declarative tables)
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy .
	$(PY) scripts/check_sizes.py

# Property-based API fuzzing (schemathesis) against a server on PostgreSQL (127.0.0.1:5432): fails on any 5xx.
fuzz: venv
	PY=$(PY) ST=$(VENV)/bin/schemathesis bash scripts/fuzz_api.sh

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# The English catalogue: msgids are the Chinese texts in _("…") and {% translate %}. Re-extract (needs GNU
# gettext: apt-get install gettext), write the English in locale/en/LC_MESSAGES/django.po, then `make messages`
# again to compile the .mo (pure Python, committed: running the app needs no gettext tools).
messages: venv
	$(PY) manage.py makemessages -l en -e html,py,txt --no-location --no-obsolete --ignore=var --ignore=tests --ignore=benchmarks --ignore=scripts
	$(PY) scripts/compile_messages.py

# Province-scale benchmarks (not part of the tests): they measure PostgreSQL, so DATABASE_URL must point at one. Seeds the
# province once (kept), runs every benchmark and prints one table: measure, now, goal, met?, checked against what.
bench: venv
	@test -n "$$DATABASE_URL" || { echo "set DATABASE_URL=postgres://... (benchmarks measure PostgreSQL)"; exit 2; }
	$(PY) benchmarks/run_all.py $(BENCH_ARGS)

# The production stack exercised: gunicorn, a Celery worker and beat with DEBUG off against PostgreSQL and Redis on
# 127.0.0.1, one flow over HTTP, check --deploy; everything it starts is stopped by PID (scripts/prod_smoke.py).
prod-smoke: venv
	$(PY) scripts/prod_smoke.py

clean:
	rm -rf $(VENV) var
