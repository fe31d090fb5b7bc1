# The two commands of the README:
#   make serve   build the edition and serve the site at http://127.0.0.1:8000 (rebuilds on change)
#   make test    install everything the tests need, then run the whole test suite
# Both set themselves up on a fresh machine (Python venv; for tests also Debian's Chromium and Java).

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
export NO_MKDOCS_2_WARNING = 1

.PHONY: serve build lint test bench clean

serve: $(VENV)/.runtime
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# The release build: the site with the zip of the site read from a folder in its downloads
# (edition/plugin/offline.py; ~1 s more, so `mkdocs serve` leaves it out).
build: $(VENV)/.runtime
	$(BIN)/python scripts/build.py
	EDITION_OFFLINE_ZIP=true $(BIN)/mkdocs build --strict

# Style and types first (fast); `make test` runs them, so CI does too.
lint: $(VENV)/.dev
	$(BIN)/ruff check edition scripts tests
	$(BIN)/mypy

test: lint $(VENV)/.dev node_modules/.installed
	bash scripts/setup-test-tools.sh
	$(BIN)/python -m pytest

bench: $(VENV)/.dev
	$(BIN)/python scripts/benchmark.py

# The library is installed editable (pyproject.toml): the `edition` MkDocs plugin is found
# through its entry point, and `edition-build` is on the venv's PATH.
$(VENV)/.runtime: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(VENV)/.runtime $@

node_modules/.installed: package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf site dist test-artifacts .pytest_cache
