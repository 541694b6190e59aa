"""Sending an assessment tells the State's focal points by e-mail, once, in their language."""

import pytest
from django.core import mail

from assessments import services, tasks
from assessments.enums import AssessmentStatus
from assessments.models import SentSnapshot
from ctc.accounts.enums import Role
from tests.factories import UserFactory
from tests.factories import assessment_advance as advance

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(draft, personas):
    return advance(draft, AssessmentStatus.APPROVED, personas)


def test_sending_emails_each_focal_point_after_commit_in_their_language(
    approved, personas, kenya, django_capture_on_commit_callbacks
):
    UserFactory(
        roles=[Role.FOCAL_POINT], member_state=kenya, preferred_language="fr", email="fr@ken.test"
    )
    UserFactory(roles=[Role.FOCAL_POINT], member_state=kenya, is_active=False, email="x@ken.test")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.assessment_send_to_state(assessment=approved, by=personas[Role.CTED_COORDINATOR])
    assert mail.outbox == []  # nothing leaves before the commit
    # The filing task runs first; its own after-commit e-mail task runs once it is done.
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()

    pia = SentSnapshot.objects.get(assessment=approved).documents["pia"]
    # Not the document area's own notices of the two documents (named by their symbols).
    ours = [m for m in mail.outbox if "Kenya" in m.subject]
    by_address = {m.to[0]: m for m in ours}
    assert set(by_address) == {personas[Role.FOCAL_POINT].email, "fr@ken.test"}
    assert (
        by_address["fr@ken.test"].subject
        == "Évaluation préliminaire de la mise en œuvre de 2012 : Kenya"
    )
    assert f"/fr/secure/documents/{pia}/" in by_address["fr@ken.test"].body
    assert SentSnapshot.objects.get(assessment=approved).notified_at is not None


def test_notify_twice_sends_once(approved, personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_send_to_state(assessment=approved, by=personas[Role.CTED_COORDINATOR])
    snapshot = SentSnapshot.objects.get(assessment=approved)
    sent_first = len(mail.outbox)

    again = tasks.sent_snapshot_notify_task(snapshot.pk)

    assert sent_first == 1  # the document area files quietly (test_notifications)
    assert again == 0
    assert len(mail.outbox) == 1


def test_notify_task_tolerates_a_missing_snapshot():
    assert tasks.sent_snapshot_notify_task(987654) is None
    assert mail.outbox == []
