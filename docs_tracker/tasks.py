"""Background work of the document area: thin tasks calling one service (see ctc/tasks.py)."""

from celery import shared_task


@shared_task(name="docs_tracker.receipts_remind_task")
def receipts_remind_task() -> int:
    """Reminds recipients of documents left unacknowledged (settings.DOCS_REMINDER_DAYS);
    idempotent: a second run in the same period sends nothing (see services.receipt_remind)."""
    from . import services

    return services.reminders_send()


# Periodic runs, as data; ctc.jobs writes them into beat's tables (load_reference_data).
BEAT_SCHEDULE = [
    {
        "name": "docs_tracker.receipts_remind (daily)",
        "task": "docs_tracker.receipts_remind_task",
        "crontab": {"minute": "30", "hour": "6"},
        "description": "Reminds recipients of documents they have not acknowledged in time.",
    },
]
