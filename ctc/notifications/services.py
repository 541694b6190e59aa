"""Writes of notifications: telling people, e-mailing them once, reading, preferences.

Every app tells people through `notify()`; the kinds it sends are registered in its
AppConfig.ready() (ctc.registry.NotificationKind). E-mails leave from the worker, after
the event's transaction commits, in the recipient's language, and never twice: each row is
claimed with a conditional UPDATE (emailed_at IS NULL) in the transaction that sends it.
"""

import datetime
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ctc.accounts.enums import NotificationMode
from ctc.accounts.models import User
from ctc.registry import site
from ctc.tasks import enqueue

from .models import Notification

logger = logging.getLogger(__name__)


def notify(
    *, event: str, kind: str, recipients: Iterable[User], params: dict, url: str, actor=None
) -> int:
    """Tells each recipient, once per event, what happened: in the workspace and by e-mail.

    Call it inside the transaction of the change it tells about. `event` names the change
    uniquely ("assessments.transition:1234"); `params` (JSON) are what the kind renders in
    each reader's language; `url` is where the notification leads. The actor is not told
    of their own act; inactive people are skipped; people without an e-mail address, and
    kinds registered with email=False, get the notification in the workspace only. A second
    call for the same event and person writes nothing.

    Side effects: Notification rows; after commit, one notifications.notification_email_task
    per recipient who wants each e-mail at once (the others wait for the daily digest).
    Returns how many people were told now.
    """
    registered = site.notification_kinds.get(kind)
    if registered is None:
        raise ValueError(f"No app registers the notification kind {kind!r}")
    actor_pk = getattr(actor, "pk", None)
    people = {p.pk: p for p in recipients if p is not None and p.is_active and p.pk != actor_pk}
    if not people:
        return 0
    known = set(
        Notification.objects.filter(event=event, recipient_id__in=people).values_list(
            "recipient_id", flat=True
        )
    )
    fresh = [person for pk, person in people.items() if pk not in known]
    Notification.objects.bulk_create(
        [
            Notification(
                recipient=person,
                kind=kind,
                params=params,
                url=url,
                event=event,
                actor=actor,
                send_email=registered.email and bool(person.email),
            )
            for person in fresh
        ],
        # A concurrent call for the same event: its rows stand, nobody is told twice.
        ignore_conflicts=True,
    )
    from .tasks import notification_email_task  # tasks import services; the one way back

    at_once = [p.pk for p in fresh if p.email and p.notification_mode == NotificationMode.IMMEDIATE]
    if registered.email and at_once:
        rows = Notification.objects.filter(
            event=event, recipient_id__in=at_once, emailed_at__isnull=True
        ).values_list("pk", "recipient_id")
        for pk, recipient_id in rows:
            enqueue(notification_email_task, pk, language=people[recipient_id].preferred_language)
    return len(fresh)


def _send(person: User, subject: str, template: str, context: dict) -> None:
    settings_url = settings.SITE_URL + reverse("notifications:list")
    body = render_to_string(template, {"person": person, "settings_url": settings_url, **context})
    EmailMessage(subject=subject, body=body, to=[person.email]).send()


@transaction.atomic
def notification_email(*, notification: Notification) -> bool:
    """E-mails one notification to its recipient, in their language, at most once.

    The row is claimed by a conditional UPDATE (not yet e-mailed, the recipient still in
    immediate mode) in the transaction that sends it: a redelivered task finds it claimed
    and sends nothing; a failed send rolls the claim back. Returns whether it was sent.
    """
    claimed = Notification.objects.filter(
        pk=notification.pk,
        send_email=True,
        emailed_at__isnull=True,
        recipient__notification_mode=NotificationMode.IMMEDIATE,
        recipient__is_active=True,
    ).update(emailed_at=timezone.now())
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification.pk)
    person = notification.recipient
    with translation.override(person.preferred_language):
        subject, text = notification.rendered
        url = settings.SITE_URL + notification.url_in(person.preferred_language)
        _send(person, subject, "notifications/email/notification.txt", {"text": text, "url": url})
    return True


@transaction.atomic
def notification_digest_send(*, user: User, cutoff: datetime.datetime | None = None) -> int:
    """Sends the person ONE e-mail listing their notifications not yet e-mailed that were
    created before `cutoff` (default: now), in their language, and marks them e-mailed.

    The rows are locked while the e-mail is sent: a second run, even a concurrent one,
    finds nothing left. Returns how many notifications the e-mail listed (0: none sent).
    """
    cutoff = cutoff or timezone.now()
    if not (user.is_active and user.email):
        return 0
    pending = list(
        Notification.objects.select_for_update()
        .filter(recipient=user, send_email=True, emailed_at__isnull=True, created_at__lt=cutoff)
        .order_by("created_at", "pk")
    )
    if not pending:
        return 0
    with translation.override(user.preferred_language):
        items = [
            {
                "subject": n.subject,
                "text": n.text,
                "url": settings.SITE_URL + n.url_in(user.preferred_language),
            }
            for n in pending
        ]
        subject = ngettext(
            "CTC Workspace: {n} notification", "CTC Workspace: {n} notifications", len(items)
        ).format(n=len(items))
        _send(user, subject, "notifications/email/digest.txt", {"items": items})
    Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=timezone.now())
    return len(pending)


def notification_digests_send(*, now: datetime.datetime | None = None) -> int:
    """The daily digest: one e-mail to each active person in digest mode who has
    notifications not yet e-mailed, created before `now`. Idempotent: a second run the same
    day sends nothing. One person's failed e-mail is logged and left for the next run.
    Returns the number of e-mails sent.
    """
    now = now or timezone.now()
    people = User.objects.filter(
        is_active=True,
        notification_mode=NotificationMode.DAILY_DIGEST,
        notifications__send_email=True,
        notifications__emailed_at__isnull=True,
        notifications__created_at__lt=now,
    ).distinct()
    sent = 0
    for person in people.order_by("pk"):
        try:
            sent += bool(notification_digest_send(user=person, cutoff=now))
        except OSError:
            logger.exception("The daily digest of user %s could not be sent", person.pk)
    return sent


def notification_read(*, notification: Notification, by: User) -> Notification:
    """Marks one of the person's own notifications read (once: the first time stays)."""
    if notification.recipient_id != by.pk:
        raise PermissionDenied
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
    return notification


def notifications_read_all(*, by: User) -> int:
    """Marks every unread notification of the person read; returns how many."""
    unread = Notification.objects.filter(recipient=by, read_at__isnull=True)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def notification_mode_set(*, user: User, mode: str, by: User) -> User:
    """A person chooses immediate e-mails or the daily digest, for themselves only.

    Side effects: when they leave the digest, what it still held is sent at once, as one
    e-mail (notifications.notification_digest_send_task after commit).
    """
    if by.pk != user.pk:
        raise PermissionDenied
    if mode not in NotificationMode.values:
        raise ValidationError({"notification_mode": _("Choose how to receive e-mails.")})
    if user.notification_mode == mode:
        return user
    leaving_digest = user.notification_mode == NotificationMode.DAILY_DIGEST
    user.notification_mode = mode
    user.save(update_fields=["notification_mode"])
    if leaving_digest:
        from .tasks import notification_digest_send_task

        enqueue(notification_digest_send_task, user.pk, language=user.preferred_language)
    return user
