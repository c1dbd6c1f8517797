# Two commands do everything on a fresh machine with Python >= 3.11:
#   make demo   set up .venv, serve the bundled demo site on 127.0.0.1, crawl it into output/
#   make test   set up .venv, run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint schema clean redis-server

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,lint]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m newscrawl.demo

test: $(STAMP) redis-server
	$(BIN)/python -m pytest

# The distributed-mode tests start a real redis-server (Debian's package: PyPI has none for this
# platform). Installed here when missing and we are root with apt-get; otherwise those tests skip
# locally (and fail under CI=true).
redis-server:
	@command -v redis-server >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server; \
	  else echo "redis-server not found: tests marked 'redis' will be skipped (apt-get install redis-server)"; fi; }

lint: $(STAMP)
	$(BIN)/ruff check newscrawl tests bench
	$(BIN)/ruff format --check newscrawl tests bench
	$(BIN)/mypy

# The shipped JSON Schema is built from the Article fields (newscrawl/contract.py); run after changing one.
schema: $(STAMP)
	$(BIN)/python -m newscrawl.contract > newscrawl/schema/article.schema.json

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
