from celery import shared_task

from ctc.tasks import object_task

from . import services


# A failed send (the mail server away) rolls its claim back and is tried again later.
@object_task(
    name="notifications.notification_email_task",
    model="notifications.Notification",
    autoretry_for=(OSError,),
    retry_backoff=60,
    max_retries=5,
)
def notification_email_task(notification):
    """E-mails one notification to its recipient; idempotent (see services)."""
    return services.notification_email(notification=notification)


@object_task(name="notifications.notification_digest_send_task", model="accounts.User")
def notification_digest_send_task(user):
    """Sends what the person's digest holds now, as one e-mail; idempotent."""
    return services.notification_digest_send(user=user)


@shared_task(name="notifications.notification_digests_send_task")
def notification_digests_send_task() -> int:
    """The daily digest of everyone in digest mode; a second run the same day sends none."""
    return services.notification_digests_send()


# Periodic runs, as data; ctc.jobs writes them into beat's tables (load_reference_data).
BEAT_SCHEDULE = [
    {
        "name": "notifications.notification_digests_send (daily)",
        "task": "notifications.notification_digests_send_task",
        "crontab": {"minute": "0", "hour": "6"},
        "description": "Sends each person in daily-digest mode one e-mail listing their news.",
    },
]
