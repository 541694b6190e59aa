"""Suggestions on the editor page and in the API: forms, tracked changes, decisions, errors,
and a fixed number of queries whatever their number."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments import selectors, services
from assessments.enums import AssessmentStatus, SuggestionStatus
from assessments.models import Answer, Suggestion
from ctc.accounts.enums import Role
from ctc.states.models import MemberState
from tests.factories import assessment_advance, finding_save, suggestion_make

from .test_queries import DETAIL_QUERIES

pytestmark = pytest.mark.django_db

S = AssessmentStatus
SAID = "<p>The State has adopted a law.</p>"
BETTER = "<p>The State has adopted a comprehensive law.</p>"
# Session, user and roles (3), the assessment, then the count and the page of suggestions.
API_LIST_QUERIES = 6


@pytest.fixture
def reviewed(draft, personas):
    member = personas[Role.SUBCOMMITTEE_MEMBER]
    member.first_name, member.last_name = "Sofia", "Berg"
    member.save(update_fields=["first_name", "last_name"])
    return assessment_advance(draft, S.WITH_SUBCOMMITTEE, personas)


def _returned(assessment, personas):
    return services.assessment_return(
        assessment=assessment, by=personas[Role.SUBCOMMITTEE_MEMBER], comment="See suggestions."
    )


def _page(client, user, assessment):
    client.force_login(user)
    response = client.get(f"/en/assessments/{assessment.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _block(html, anchor):
    """The markup of one question (q-<pk>) or note (cover_note, letter)."""
    start = html.index(f'id="{anchor}"')
    end = (
        html.find("</article>", start)
        if anchor.startswith("q-")
        else html.find("</section>", start)
    )
    return html[start:end]


# --- The page ---------------------------------------------------------------------------


def test_reviewer_sees_a_suggest_form_on_each_finding_and_note(client, reviewed, personas):
    html = _page(client, personas[Role.SUBCOMMITTEE_MEMBER], reviewed)

    forms = re.findall(r'<textarea id="suggest-([\w]+)-text" name="proposed_text"', html)
    answers = list(reviewed.answers.order_by("question__code").values_list("pk", flat=True))
    assert forms == [str(pk) for pk in answers] + ["cover_note", "letter"]
    answer = reviewed.answers.get(question__code="1.1")
    block = _block(html, f"q-{answer.pk}")
    assert "Suggest a wording change" in block
    assert f'name="revision" value="{answer.revision}"' in block
    assert "&lt;p&gt;The State has adopted a law.&lt;/p&gt;</textarea>" in block
    assert "suggestion_accept" not in block and "Accept</button>" not in block


def test_nobody_but_reviewers_sees_the_suggest_form(client, draft, personas):
    for role in (Role.CTED_EXPERT, Role.ADMINISTRATOR):
        assert "Suggest a wording change" not in _page(client, personas[role], draft)
    assert "Suggest a wording change" in _page(client, personas[Role.CTED_COORDINATOR], draft)


def test_suggesting_on_the_page_adds_it_and_shows_it_as_a_tracked_change(
    client, reviewed, personas
):
    member = personas[Role.SUBCOMMITTEE_MEMBER]
    answer = reviewed.answers.get(question__code="1.1")
    client.force_login(member)

    response = client.post(
        f"/en/assessments/{reviewed.pk}/suggestions/",
        {
            "part": "answer",
            "answer": answer.pk,
            "proposed_text": BETTER,
            "note": "Say what kind of law.",
            "revision": answer.revision,
        },
    )

    suggestion = Suggestion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/assessments/{reviewed.pk}/#sg-{suggestion.pk}"
    block = _block(_page(client, member, reviewed), f"q-{answer.pk}")
    assert "1 suggested change" in block
    assert "Suggested by Sofia Berg" in block
    assert "The State has adopted a <ins>comprehensive </ins>law." in block
    assert "Say what kind of law." in block
    assert 'data-testid="stale"' not in block


def test_a_refused_suggestion_shows_the_error_beside_the_form_and_keeps_the_text(
    client, reviewed, personas
):
    answer = reviewed.answers.get(question__code="1.1")
    client.force_login(personas[Role.SUBCOMMITTEE_MEMBER])

    response = client.post(
        f"/en/assessments/{reviewed.pk}/suggestions/",
        {
            "part": "answer",
            "answer": answer.pk,
            "proposed_text": SAID,
            "note": "Kept note",
            "revision": answer.revision,
        },
    )

    assert response.status_code == 400
    assert Suggestion.objects.count() == 0
    block = _block(response.content.decode(), f"q-{answer.pk}")
    key = f"suggest-{answer.pk}"
    assert f'<a href="#{key}-text">This is the current text: change the wording' in block
    assert f'id="{key}-text_error"' in block
    assert f'aria-describedby="{key}-text_error"' in block
    assert '<details class="suggest" open>' in block
    assert ">Kept note</textarea>" in block


def test_expert_accepts_on_the_page_and_the_versions_page_names_both(client, reviewed, personas):
    suggestion = suggestion_make(reviewed, personas[Role.SUBCOMMITTEE_MEMBER], BETTER)
    draft = _returned(reviewed, personas)
    expert = personas[Role.CTED_EXPERT]
    html = _page(client, expert, draft)
    assert f"/suggestions/{suggestion.pk}/accept/" in html

    response = client.post(f"/en/assessments/{draft.pk}/suggestions/{suggestion.pk}/accept/")

    assert response.status_code == 302
    assert response["Location"] == f"/en/assessments/{draft.pk}/#q-{suggestion.answer_id}"
    assert Answer.objects.get(pk=suggestion.answer_id).finding == BETTER
    versions = client.get(f"/en/assessments/{draft.pk}/versions/").content.decode()
    assert "Finding 1.1: suggestion by Sofia Berg accepted by expert" in versions
    assert "on a suggestion by Sofia Berg" in versions
    block = _block(_page(client, expert, draft), f"q-{suggestion.answer_id}")
    assert "1 decided suggestion" in block
    assert "Accepted" in block


def test_a_stale_suggestion_is_marked_and_accepting_it_is_a_clear_400(client, reviewed, personas):
    suggestion = suggestion_make(reviewed, personas[Role.SUBCOMMITTEE_MEMBER], BETTER)
    draft = _returned(reviewed, personas)
    answer = draft.answers.get(question__code="1.1")
    finding_save(answer, "<p>Rewritten.</p>", personas[Role.CTED_EXPERT])
    expert = personas[Role.CTED_EXPERT]
    block = _block(_page(client, expert, draft), f"q-{answer.pk}")
    assert 'data-testid="stale"' in block
    assert f"/suggestions/{suggestion.pk}/accept/" not in block
    assert "Suggested text" in block

    response = client.post(f"/en/assessments/{draft.pk}/suggestions/{suggestion.pk}/accept/")

    assert response.status_code == 400
    assert "The text changed since this suggestion was made" in response.content.decode()
    assert Answer.objects.get(pk=answer.pk).finding == "<p>Rewritten.</p>"


def test_rejecting_needs_a_reason_on_the_page_and_shows_it_afterwards(client, draft, personas):
    suggestion = suggestion_make(draft, personas[Role.CTED_COORDINATOR], "<p>N.</p>", code=None)
    client.force_login(personas[Role.CTED_EXPERT])
    url = f"/en/assessments/{draft.pk}/suggestions/{suggestion.pk}/reject/"

    missing = client.post(url, {"reason": ""})
    done = client.post(url, {"reason": "The note is for B only."})

    assert missing.status_code == 400
    key = f"sg-{suggestion.pk}-reason"
    assert f'<a href="#{key}">This field is required.</a>' in missing.content.decode()
    assert done.status_code == 302
    assert done["Location"] == f"/en/assessments/{draft.pk}/#cover_note"
    block = _block(_page(client, personas[Role.CTED_EXPERT], draft), "cover_note")
    assert "Rejected" in block
    assert "The note is for B only." in block


def test_htmx_save_of_a_finding_keeps_its_suggestions(client, reviewed, personas):
    suggestion = suggestion_make(reviewed, personas[Role.SUBCOMMITTEE_MEMBER], BETTER, code="1.2")
    draft = _returned(reviewed, personas)
    answer = draft.answers.get(question__code="1.2")
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(
        f"/en/assessments/{draft.pk}/answers/{answer.pk}/",
        {"finding": SAID, "status": "partially", "sources": "New", "revision": answer.revision},
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="sg-{suggestion.pk}"' in html
    assert f"/suggestions/{suggestion.pk}/accept/" in html


def test_htmx_save_of_a_note_keeps_its_suggestions(client, draft, personas):
    suggestion = suggestion_make(draft, personas[Role.CTED_COORDINATOR], "<p>N.</p>", code=None)
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(
        f"/en/assessments/{draft.pk}/notes/letter/",
        {"text": "<p>Letter.</p>", "revision": draft.letter_revision},
        headers={"HX-Request": "true"},
    )
    cover = client.post(
        f"/en/assessments/{draft.pk}/notes/cover_note/",
        {"text": "<p>Other.</p>", "revision": 0},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert f'id="sg-{suggestion.pk}"' not in response.content.decode()
    assert f'id="sg-{suggestion.pk}"' in cover.content.decode()
    assert 'data-testid="stale"' in cover.content.decode()


# --- Query counts ---------------------------------------------------------------------------


def _editor_queries(client, user, assessment):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/en/assessments/{assessment.pk}/")
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_editor_query_count_is_the_same_with_one_and_many_suggestions(
    client, draft, pia_format, personas
):
    coordinator, expert = personas[Role.CTED_COORDINATOR], personas[Role.CTED_EXPERT]
    suggestion_make(draft, coordinator, BETTER)
    ghana = MemberState.objects.get(iso3="GHA")
    busy = services.assessment_create(
        state=ghana, fmt=pia_format, cycle=2012, by=coordinator, assignee=expert
    )
    for i in range(4):
        for code in ("1.1", "1.2", "2.1", None):
            made = suggestion_make(busy, coordinator, f"<p>Wording {i} {code}.</p>", code=code)
            if i == 0:
                services.suggestion_reject(suggestion=made, reason=f"No {code}.", by=expert)
    finding_save(busy.answers.get(question__code="2.1"), "<p>Changed.</p>", expert)

    small_html, small = _editor_queries(client, expert, draft)
    large_html, large = _editor_queries(client, expert, busy)

    assert small_html.count('<li class="suggestion') == 1
    assert large_html.count('<li class="suggestion') == 16
    assert large_html.count("suggestion suggestion-rejected") == 4
    assert large_html.count('data-testid="stale"') == 3
    assert (small, large) == (DETAIL_QUERIES, DETAIL_QUERIES)


# --- The API ------------------------------------------------------------------------------


def test_api_lists_a_files_suggestions_with_stale_and_outcome(client, reviewed, personas):
    member = personas[Role.SUBCOMMITTEE_MEMBER]
    first = suggestion_make(reviewed, member, BETTER, note="Precise.")
    second = suggestion_make(reviewed, member, "<p>Cover.</p>", code=None)
    draft = _returned(reviewed, personas)
    services.note_save(
        assessment=draft, field="cover_note", text="<p>New.</p>", revision=0, by=draft.assignee
    )
    client.force_login(personas[Role.CTED_COORDINATOR])

    response = client.get(f"/api/v1/assessments/{draft.pk}/suggestions/")

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [(r["id"], r["part"], r["question"], r["stale"]) for r in rows] == [
        (first.pk, "answer", "1.1", False),
        (second.pk, "cover_note", None, True),
    ]
    assert rows[0]["author_name"] == "Sofia Berg"
    assert rows[0]["proposed_text"] == BETTER
    assert rows[0]["base_text"] == SAID
    assert rows[0]["status_display"] == "Open"


def test_api_creates_accepts_and_rejects(client, reviewed, personas):
    member, expert = personas[Role.SUBCOMMITTEE_MEMBER], personas[Role.CTED_EXPERT]
    client.force_login(member)
    url = f"/api/v1/assessments/{reviewed.pk}/suggestions/"
    made = client.post(
        url, {"part": "answer", "question": "1.2", "proposed_text": BETTER}, "application/json"
    )
    other = client.post(
        url, {"part": "letter", "proposed_text": "<p>Dear.</p>"}, "application/json"
    )
    unknown = client.post(
        url, {"part": "answer", "question": "9.9", "proposed_text": BETTER}, "application/json"
    )
    draft = _returned(reviewed, personas)
    client.force_login(expert)
    base = f"/api/v1/assessments/{draft.pk}/suggestions"

    accepted = client.post(f"{base}/{made.json()['id']}/accept/")
    no_reason = client.post(
        f"{base}/{other.json()['id']}/reject/", {"reason": ""}, "application/json"
    )
    rejected = client.post(
        f"{base}/{other.json()['id']}/reject/", {"reason": "Standard letter."}, "application/json"
    )

    assert (made.status_code, other.status_code, unknown.status_code) == (201, 201, 400)
    assert unknown.json() == {"question": ["The assessment has no question “9.9”."]}
    assert accepted.status_code == 200
    assert (accepted.json()["status"], accepted.json()["decided_by"]) == ("accepted", "expert")
    assert accepted.json()["version"] == draft.versions.order_by("-number").first().number
    assert draft.answers.get(question__code="1.2").finding == BETTER
    assert (no_reason.status_code, no_reason.json()) == (
        400,
        {"reason": ["Say why the suggestion is rejected."]},
    )
    assert rejected.json()["reason"] == "Standard letter."
    assert Suggestion.objects.get(pk=other.json()["id"]).status == SuggestionStatus.REJECTED


def test_api_list_query_count_is_the_same_for_1_and_9_suggestions(
    client, reviewed, personas, django_assert_num_queries
):
    member = personas[Role.SUBCOMMITTEE_MEMBER]
    suggestion_make(reviewed, member, BETTER)
    client.force_login(member)
    url = f"/api/v1/assessments/{reviewed.pk}/suggestions/"
    with django_assert_num_queries(API_LIST_QUERIES):
        small = client.get(url).json()
    for i in range(8):
        suggestion_make(reviewed, member, f"<p>Wording {i}.</p>", code=None if i % 2 else "2.1")

    with django_assert_num_queries(API_LIST_QUERIES):
        large = client.get(url).json()

    assert (small["count"], large["count"]) == (1, 9)


def test_selector_never_gives_a_focal_point_suggestions(reviewed, personas):
    suggestion_make(reviewed, personas[Role.SUBCOMMITTEE_MEMBER], BETTER)

    seen = selectors.suggestion_list(user=personas[Role.FOCAL_POINT], assessment=reviewed)

    assert list(seen) == []


def test_refusals_without_a_form_on_the_page_are_said_at_its_top(client, reviewed, personas):
    suggestion = suggestion_make(reviewed, personas[Role.SUBCOMMITTEE_MEMBER], BETTER)
    approved = assessment_advance(reviewed, S.APPROVED, personas)
    answer = approved.answers.get(question__code="1.2")

    client.force_login(personas[Role.CTED_EXPERT])
    accept = client.post(f"/en/assessments/{approved.pk}/suggestions/{suggestion.pk}/accept/")
    client.force_login(personas[Role.CTED_COORDINATOR])
    suggest = client.post(
        f"/en/assessments/{approved.pk}/suggestions/",
        {"part": "answer", "answer": answer.pk, "proposed_text": BETTER, "revision": 1},
    )

    for response, message in [
        (accept, "This assessment is no longer a draft; it cannot be edited."),
        (suggest, "Wording can be suggested while the assessment is a draft or in review."),
    ]:
        assert response.status_code == 400
        html = response.content.decode()
        summary = html[html.index('id="page_summary"') :]
        assert summary[: summary.index("</div>")].count(message) == 1
    assert Suggestion.objects.get().status == SuggestionStatus.OPEN
