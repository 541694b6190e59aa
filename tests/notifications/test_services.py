"""notify(): once per event and person, never the actor; e-mails once, after commit, in the
recipient's language, at once or in one daily digest."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ctc.accounts.enums import NotificationMode
from ctc.notifications import services, tasks
from ctc.notifications.models import Notification
from ctc.registry import site
from tests.factories import UserFactory
from tests.notifications.kinds import NOTE, QUIET

pytestmark = pytest.mark.django_db

DIGEST = NotificationMode.DAILY_DIGEST


def _notify(recipients, *, event="tests.event:1", kind=NOTE, actor=None, what="file 7"):
    return services.notify(
        event=event,
        kind=kind,
        recipients=recipients,
        params={"what": what},
        url="/en/somewhere/7/",
        actor=actor,
    )


def test_notify_tells_each_person_once_per_event(django_capture_on_commit_callbacks):
    ana, ben = UserFactory(username="ana"), UserFactory(username="ben")

    with django_capture_on_commit_callbacks(execute=True):
        first = _notify([ana, ben, ana])
        again = _notify([ana, ben])
        other = _notify([ana], event="tests.event:2")

    assert (first, again, other) == (2, 0, 1)
    rows = Notification.objects.order_by("event", "recipient__username")
    assert [(n.event, n.recipient.username) for n in rows] == [
        ("tests.event:1", "ana"),
        ("tests.event:1", "ben"),
        ("tests.event:2", "ana"),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ana@example.org",
        "ana@example.org",
        "ben@example.org",
    ]


def test_notify_skips_the_actor_and_inactive_people(django_capture_on_commit_callbacks):
    actor, asleep, told = (
        UserFactory(),
        UserFactory(is_active=False),
        UserFactory(username="told"),
    )

    with django_capture_on_commit_callbacks(execute=True):
        count = _notify([actor, asleep, told], actor=actor)

    assert count == 1
    assert list(Notification.objects.values_list("recipient__username", "actor")) == [
        ("told", actor.pk)
    ]
    assert [m.to for m in mail.outbox] == [["told@example.org"]]


def test_notify_without_an_email_address_is_in_the_workspace_only(
    django_capture_on_commit_callbacks,
):
    silent = UserFactory(email="")

    with django_capture_on_commit_callbacks(execute=True):
        _notify([silent])

    row = Notification.objects.get()
    assert (row.recipient_id, row.send_email, row.emailed_at) == (silent.pk, False, None)
    assert mail.outbox == []


def test_a_kind_told_by_another_email_is_in_the_workspace_only(
    django_capture_on_commit_callbacks,
):
    person = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        _notify([person], kind=QUIET)
    sent = services.notification_digests_send(now=timezone.now() + datetime.timedelta(days=1))

    assert Notification.objects.get().send_email is False
    assert (mail.outbox, sent) == ([], 0)


def test_notify_refuses_a_kind_no_app_registers():
    with pytest.raises(ValueError, match="tests.unknown"):
        _notify([UserFactory()], kind="tests.unknown")

    assert Notification.objects.count() == 0


def test_email_leaves_after_commit_in_the_recipients_language(django_capture_on_commit_callbacks):
    french = UserFactory(preferred_language="fr", first_name="Claire", last_name="Roux")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _notify([french])
    assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()

    [message] = mail.outbox
    assert message.subject == "Approuvée: file 7"
    assert message.to == [french.email]
    assert message.body.splitlines()[:5] == [
        "Madame, Monsieur Claire Roux,",
        "",
        "About file 7.",
        "",
        f"{settings.SITE_URL}/fr/somewhere/7/",
    ]
    assert Notification.objects.get().emailed_at is not None


def test_email_task_run_twice_sends_once(django_capture_on_commit_callbacks):
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _notify([person])
    row = Notification.objects.get()
    first_at = row.emailed_at

    again = tasks.notification_email_task(row.pk)

    assert again is False
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert row.emailed_at == first_at


def test_email_task_tolerates_a_deleted_notification():
    assert tasks.notification_email_task(987654) is None
    assert mail.outbox == []


def test_a_failed_send_leaves_the_notification_to_send_again(monkeypatch):
    person = UserFactory()
    _notify([person])
    row = Notification.objects.get()

    def refuse(self, *args, **kwargs):
        raise OSError("mail server away")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with pytest.raises(OSError):
        services.notification_email(notification=row)
    monkeypatch.undo()
    row.refresh_from_db()
    assert row.emailed_at is None

    assert services.notification_email(notification=row) is True
    assert len(mail.outbox) == 1


def test_digest_mode_sends_nothing_at_once_then_one_email_for_the_days_events(
    django_capture_on_commit_callbacks,
):
    person = UserFactory(notification_mode=DIGEST, preferred_language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            _notify([person], event=f"tests.event:{n}", what=f"file {n}")
    assert mail.outbox == []

    sent = services.notification_digests_send(now=timezone.now() + datetime.timedelta(hours=1))
    again = services.notification_digests_send(now=timezone.now() + datetime.timedelta(hours=2))

    assert (sent, again) == (1, 0)
    [message] = mail.outbox
    assert message.subject == "Espace de travail du CCT : 3 notifications"
    for n in range(3):
        assert f"Approuvée: file {n}" in message.body
    assert (
        message.body.index("file 0") < message.body.index("file 1") < message.body.index("file 2")
    )
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


def test_digest_leaves_what_came_after_the_cutoff_for_the_next_day():
    person = UserFactory(notification_mode=DIGEST)
    _notify([person], event="tests.event:old", what="old")
    _notify([person], event="tests.event:new", what="new")
    now = timezone.now()
    Notification.objects.filter(event="tests.event:old").update(
        created_at=now - datetime.timedelta(hours=20)
    )
    Notification.objects.filter(event="tests.event:new").update(
        created_at=now + datetime.timedelta(minutes=5)
    )

    sent = services.notification_digests_send(now=now)

    assert sent == 1
    [message] = mail.outbox
    assert message.subject == "CTC Workspace: 1 notification"
    assert "1. Approved: old" in message.body
    assert "Approved: new" not in message.body
    assert list(
        Notification.objects.filter(emailed_at__isnull=True).values_list("event", flat=True)
    ) == ["tests.event:new"]


def test_digest_skips_people_in_immediate_mode():
    person = UserFactory()
    _notify([person])  # no commit in this test: its e-mail task never ran

    assert services.notification_digests_send(now=timezone.now() + datetime.timedelta(hours=1)) == 0
    assert mail.outbox == []


def test_leaving_the_digest_sends_what_it_held_at_once(django_capture_on_commit_callbacks):
    person = UserFactory(notification_mode=DIGEST)
    with django_capture_on_commit_callbacks(execute=True):
        _notify([person], event="tests.event:1")
        _notify([person], event="tests.event:2")
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        services.notification_mode_set(user=person, mode=NotificationMode.IMMEDIATE, by=person)

    [message] = mail.outbox
    assert message.subject == "CTC Workspace: 2 notifications"
    person.refresh_from_db()
    assert person.notification_mode == NotificationMode.IMMEDIATE


def test_mode_is_set_by_the_person_only_and_to_a_known_mode():
    person, other = UserFactory(), UserFactory()

    with pytest.raises(PermissionDenied):
        services.notification_mode_set(user=person, mode=DIGEST, by=other)
    with pytest.raises(ValidationError):
        services.notification_mode_set(user=person, mode="hourly", by=person)

    person.refresh_from_db()
    assert person.notification_mode == NotificationMode.IMMEDIATE


def test_reading_marks_once_and_only_ones_own():
    person, other = UserFactory(), UserFactory()
    _notify([person])
    row = Notification.objects.get()

    with pytest.raises(PermissionDenied):
        services.notification_read(notification=row, by=other)
    services.notification_read(notification=row, by=person)
    first = Notification.objects.get().read_at
    services.notification_read(notification=Notification.objects.get(), by=person)

    assert first is not None
    assert Notification.objects.get().read_at == first


def test_read_all_marks_only_the_persons_unread():
    person, other = UserFactory(), UserFactory()
    for n in range(3):
        _notify([person, other], event=f"tests.event:{n}")

    assert services.notifications_read_all(by=person) == 3
    assert services.notifications_read_all(by=person) == 0
    assert Notification.objects.filter(recipient=other, read_at__isnull=True).count() == 3


def test_a_notification_of_a_kind_gone_still_reads():
    person = UserFactory()
    row = Notification.objects.create(
        recipient=person, kind="gone.kind", params={}, url="/en/", event="gone:1"
    )

    assert (row.subject, row.text) == ("A notification", "")


def test_links_follow_the_readers_language():
    row = Notification(url="/zh-hans/assessments/4/#c-9")

    assert row.url_in("ar") == "/ar/assessments/4/#c-9"
    assert Notification(url="/healthz").url_in("fr") == "/healthz"


def test_the_daily_digest_is_on_beats_schedule():
    entry = site.beat["notifications.notification_digests_send (daily)"]

    assert entry["task"] == tasks.notification_digests_send_task.name
    assert entry["crontab"] == {"minute": "0", "hour": "6"}


def test_demo_step_keeps_the_three_newest_unread_and_mails_nothing_of_the_past():
    from ctc.notifications.demo import demo_notifications_seed

    demo = UserFactory(email="expert@demo.ctc.invalid", notification_mode=DIGEST)
    real = UserFactory(notification_mode=DIGEST)
    for n in range(5):
        _notify([demo, real], event=f"tests.event:{n}")

    assert demo_notifications_seed() == 5
    assert demo_notifications_seed() == 5

    unread = Notification.objects.filter(recipient=demo, read_at__isnull=True)
    assert sorted(unread.values_list("event", flat=True)) == [
        "tests.event:2",
        "tests.event:3",
        "tests.event:4",
    ]
    assert Notification.objects.filter(recipient=demo, emailed_at__isnull=True).count() == 0
    assert Notification.objects.filter(recipient=real, read_at__isnull=True).count() == 5
    assert Notification.objects.filter(recipient=real, emailed_at__isnull=True).count() == 5
