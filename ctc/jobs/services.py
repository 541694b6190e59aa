"""Writes of jobs: one service per transition, plus the runner the one job task calls.

queued → running → done | failed. A finished job (done or failed) never changes again, so
a message delivered twice, or a worker finishing after the job was expired, is harmless.
"""

import datetime
import json
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_noop
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from ctc.tasks import enqueue

from .enums import ACTIVE_STATUSES, FINISHED_STATUSES, JobStatus
from .kinds import JobError, job_kinds
from .models import Job

logger = logging.getLogger(__name__)

# Message ids, translated when the job page is shown.
ERROR_UNEXPECTED = gettext_noop(
    "The job failed because of an unexpected error. It has been logged for the administrators."
)
ERROR_TOO_LONG = gettext_noop("The job took too long and was stopped.")
ERROR_STALE = gettext_noop("The job did not finish in time and was abandoned.")
ERROR_UNKNOWN_KIND = gettext_noop("This kind of job is no longer available.")


def job_create(*, kind: str, by, params: dict | None = None, language: str | None = None) -> Job:
    """Records a queued job and enqueues its run once the transaction commits.

    ``by`` may be None for jobs the system starts itself. ``language`` defaults to the
    active language. Side effects: one Job row; ``jobs.job_run_task`` sent after commit.
    """
    from .tasks import job_run_task  # tasks import services; this is the one way back

    if kind not in job_kinds:
        raise ValueError(f"No app registers the job kind {kind!r}")
    language = translation.get_supported_language_variant(
        language or translation.get_language() or settings.LANGUAGE_CODE
    )
    with transaction.atomic():
        job = Job.objects.create(kind=kind, created_by=by, params=params or {}, language=language)
        enqueue(job_run_task, str(job.pk), language=job.language)
    return job


def job_start(job: Job) -> bool:
    """queued → running; a job redelivered after a lost worker restarts from 0 %.

    False, and nothing written, for a finished job.
    """
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)
        if locked.status in FINISHED_STATUSES:
            job.status = locked.status
            return False
        job.status = JobStatus.RUNNING
        job.progress = 0
        job.stage, job.stage_params = "", {}
        job.started_at = timezone.now()
        job.save(update_fields=["status", "progress", "stage", "stage_params", "started_at"])
    return True


def job_progress(job: Job, percent: int, stage: str | None = None, **stage_params: Any) -> None:
    """Records how far a running job is; progress never goes back.

    ``percent`` is 0..100 (ValueError otherwise); a lower value than the recorded one keeps
    the recorded one. ``stage`` is a msgid (gettext_noop) with named ``stage_params``; None
    keeps the current stage. Writes only the progress fields, so it is safe from the worker
    while other fields change elsewhere.
    """
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        raise ValueError(f"percent must be an integer from 0 to 100, not {percent!r}")
    if job.status != JobStatus.RUNNING or (percent <= job.progress and stage is None):
        return
    job.progress = max(job.progress, percent)
    fields = ["progress"]
    if stage is not None:
        job.stage, job.stage_params = stage, stage_params
        fields += ["stage", "stage_params"]
    job.save(update_fields=fields)


def job_finish(job: Job, result_url: str = "") -> bool:
    """running → done at 100 %, with the link to the result. False if already finished."""
    return _job_end(job, status=JobStatus.DONE, progress=100, result_url=result_url or "", stage="")


def job_fail(job: Job, error: str, **error_params: Any) -> bool:
    """→ failed with a message for the user (a msgid and named params, never a traceback).

    False if the job had already finished.
    """
    return _job_end(job, status=JobStatus.FAILED, error=error, error_params=error_params)


def _job_end(job: Job, **changes: Any) -> bool:
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)
        if locked.status in FINISHED_STATUSES:
            job.status = locked.status
            return False
        changes["finished_at"] = timezone.now()
        for name, value in changes.items():
            setattr(job, name, value)
        job.save(update_fields=list(changes))
    return True


def job_run(job: Job) -> None:
    """Runs the job's kind in the worker: start, work with progress, then done or failed.

    A finished job is left alone (idempotent on redelivery). A ``JobError`` fails the job
    with its own message; a soft time limit or any other exception fails it with a general
    message while the traceback goes to the log only.
    """
    registered = job_kinds.get(job.kind)
    if registered is None:
        logger.error("Job %s has kind %r, which no app registers", job.pk, job.kind)
        job_fail(job, ERROR_UNKNOWN_KIND)
        return
    if not job_start(job):
        logger.info("Job %s is already %s; not running it again", job.pk, job.status)
        return

    def report_progress(percent: int, stage: str | None = None, **params: Any) -> None:
        job_progress(job, percent, stage, **params)

    try:
        with translation.override(job.language):
            result_url = registered.run(job, report_progress)
    except JobError as exc:
        logger.info("Job %s (%s) failed: %s", job.pk, job.kind, exc.message)
        job_fail(job, exc.message, **exc.params)
    except SoftTimeLimitExceeded:
        logger.warning("Job %s (%s) reached the soft time limit", job.pk, job.kind)
        job_fail(job, ERROR_TOO_LONG)
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        job_fail(job, ERROR_UNEXPECTED)
    else:
        job_finish(job, result_url or "")


def job_expire_stale(now: datetime.datetime | None = None) -> int:
    """Fails jobs queued or running for longer than the hard task time limit.

    Such a job's worker was killed or lost its message; nothing will finish it. Returns how
    many jobs were failed. Side effects: one UPDATE.
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    stale = Job.objects.filter(status__in=ACTIVE_STATUSES).filter(
        Q(started_at__lt=cutoff) | Q(started_at__isnull=True, created_at__lt=cutoff)
    )
    count = stale.update(
        status=JobStatus.FAILED, error=ERROR_STALE, error_params={}, finished_at=now
    )
    if count:
        logger.warning("Marked %d stale job(s) as failed", count)
    return count


CRONTAB_FIELDS = ("minute", "hour", "day_of_week", "day_of_month", "month_of_year")


def beat_schedules_sync(entries: Iterable[Mapping[str, Any]]) -> None:
    """Creates or updates one beat PeriodicTask (on a CrontabSchedule) per entry.

    An entry is ``{"name": ..., "task": ..., "crontab": {"minute": ..., "hour": ...},
    "kwargs": {...}}`` (kwargs optional; crontab fields left out mean "*"). Running it
    again with the same entries writes nothing. An administrator's "enabled" switch is
    kept; tasks no longer in ``entries`` are left alone. Side effects: PeriodicTask and
    CrontabSchedule rows; beat reloads its schedule when a task row changed.
    """
    with transaction.atomic():
        for entry in entries:
            crontab = _crontab_get_or_create(entry["crontab"])
            kwargs = json.dumps(entry.get("kwargs", {}), sort_keys=True)
            periodic = PeriodicTask.objects.filter(name=entry["name"]).first()
            if periodic is None:
                periodic = PeriodicTask(name=entry["name"])
            wanted = {
                "task": entry["task"],
                "crontab_id": crontab.pk,
                "interval_id": None,
                "solar_id": None,
                "clocked_id": None,
                "kwargs": kwargs,
                "description": entry.get("description", ""),
            }
            if periodic.pk and all(getattr(periodic, k) == v for k, v in wanted.items()):
                continue
            for name, value in wanted.items():
                setattr(periodic, name, value)
            periodic.save()


def _crontab_get_or_create(fields: Mapping[str, str]) -> CrontabSchedule:
    unknown = set(fields) - set(CRONTAB_FIELDS)
    if unknown:
        raise ValueError(f"Unknown crontab fields: {sorted(unknown)}")
    lookup = {name: str(fields.get(name, "*")) for name in CRONTAB_FIELDS}
    lookup["timezone"] = settings.CELERY_TIMEZONE
    crontab = CrontabSchedule.objects.filter(**lookup).order_by("pk").first()
    return crontab or CrontabSchedule.objects.create(**lookup)
