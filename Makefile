PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime
STAMP := $(VENV)/.installed

.PHONY: demo test bench examples server clean

# the runtime alone: what `make demo` and a clerk's machine need
$(RUNTIME): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $(RUNTIME)

# the test extras on top, for `make test` and `make bench`
$(STAMP): $(RUNTIME)
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

demo: $(RUNTIME)
	$(BIN)/zhibiao demo
	@echo
	@echo "下一步：执行 . $(BIN)/activate 后可直接输入 zhibiao check 分解表.xlsx 等命令（或写全路径 $(BIN)/zhibiao）。"

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/bench_check.py
	$(BIN)/python bench/bench_merge.py
	$(BIN)/python bench/bench_diff.py
	$(BIN)/python bench/bench_projects.py
	$(BIN)/python bench/bench_reports.py
	$(BIN)/python bench/bench_paths.py
	$(BIN)/python bench/bench_import.py
	$(BIN)/python bench/bench_startup.py

# xlwings Server on this machine only, for a try-out (production: README, "xlwings Server: no Python on the clerk's PC")
SERVER_PORT ?= 8000
$(VENV)/.server: $(RUNTIME)
	$(BIN)/python -m pip install -q -e '.[server]'
	touch $(VENV)/.server

server: $(VENV)/.server
	ZHIBIAO_HOST=127.0.0.1 ZHIBIAO_PORT=$(SERVER_PORT) ZHIBIAO_WORKERS=1 $(BIN)/python server/run.py

examples: $(STAMP)
	$(BIN)/python xlsx_templates/build_examples.py
	$(BIN)/python xlsx_templates/build_progress_example.py
	$(BIN)/python xlsx_templates/build_projects_example.py
	$(BIN)/python tests/files/build_fixtures.py
	$(BIN)/python tests/files/real/build_real.py

clean:
	rm -rf $(VENV) demo-output bench/.cache
