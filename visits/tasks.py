"""Background work of visits: thin tasks calling one service (see ctc/tasks.py)."""

from celery import shared_task


@shared_task(name="visits.follow_up_reminders_send_task")
def follow_up_reminders_send_task() -> int:
    """Reminds the owners of overdue follow-up actions (settings.VISITS_REMINDER_DAYS);
    idempotent: a second run the same day sends nothing (follow_up_services.follow_up_remind)."""
    from . import follow_up_services

    return follow_up_services.reminders_send()


# Periodic runs, as data; ctc.jobs writes them into beat's tables (load_reference_data).
BEAT_SCHEDULE = [
    {
        "name": "visits.follow_up_reminders_send (daily)",
        "task": "visits.follow_up_reminders_send_task",
        # 11:00 UTC: the morning at headquarters, summer and winter.
        "crontab": {"minute": "0", "hour": "11"},
        "description": "Reminds the owners of overdue follow-up actions of visits.",
    },
]
