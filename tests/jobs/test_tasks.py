"""The shared task pattern (ctc/tasks.py) and the one job task."""

import logging
import uuid

import pytest
from celery.contrib.django.task import DjangoTask
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import translation

from ctc.celery import app
from ctc.jobs.enums import JobStatus
from ctc.jobs.models import Job
from ctc.jobs.tasks import job_expire_stale_task, job_run_task
from ctc.tasks import enqueue, object_task

pytestmark = pytest.mark.django_db


@object_task(name="tests.job_language_task", model="jobs.Job")
def job_language_task(job, suffix=""):
    """Answers which language the task body ran in."""
    return f"{job.kind}:{translation.get_language()}{suffix}"


def test_every_task_has_delay_on_commit():
    assert issubclass(app.Task, DjangoTask)
    assert isinstance(job_run_task, DjangoTask)


def test_object_task_runs_in_the_given_language_with_the_fetched_object():
    job = Job.objects.create(kind="tests.halfway_then_done")

    with translation.override("ru"):
        answers = [
            job_language_task.delay(str(job.pk), language="ar").get(),
            job_language_task.delay(str(job.pk), suffix="!").get(),
        ]

    assert answers == ["tests.halfway_then_done:ar", "tests.halfway_then_done:en!"]


def test_object_task_returns_quietly_for_a_missing_object(caplog):
    missing = str(uuid.uuid4())

    with caplog.at_level(logging.INFO, logger="ctc.tasks"):
        answer = job_language_task.delay(missing, language="fr").get()

    assert answer is None
    assert [r.getMessage() for r in caplog.records if r.name == "ctc.tasks"] == [
        f"tests.job_language_task: jobs.Job {missing} no longer exists; nothing to do"
    ]


@pytest.mark.parametrize("name", ["job_run_task", "jobs.JobRun", "jobs.job_run", "Jobs.run_task"])
def test_object_task_refuses_a_name_outside_the_convention(name):
    with pytest.raises(ImproperlyConfigured):
        object_task(name=name, model="jobs.Job")


def test_job_run_task_tolerates_a_missing_job():
    assert job_run_task.delay(str(uuid.uuid4())).get() is None


def test_job_run_task_runs_the_job():
    job = Job.objects.create(kind="tests.halfway_then_done", language="zh-hans")

    job_run_task.delay(str(job.pk), language=job.language)

    job.refresh_from_db()
    assert (job.status, job.progress, job.result_url) == (JobStatus.DONE, 100, "/zh-hans/")


def test_job_expire_stale_task_answers_how_many_it_failed():
    assert job_expire_stale_task.delay().get() == 0


def test_enqueue_inside_a_transaction_waits_for_the_commit(django_capture_on_commit_callbacks):
    job = Job.objects.create(kind="tests.halfway_then_done")

    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        enqueue(job_run_task, str(job.pk), language="en")
        job.refresh_from_db()
        assert job.status == JobStatus.QUEUED

    job.refresh_from_db()
    assert (len(callbacks), job.status) == (1, JobStatus.DONE)


def test_enqueue_is_dropped_with_a_rolled_back_transaction(django_capture_on_commit_callbacks):
    job = Job.objects.create(kind="tests.halfway_then_done")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        enqueue(job_run_task, str(job.pk))
        raise RuntimeError("roll back")

    job.refresh_from_db()
    assert (len(callbacks), job.status) == (0, JobStatus.QUEUED)
