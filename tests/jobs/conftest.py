import os

import pytest

from tests.conftest import celery_worker
from tests.jobs import worker_kinds  # noqa: F401  (registers the test job kinds)


@pytest.fixture
def jobs_worker(reference_data):
    """A real Celery worker on its own queue that also knows the test job kinds."""
    with celery_worker(f"test-jobs-{os.getpid()}", include=("tests.jobs.worker_kinds",)) as q:
        yield q
