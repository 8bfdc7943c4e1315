# Two entry points (see README): `make run` and `make test`. Each sets up .venv itself.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup lint clean bench browser real

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/extract run seeds -o out/seeds.jsonl
	$(BIN)/extract schema --out schemas

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

# Headless Chromium for the HTML report's browser test: Debian's packages, never a browser
# download.  CI runs as root on Debian; installed only when missing.
browser:
	test -x /usr/bin/chromium && test -x /usr/bin/chromedriver || \
	  (apt-get update && apt-get install -y chromium chromium-driver)

test: $(STAMP) lint browser
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python bench/run.py $(ARGS)

# Real articles (tests/real): texts are third-party and not in git; the script says how to
# restore them when they are missing.  ARGS="--batch b3 --misses" for one batch's details.
real: $(STAMP)
	$(BIN)/python bench/real.py $(ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
