PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench examples clean

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

examples: $(STAMP)
	$(BIN)/python xlsx_templates/build_examples.py
	$(BIN)/python xlsx_templates/build_progress_example.py
	$(BIN)/python xlsx_templates/build_projects_example.py
	$(BIN)/python tests/files/build_fixtures.py
	$(BIN)/python tests/files/real/build_real.py

clean:
	rm -rf $(VENV) demo-output bench/.cache
