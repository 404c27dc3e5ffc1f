# ACCESS: `make run` starts the app with demo data; `make test` runs every test.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := .uv/bin/uv
HOST ?= 127.0.0.1
PORT ?= 8000
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_LINK_MODE := copy

.PHONY: install run serve test test-fast screenshots lint audit bench bench-inquiries browsers clean help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(UV):
	$(PY) -m venv .uv
	.uv/bin/pip install --quiet uv==0.13.8

$(BIN)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --quiet
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(BIN)/.installed node_modules/.installed  ## set up .venv (with the `access` script) and front-end assets
	@mkdir -p var/static

browsers:  ## Debian's Chromium (browser tests) and a Java runtime (Spark engine), installed with apt when missing
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@command -v java >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null; }

DEMO_PERSONS ?= 20000
run: install  ## migrate, load demo data if empty (DEMO_PERSONS synthetic persons, in the background), start the job worker (restarted if it dies), the scheduler of recurring jobs and the web app on HOST:PORT
	$(BIN)/access migrate --no-input -v0
	$(BIN)/access seed_demo --persons $(DEMO_PERSONS) --url http://$(HOST):$(PORT)/
	@trap 'kill 0' EXIT; \
	  $(BIN)/access run_worker & \
	  $(BIN)/access run_scheduler & \
	  echo "ACCESS is at http://$(HOST):$(PORT)/ (Ctrl-C stops the app, the job worker and the scheduler)"; \
	  DEBUG=1 DJANGO_RUNSERVER_HIDE_WARNING=true $(BIN)/access runserver $(HOST):$(PORT) --noreload

serve: install  ## production-style server (gunicorn) on :8000; needs ACCESS_ENV=production and secrets
	$(BIN)/access collectstatic --no-input -v0
	$(BIN)/gunicorn access.wsgi:application --bind $(HOST):$(PORT) --workers 3 --access-logfile -

test: install browsers  ## every test: unit, API, security and browser (DATABASE_URL picks the database)
	ACCESS_ENV=test $(BIN)/pytest -n 2 --dist loadgroup

test-fast: install  ## everything except the browser tests
	ACCESS_ENV=test $(BIN)/pytest -n 2 -m "not browser"

screenshots: install browsers  ## refresh docs/screenshots/ from the demo data
	ACCESS_ENV=test ACCESS_SCREENSHOTS=docs/screenshots $(BIN)/pytest tests/browser/test_screenshots.py -q

lint: install  ## ruff, mypy, bandit and the import contracts (layers point down)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy src
	$(BIN)/bandit -q -r src -c pyproject.toml
	$(BIN)/lint-imports --no-cache

audit: install  ## pip-audit of the locked dependencies
	$(UV) export --frozen --no-hashes --no-emit-project -q > var/requirements-audit.txt
	scripts/pip-audit.sh var/requirements-audit.txt

BENCH_RECORDS ?= 100000
bench: install  ## matching benchmark (one JSON object); BENCH_RECORDS=1000000 for the issue's scale
	$(BIN)/access bench matching --records $(BENCH_RECORDS)

BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/access_bench
BENCH_USERS ?= 20
BENCH_SECONDS ?= 60
bench-inquiries: install  ## inquiry API under load (gunicorn + locust, one JSON object); BENCH_RECORDS, BENCH_USERS, BENCH_SECONDS, BENCH_DATABASE_URL
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/access bench inquiries --records $(BENCH_RECORDS) --users $(BENCH_USERS) --seconds $(BENCH_SECONDS)

clean:  ## remove the virtual environments, assets and local data
	rm -rf .venv .uv node_modules var
