"""Background work of the secure-area credential rotation (see rotation.py)."""

from celery import shared_task
from django.conf import settings

from ctc.tasks import object_task

from . import rotation as services


@shared_task(name="accounts.credential_rotation_start_task")
def credential_rotation_start_task(quarter: str | None = None) -> int:
    """Starts the quarter's rotation, or resumes it; a finished quarter changes nothing.

    Runs the rotation in this task (beat's ticks come here), so a tick after a dead worker
    finishes what it left. Returns the rotation's id.
    """
    return services.rotation_quarter_run(quarter=quarter).pk


@object_task(name="accounts.credential_rotation_run_task", model="accounts.CredentialRotation")
def credential_rotation_run_task(rotation):
    """Runs (or resumes) one rotation; idempotent: done accounts are never touched again."""
    services.rotation_run(rotation=rotation)


def beat_schedule() -> list[dict]:
    """The rotation's beat entry, its crontab from settings.ROTATION_CRONTAB."""
    minute, hour, day_of_month, month_of_year, day_of_week = settings.ROTATION_CRONTAB.split()
    return [
        {
            "name": "accounts.credential_rotation (quarterly)",
            "task": "accounts.credential_rotation_start_task",
            "crontab": {
                "minute": minute,
                "hour": hour,
                "day_of_month": day_of_month,
                "month_of_year": month_of_year,
                "day_of_week": day_of_week,
            },
            "description": "Rotates the secure-area credentials at the start of each quarter "
            "(E-19); later ticks resume an interrupted run and otherwise do nothing.",
        },
    ]
