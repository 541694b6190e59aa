from celery import shared_task

from ctc.tasks import object_task

from . import services


@object_task(name="jobs.job_run_task", model="jobs.Job")
def job_run_task(job):
    """Runs one job of any registered kind; see services.job_run."""
    services.job_run(job)


@shared_task(name="jobs.job_expire_stale_task")
def job_expire_stale_task() -> int:
    """Fails jobs nothing will finish any more. Idempotent: a second run finds none."""
    return services.job_expire_stale()


# Periodic runs, as data; services.beat_schedules_sync writes them into beat's tables.
BEAT_SCHEDULE = [
    {
        "name": "jobs.job_expire_stale (daily)",
        "task": "jobs.job_expire_stale_task",
        "crontab": {"minute": "40", "hour": "3"},
        "description": "Fails background jobs left queued or running past the time limit.",
    },
]
