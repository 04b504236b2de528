# Two entry points (see README): `make briefing` builds the PDF, `make test` runs the tests.
# Both create .venv, install the Python packages and any missing Debian package a step needs.
PYTHON ?= python3
VENV   := .venv
STAMP  := $(VENV)/.installed
export PREFECT_SERVER_ANALYTICS_ENABLED ?= false
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: briefing test deps-build deps-test bench clean

briefing: $(STAMP) deps-build
	$(VENV)/bin/briefing build

test: $(STAMP) deps-build deps-test
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/ruff check flows tests benchmarks
	$(VENV)/bin/python -m pytest

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

# WeasyPrint needs Pango (>= 1.44) at run time, and HarfBuzz-Subset to embed font subsets.
deps-build:
	@libs="$$( (ldconfig -p || /sbin/ldconfig -p) 2>/dev/null)"; echo "$$libs" | grep -q 'libpango-1.0.so' && echo "$$libs" | grep -q 'libharfbuzz-subset.so' || { \
	  echo "installing Debian packages libpango-1.0-0 libharfbuzz-subset0 (needed by WeasyPrint)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0; }

# The tests render PDF pages to PNG with pdftoppm (poppler-utils).
deps-test:
	@command -v pdftoppm >/dev/null || { \
	  echo "installing Debian package poppler-utils (pdftoppm, for the PDF tests)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq poppler-utils; }

bench: $(STAMP) deps-build
	$(VENV)/bin/python benchmarks/bench_build.py
	$(VENV)/bin/python benchmarks/bench_extract.py
	$(VENV)/bin/python benchmarks/bench_incremental.py
	$(VENV)/bin/python benchmarks/bench_render.py

clean:
	rm -rf $(VENV) build *.egg-info
