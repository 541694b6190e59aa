"""The demo accounts' notifications come from the demo data's real events (the apps' demo
seeders go through their services); this step only makes the lists look lived in."""

from django.db import transaction
from django.utils import timezone

from ctc.accounts.models import User

from .models import Notification

KEEP_UNREAD = 3


@transaction.atomic
def demo_notifications_seed() -> int:
    """Each demo account keeps its three newest notifications unread, the older ones read,
    and nothing of the demo's past waits to be e-mailed. Idempotent; returns the count."""
    demo = Notification.objects.filter(
        recipient__in=User.objects.filter(email__endswith="@demo.ctc.invalid")
    )
    now = timezone.now()
    demo.filter(emailed_at__isnull=True).update(emailed_at=now)
    for recipient_id in demo.order_by().values_list("recipient_id", flat=True).distinct():
        newest = demo.filter(recipient_id=recipient_id).order_by("-created_at", "-pk")
        older = newest.values_list("pk", flat=True)[KEEP_UNREAD:]
        Notification.objects.filter(pk__in=list(older), read_at__isnull=True).update(read_at=now)
    return demo.count()
