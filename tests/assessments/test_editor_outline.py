"""The editor's outline (statuses from the data the page already loads, in the same number of
queries), its previous/next links, the conflict view (word diff, status labels, "Keep mine")
and the recommendations saved through htmx."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments import services
from ctc.accounts.enums import Role
from ctc.states.models import MemberState
from ctc.themes.models import ThematicArea
from tests.assessments.dom import parse
from tests.assessments.test_queries import (
    DETAIL_QUERIES,
    DETAIL_WITH_PREVIOUS_QUERIES,
    _discuss,
    _work_on,
)
from tests.factories import answer_all, finding_save

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true"}


def _outline(client, user, assessment):
    """The outline's lines as (code, answered, changed, commented), and the query count."""
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/en/assessments/{assessment.pk}/")
    assert response.status_code == 200
    page = parse(response)
    lines = [
        (
            li.find_all("span")[0].text(),
            li.get("data-answered"),
            li.get("data-changed"),
            li.get("data-commented"),
        )
        for li in page.find_all("li")
        if "data-outline-item" in li.attrs
    ]
    return lines, len(queries)


def test_outline_shows_each_question_status_in_the_page_queries_at_two_sizes(
    client, draft, pia_format, personas
):
    expert = personas[Role.CTED_EXPERT]
    busy = services.assessment_create(
        state=MemberState.objects.get(iso3="GHA"), fmt=pia_format, cycle=2012, by=expert
    )
    _work_on(busy, personas)
    _discuss(busy, personas, threads=10)

    quiet, quiet_queries = _outline(client, expert, draft)
    lines, busy_queries = _outline(client, expert, busy)

    assert quiet == [("1.1", "", "", ""), ("1.2", "", "", ""), ("2.1", "", "", "")]
    assert lines == [("1.1", "1", "", "1"), ("1.2", "1", "", "1"), ("2.1", "1", "", "")]
    assert (quiet_queries, busy_queries) == (DETAIL_QUERIES, DETAIL_QUERIES)


def test_outline_marks_the_questions_changed_since_the_last_assessment(
    client, draft, pia_format, next_format, personas
):
    expert = personas[Role.CTED_EXPERT]
    ghana = MemberState.objects.get(iso3="GHA")
    old = services.assessment_create(state=ghana, fmt=pia_format, cycle=2012, by=expert)
    answer_all(old, expert)
    quiet = services.assessment_create(state=ghana, fmt=next_format, cycle=2013, by=expert)
    answer_all(quiet, expert)
    quiet_lines, quiet_queries = _outline(client, expert, quiet)
    for answer in quiet.answers.filter(question__code__in=["1.1", "2.1"]):
        finding_save(answer, "<p>Revised in 2013.</p>", by=expert)

    lines, queries = _outline(client, expert, quiet)

    assert [changed for _code, _a, changed, _c in quiet_lines] == ["", "", "", ""]
    assert [(code, changed) for code, _a, changed, _c in lines] == [
        ("1.1", "1"),
        ("1.2", ""),
        ("1.3", ""),
        ("2.1", "1"),
    ]
    assert (quiet_queries, queries) == (DETAIL_WITH_PREVIOUS_QUERIES,) * 2


def test_each_question_links_to_the_previous_and_next_across_sections(client, draft, personas):
    client.force_login(personas[Role.CTED_EXPERT])
    answers = {a.question.code: a.pk for a in draft.answers.select_related("question")}

    page = parse(client.get(f"/en/assessments/{draft.pk}/"))

    steps = [
        [(a.get("data-step"), a.get("href"), a.text()) for a in p.find_all("a")]
        for p in page.find_all("p")
        if "question-steps" in p.get("class", "")
    ]
    assert steps == [
        [("next", f"#q-{answers['1.2']}", "Next question (1.2)")],
        [
            ("previous", f"#q-{answers['1.1']}", "Previous question (1.1)"),
            ("next", f"#q-{answers['2.1']}", "Next question (2.1)"),
        ],
        [("previous", f"#q-{answers['1.2']}", "Previous question (1.2)")],
    ]


def test_a_save_sends_the_question_outline_line_out_of_band(client, draft, personas):
    answer = draft.answers.get(question__code="1.1")
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(
        f"/en/assessments/{draft.pk}/answers/{answer.pk}/",
        {"finding": "<p>Done.</p>", "status": "implemented", "sources": "", "revision": 0},
        headers=HX,
    )

    line = parse(response).by_id(f"outline-q-{answer.pk}")
    assert (line.get("hx-swap-oob"), line.get("data-answered")) == ("true", "1")
    assert "Answered" in line.text()


def test_finding_conflict_shows_a_word_diff_status_labels_and_keep_mine(client, draft, personas):
    answer = draft.answers.get(question__code="1.1")
    services.answer_save(
        answer=answer,
        finding="<p>The law was adopted.</p>",
        status="implemented",
        sources="Gazette",
        revision=0,
        by=personas[Role.CTED_COORDINATOR],
    )
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(
        f"/en/assessments/{draft.pk}/answers/{answer.pk}/",
        {
            "finding": "<p>The law was amended.</p>",
            "status": "partially",
            "sources": "Gazette",
            "revision": 0,
        },
        headers=HX,
    )

    assert response.status_code == 409
    conflict = parse(response).by_id(f"answer-{answer.pk}_conflict")
    assert [n.text() for n in conflict.find_all("del")] == ["adopted"]
    assert [n.text() for n in conflict.find_all("ins")] == ["amended"]
    statuses = [p.text() for p in conflict.find_all("p") if "Implementation status" in p.text()]
    assert statuses == [
        "Implementation status: Implemented",
        "Implementation status: Partially implemented",
    ]
    # "Keep mine" posts my text again over the current revision, knowingly.
    kept = {i.get("name"): i.get("value") for i in conflict.find_all("input")}
    assert kept["revision"] == "1"
    assert (kept["finding"], kept["status"], kept["sources"]) == (
        "<p>The law was amended.</p>",
        "partially",
        "Gazette",
    )
    response = client.post(
        f"/en/assessments/{draft.pk}/answers/{answer.pk}/",
        {k: v for k, v in kept.items() if k != "csrfmiddlewaretoken"},
        headers=HX,
    )
    assert response.status_code == 200
    answer.refresh_from_db()
    assert (answer.finding, answer.status, answer.revision) == (
        "<p>The law was amended.</p>",
        "partially",
        2,
    )


def test_note_conflict_shows_a_word_diff(client, draft, personas):
    services.note_save(
        assessment=draft,
        field="letter",
        text="<p>Dear Minister,</p>",
        revision=0,
        by=personas[Role.CTED_COORDINATOR],
    )
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(
        f"/en/assessments/{draft.pk}/notes/letter/",
        {"text": "<p>Dear Ambassador,</p>", "revision": 0},
        headers=HX,
    )

    assert response.status_code == 409
    conflict = parse(response).by_id("note-letter_conflict")
    assert [n.text() for n in conflict.find_all("del")] == ["Minister"]
    assert [n.text() for n in conflict.find_all("ins")] == ["Ambassador"]
    kept = {i.get("name"): i.get("value") for i in conflict.find_all("input")}
    assert (kept["text"], kept["revision"]) == ("<p>Dear Ambassador,</p>", "1")


def test_recommendations_saved_through_htmx_come_back_as_the_section(client, draft, personas):
    first, second = ThematicArea.objects.order_by("pk")[:2]
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(
        f"/en/assessments/{draft.pk}/recommendations/",
        {
            "revision": 0,
            "rows": 2,
            "text_1": "Adopt a law.",
            "area_1": second.pk,
            "text_2": "Train judges.",
            "area_2": first.pk,
        },
        headers=HX,
    )

    assert response.status_code == 200
    page = parse(response)
    assert page.by_id("recommendations").find_all("p", role="status")[0].text() == "Saved."
    assert page.by_id("rec-1").text() == "Adopt a law."
    assert page.by_id("rec-2").text() == "Train judges."
    assert [label.text() for label in page.find_all("label")][:2] == [
        "Recommendation 1",
        "Thematic area of recommendation 1",
    ]
    assert list(draft.recommendations.values_list("text", "thematic_area")) == [
        ("Adopt a law.", second.pk),
        ("Train judges.", first.pk),
    ]


def test_recommendations_conflict_through_htmx_shows_both_lists(client, draft, personas):
    area = ThematicArea.objects.order_by("pk").first()
    services.recommendations_save(
        assessment=draft,
        items=[("Adopt a law.", area)],
        revision=0,
        by=personas[Role.CTED_COORDINATOR],
    )
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(
        f"/en/assessments/{draft.pk}/recommendations/",
        {"revision": 0, "rows": 1, "text_1": "Adopt a new law.", "area_1": area.pk},
        headers=HX,
    )

    assert response.status_code == 409
    conflict = parse(response).by_id("recommendations_conflict")
    assert [n.text() for n in conflict.find_all("ins")] == ["new"]
    kept = {i.get("name"): i.get("value") for i in conflict.find_all("input")}
    assert (kept["revision"], kept["rows"], kept["text_1"], kept["area_1"]) == (
        "1",
        "1",
        "Adopt a new law.",
        str(area.pk),
    )
    # The form holds theirs, to merge into.
    assert parse(response).by_id("rec-1").text() == "Adopt a law."
