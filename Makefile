# CTC Workspace. `make run` brings the site up; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install messages makemessages lock lint format check-deploy clean

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
	$(MANAGE) compilemessages --ignore=.venv -v0

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
	$(MANAGE) makemessages --all --no-obsolete --ignore=.venv --ignore=tests --ignore=bench

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

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
