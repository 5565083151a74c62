# Every target works from a fresh clone: the venv is created and filled here, never assumed.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install test serve fuzz bench clean

$(PY):
	python3 -m venv $(VENV)

$(STAMP): $(PY) pyproject.toml
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

test: $(STAMP)
	$(VENV)/bin/ruff check server conformance tests scripts bench
	$(VENV)/bin/mypy
	$(VENV)/bin/socialpost lint openapi.yaml
	$(VENV)/bin/pytest

serve: $(STAMP)
	$(VENV)/bin/socialpost serve

# Over 10,000 generated requests against a fresh mock (see scripts/fuzz).
fuzz: $(STAMP)
	scripts/fuzz

# Side-by-side benchmark (mock, bare Starlette, Prism); needs wrk, and npm for Prism.
# See bench/README.md.
bench: $(STAMP)
	$(PY) scripts/bench.py

clean:
	rm -rf $(VENV) .socialpost .pytest_cache .mypy_cache .ruff_cache
