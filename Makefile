PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench examples server clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/zhibiao demo

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/bench_check.py

# xlwings Server on this machine only, for a try-out (production: README, "xlwings Server for IT")
SERVER_PORT ?= 8000
server: $(STAMP)
	ZHIBIAO_HOST=127.0.0.1 ZHIBIAO_PORT=$(SERVER_PORT) ZHIBIAO_WORKERS=1 $(BIN)/python server/run.py

examples: $(STAMP)
	$(BIN)/python xlsx_templates/build_examples.py
	$(BIN)/python xlsx_templates/build_progress_example.py
	$(BIN)/python xlsx_templates/build_projects_example.py
	$(BIN)/python tests/files/build_fixtures.py
	$(BIN)/python tests/files/real/build_real.py

clean:
	rm -rf $(VENV) demo-output bench/.cache
