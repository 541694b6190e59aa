"""Every error of the editor's forms is shown next to its field (aria-invalid, and an
aria-describedby naming an element that exists) and in an error summary at the top of the
form (GOV.UK pattern), each entry a link to its field. Bad input changes nothing."""

import pytest

from assessments import services
from assessments.models import Assessment, Comment
from ctc.accounts.enums import Role
from tests.assessments.dom import parse
from tests.factories import finding_save

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true"}


def _url(assessment, suffix=""):
    return f"/en/assessments/{assessment.pk}/{suffix}"


def assert_describedby_ids_exist(page):
    for node in page.find_all():
        for ref in node.get("aria-describedby", "").split():
            assert page.by_id(ref) is not None, f"aria-describedby names a missing id: {ref}"


def _summary_of(page, field):
    """The error summary of the form the field belongs to."""
    form = next(n for n in field.ancestors() if n.tag == "form")
    first = next(c for c in form.children if not isinstance(c, str))
    assert "error-summary" in first.get("class", ""), "the summary opens the form"
    return first


def assert_error_shown(page, target, message):
    """The error is next to its field, tied to it, and in the summary as a link to it."""
    field = page.by_id(target)
    assert field is not None, target
    assert field.get("aria-invalid") == "true"
    assert f"{target}_error" in field.get("aria-describedby", "").split()
    assert message in page.by_id(f"{target}_error").text()
    summary = _summary_of(page, field)
    assert summary.get("role") == "alert"
    assert summary.get("tabindex") == "-1"
    assert "There is a problem" in summary.text()
    links = [a for a in summary.find_all("a") if a.get("href") == f"#{target}"]
    assert [a.text() for a in links] == [message]
    assert_describedby_ids_exist(page)


def assert_form_error_in_summary(page, field_id, message):
    summary = _summary_of(page, page.by_id(field_id))
    assert summary.get("role") == "alert"
    assert message in summary.text()
    assert_describedby_ids_exist(page)


# --- Recommendations ---------------------------------------------------------------------


def test_recommendation_without_thematic_area_is_shown_on_its_field(client, draft, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(
        _url(draft, "recommendations/"),
        {"revision": 0, "rows": 3, "text_1": "Adopt a law on NPOs.", "area_1": ""},
    )

    assert response.status_code == 400
    page = parse(response)
    assert_error_shown(page, "rec-area-1", "Choose the thematic area of this recommendation.")
    assert page.by_id("rec-1").text() == "Adopt a law on NPOs."  # what was typed is kept
    assert draft.recommendations.count() == 0
    assert draft.versions.count() == 1


def test_recommendation_conflict_is_in_the_summary(client, draft, personas):
    area = services.selectors.thematic_area_list().first()
    services.recommendations_save(
        assessment=draft, items=[("First.", area)], revision=0, by=personas[Role.CTED_EXPERT]
    )
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(
        _url(draft, "recommendations/"),
        {"revision": 0, "rows": 3, "text_1": "Second.", "area_1": area.pk},
    )

    assert response.status_code == 409
    assert_form_error_in_summary(
        parse(response),
        "rec-1",
        "Not saved: someone else saved the recommendations while you were editing.",
    )
    assert list(draft.recommendations.values_list("text", flat=True)) == ["First."]


# --- Findings (htmx and plain posts) --------------------------------------------------------


@pytest.mark.parametrize("headers", [HX, {}], ids=["htmx", "plain"])
def test_finding_with_an_unknown_status_is_shown_on_the_status_field(
    client, draft, personas, headers
):
    answer = draft.answers.get(question__code="1.1")
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(
        _url(draft, f"answers/{answer.pk}/"),
        {"finding": "<p>Kept.</p>", "status": "bogus", "sources": "", "revision": 0},
        headers=headers,
    )

    assert response.status_code == 400
    page = parse(response)
    assert_error_shown(
        page,
        f"status-{answer.pk}",
        "Select a valid choice. bogus is not one of the available choices.",
    )
    assert "<p>Kept.</p>" in page.by_id(f"finding-{answer.pk}").text()
    answer.refresh_from_db()
    assert (answer.finding, answer.revision) == ("", 0)


def test_finding_too_long_is_shown_on_the_finding_field(client, draft, personas):
    answer = draft.answers.get(question__code="1.1")
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(
        _url(draft, f"answers/{answer.pk}/"),
        {"finding": "x" * 20_001, "status": "", "sources": "", "revision": 0},
        headers=HX,
    )

    assert response.status_code == 400
    assert_error_shown(
        parse(response), f"finding-{answer.pk}", "A finding can have at most 20000 characters."
    )


def test_finding_conflict_is_tied_to_the_finding_field(client, draft, personas):
    answer = draft.answers.get(question__code="1.1")
    finding_save(answer, "<p>Alpha.</p>", by=personas[Role.CTED_COORDINATOR])
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(
        _url(draft, f"answers/{answer.pk}/"),
        {"finding": "<p>Beta.</p>", "status": "", "sources": "", "revision": 0},
        headers=HX,
    )

    assert response.status_code == 409
    page = parse(response)
    assert_error_shown(
        page,
        f"finding-{answer.pk}",
        "Not saved: someone else saved this finding while you were editing.",
    )
    # Their text against mine, word by word.
    conflict = page.by_id(f"answer-{answer.pk}_conflict")
    assert [n.text() for n in conflict.find_all("ins")] == ["Beta"]
    assert [n.text() for n in conflict.find_all("del")] == ["Alpha"]


def test_note_conflict_is_tied_to_the_note_field(client, draft, personas):
    services.note_save(
        assessment=draft,
        field="cover_note",
        text="<p>First.</p>",
        revision=0,
        by=personas[Role.CTED_COORDINATOR],
    )
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(
        _url(draft, "notes/cover_note/"), {"text": "<p>Second.</p>", "revision": 0}, headers=HX
    )

    assert response.status_code == 409
    assert_error_shown(
        parse(response),
        "note-cover_note",
        "Not saved: someone else saved this text while you were editing.",
    )


# --- Comments -------------------------------------------------------------------------------


def test_blank_comment_on_a_question_is_shown_on_its_field(client, draft, personas):
    question = draft.answers.get(question__code="1.2").question
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(
        _url(draft, "comments/"), {"body": "", "visibility": "cted", "question": question.pk}
    )

    assert response.status_code == 400
    page = parse(response)
    assert_error_shown(page, f"comment-q{question.pk}", "This field is required.")
    details = next(
        n for n in page.by_id(f"comment-q{question.pk}").ancestors() if n.tag == "details"
    )
    assert "open" in details.attrs
    assert Comment.objects.count() == 0


def test_reply_too_long_is_shown_on_the_reply_field(client, draft, personas):
    section = draft.format.sections.first()
    parent = services.comment_add(
        assessment=draft,
        body="Root.",
        visibility="cted",
        by=personas[Role.CTED_EXPERT],
        section=section,
    )
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(
        _url(draft, "comments/"), {"body": "y" * 4001, "visibility": "cted", "parent": parent.pk}
    )

    assert response.status_code == 400
    page = parse(response)
    assert_error_shown(
        page,
        f"reply-{parent.pk}",
        "Ensure this value has at most 4000 characters (it has 4001).",
    )
    assert page.by_id(f"reply-{parent.pk}").text() == "y" * 4001
    assert Comment.objects.count() == 1


# --- Transitions, assignment, creation --------------------------------------------------------


def test_return_without_a_reason_is_shown_on_the_reason_field(client, draft, personas):
    from tests.factories import assessment_advance

    review = assessment_advance(draft, "cted_review", personas)
    client.force_login(personas[Role.CTED_COORDINATOR])

    response = client.post(_url(review, "transition/"), {"action": "return", "comment": ""})

    assert response.status_code == 400
    assert_error_shown(
        parse(response), "comment-return", "Say why the assessment is returned for revision."
    )
    review.refresh_from_db()
    assert review.status == "cted_review"


def test_submit_with_human_rights_open_is_in_the_forms_summary(client, draft, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(_url(draft, "transition/"), {"action": "submit", "comment": "Go."})

    assert response.status_code == 400
    page = parse(response)
    assert_form_error_in_summary(
        page, "comment-submit", "Complete the human-rights section before submitting: 2.1."
    )
    assert page.by_id("comment-submit").text() == "Go."
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_action_not_open_to_the_user_is_summarised_at_the_top_of_the_page(client, draft, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(_url(draft, "transition/"), {"action": "nonsense"})

    assert response.status_code == 400
    page = parse(response)
    summary = page.by_id("page_summary")
    assert summary is not None and summary.tag == "h2"
    assert "Select a valid choice." in summary.parent.text()


def test_assigning_a_non_expert_is_shown_on_the_assignee_field(client, draft, personas):
    client.force_login(personas[Role.CTED_COORDINATOR])

    response = client.post(
        _url(draft, "assign/"), {"assignee": personas[Role.CHAIR].pk, "due_on": "not a date"}
    )

    assert response.status_code == 400
    page = parse(response)
    assert_error_shown(
        page,
        "id_assignee",
        "Select a valid choice. That choice is not one of the available choices.",
    )
    assert_error_shown(page, "id_due_on", "Enter a valid date.")


def test_create_without_a_state_is_shown_on_the_state_field(client, pia_format, personas):
    client.force_login(personas[Role.CTED_COORDINATOR])

    response = client.post(
        "/en/assessments/new/", {"state": "", "cycle": "2012", "format": pia_format.code}
    )

    assert response.status_code == 400
    assert_error_shown(parse(response), "id_state", "This field is required.")
    assert Assessment.objects.count() == 0


# --- Bad input never 500s and changes nothing ----------------------------------------------

BAD_POSTS = [
    ("answers/{answer}/", {"revision": "x"}),
    ("answers/{answer}/", {"revision": "-1", "finding": "a", "status": ""}),
    ("answers/{answer}/", {"revision": "0", "status": "x" * 500}),
    ("notes/cover_note/", {"revision": "", "text": "a"}),
    ("notes/letter/", {"revision": "0", "text": "x" * 40_001}),
    ("recommendations/", {"revision": "0", "rows": "0", "text_1": "a"}),
    ("recommendations/", {"revision": "0", "rows": "999999", "text_1": "a", "area_1": "abc"}),
    ("recommendations/", {"revision": "z", "rows": "-3"}),
    ("recommendations/", {"revision": "0", "rows": "3", "text_1": "a", "area_1": "9" * 30}),
    ("comments/", {"body": "a", "visibility": "cted", "question": "abc"}),
    ("comments/", {"body": "a", "visibility": "cted"}),
    ("transition/", {}),
    ("transition/", {"action": "return"}),
    ("assign/", {"assignee": "abc", "due_on": "2012-13-45"}),
]


@pytest.mark.parametrize(("suffix", "data"), BAD_POSTS)
def test_bad_input_is_a_400_with_a_summary_and_changes_nothing(
    client, draft, personas, suffix, data
):
    answer = draft.answers.get(question__code="1.1")
    client.force_login(personas[Role.CTED_COORDINATOR])
    before = (draft.versions.count(), Comment.objects.count(), draft.transitions.count())

    response = client.post(_url(draft, suffix.format(answer=answer.pk)), data)

    assert response.status_code == 400
    page = parse(response)
    assert [n for n in page.find_all(role="alert") if "There is a problem" in n.text()]
    assert_describedby_ids_exist(page)
    assert (draft.versions.count(), Comment.objects.count(), draft.transitions.count()) == before


def test_comment_naming_a_comment_outside_the_assessment_is_404(client, draft, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(
        _url(draft, "comments/"), {"body": "a", "visibility": "cted", "parent": "-1"}
    )

    assert response.status_code == 404
    assert Comment.objects.count() == 0


def test_invalid_list_filter_is_shown_on_its_field_and_summarised(client, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.get("/en/assessments/", {"status": "bogus", "state": "KENYA"})

    assert response.status_code == 400
    page = parse(response)
    status = page.by_id("id_status")
    assert status.get("aria-invalid") == "true"
    assert "Select a valid choice." in page.by_id("id_status_error").text()
    assert page.by_id("id_state").get("aria-invalid") == "true"
    summary = next(n for n in page.find_all(role="alert") if "There is a problem" in n.text())
    assert {a.get("href") for a in summary.find_all("a")} == {"#id_status", "#id_state"}
    assert_describedby_ids_exist(page)


def test_forged_revision_of_a_never_edited_finding_is_a_conflict_not_a_500(client, draft, personas):
    answer = draft.answers.get(question__code="1.1")
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(
        _url(draft, f"answers/{answer.pk}/"),
        {"revision": "9" * 30, "finding": "a", "status": "", "sources": ""},
        headers=HX,
    )

    assert response.status_code == 409
    assert_error_shown(
        parse(response),
        f"finding-{answer.pk}",
        "Not saved: someone else saved this finding while you were editing.",
    )
    answer.refresh_from_db()
    assert (answer.finding, answer.revision) == ("", 0)


@pytest.mark.parametrize("headers", [HX, {}], ids=["htmx", "plain"])
def test_edit_of_a_file_no_longer_a_draft_is_summarised_where_the_form_was(
    client, draft, personas, headers
):
    from tests.factories import assessment_advance

    file = assessment_advance(draft, "with_subcommittee", personas)
    answer = file.answers.get(question__code="1.1")
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(
        _url(file, f"answers/{answer.pk}/"),
        {"finding": "x", "status": "", "sources": "", "revision": answer.revision},
        headers=headers,
    )

    assert response.status_code == 400
    block = parse(response).by_id(f"q-{answer.pk}")
    summary = next(n for n in block.find_all(role="alert") if "There is a problem" in n.text())
    assert "This assessment is no longer a draft; it cannot be edited." in summary.text()
