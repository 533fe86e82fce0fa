# The two commands: `make run` (app with demo data, SQLite, tasks in-process) and
# `make test` (the whole suite on SQLite). `make test-services` runs the suite on
# PostgreSQL and Redis with a real Celery worker. `.ci/run` runs both.

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
TOOLS := .tools
UV := $(TOOLS)/bin/uv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PG_URL ?= postgres://postgres@127.0.0.1:5432/integraal
# The first of the Redis databases test-services uses, one per test process (14 and 15).
REDIS_TEST_URL ?= redis://127.0.0.1:6379/14

.PHONY: run install test test-services test-quick lint chromium libreoffice proxies services bench clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==0.13.8

# Installs exactly what uv.lock pins (runtime and dev tools) into .venv.
install: $(UV)
	$(UV) sync --frozen --quiet --python $(PYTHON)

# `make run` shows the app as its users see it: DEBUG off, so a wrong or forbidden link gives
# the app's own Dutch 404 and 500 pages (static files then come from collectstatic, served by
# WhiteNoise). A developer who wants Django's debug pages runs `make run DEBUG=true`.
# DEMO_STEPS names the demo loaders; a quick check may run only `load_demo` (tests/test_make_run.py).
DEBUG ?= false
DEMO_STEPS ?= load_demo load_demo_survey load_demo_traject

run:
	@echo "Pakketten installeren…"
	@$(MAKE) --no-print-directory -s install
	@mkdir -p var
	@echo "Database bijwerken…"
	@$(MANAGE) migrate --noinput -v 0
	@echo "Statische bestanden verzamelen…"
	@DEBUG=$(DEBUG) $(MANAGE) collectstatic --noinput -v 0
	@echo "Demodata laden…"
	@for step in $(DEMO_STEPS); do $(MANAGE) $$step || exit 1; done
	@echo "Integraal draait op http://127.0.0.1:$(PORT)  (stoppen: Ctrl+C)"
	@DEBUG=$(DEBUG) $(MANAGE) runserver 127.0.0.1:$(PORT)

# Debian's chromium for the browser tests; never a browser downloaded by a test tool.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
	    chromium fonts-dejavu-core >/dev/null; }

# Debian's LibreOffice (Writer, no GUI) and poppler: the tests read our DOCX as a word processor
# opens it (tests/reports/libreoffice.py) and turn pages into pictures to look at.
libreoffice:
	@command -v soffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
	    libreoffice-writer-nogui poppler-utils fonts-dejavu-core >/dev/null; }

# Debian's nginx and Caddy, only to check the sample proxy configurations in config/proxy/
# (tests/test_proxy_config.py); neither runs as a service here.
proxies:
	@command -v caddy >/dev/null 2>&1 && { command -v nginx || test -x /usr/sbin/nginx; } >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
	    nginx-light caddy >/dev/null; }

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.production \
	  SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	  $(MANAGE) check --deploy --fail-level WARNING

# Two processes, each with its own test database; on PostgreSQL each also has its own Redis
# database, so its real Celery worker only receives its own tasks (config/settings/test.py).
# The slowest tests are listed at the end, to keep the suite's time in view.
test: install chromium libreoffice lint
	$(VENV)/bin/pytest -n 2 --durations=25

# Starts PostgreSQL and Redis only when they are not running yet.
services:
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 || redis-server --daemonize yes --bind 127.0.0.1 -::1 \
	  --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
	@for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done

test-services: install chromium libreoffice proxies services
	DATABASE_URL=$(PG_URL) REDIS_URL=$(REDIS_TEST_URL) $(VENV)/bin/pytest -n 2 --durations=25

test-quick: install
	$(VENV)/bin/pytest -m "not e2e" -x -q

bench: install
	@ls bench/*.py >/dev/null 2>&1 && for f in bench/*.py; do $(PY) $$f; done || echo "Nog geen benchmarks."

clean:
	rm -rf $(VENV) $(TOOLS) var .pytest_cache .ruff_cache test-results
