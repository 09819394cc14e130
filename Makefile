# dangvu — two commands: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
DANGVU := $(BIN)/dangvu
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install system-packages run dev static test lint test-sqlite test-postgres bench mutation lock messages screenshot clean

install: system-packages $(VENV)/.installed

system-packages:
	@scripts/install-system-packages

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check --upgrade pip 2>&1 | grep -v "is ignored" || true
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.lock 2>&1 | grep -v "is ignored" || true
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e . 2>&1 | grep -v "is ignored" || true
	$(BIN)/python -c "import django, icu, psycopg, playwright" && touch $@

# The production server (gunicorn, DEBUG off, var/production.env made on the first run);
# `make dev` is runserver with DEBUG on, for developers.
run: install
	@scripts/run-server $(HOST) $(PORT)

dev: install
	@scripts/dev-server $(HOST) $(PORT)

# Static files for a production server (hashed and compressed under the prod preset); its
# service runs the same before every start (docs/deploy.md).
static: install
	$(DANGVU) collectstatic --no-input -v 0

test: install lint test-sqlite test-postgres

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/lint-imports
	@# Every model change has its migration (the event enum's choices included).
	$(DANGVU) makemigrations --check --dry-run -v 0 2>/dev/null

test-sqlite: install
	DATABASE_URL=sqlite:///$(CURDIR)/var/test.sqlite3 HYPOTHESIS_PROFILE=ci $(BIN)/pytest -p no:cacheprovider -n 2

# This half runs on a machine whose calendar says another year (libfaketime, every process
# included: PostgreSQL, Chromium, the subprocesses), to prove that the tests' frozen clock
# (conftest.py) holds and that nothing reads the machine's date behind it.
ANOTHER_YEAR ?= +1700d
test-postgres: install
	HYPOTHESIS_PROFILE=ci faketime -f "$(ANOTHER_YEAR)" \
	  scripts/with-postgres $(BIN)/pytest -p no:cacheprovider -n 2

bench: install
	scripts/with-postgres $(BIN)/python -m bench

# Not in CI: one small change at a time to the rule and access modules, then their tests.
mutation: install
	$(BIN)/python scripts/mutation.py

lock:
	$(BIN)/pip freeze --exclude-editable | grep -v "^dangvu" | sed '1i # Exact versions of every Python package, direct and indirect. Regenerate with `make lock`.' > requirements.lock

messages: install
	cd dangvu && ../$(DANGVU) makemessages -l en --no-obsolete && ../$(DANGVU) compilemessages -l en

screenshot: install
	$(BIN)/python scripts/screenshot.py docs/screenshot.png

clean:
	rm -rf $(VENV) var
