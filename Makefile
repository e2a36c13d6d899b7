# The two commands of the quickstart: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test install bench eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,eval]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/storyline run samples/corpus --out out

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/ingest_bench.py

eval: $(STAMP)
	$(BIN)/python eval/run_all.py

clean:
	rm -rf out .venv build src/*.egg-info
