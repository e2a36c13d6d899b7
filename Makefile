# The two commands of the quickstart: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test install browser postgres bench eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,eval]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/storyline run samples/corpus --out out --profile sample-corpus

# Debian's Chromium and ChromeDriver for the browser tests: quick when already installed, and the
# browser tests skip (saying why) where they cannot be installed.
browser:
	bash scripts/install-browser.sh

# A private PostgreSQL 15 on 127.0.0.1:54329 for the store tests on both backends (skipped, saying
# why, where it cannot run).
postgres:
	bash scripts/postgres.sh

test: $(STAMP) browser postgres
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/ingest_bench.py
	$(BIN)/python bench/quotes_bench.py
	$(BIN)/python bench/linking_bench.py
	$(BIN)/python bench/report_bench.py
	$(BIN)/python bench/verify_bench.py
	$(BIN)/python bench/export_bench.py
	$(BIN)/python bench/scale_bench.py
	$(BIN)/python bench/watch_bench.py

eval: $(STAMP)
	$(BIN)/python eval/describe_eval.py
	$(BIN)/python eval/quotes_eval.py
	$(BIN)/python eval/events_eval.py
	$(BIN)/python eval/actions_eval.py
	$(BIN)/python eval/verify_eval.py
	$(BIN)/python eval/places_eval.py

clean:
	rm -rf out .venv build src/*.egg-info
