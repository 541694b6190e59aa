import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.jobs import worker_kinds  # noqa: F401  (registers the test job kinds)

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def jobs_worker(reference_data):
    """A real Celery worker on its own queue that also knows the test job kinds.

    The pattern of tests/test_celery_worker.py; yields the queue name.
    """
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
    queue = f"test-jobs-{os.getpid()}"
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
            "-I",
            "tests.jobs.worker_kinds",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        yield queue
    finally:
        worker.terminate()
        worker.wait(timeout=30)
