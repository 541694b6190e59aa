"""The matching of all open needs on a real Celery worker: started as a coordinator starts it,
it runs to 100 % with its stages and stores the proposals."""

import datetime
import os
import time

import pytest
from django.conf import settings
from django.utils import translation

from assistance import matching
from assistance.models import Match
from ctc.accounts.enums import Role
from ctc.celery import app
from ctc.jobs.enums import JobStatus
from tests.conftest import celery_worker
from tests.factories import NeedFactory, OfferFactory, UserFactory

pytestmark = pytest.mark.celery_worker

WANTED = dict(wanted_from=datetime.date(2027, 1, 1), wanted_until=datetime.date(2027, 12, 31))
PERIOD = dict(starts_on=datetime.date(2027, 1, 1), ends_on=datetime.date(2027, 12, 31))


@pytest.fixture
def matching_worker(reference_data):
    with celery_worker(f"test-matching-{os.getpid()}") as queue:
        default_queue = app.conf.task_default_queue
        app.conf.task_always_eager = False
        app.conf.task_default_queue = queue
        try:
            yield queue
        finally:
            app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
            app.conf.task_default_queue = default_queue


def test_real_worker_runs_the_matching_job_to_done(matching_worker):
    coordinator = UserFactory(roles=[Role.CTED_COORDINATOR])
    needs = [NeedFactory(**WANTED) for _ in range(3)]
    offers = [OfferFactory(**PERIOD) for _ in range(2)]

    with translation.override("fr"):
        job = matching.match_all_start(by=coordinator)
    seen = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job.refresh_from_db()
        seen.append((job.status, job.progress))
        if job.status in {JobStatus.DONE, JobStatus.FAILED}:
            break
        time.sleep(0.02)

    assert (job.status, job.progress, job.error, job.result_url) == (
        JobStatus.DONE,
        100,
        "",
        "/fr/assistance/matching/",
    )
    assert job.params["result"] == {
        "needs": 3,
        "offers": 2,
        "pairs": 6,
        "created": 6,
        "updated": 0,
        "removed": 0,
        "told": 0,
    }
    assert Match.objects.filter(proposed_in=job).count() == 6
    assert [progress for _, progress in seen] == sorted(progress for _, progress in seen)
    assert set(Match.objects.values_list("need", "offer", "score")) == {
        (n.pk, o.pk, 74) for n in needs for o in offers
    }
