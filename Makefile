# One command each: `make demo` writes the seed report, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT := out

.PHONY: demo test lint typecheck check-docs bench fuzz clean install

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt torch==2.13.0
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	mkdir -p $(OUT)
	$(BIN)/factcheck report seeds/ --format html --output $(OUT)/seeds-report.html
	$(BIN)/factcheck report seeds/ --format md --output $(OUT)/seeds-report.md
	@echo "Report written to $(OUT)/seeds-report.html and $(OUT)/seeds-report.md"

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/extract.py
	$(BIN)/python benchmarks/pipeline.py
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/robustness.py

fuzz: $(STAMP)
	FACTCHECK_FUZZ=1 $(BIN)/python -m pytest -q -m fuzz tests/test_fuzz.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .hypothesis .mypy_cache .ruff_cache
