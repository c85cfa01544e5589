# Haigou: `make run` serves the site with demo data, `make test` runs the suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FLASK := $(BIN)/flask --app wsgi
POSTGRES_TEST_URL ?= postgresql://postgres@127.0.0.1:5432/test
REDIS_TEST_URL ?= redis://127.0.0.1:6379/0
# Test files are spread over this many processes, each with its own database.
PYTEST_WORKERS ?= 2
PYTEST := $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile

.PHONY: run test test-sqlite test-postgres worker lint bench translations compile-translations install browsers clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) compile-translations

compile-translations: $(STAMP)
	@$(BIN)/pybabel compile -d translations > /dev/null

translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_ngettext -o translations/messages.pot \
		--no-location --sort-output .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel compile -d translations

run: install
	$(FLASK) db upgrade
	$(FLASK) seed-demo --if-empty
	$(FLASK) serve

test: install
	@if [ "$$CI" = "true" ]; then \
	  $(MAKE) --no-print-directory test-postgres && $(MAKE) --no-print-directory test-sqlite; \
	else \
	  $(MAKE) --no-print-directory test-sqlite; \
	  if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then $(MAKE) --no-print-directory test-postgres; \
	  else echo "notice: PostgreSQL not reachable on 127.0.0.1:5432; the PostgreSQL run is skipped"; fi; \
	fi

test-sqlite: install
	@echo "== test suite on SQLite"
	$(PYTEST) $(PYTEST_ARGS)

test-postgres: install
	@echo "== test suite on PostgreSQL"
	TEST_DATABASE_URL=$(POSTGRES_TEST_URL) $(PYTEST) $(PYTEST_ARGS)

worker: install
	@test -n "$$REDIS_URL" || { echo "make worker needs REDIS_URL (e.g. redis://127.0.0.1:6379/0)"; exit 2; }
	$(FLASK) worker

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-logo

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) instance .pytest_cache
