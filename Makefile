# Harbour: `make run` serves the demo, `make test` runs the checks. Both set up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup install run test lint pytest fuzz bench load messages clean browser-tools

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# The browser tests' accessibility checks inject axe-core from npm (package-lock.json), and
# tests/pages/test_partner_map.py rebuilds the map file from world-atlas. Without npm, or
# without Chromium, those tests are skipped with the reason; CI installs both.
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $(AXE); \
	else echo "npm not found: the browser tests will be skipped"; fi

browser-tools: $(AXE)

# The system checks import every URL module, which may query tables that migrate has yet to
# create; they run with the commands that follow set-up instead.
setup: install
	$(MANAGE) compile_translations --skip-checks
	$(MANAGE) migrate --noinput --skip-checks

# serve: runserver, and beside it the background worker the task backend needs (manage.py
# db_worker by default), stopped with the server; lms/management/commands/serve.py.
run: setup
	$(MANAGE) load_demo_content
	$(MANAGE) load_network_demo
	$(MANAGE) ensure_dev_admin
	$(MANAGE) create_badge_key
	$(MANAGE) create_lti_key
	@echo "Harbour: http://$(HOST):$(PORT)/  admin: http://$(HOST):$(PORT)/admin/ (admin / harbour-admin; editor / harbour-editor; reviewer-pl / harbour-reviewer; partner-editor / harbour-partner)"
	$(MANAGE) serve $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

pytest: setup browser-tools
	$(BIN)/pytest $(PYTEST_ARGS)

test: setup lint browser-tools
	DJANGO_SETTINGS_MODULE=lms.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

messages: install
	$(MANAGE) makemessages --all --ignore=.venv --ignore=node_modules --no-obsolete
	$(MANAGE) compile_translations

# The long fuzz run, by hand (CI runs the short one in `make test`): schemathesis with
# FUZZ_MAX_EXAMPLES examples per operation (200), anonymous and as a learner, coverage and
# stateful phases on. It takes a while and both cores.
FUZZ_MAX_EXAMPLES ?= 200
fuzz: setup
	FUZZ_MAX_EXAMPLES=$(FUZZ_MAX_EXAMPLES) FUZZ_STATEFUL=1 $(BIN)/pytest -m fuzz -p no:cacheprovider $(PYTEST_ARGS)

bench: setup
	$(BIN)/python bench/run.py $(BENCH_ARGS)

load: setup
	$(BIN)/python bench/load.py

clean:
	rm -rf $(VENV) db.sqlite3 .pytest_cache .ruff_cache
