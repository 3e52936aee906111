# Crossnote: `make run` serves the demo platform; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PO_FILES := $(wildcard crossnote/locale/*/LC_MESSAGES/django.po)

.PHONY: run test install system-deps bench-deps lint e2e docs clean

$(STAMP): pyproject.toml constraints.txt $(PO_FILES)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"
	$(PY) scripts/compile_messages.py
	touch $(STAMP)

install: $(STAMP)

run: install
	$(VENV)/bin/crossnote migrate --verbosity 0
	$(VENV)/bin/crossnote translation install --if-missing || true
	$(VENV)/bin/crossnote demo --if-empty --influx
	$(VENV)/bin/crossnote serve --host $(HOST) --port $(PORT)

system-deps:
	scripts/install-system-deps.sh

bench-deps: install
	scripts/install-system-deps.sh --bench

lint: install
	$(VENV)/bin/ruff check crossnote tests bench
	$(VENV)/bin/mypy crossnote

test: install system-deps
	scripts/test.sh

e2e: install system-deps
	$(VENV)/bin/pytest tests/e2e -m e2e

docs: install
	$(VENV)/bin/python scripts/docs_reference.py
	$(VENV)/bin/mkdocs serve

clean:
	rm -rf $(VENV) data/crossnote.sqlite3* data/media data/static
