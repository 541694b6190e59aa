"""A job created through job_create runs on a real Celery worker, progress and all."""

import time

import pytest
from django.conf import settings

from ctc.celery import app
from ctc.jobs.enums import JobStatus
from ctc.jobs.models import Job
from ctc.jobs.services import job_create
from tests.factories import UserFactory


@pytest.mark.celery_worker
def test_real_worker_runs_a_job_with_progress_to_done(jobs_worker):
    user = UserFactory()
    default_queue = app.conf.task_default_queue
    app.conf.task_always_eager = False
    app.conf.task_default_queue = jobs_worker
    seen = []
    try:
        job = job_create(kind="tests.waits_for_go", by=user, language="fr")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            job.refresh_from_db()
            seen.append((job.status, job.progress))
            if job.progress == 50:
                # The worker waits for this before it finishes the job.
                Job.objects.filter(pk=job.pk).update(params={"go": True})
            if job.status in {JobStatus.DONE, JobStatus.FAILED}:
                break
            time.sleep(0.05)
    finally:
        app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
        app.conf.task_default_queue = default_queue

    assert (job.status, job.progress, job.result_url, job.error) == (
        JobStatus.DONE,
        100,
        "/fr/",
        "",
    )
    assert (JobStatus.RUNNING, 50) in seen
    assert [progress for _, progress in seen] == sorted(progress for _, progress in seen)
    assert job.started_at <= job.finished_at
