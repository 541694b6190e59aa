"""Reminders on a real Celery worker: the beat task run twice sends one reminder per
recipient person, in each one's language; an acknowledged document is not reminded.

The worker is another process: it writes its mail to files (CTC_TEST_EMAIL_FILE_PATH)."""

import datetime
import os

import pytest
from django.utils import timezone

from ctc.accounts.enums import Role
from ctc.celery import app
from ctc.notifications.models import Notification
from ctc.public.tasks import worker_ping_task
from ctc.registry import site
from ctc.states.models import MemberState
from docs_tracker import services
from docs_tracker.models import Receipt
from docs_tracker.tasks import receipts_remind_task
from tests.conftest import tasks_on_worker, wait_until
from tests.factories import UserFactory
from tests.notifications.conftest import mail_files

from .helpers import make_document

pytestmark = pytest.mark.celery_worker


@pytest.fixture
def mail_worker(reference_data, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = tmp_path / "mail"
    folder.mkdir()
    queue = f"test-docs-{os.getpid()}"
    env = {"CTC_TEST_EMAIL_FILE_PATH": str(folder), "DOCS_REMINDER_DAYS": "10"}
    with tasks_on_worker(queue, env=env):
        yield queue, folder


def test_beat_registers_the_reminder_task():
    entry = site.beat["docs_tracker.receipts_remind (daily)"]
    assert entry["task"] == "docs_tracker.receipts_remind_task"
    assert entry["task"] in app.tasks


def test_reminder_task_run_twice_sends_one_reminder_in_each_readers_language(mail_worker):
    queue, folder = mail_worker
    expert = UserFactory(username="writer", roles=[Role.CTED_EXPERT])
    kenya = MemberState.objects.get(iso3="KEN")
    ghana = MemberState.objects.get(iso3="GHA")
    document = make_document(
        expert,
        symbol="S/AC.40/R/1",
        titles={"en": "Reminder test", "fr": "Test de rappel"},
        states=[kenya, ghana],
    )
    # The focal points arrive after the distribution: the only mail they get is the reminder.
    UserFactory(username="ken_en", roles=[Role.FOCAL_POINT], member_state=kenya, email="en@x.org")
    UserFactory(
        username="ken_fr",
        roles=[Role.FOCAL_POINT],
        member_state=kenya,
        email="fr@x.org",
        preferred_language="fr",
    )
    gha = UserFactory(
        username="gha", roles=[Role.FOCAL_POINT], member_state=ghana, email="gh@x.org"
    )
    services.receipt_acknowledge(document=document, by=gha)
    Receipt.objects.filter(document=document).update(
        made_available_at=timezone.now() - datetime.timedelta(days=11)
    )

    first = receipts_remind_task.apply_async(queue=queue).get(timeout=60)
    second = receipts_remind_task.apply_async(queue=queue).get(timeout=60)

    assert (first, second) == (1, 0)
    reminders = Notification.objects.filter(kind="docs_tracker.reminder")
    assert wait_until(lambda: reminders.filter(emailed_at__isnull=False).count() == 2)
    worker_ping_task.apply_async(queue=queue).get(timeout=60)
    mails = mail_files(folder)
    assert sorted(m["To"] for m in mails) == ["en@x.org", "fr@x.org"]
    subjects = {m["To"]: m["Subject"] for m in mails}
    assert subjects["en@x.org"] == "Please acknowledge: S/AC.40/R/1"
    assert "S/AC.40/R/1" in subjects["fr@x.org"]
    french = next(m for m in mails if m["To"] == "fr@x.org").get_content()
    assert "Test de rappel" in french
    receipt = Receipt.objects.get(document=document, state=kenya)
    assert receipt.reminders == 1 and receipt.reminded_at is not None
    assert Receipt.objects.get(document=document, state=ghana).reminders == 0
