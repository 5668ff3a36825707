# One command each: `make demo` writes the seed report, `make test` runs the tests.
# Both install the locked environment (requirements/dev.lock) into .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT := out
LOCK := requirements/dev.lock
TORCH_PIN := requirements/torch-cpu.txt
# Where the CPU build of PyTorch comes from when no local wheel or cache has it.
TORCH_INDEX ?= https://download.pytorch.org/whl/cpu
LATEST := .venv-latest

.PHONY: demo test test-latest lock lint typecheck bench fuzz clean install

# Torch first: from a local wheel or pip's configured sources if they have the CPU
# build, else from PyTorch's CPU index (PyPI's Linux torch is the CUDA build). Then the
# lock, every package at an exact version and hash (transitive ones included, so nothing
# is resolved: --no-deps, as pip's hash-checking mode wants), then the project itself.
define install_torch
	$(1)/pip install --quiet -r $(TORCH_PIN) 2>/dev/null \
	  || $(1)/pip install --quiet --index-url $(TORCH_INDEX) -r $(TORCH_PIN)
endef

$(STAMP): pyproject.toml $(LOCK) $(TORCH_PIN)
	$(PYTHON) -m venv $(VENV)
	$(call install_torch,$(BIN))
	$(BIN)/pip install --quiet --no-deps -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	mkdir -p $(OUT)
	$(BIN)/factcheck report seeds/ --format html --output $(OUT)/seeds-report.html
	$(BIN)/factcheck report seeds/ --format md --output $(OUT)/seeds-report.md
	@echo "Report written to $(OUT)/seeds-report.html and $(OUT)/seeds-report.md"

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2

# Regenerate the lock with uv (locked itself): CPython 3.11 on Linux x86-64, what CI
# runs, torch held at the CPU build. The CPU wheel comes from a local wheel folder where
# there is one (WHEELS), else from PyTorch's index.
WHEELS ?= /opt/wheels
LOCK_SOURCES ?= $(if $(wildcard $(WHEELS)),--find-links $(WHEELS),--extra-index-url $(TORCH_INDEX) --index-strategy unsafe-best-match)
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra dask --generate-hashes --python-version 3.11 \
	  --python-platform x86_64-manylinux_2_28 --constraint $(TORCH_PIN) \
	  $(LOCK_SOURCES) --no-emit-index-url --no-emit-find-links \
	  --custom-compile-command 'make lock' --quiet -o $(LOCK)

# The suite against the newest releases the ranges in pyproject.toml allow (torch stays
# at the CPU pin): run before a release and whenever the lock is refreshed.
test-latest:
	rm -rf $(LATEST)
	$(PYTHON) -m venv $(LATEST)
	$(call install_torch,$(LATEST)/bin)
	$(LATEST)/bin/pip install --quiet --upgrade --upgrade-strategy eager -c $(TORCH_PIN) -e '.[dev]'
	$(LATEST)/bin/pip freeze --exclude-editable > $(LATEST)/versions.txt
	$(LATEST)/bin/python -m pytest -q -n 2

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/extract.py
	$(BIN)/python benchmarks/pipeline.py
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/robustness.py
	$(BIN)/python benchmarks/report_scale.py
	$(BIN)/python benchmarks/html_positions.py
	$(BIN)/python benchmarks/parse_cost.py
	$(BIN)/python benchmarks/accuracy.py
	$(BIN)/python benchmarks/false_alarms.py

fuzz: $(STAMP)
	FACTCHECK_FUZZ=1 $(BIN)/python -m pytest -q -m fuzz tests/test_fuzz.py

clean:
	rm -rf $(VENV) $(LATEST) $(OUT) .pytest_cache .hypothesis .mypy_cache .ruff_cache
