"""A real Celery worker, started here against the configured broker, runs a task."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from ctc.celery import app
from ctc.public.tasks import worker_ping_task


@pytest.fixture
def celery_worker_process(reference_data):
    if not settings.CELERY_BROKER_URL:
        if os.environ.get("CTC_REQUIRE_BROKER"):
            pytest.fail("CTC_REQUIRE_BROKER is set but CELERY_BROKER_URL is empty")
        pytest.skip("no broker configured (CELERY_BROKER_URL); CI always sets one")
    if connection.vendor == "sqlite":
        pytest.skip("the worker needs a database it can share with the test (PostgreSQL)")
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ctc.settings.test",
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        ),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
    }
    queue = f"test-{os.getpid()}"
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "ctc",
            "worker",
            "--pool=solo",
            "-Q",
            queue,
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        env=env,
    )
    try:
        yield queue
    finally:
        worker.terminate()
        worker.wait(timeout=30)


@pytest.mark.celery_worker
def test_real_worker_runs_a_task_and_returns_its_result(celery_worker_process):
    app.conf.task_always_eager = False
    try:
        result = worker_ping_task.apply_async(queue=celery_worker_process)
        deadline = time.monotonic() + 60
        while not result.ready() and time.monotonic() < deadline:
            time.sleep(0.2)
        answer = result.get(timeout=5)
    finally:
        app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER

    assert answer == {"database": "postgresql", "member_states": 193}
