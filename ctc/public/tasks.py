from celery import shared_task
from django.db import connection

from ctc.states.models import MemberState


@shared_task(name="ctc.worker_ping_task")
def worker_ping_task() -> dict:
    """Answers what the worker sees: which database, how many member states."""
    return {"database": connection.vendor, "member_states": MemberState.objects.count()}
