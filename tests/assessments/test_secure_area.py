"""What was sent to the State stays as sent; the State's focal point replies in the secure area."""

import dataclasses
import hashlib
import html
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat

from assessments import selectors, services
from assessments.enums import AssessmentStatus, TransitionAction
from assessments.models import Answer, Assessment, SentSnapshot, StateReply
from ctc.accounts.enums import Role
from ctc.themes.models import ThematicArea
from tests.factories import assessment_advance

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
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


def _page(pk):
    return f"/en/secure/assessments/{pk}/"


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


def test_secure_page_shows_what_was_sent_even_if_the_records_change_later(client, sent, personas):
    Answer.objects.filter(assessment=sent).update(finding="<p>Rewritten behind the scenes.</p>")
    Assessment.objects.filter(pk=sent.pk).update(cover_note="<p>Rewritten cover note.</p>")
    client.force_login(personas[Role.FOCAL_POINT])

    response = client.get(_page(sent.pk))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<p>The State has adopted a law.</p>") == 3
    assert "<p>Excellency,</p>" in html
    # The cover note is the subcommittee's: what the State reads is the assessment and letter.
    assert "Dear Committee." not in html
    assert "<li>Criminalise the financing of travel.</li>" in html
    assert "Rewritten" not in html


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


def test_focal_point_uploads_the_reply(client, sent, personas, tmp_path):
    focal_point = personas[Role.FOCAL_POINT]
    client.force_login(focal_point)

    response = client.post(
        _page(sent.pk),
        {
            "file": SimpleUploadedFile("reply.pdf", PDF, content_type="application/pdf"),
            "note": "  Reply of Kenya.  ",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == _page(sent.pk)
    sent.refresh_from_db()
    assert sent.status == AssessmentStatus.REPLIED
    reply = StateReply.objects.get(assessment=sent)
    assert (reply.filename, reply.size, reply.note) == ("reply.pdf", len(PDF), "Reply of Kenya.")
    assert reply.sha256 == hashlib.sha256(PDF).hexdigest()
    assert reply.uploaded_by == focal_point
    # Stored under a name the server generates; the State's file name is kept for display.
    assert re.fullmatch(rf"assessments/replies/KEN/{sent.pk}/[0-9a-f]{{32}}\.pdf", reply.file.name)
    assert reply.content_type == "application/pdf"
    assert (tmp_path / reply.file.name).read_bytes() == PDF
    last = sent.transitions.order_by("pk").last()
    assert (last.action, last.from_status, last.to_status, last.by) == (
        TransitionAction.RECORD_REPLY,
        AssessmentStatus.SENT,
        AssessmentStatus.REPLIED,
        focal_point,
    )
    page = client.get(_page(sent.pk)).content.decode()
    assert "Your reply was received." in page
    assert "reply.pdf" in page


# fmt: off
BAD_REPLIES = [
    # what                 data sent                                                 message
    ("exe",                {"file": ("reply.exe", b"MZ\x90\x00")},
     "Accepted file types: .doc, .docx, .odt, .pdf, .rtf, .txt."),
    ("no extension",       {"file": ("reply", PDF)},
     "Accepted file types: .doc, .docx, .odt, .pdf, .rtf, .txt."),
    ("pdf.exe",            {"file": ("reply.pdf.exe", PDF)},
     "Accepted file types: .doc, .docx, .odt, .pdf, .rtf, .txt."),
    ("empty file",         {"file": ("reply.pdf", b"")},
     "The submitted file is empty."),
    ("empty post",         {},
     "This field is required."),
    ("note only",          {"note": "Our reply follows."},
     "This field is required."),
]
# fmt: on


@pytest.mark.parametrize(("data", "message"), [pytest.param(d, m, id=w) for w, d, m in BAD_REPLIES])
def test_bad_reply_is_a_clear_400_and_changes_nothing(
    client, sent, personas, tmp_path, data, message
):
    transitions = sent.transitions.count()
    client.force_login(personas[Role.FOCAL_POINT])
    post = {
        key: SimpleUploadedFile(*value) if key == "file" else value for key, value in data.items()
    }

    response = client.post(_page(sent.pk), post)

    assert response.status_code == 400
    assert message in response.content.decode()
    sent.refresh_from_db()
    assert sent.status == AssessmentStatus.SENT
    assert sent.transitions.count() == transitions
    assert StateReply.objects.count() == 0
    assert not (tmp_path / "assessments").exists()


def test_reply_larger_than_the_limit_is_refused(client, sent, personas, monkeypatch, tmp_path):
    policy = dataclasses.replace(services.REPLY_POLICY, max_bytes=len(PDF) - 1)
    monkeypatch.setattr(services, "REPLY_POLICY", policy)
    client.force_login(personas[Role.FOCAL_POINT])

    response = client.post(_page(sent.pk), {"file": SimpleUploadedFile("reply.pdf", PDF)})

    assert response.status_code == 400
    assert f"The file is larger than {filesizeformat(len(PDF) - 1)}." in html.unescape(
        response.content.decode()
    )
    sent.refresh_from_db()
    assert sent.status == AssessmentStatus.SENT
    assert StateReply.objects.count() == 0


def test_second_reply_after_replied_is_refused_with_a_message(client, sent, personas, tmp_path):
    client.force_login(personas[Role.FOCAL_POINT])
    client.post(_page(sent.pk), {"file": SimpleUploadedFile("reply.pdf", PDF)})
    transitions = sent.transitions.count()

    response = client.post(_page(sent.pk), {"file": SimpleUploadedFile("second.pdf", PDF)})

    assert response.status_code == 400
    assert "This action is not possible while the assessment is “State replied”." in (
        response.content.decode()
    )
    sent.refresh_from_db()
    assert sent.status == AssessmentStatus.REPLIED
    assert list(StateReply.objects.values_list("filename", flat=True)) == ["reply.pdf"]
    assert sent.transitions.count() == transitions
    assert sorted(p.suffix for p in (tmp_path / "assessments/replies/KEN").rglob("*.pdf")) == [
        ".pdf"
    ]


def test_focal_point_has_no_reply_form_once_replied(client, sent, personas):
    client.force_login(personas[Role.FOCAL_POINT])
    before = client.get(_page(sent.pk)).content.decode()
    client.post(_page(sent.pk), {"file": SimpleUploadedFile("reply.pdf", PDF)})

    after = client.get(_page(sent.pk)).content.decode()

    assert 'enctype="multipart/form-data"' in before
    assert "No reply yet." in before
    assert 'enctype="multipart/form-data"' not in after
