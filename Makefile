# Every target works from a fresh clone: the venv is created and filled here, never assumed.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The pinned npm tools that read the contract (Spectral, Redocly, openapi-typescript, TypeScript,
# openapi-fetch): npm ci again whenever the lock changes. The stamp lives in node_modules, so
# deleting node_modules installs them again too.
NPM_TOOLS := tools/npm
NPM_STAMP := $(NPM_TOOLS)/node_modules/.installed

.PHONY: install npm-tools test serve fuzz bench clean

$(PY):
	python3 -m venv $(VENV)

$(STAMP): $(PY) pyproject.toml
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

$(NPM_STAMP): $(NPM_TOOLS)/package.json $(NPM_TOOLS)/package-lock.json
	cd $(NPM_TOOLS) && npm ci --no-audit --no-fund
	touch $(NPM_STAMP)

npm-tools: $(NPM_STAMP)

# Without npm the tests of Spectral, Redocly and the TypeScript client skip, saying why.
test: $(STAMP)
	@if command -v npm >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory npm-tools; \
	else \
		echo "npm is not on PATH: skipping make npm-tools (the Spectral, Redocly and TypeScript client tests will skip)"; \
	fi
	$(VENV)/bin/ruff check socialpost server conformance tests scripts bench
	$(VENV)/bin/mypy
	$(VENV)/bin/socialpost lint openapi.yaml
	$(VENV)/bin/socialpost lint server/control.yaml
	$(VENV)/bin/pytest

serve: $(STAMP)
	$(VENV)/bin/socialpost serve

# Over 10,000 generated requests against a fresh mock (see scripts/fuzz).
fuzz: $(STAMP)
	scripts/fuzz

# Side-by-side benchmark (mock, bare Starlette, Prism); needs wrk, and npm for Prism.
# See bench/README.md.
bench: $(STAMP)
	$(PY) -m bench

clean:
	rm -rf $(VENV) .socialpost .pytest_cache .mypy_cache .ruff_cache $(NPM_TOOLS)/node_modules
