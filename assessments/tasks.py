"""Background work of assessments: thin tasks, each calling one service (see ctc/tasks.py)."""

from ctc.tasks import object_task


@object_task(name="assessments.sent_snapshot_file_task", model="assessments.SentSnapshot")
def sent_snapshot_file_task(snapshot):
    """Files what was sent as PDF documents distributed to the State; idempotent."""
    from . import services

    return services.sent_snapshot_file(snapshot=snapshot)


@object_task(name="assessments.sent_snapshot_notify_task", model="assessments.SentSnapshot")
def sent_snapshot_notify_task(snapshot):
    """E-mails the State's focal points that an assessment was sent; idempotent."""
    from . import services

    return services.sent_snapshot_notify(snapshot=snapshot)
