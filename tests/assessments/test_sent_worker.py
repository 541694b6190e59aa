"""Sending an assessment on a real Celery worker: after the commit, the worker renders the
two PDFs, files them for the State, then e-mails the focal points; run again, it files and
sends nothing more. The worker is another process: its mail goes to files."""

import os

import pytest
from django.contrib.contenttypes.models import ContentType

from assessments import services, tasks
from assessments.enums import AssessmentStatus
from assessments.models import Assessment, SentSnapshot
from ctc.accounts.enums import Role
from ctc.public.tasks import worker_ping_task
from docs_tracker.models import Document, Receipt
from tests.conftest import make_personas, tasks_on_worker, wait_until
from tests.factories import AssessmentFactory
from tests.notifications.conftest import mail_files

pytestmark = pytest.mark.celery_worker


@pytest.fixture
def mail_worker(reference_data, tmp_path, settings):
    folder = tmp_path / "mail"
    folder.mkdir()
    queue = f"test-pia-{os.getpid()}"
    with tasks_on_worker(queue, env={"CTC_TEST_EMAIL_FILE_PATH": str(folder)}):
        yield queue, folder


def test_worker_files_what_was_sent_once_then_tells_the_focal_point(mail_worker):
    queue, folder = mail_worker
    people = make_personas()
    approved = AssessmentFactory(cycle=2012, stage=AssessmentStatus.APPROVED, people=people)
    # The worker is up and has taken the earlier steps' tasks before the sending.
    worker_ping_task.apply_async(queue=queue).get(timeout=60)

    services.assessment_send_to_state(assessment=approved, by=people[Role.CTED_COORDINATOR])

    snapshot = SentSnapshot.objects.get(assessment=approved)
    assert wait_until(lambda: SentSnapshot.objects.get(pk=snapshot.pk).notified_at is not None)
    filed = Document.objects.filter(
        source_type=ContentType.objects.get_for_model(Assessment), source_id=approved.pk
    )
    assert sorted(filed.values_list("reference", flat=True)) == [
        "CTC/PIA/KEN/2012",
        "CTC/PIA/KEN/2012/LETTER",
    ]
    assert sorted(Receipt.objects.values_list("state__iso3", flat=True)) == ["KEN", "KEN"]

    again = tasks.sent_snapshot_file_task.apply_async((snapshot.pk,), queue=queue).get(timeout=90)
    notify_again = tasks.sent_snapshot_notify_task.apply_async((snapshot.pk,), queue=queue)

    assert (again, notify_again.get(timeout=60)) == (0, 0)
    assert filed.count() == 2
    worker_ping_task.apply_async(queue=queue).get(timeout=60)
    # Every message of the run: the approval's notice may still be written meanwhile, and
    # the files sort by name, not by time, so no slice "after" a count is reliable.
    subjects = sorted(m["Subject"] for m in mail_files(folder))
    assert "Preliminary Implementation Assessment 2012: Kenya" in subjects
    assert subjects.count("Preliminary Implementation Assessment 2012: Kenya") == 1
