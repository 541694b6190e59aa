"""What was sent to the State stays as sent (the snapshot and its checksum)."""

import hashlib
import json

import pytest
from django.core.exceptions import ValidationError

from assessments import selectors, services
from assessments.enums import AssessmentStatus, TransitionAction
from assessments.models import Answer, SentSnapshot
from ctc.accounts.enums import Role
from ctc.themes.models import ThematicArea
from tests.factories import assessment_advance

pytestmark = pytest.mark.django_db

NOT_A_DRAFT = "This assessment is no longer a draft; it cannot be edited."


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def sent(draft, personas):
    """Kenya's 2012 file with a cover note, a letter and a recommendation, sent to Kenya."""
    expert = personas[Role.CTED_EXPERT]
    services.note_save(
        assessment=draft, field="cover_note", text="<p>Dear Committee.</p>", revision=0, by=expert
    )
    services.note_save(
        assessment=draft, field="letter", text="<p>Excellency,</p>", revision=0, by=expert
    )
    services.recommendations_save(
        assessment=draft,
        items=[("Criminalise the financing of travel.", ThematicArea.objects.get(code="cft"))],
        revision=0,
        by=expert,
    )
    return assessment_advance(draft, AssessmentStatus.SENT, personas)


def test_sending_freezes_the_latest_version_with_its_checksum(sent, personas):
    snapshot = SentSnapshot.objects.get(assessment=sent)
    latest = sent.versions.order_by("-number").first()
    latest_content = selectors.version_content(latest)

    assert snapshot.version == latest
    assert snapshot.content == latest_content
    assert snapshot.content["cover_note"] == "<p>Dear Committee.</p>"
    assert snapshot.content["letter"] == "<p>Excellency,</p>"
    assert snapshot.content["recommendations"] == [
        {"text": "Criminalise the financing of travel.", "thematic_area": "cft"}
    ]
    assert (
        snapshot.sha256
        == hashlib.sha256(json.dumps(latest_content, sort_keys=True).encode("utf-8")).hexdigest()
    )
    assert snapshot.sent_by == personas[Role.CTED_COORDINATOR]


def _edit_answer(assessment, by):
    answer = assessment.answers.get(question__code="1.1")
    services.answer_save(
        answer=answer, finding="<p>Changed.</p>", status="", sources="", revision=1, by=by
    )


def _edit_cover_note(assessment, by):
    services.note_save(
        assessment=assessment, field="cover_note", text="<p>Changed.</p>", revision=1, by=by
    )


def _edit_letter(assessment, by):
    services.note_save(
        assessment=assessment, field="letter", text="<p>Changed.</p>", revision=1, by=by
    )


def _edit_recommendations(assessment, by):
    services.recommendations_save(
        assessment=assessment,
        items=[("Changed.", ThematicArea.objects.get(code="cft"))],
        revision=1,
        by=by,
    )


@pytest.mark.parametrize(
    "edit", [_edit_answer, _edit_cover_note, _edit_letter, _edit_recommendations]
)
@pytest.mark.parametrize("role", [Role.CTED_EXPERT, Role.CTED_COORDINATOR])
def test_editing_a_sent_assessment_is_refused_and_the_snapshot_stays(sent, personas, edit, role):
    snapshot = SentSnapshot.objects.get(assessment=sent)
    versions = sent.versions.count()

    with pytest.raises(ValidationError) as error:
        edit(sent, personas[role])

    assert error.value.messages == [NOT_A_DRAFT]
    after = SentSnapshot.objects.get(assessment=sent)
    assert (after.content, after.sha256, after.version_id) == (
        snapshot.content,
        snapshot.sha256,
        snapshot.version_id,
    )
    assert sent.versions.count() == versions
    sent.refresh_from_db()
    assert (sent.cover_note, sent.letter) == ("<p>Dear Committee.</p>", "<p>Excellency,</p>")


@pytest.mark.parametrize(
    ("role", "action"),
    [
        (Role.CTED_COORDINATOR, TransitionAction.RETURN),
        (Role.CHAIR, TransitionAction.RETURN),
        (Role.CTED_COORDINATOR, TransitionAction.SEND_TO_STATE),
    ],
)
def test_a_sent_assessment_cannot_be_returned_or_sent_again(sent, personas, role, action):
    with pytest.raises(ValidationError) as error:
        services.assessment_transition(
            assessment=sent, action=action, by=personas[role], comment="Reopen it."
        )

    assert error.value.messages == [
        "This action is not possible while the assessment is “Sent to the State”."
    ]
    sent.refresh_from_db()
    assert sent.status == AssessmentStatus.SENT
    assert SentSnapshot.objects.filter(assessment=sent).count() == 1


def test_next_cycle_starts_from_what_was_sent(sent, next_format, personas):
    Answer.objects.filter(assessment=sent).update(finding="<p>Rewritten behind the scenes.</p>")

    later = services.assessment_create(
        state=sent.state, fmt=next_format, cycle=2013, by=personas[Role.CTED_EXPERT]
    )

    carried = dict(later.answers.values_list("question__code", "finding"))
    assert carried == {
        "1.1": "<p>The State has adopted a law.</p>",
        "1.2": "<p>The State has adopted a law.</p>",
        "1.3": "<p>The State has adopted a law.</p>",
        "2.1": "<p>The State has adopted a law.</p>",
    }
