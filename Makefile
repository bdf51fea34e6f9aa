# kompass: `make extract`, `make test` and `make bench` each set up .venv on first use.
PYTHON ?= python3
# make bench REPORTS=50 PDF_REPORTS=5 LONG_PAGES=100 for a quicker run
REPORTS     ?= 200
PDF_REPORTS ?= 20
LONG_PAGES  ?= 400
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: extract test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q kompass parsers pipeline schemas >/dev/null  # as any first run would
	touch $(STAMP)

extract: $(STAMP)
	$(BIN)/kompass extract data/raw data/processed

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python tools/typecheck.py
	$(BIN)/python -m pytest -q -n auto --dist loadgroup

bench: $(STAMP)
	$(BIN)/python -m benchmarks.bench --reports $(REPORTS) --pdf-reports $(PDF_REPORTS) --long-pages $(LONG_PAGES)

clean:
	rm -rf $(VENV) data/processed/*.parquet data/processed/*.html data/processed/.current data/processed/.generations data/processed/.cache data/processed/.kompass.lock
