"""On a real Celery worker: an event e-mails each recipient exactly once, in their language,
even when the task is delivered twice; the daily digest sends one e-mail for a day's events.

The worker is another process: it writes its mail to files (CTC_TEST_EMAIL_FILE_PATH, see
ctc/settings/test.py), which the test reads.
"""

import os

import pytest
from django.conf import settings

from assessments import services as assessment_services
from ctc.accounts.enums import NotificationMode, Role
from ctc.notifications import services
from ctc.notifications.models import Notification
from ctc.notifications.tasks import notification_digests_send_task, notification_email_task
from ctc.public.tasks import worker_ping_task
from ctc.states.models import MemberState
from tests.conftest import tasks_on_worker, wait_until
from tests.factories import AssessmentFactory, AssessmentFormatFactory, UserFactory, answer_all
from tests.notifications.conftest import mail_files
from tests.notifications.kinds import NOTE

pytestmark = pytest.mark.celery_worker


@pytest.fixture
def mail_worker(reference_data, tmp_path):
    """A real worker writing its mail into a folder; tasks go to it (not run in-process)."""
    folder = tmp_path / "mail"
    folder.mkdir()
    queue = f"test-notifications-{os.getpid()}"
    env = {"CTC_TEST_EMAIL_FILE_PATH": str(folder)}
    with tasks_on_worker(queue, include=("tests.notifications.kinds",), env=env):
        yield queue, folder


def _drained(queue):
    """The solo worker takes tasks in order: once this one answers, the earlier ones ran."""
    return worker_ping_task.apply_async(queue=queue).get(timeout=60)


def test_an_event_emails_each_recipient_once_in_their_language_even_if_delivered_twice(
    mail_worker,
):
    queue, folder = mail_worker
    expert = UserFactory(username="writer", roles=[Role.CTED_EXPERT])
    english = UserFactory(username="irina", roles=[Role.CTED_COORDINATOR])
    UserFactory(username="claire", roles=[Role.CTED_COORDINATOR], preferred_language="fr")
    kenya = MemberState.objects.get(iso3="KEN")
    assessment = AssessmentFactory(
        state=kenya, cycle=2012, format=AssessmentFormatFactory(), by=english
    )
    answer_all(assessment, expert)

    assessment_services.assessment_submit(assessment=assessment, by=expert)
    rows = Notification.objects.filter(kind="assessments.submitted")
    assert wait_until(lambda: rows.filter(emailed_at__isnull=False).count() == 2)
    for row in rows:  # delivered again, as after a lost acknowledgement
        assert (
            notification_email_task.apply_async(args=[row.pk], queue=queue).get(timeout=60) is False
        )
    _drained(queue)

    messages = mail_files(folder)
    assert sorted((m["To"], m["Subject"]) for m in messages) == [
        ("claire@example.org", "Soumise à l'examen de la DECT : Kenya (2012)"),
        ("irina@example.org", "Submitted for CTED review: Kenya (2012)"),
    ]
    assert sorted(rows.values_list("recipient__username", flat=True)) == ["claire", "irina"]


def test_digest_mode_sends_nothing_at_once_and_one_email_for_the_days_events(mail_worker):
    queue, folder = mail_worker
    person = UserFactory(username="dora", notification_mode=NotificationMode.DAILY_DIGEST)

    for n in range(3):
        services.notify(
            event=f"tests.event:{n}",
            kind=NOTE,
            recipients=[person],
            params={"what": f"file {n}"},
            url=f"/en/files/{n}/",
        )
    _drained(queue)
    assert mail_files(folder) == []

    sent = notification_digests_send_task.apply_async(queue=queue).get(timeout=60)
    again = notification_digests_send_task.apply_async(queue=queue).get(timeout=60)

    assert (sent, again) == (1, 0)
    [message] = mail_files(folder)
    assert (message["To"], message["Subject"]) == (
        "dora@example.org",
        "CTC Workspace: 3 notifications",
    )
    body = message.get_content()
    for n in range(3):
        assert f"{n + 1}. Approved: file {n}" in body
        assert f"{settings.SITE_URL}/en/files/{n}/" in body
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0
