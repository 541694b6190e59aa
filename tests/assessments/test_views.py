import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments import services
from assessments.enums import AssessmentStatus
from ctc.accounts.enums import Role
from ctc.states.models import MemberState
from tests.factories import (
    AssessmentFactory,
    UserFactory,
    assessment_advance,
    finding_save,
)

pytestmark = pytest.mark.django_db


def _url(draft, suffix=""):
    return f"/en/assessments/{draft.pk}/{suffix}"


def test_editor_shows_questions_progress_and_actions(client, draft, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.get(_url(draft))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Is terrorism criminalised?" in html
    assert "0 of 3 questions answered" in html
    assert "Human-rights section incomplete" in html
    assert 'value="submit"' in html
    assert 'value="approve"' not in html


def test_htmx_save_returns_the_question_block_and_makes_a_version(client, draft, personas):
    client.force_login(personas[Role.CTED_EXPERT])
    answer = draft.answers.get(question__code="1.1")

    response = client.post(
        _url(draft, f"answers/{answer.pk}/"),
        {
            "finding": "<p>Adopted in 2005.</p>",
            "status": "implemented",
            "sources": "",
            "revision": 0,
        },
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<article class="question" id="q-{answer.pk}"')
    assert "Saved." in html
    assert 'name="revision" value="1"' in html
    assert "Last edited by" in html
    assert '<section class="progress" id="progress"' in html
    assert 'hx-swap-oob="true"' in html
    assert "1 of 3 questions answered" in html
    assert draft.versions.count() == 2


def test_conflicting_save_shows_both_texts_and_keeps_the_first(client, draft, personas):
    answer = draft.answers.get(question__code="1.1")
    finding_save(answer, "<p>Alpha text.</p>", by=personas[Role.CTED_COORDINATOR])
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(
        _url(draft, f"answers/{answer.pk}/"),
        {"finding": "<p>Beta text.</p>", "status": "", "sources": "", "revision": 0},
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    assert response.status_code == 409
    assert "Not saved: someone else saved this finding" in html
    assert "Alpha text." in html and "Beta text." in html
    answer.refresh_from_db()
    assert answer.finding == "<p>Alpha text.</p>"


def test_transition_from_the_wrong_state_is_a_clear_400(client, draft, personas):
    client.force_login(personas[Role.CTED_COORDINATOR])

    response = client.post(_url(draft, "transition/"), {"action": "send_to_subcommittee"})

    assert response.status_code == 400
    assert "not possible while the assessment is" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == AssessmentStatus.DRAFT


def test_versions_compare_highlights_words(client, draft, personas):
    expert = personas[Role.CTED_EXPERT]
    answer = draft.answers.get(question__code="1.1")
    answer = services.answer_save(
        answer=answer,
        finding="<p>The law was adopted in 2005.</p>",
        status="",
        sources="",
        revision=0,
        by=expert,
    )
    services.answer_save(
        answer=answer,
        finding="<p>The law was amended in 2010.</p>",
        status="",
        sources="",
        revision=1,
        by=expert,
    )
    client.force_login(expert)

    html = client.get(_url(draft, "versions/compare/"), {"a": 2, "b": 3}).content.decode()

    assert "<del>adopted</del>" in html
    assert "<ins>amended</ins>" in html
    assert "<del>2005</del>" in html and "<ins>2010</ins>" in html


def test_sent_assessment_stays_out_of_the_focal_points_workspace(client, draft, personas):
    # What was sent reaches the focal point as documents of the inbox (test_sent_documents).
    sent = assessment_advance(draft, AssessmentStatus.SENT, personas)
    client.force_login(personas[Role.FOCAL_POINT])

    workspace = client.get(_url(sent))

    assert workspace.status_code == 404


def test_coordinator_assigns_and_the_history_shows_it(client, draft, personas):
    expert2 = UserFactory(username="expert_two", first_name="Pablo", roles=[Role.CTED_EXPERT])
    client.force_login(personas[Role.CTED_COORDINATOR])

    response = client.post(_url(draft, "assign/"), {"assignee": expert2.pk, "due_on": "2012-09-30"})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.assignee, str(draft.due_on)) == (expert2, "2012-09-30")
    entry = draft.transitions.get()
    assert (entry.action, entry.from_status, entry.to_status) == ("assign", "draft", "draft")
    assert "Assigned to Pablo; 2012-09-30." in client.get(_url(draft)).content.decode()


def test_assigning_is_for_coordinators_and_to_experts_only(client, draft, personas):
    client.force_login(personas[Role.CTED_EXPERT])
    by_expert = client.post(_url(draft, "assign/"), {"assignee": personas[Role.CTED_EXPERT].pk})
    client.force_login(personas[Role.CTED_COORDINATOR])
    to_chair = client.post(_url(draft, "assign/"), {"assignee": personas[Role.CHAIR].pk})

    assert by_expert.status_code == 403
    assert to_chair.status_code == 400
    draft.refresh_from_db()
    assert draft.assignee == personas[Role.CTED_EXPERT]
    assert not draft.transitions.exists()


def test_reply_recorded_before_the_document_area_downloads_for_reviewers_only(
    client, draft, personas
):
    sent = assessment_advance(draft, AssessmentStatus.SENT, personas)
    reply = services.assessment_record_reply(
        assessment=sent,
        by=personas[Role.FOCAL_POINT],
        upload=SimpleUploadedFile("reply.pdf", b"%PDF-1.4 reply of Kenya"),
    )
    france = UserFactory(roles=[Role.FOCAL_POINT], member_state=MemberState.objects.get(iso3="FRA"))
    workspace_url = _url(draft, f"replies/{reply.pk}/")
    # The former secure area's address of the reply leads to the inbox, the same for all.
    old_url = f"/en/secure/assessments/{draft.pk}/replies/{reply.pk}/"

    def fetch(user, url):
        client.force_login(user)
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.status_code == 200 else b""
        return response.status_code, body

    assert fetch(personas[Role.CTED_EXPERT], workspace_url) == (200, b"%PDF-1.4 reply of Kenya")
    assert fetch(personas[Role.SUBCOMMITTEE_MEMBER], workspace_url)[0] == 200
    assert fetch(personas[Role.FOCAL_POINT], old_url) == (301, b"")
    assert fetch(personas[Role.FOCAL_POINT], workspace_url)[0] == 404
    assert fetch(france, old_url) == (301, b"")
    assert fetch(personas[Role.DONOR], workspace_url)[0] == 404


def test_list_shows_a_file_nobody_is_assigned_to(client, personas):
    # The create form leaves the assignee optional.
    unassigned = AssessmentFactory(people=personas)
    client.force_login(personas[Role.CTED_EXPERT])
    client.raise_request_exception = False

    response = client.get("/en/assessments/")

    assert response.status_code == 200
    assert f'href="/en/assessments/{unassigned.pk}/"' in response.content.decode()
