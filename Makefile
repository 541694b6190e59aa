# CTC Workspace. `make run` brings the site up; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install messages makemessages lock lint format check-deploy clean mutate bench bench-matching bench-reports

# requirements.lock: runtime only (what the image installs); requirements-dev.lock: runtime +
# dev tools, the same runtime pins. The venv gets the dev lock; both are made by `make lock`.
$(VENV)/.installed: requirements.lock requirements-dev.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed

messages: install
	$(MANAGE) compilemessages --ignore=.venv --ignore=mutants -v0

run: install messages
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) load_reference_data
	$(MANAGE) collectstatic --noinput -v0
	$(MANAGE) seed_demo
	@echo
	@echo "CTC Workspace: http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/en/admin/)"
	@if [ -n "$$DATABASE_URL" ] && [ -n "$$CELERY_BROKER_URL" ]; then \
		echo "Using DATABASE_URL and CELERY_BROKER_URL: starting a Celery worker and beat."; \
		trap 'kill 0' EXIT INT TERM; \
		$(VENV)/bin/celery -A ctc worker --loglevel=INFO --concurrency=2 & \
		$(VENV)/bin/celery -A ctc beat --loglevel=INFO & \
		$(MANAGE) runserver --noreload $(HOST):$(PORT); \
	else \
		echo "No DATABASE_URL/CELERY_BROKER_URL: SQLite, tasks run in-process."; \
		$(MANAGE) runserver --noreload $(HOST):$(PORT); \
	fi

test: install messages
	$(VENV)/bin/pytest

makemessages: install
	$(MANAGE) makemessages --all --no-obsolete --ignore=.venv --ignore=mutants --ignore=tests --ignore=bench --ignore=wip

# The dev lock is resolved first; the runtime lock is constrained to it, so both pin the
# runtime packages to the same versions.
lock:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev -o requirements-dev.lock --python-version 3.11 --quiet
	$(VENV)/bin/uv pip compile pyproject.toml -c requirements-dev.lock -o requirements.lock --python-version 3.11 --quiet

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Mutation testing of the workflow (minutes; never part of `make test` or CI). Settings are in
# pyproject's [tool.mutmut]. Only these mutants run: permissions.py, workflow.py and, of
# services.py, the two undecorated workflow functions. The test database is SQLite in memory,
# whatever DATABASE_URL says: each mutant runs in its own forked pytest, two at a time, and
# they would collide on one PostgreSQL test database.
MUTANTS := assessments.permissions.* ctc.workflow.* \
	assessments.services.x__transition__mutmut_* assessments.services.x_assessment_transition__mutmut_*
MUTANTS_RE := ^ *(assessments\.permissions|ctc\.workflow|assessments\.services\.x_(_transition|assessment_transition)__)

mutate: install messages
	rm -rf mutants && mkdir mutants
	@echo "mutmut run, two mutants at a time; its log: mutants/run.log"
	@start=$$(date +%s); \
	env -u DATABASE_URL -u CELERY_BROKER_URL $(VENV)/bin/mutmut run --max-children 2 \
		$(foreach m,$(MUTANTS),'$(m)') > mutants/run.log 2>&1 || { tail -40 mutants/run.log; exit 1; }; \
	echo "mutmut ran $$(( $$(date +%s) - start ))s ($$(grep -ao '[0-9.]* mutations/second' mutants/run.log))"
	@$(VENV)/bin/mutmut results --all true | grep -E '$(MUTANTS_RE)' > mutants/results.txt
	@echo "Mutation score, killed / mutants (services.py: _transition, assessment_transition):"
	@awk -F': ' '{ split($$1, n, ".x"); gsub(/ /, "", n[1]); t[n[1]]++; if ($$2 == "killed") k[n[1]]++ } \
		END { for (m in t) printf "  %-24s %3d / %3d\n", m, k[m], t[m] }' mutants/results.txt | sort
	@awk -F': ' '$$2 == "killed" { k++ } END { printf "  %-24s %3d / %3d\n", "all", k, NR }' mutants/results.txt
	@echo "Not killed (mutmut show NAME for the diff):"
	@grep -v ': killed$$' mutants/results.txt || echo "  none"

# Speed on a realistic data set (minutes; never part of `make test` or CI): builds SIZE
# assessments through the services into BENCH_DATABASE_URL's database + "_SIZE" (kept for the
# next run), and VISITS visits on top (default SIZE / 5), serves it with gunicorn on loopback,
# prints the table, rewrites bench/RESULTS.md; then the matching engine (bench-matching).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/ctc_bench
SIZE ?= 2000
ROUNDS ?= 30
VISITS ?=

bench: install messages
	BENCH_DATABASE_URL='$(BENCH_DATABASE_URL)' $(PY) bench/run.py --size $(SIZE) --rounds $(ROUNDS) \
		$(if $(VISITS),--visits $(VISITS))
	BENCH_DATABASE_URL='$(BENCH_DATABASE_URL)' $(PY) bench/matching.py --rounds $(ROUNDS)
	BENCH_DATABASE_URL='$(BENCH_DATABASE_URL)' $(PY) bench/reports.py

# The matching engine (seconds to build): 2,000 needs × 500 programmes in BENCH_DATABASE_URL's
# database + "_matching"; the job against < 1 s, one need's suggestions and the assistance
# pages (expert and donor) against the admin changelist; rewrites bench/MATCHING.md.
bench-matching: install messages
	BENCH_DATABASE_URL='$(BENCH_DATABASE_URL)' $(PY) bench/matching.py --rounds $(ROUNDS)

# The PDF reports: the global survey (193 States) in en, zh-hans and ar, the report's rendering
# against WeasyPrint alone on the same HTML; rewrites bench/REPORTS.md.
bench-reports: install messages
	BENCH_DATABASE_URL='$(BENCH_DATABASE_URL)' $(PY) bench/reports.py

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 mutants
