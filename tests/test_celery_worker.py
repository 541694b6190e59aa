"""A real Celery worker, started here against the configured broker, runs a task."""

import os
import time

import pytest
from django.conf import settings

from ctc.celery import app
from ctc.public.tasks import worker_ping_task
from tests.conftest import celery_worker


@pytest.fixture
def celery_worker_process(reference_data):
    with celery_worker(f"test-{os.getpid()}") as queue:
        yield queue


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
