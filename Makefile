# Two commands for a newcomer: `make run` and `make test`. Both build their own
# virtual environment from pyproject.toml and reuse it on the next run.
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))

.PHONY: lock run test lint format messages translations bench bench-live bench-data bench-scale bench-exam migrate seed clean help backup restore

help:
	@echo "make run     start the site with demo content on http://127.0.0.1:$(PORT)"
	@echo "make test    run the whole test suite (SQLite, eager Celery, parallel processes)"
	@echo "make lint    ruff check + format check + makemigrations --check"
	@echo "make lock    re-pin requirements/*.txt after changing dependencies"
	@echo "make bench   benchmarks, as ratios against a baseline measured in the same run"
	@echo "make bench-data   a province-sized dataset and a 5,000-item library on a throw-away PostgreSQL database"
	@echo "make bench-scale  dashboards, reports, courses and classes at 10,000 and 300,000 learners"
	@echo "make backup  an encrypted backup into BACKUP_DIR (needs BACKUP_ENCRYPTION_KEY)"
	@echo "make restore FILE=...  restore a backup into this (fresh) installation"

# requirements/dev.txt pins every version `pip-compile` resolved (make lock): every
# machine, CI and the Dockerfile (requirements/prod.txt) install the same set.
$(STAMP): pyproject.toml requirements/dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements/dev.txt -e ".[dev]"
	touch $(STAMP)

# .po files live in git; the compiled .mo files are build output (no system gettext needed).
locale/%.mo: locale/%.po $(STAMP)
	$(BIN)/pybabel compile -i $< -o $@

translations: $(MO_FILES)

migrate: $(STAMP) translations
	$(BIN)/python manage.py migrate --noinput

# PORT reaches the settings too: the embedded mode's BASE_URL is http://127.0.0.1:$(PORT).
seed: migrate
	PORT=$(PORT) $(BIN)/python manage.py seed_demo

run: seed
	PORT=$(PORT) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Test processes (pytest-xdist), one per core. `--dist load` hands the tests out
# one by one in pytest-django's order: every worker runs its ordinary database
# tests, then its transactional ones (they flush the tables and restore the
# shared rows only when they start), then the tests without a database. Whole
# files per worker (loadfile) would run a transactional file before an ordinary
# one and leave it an empty database. SQLite workers copy the database the first
# one migrated (tests/db_template.py): the first database test leads, so one
# worker builds that copy at once while the other runs the slow tests without a
# database. The slow tests come first in their group (tests/scheduling.py) and
# --maxschedchunk 2 hands them out two at a time, so they spread over the
# workers and no worker ends the run alone on a long one; no worker holds more
# than the test it runs and the next (tests/scheduling.py).
# TEST_WORKERS=0: one process.
TEST_WORKERS ?= auto
test: $(STAMP) translations
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist load --maxschedchunk 2 $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Developers only: needs GNU gettext (apt-get install gettext) to extract strings.
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l vi -l en --no-obsolete --ignore=.venv --ignore=media --ignore=tests --ignore=staticfiles
	$(BIN)/python manage.py makemessages -d djangojs -l vi -l en --no-obsolete --ignore=.venv --ignore=media --ignore=tests --ignore=staticfiles --ignore=node_modules

bench: $(STAMP) translations
	$(BIN)/python -m tests.bench $(BENCH_ARGS)

# Deterministic bench content on top of `make seed` (refuses a database with real
# people or content unless BENCH_DATA_ARGS has --force).
clean:
	rm -rf $(VENV) db.sqlite3 staticfiles

# Live classroom load test from outside the server: the instructor's login and
# /live/new/ forms, each phone's /live/ join form, cookies and WebSocket (needs
# PostgreSQL and Redis). BENCH_ARGS="--phones 1000 --topology all" for the
# shipped nginx topology and the two-node scale-out too.
bench-live: $(STAMP) translations
	$(BIN)/python -m tests.load $(BENCH_ARGS)

# A province-sized dataset (README: performance) on the PostgreSQL database of
# DATABASE_URL, which must hold only demo content: 1 province, 100 communes,
# 1,500 villages, 100,000 learners, 2,000 classes, 500 courses by default.
# DEBUG=1 because the command refuses to run where DEBUG is off (a live site).
BENCH_LEARNERS ?= 100000
BENCH_CLASSES ?= 2000
BENCH_COURSES ?= 500
BENCH_ITEMS ?= 5000
BENCH_QUESTIONS ?= 10000
bench-data: $(STAMP) translations
	@case "$$DATABASE_URL" in postgres*) ;; *) echo "set DATABASE_URL to a throw-away PostgreSQL database"; exit 2;; esac
	$(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py bench_data --learners $(BENCH_LEARNERS) --classes $(BENCH_CLASSES) --courses $(BENCH_COURSES) $(BENCH_DATA_ARGS)
	@# bench_data has just refused any database with real people or content, and its own
	@# made-up learners are what the library command would otherwise refuse.
	$(BIN)/python manage.py bench_library_data --items $(BENCH_ITEMS) --questions $(BENCH_QUESTIONS) --force

# The same measured at two sizes, each built once in its own database named after
# DATABASE_URL's (<name>_10000, <name>_300000, cloned from <name>_tpl).
BENCH_SIZES ?= 10000,300000
bench-scale: $(STAMP) translations
	$(BIN)/python -m tests.bench.scale --learners $(BENCH_SIZES) $(BENCH_ARGS)

# The exam moment: 500 learners press Start together on a 30-question quiz, against
# gunicorn with several workers/threads/pool settings, with PostgreSQL's waits and
# each process kind's CPU beside the latencies (README: "Hiệu năng").
bench-exam: $(STAMP) translations
	$(BIN)/python -m tests.load.exam $(BENCH_ARGS)

# Backups (README: "Sao lưu và khôi phục"). Both need BACKUP_ENCRYPTION_KEY in the environment.
BACKUP_DIR ?= backups
backup: $(STAMP)
	$(BIN)/python manage.py backup --output "$(BACKUP_DIR)" $(if $(KEEP),--keep $(KEEP))

restore: $(STAMP) translations
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/hocvuso-YYYYmmdd-HHMMSS.hvsbak [FORCE=1]"; exit 2; }
	$(BIN)/python manage.py restore "$(FILE)" $(if $(FORCE),--force)

# Re-resolve the pinned sets after a change to the dependencies in pyproject.toml.
lock: $(STAMP)
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url -o requirements/prod.txt pyproject.toml
	$(BIN)/pip-compile --quiet --extra dev --strip-extras --allow-unsafe --no-emit-index-url -o requirements/dev.txt pyproject.toml
