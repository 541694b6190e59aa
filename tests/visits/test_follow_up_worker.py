"""Follow-up reminders on a real Celery worker: the beat task run twice sends one e-mail
per owner, in each one's language.

The worker is another process: it writes its mail to files (CTC_TEST_EMAIL_FILE_PATH)."""

import datetime
import os

import pytest

from ctc.accounts.enums import Role
from ctc.celery import app
from ctc.notifications.models import Notification
from ctc.public.tasks import worker_ping_task
from ctc.registry import site
from ctc.states.models import MemberState
from tests.conftest import tasks_on_worker, wait_until
from tests.factories import (
    FollowUpActionFactory,
    UserFactory,
    VisitFactory,
    VisitRecommendationFactory,
)
from tests.notifications.conftest import mail_files
from visits.models import FollowUpAction
from visits.tasks import follow_up_reminders_send_task

pytestmark = pytest.mark.celery_worker


@pytest.fixture
def mail_worker(reference_data, tmp_path, settings):
    folder = tmp_path / "mail"
    folder.mkdir()
    queue = f"test-visits-{os.getpid()}"
    env = {"CTC_TEST_EMAIL_FILE_PATH": str(folder), "VISITS_REMINDER_DAYS": "7"}
    with tasks_on_worker(queue, env=env):
        yield queue, folder


def test_beat_registers_the_follow_up_reminder_task():
    entry = site.beat["visits.follow_up_reminders_send (daily)"]
    assert entry["task"] == "visits.follow_up_reminders_send_task"
    assert entry["task"] in app.tasks


def test_reminder_task_run_twice_sends_one_email_per_owner(mail_worker):
    queue, folder = mail_worker
    kenya = MemberState.objects.get(iso3="KEN")
    UserFactory(username="ken_en", roles=[Role.FOCAL_POINT], member_state=kenya, email="en@x.org")
    UserFactory(
        username="ken_fr",
        roles=[Role.FOCAL_POINT],
        member_state=kenya,
        email="fr@x.org",
        preferred_language="fr",
    )
    visit = VisitFactory(reference="VIS/KEN/2012/7", status="done", consent_status="given")
    recommendation = VisitRecommendationFactory(visit=visit)
    late = FollowUpActionFactory(recommendation=recommendation, due_on=datetime.date(2012, 4, 30))
    FollowUpActionFactory(recommendation=recommendation, due_on=datetime.date(2099, 4, 30))

    first = follow_up_reminders_send_task.apply_async(queue=queue).get(timeout=60)
    second = follow_up_reminders_send_task.apply_async(queue=queue).get(timeout=60)

    assert (first, second) == (1, 0)
    reminders = Notification.objects.filter(kind="visits.follow_up_reminder")
    assert wait_until(lambda: reminders.filter(emailed_at__isnull=False).count() == 2)
    worker_ping_task.apply_async(queue=queue).get(timeout=60)
    mails = mail_files(folder)
    assert sorted(m["To"] for m in mails) == ["en@x.org", "fr@x.org"]
    subjects = {m["To"]: m["Subject"] for m in mails}
    assert subjects["en@x.org"] == "Overdue follow-up: VIS/KEN/2012/7"
    # The French reader's date is French (Django's own catalogue).
    french = next(m for m in mails if m["To"] == "fr@x.org").get_content()
    assert "30 avril 2012" in french
    late.refresh_from_db()
    assert late.reminders == 1 and late.reminded_on is not None
    assert FollowUpAction.objects.filter(reminders=0).count() == 1
