import datetime
import logging

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from ctc.jobs import services
from ctc.jobs.enums import JobStatus
from ctc.jobs.models import Job
from ctc.jobs.tasks import BEAT_SCHEDULE
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _job(status=JobStatus.RUNNING, **fields) -> Job:
    return Job.objects.create(kind="tests.halfway_then_done", status=status, **fields)


def test_job_progress_never_goes_back():
    job = _job()

    services.job_progress(job, 60, "Rendering page {page}", page=3)
    services.job_progress(job, 40, "Rendering page {page}", page=2)

    job.refresh_from_db()
    assert job.progress == 60
    assert job.stage == "Rendering page {page}"
    assert job.stage_params == {"page": 2}
    assert job.stage_text == "Rendering page 2"


def test_job_progress_without_stage_keeps_the_stage():
    job = _job()
    services.job_progress(job, 10, "Collecting reports")

    services.job_progress(job, 20)

    job.refresh_from_db()
    assert (job.progress, job.stage) == (20, "Collecting reports")


@pytest.mark.parametrize("percent", [-1, 101, 50.5, "50", True])
def test_job_progress_refuses_a_value_outside_0_to_100(percent):
    job = _job()

    with pytest.raises(ValueError):
        services.job_progress(job, percent)

    job.refresh_from_db()
    assert job.progress == 0


def test_job_progress_is_ignored_once_the_job_is_finished():
    job = _job(status=JobStatus.FAILED, error="x")

    services.job_progress(job, 70, "Late")

    job.refresh_from_db()
    assert (job.progress, job.stage) == (0, "")


def test_database_refuses_progress_above_100():
    job = _job()

    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.filter(pk=job.pk).update(progress=101)


def test_job_start_marks_running_and_resets_progress():
    job = _job(status=JobStatus.QUEUED)

    started = services.job_start(job)

    job.refresh_from_db()
    assert started is True
    assert job.status == JobStatus.RUNNING
    assert job.started_at is not None


def test_job_finish_records_done_at_100_with_the_result_link():
    job = _job(progress=50, stage="Halfway")

    finished = services.job_finish(job, "/en/reports/7/")

    job.refresh_from_db()
    assert finished is True
    assert (job.status, job.progress, job.result_url, job.stage) == (
        JobStatus.DONE,
        100,
        "/en/reports/7/",
        "",
    )
    assert job.finished_at is not None


def test_job_fail_records_the_message_and_its_parameters():
    job = _job(progress=30)

    services.job_fail(job, "Member state {iso3} has sent no report.", iso3="KEN")

    job.refresh_from_db()
    assert (job.status, job.progress) == (JobStatus.FAILED, 30)
    assert job.error_text == "Member state KEN has sent no report."
    assert job.finished_at is not None


def test_a_finished_job_stays_finished():
    job = _job()
    services.job_finish(job, "/en/reports/7/")

    failed = services.job_fail(job, "Too late")
    started = services.job_start(job)

    job.refresh_from_db()
    assert (failed, started) == (False, False)
    assert (job.status, job.error, job.result_url) == (JobStatus.DONE, "", "/en/reports/7/")


def test_job_expire_stale_fails_jobs_past_the_hard_time_limit():
    now = timezone.now()
    limit = datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    long_ago = now - limit - datetime.timedelta(seconds=1)
    recently = now - limit + datetime.timedelta(seconds=30)
    stuck_running = _job(started_at=long_ago)
    stuck_queued = _job(status=JobStatus.QUEUED)
    busy = _job(started_at=recently)
    fresh_queued = _job(status=JobStatus.QUEUED)
    old_done = _job(status=JobStatus.DONE, started_at=long_ago, progress=100)
    Job.objects.filter(pk__in=[stuck_queued.pk, old_done.pk]).update(created_at=long_ago)

    count = services.job_expire_stale(now)

    statuses = dict(Job.objects.values_list("pk", "status"))
    assert count == 2
    assert statuses == {
        stuck_running.pk: JobStatus.FAILED,
        stuck_queued.pk: JobStatus.FAILED,
        busy.pk: JobStatus.RUNNING,
        fresh_queued.pk: JobStatus.QUEUED,
        old_done.pk: JobStatus.DONE,
    }
    stuck_running.refresh_from_db()
    assert stuck_running.error == services.ERROR_STALE
    assert stuck_running.finished_at == now
    assert services.job_expire_stale(now) == 0


def test_job_run_does_the_work_and_finishes():
    job = _job(status=JobStatus.QUEUED)

    services.job_run(job)

    job.refresh_from_db()
    assert (job.status, job.progress, job.result_url) == (JobStatus.DONE, 100, "/en/")


def test_job_run_uses_the_job_language():
    job = Job.objects.create(kind="tests.reports_language", language="ar")

    with translation.override("fr"):
        services.job_run(job)

    job.refresh_from_db()
    assert job.result_url == "/ar/result/"


def test_job_run_leaves_a_finished_job_alone():
    job = _job(status=JobStatus.FAILED, error=services.ERROR_STALE)

    services.job_run(job)

    job.refresh_from_db()
    assert (job.status, job.error, job.progress) == (JobStatus.FAILED, services.ERROR_STALE, 0)


def test_job_run_with_a_job_error_fails_with_its_message():
    job = _job(status=JobStatus.QUEUED)
    job.kind = "tests.refuses"
    job.save()

    services.job_run(job)

    job.refresh_from_db()
    assert (job.status, job.progress) == (JobStatus.FAILED, 10)
    assert job.error_text == "Member state KEN has sent no report."


def test_job_run_with_a_crash_fails_with_a_general_message_and_logs_the_traceback(caplog):
    job = Job.objects.create(kind="tests.crashes")

    with caplog.at_level(logging.ERROR, logger="ctc.jobs.services"):
        services.job_run(job)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == services.ERROR_UNEXPECTED
    assert "secret" not in job.error_text
    assert "Traceback" not in job.error_text
    [record] = caplog.records
    assert record.exc_info[0] is RuntimeError


def test_job_run_of_an_unregistered_kind_fails_the_job():
    job = Job.objects.create(kind="gone.removed_kind")

    services.job_run(job)

    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.FAILED, services.ERROR_UNKNOWN_KIND)


def test_job_create_refuses_an_unregistered_kind():
    with pytest.raises(ValueError):
        services.job_create(kind="gone.removed_kind", by=None)

    assert Job.objects.count() == 0


def test_job_create_records_a_queued_job_in_the_active_language():
    user = UserFactory()

    with translation.override("es"):
        job = services.job_create(kind="tests.halfway_then_done", by=user, params={"n": 1})

    job.refresh_from_db()
    assert (job.status, job.language, job.params, job.created_by) == (
        JobStatus.QUEUED,
        "es",
        {"n": 1},
        user,
    )


def test_job_create_runs_the_job_only_after_commit(django_capture_on_commit_callbacks):
    user = UserFactory()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            job = services.job_create(kind="tests.halfway_then_done", by=user, language="fr")
        job.refresh_from_db()
        assert job.status == JobStatus.QUEUED

    job.refresh_from_db()
    assert len(callbacks) == 1
    assert (job.status, job.progress, job.result_url) == (JobStatus.DONE, 100, "/fr/")


def test_job_create_in_a_rolled_back_transaction_runs_nothing(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.job_create(kind="tests.halfway_then_done", by=None)
        raise RuntimeError("roll back")

    assert (len(callbacks), Job.objects.count()) == (0, 0)


def test_job_create_stores_a_supported_language_variant():
    job = services.job_create(kind="tests.halfway_then_done", by=None, language="fr-ca")

    assert job.language == "fr"


def test_job_progress_writes_nothing_when_nothing_changes(django_assert_num_queries):
    job = _job(progress=30)

    with django_assert_num_queries(0):
        services.job_progress(job, 30)
        services.job_progress(job, 20)


# --- beat schedule ---------------------------------------------------------------------
EXTRA = {
    "name": "tests.weekly",
    "task": "jobs.job_expire_stale_task",
    "crontab": {"minute": "0", "hour": "6", "day_of_week": "1"},
    "kwargs": {"dry": True},
}


def test_beat_schedules_sync_twice_gives_the_same_rows():
    PeriodicTask.objects.all().delete()
    CrontabSchedule.objects.all().delete()

    services.beat_schedules_sync([*BEAT_SCHEDULE, EXTRA])
    first = list(PeriodicTask.objects.order_by("name").values())
    services.beat_schedules_sync([*BEAT_SCHEDULE, EXTRA])

    assert (PeriodicTask.objects.count(), CrontabSchedule.objects.count()) == (2, 2)
    assert list(PeriodicTask.objects.order_by("name").values()) == first
    daily = PeriodicTask.objects.get(name="jobs.job_expire_stale (daily)")
    assert daily.task == "jobs.job_expire_stale_task"
    assert (daily.crontab.minute, daily.crontab.hour, daily.crontab.day_of_week) == (
        "40",
        "3",
        "*",
    )
    assert str(daily.crontab.timezone) == settings.CELERY_TIMEZONE
    assert PeriodicTask.objects.get(name="tests.weekly").kwargs == '{"dry": true}'


def test_beat_schedules_sync_updates_a_changed_entry_in_place():
    PeriodicTask.objects.all().delete()
    CrontabSchedule.objects.all().delete()
    services.beat_schedules_sync([EXTRA])
    PeriodicTask.objects.filter(name="tests.weekly").update(enabled=False)

    services.beat_schedules_sync([{**EXTRA, "crontab": {"minute": "15", "hour": "6"}}])

    weekly = PeriodicTask.objects.get(name="tests.weekly")
    assert (PeriodicTask.objects.count(), CrontabSchedule.objects.count()) == (1, 2)
    assert (weekly.crontab.minute, weekly.crontab.day_of_week) == ("15", "*")
    assert weekly.enabled is False
