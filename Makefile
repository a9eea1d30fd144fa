# Two commands do everything on a fresh machine: `make demo` and `make test`.
# Both create .venv with a Python >= 3.12 if it is missing and install the project.

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Find a Python >= 3.12: $(PYTHON) if given, else python3.13/python3.12 on PATH,
# else any pyenv-installed 3.12+/3.13+.
PYTHON ?= $(shell for c in python3.13 python3.12 python3 \
	$$(ls -d $$(pyenv root 2>/dev/null)/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	  command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null && { command -v $$c; break; }; \
	done)

.PHONY: demo test lint app bench clean browser-deps

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then \
	  echo "placesim needs Python >= 3.12 (Mesa 3.5 requires it) and none was found."; \
	  echo "Install one (e.g. 'pyenv install 3.12' or 'apt-get install python3.12') or run 'make PYTHON=/path/to/python3.12 ...'."; \
	  exit 1; fi
	@echo "Creating $(VENV) with $(PYTHON)"
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/placesim compare scenarios/default.toml --out results/demo

# The suite runs on every core, one test module per worker (module fixtures stay whole).
test: $(STAMP) browser-deps
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -n auto --dist loadfile

lint: $(STAMP)
	$(BIN)/ruff check .

app: $(STAMP)
	$(BIN)/placesim app scenarios/default.toml

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_model.py

# The browser test drives Debian's Chromium; Playwright never downloads one.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser test"; \
	  (apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null 2>&1)) \
	  || echo "chromium could not be installed: the browser test will be skipped"; }

clean:
	rm -rf $(VENV) results .pytest_cache
