"""The editor page's structure: heading levels in order, user text marked with its language,
a live region for save messages."""

import re

import pytest

from assessments import services
from assessments.enums import AssessmentStatus, CommentVisibility
from ctc.accounts.enums import Role
from tests.assessments.dom import parse
from tests.factories import assessment_advance, finding_save

pytestmark = pytest.mark.django_db


def _levels(page):
    return [int(n.tag[1]) for n in page.find_all() if re.fullmatch(r"h[1-6]", n.tag)]


def _with_everything(draft, personas):
    """A draft with a finding, a comment and a conflict-free recommendation."""
    expert = personas[Role.CTED_EXPERT]
    answer = draft.answers.get(question__code="1.1")
    services.answer_save(
        answer=answer,
        finding="<p>Adopted.</p>",
        status="implemented",
        sources="Act",
        revision=0,
        by=expert,
    )
    services.comment_add(
        assessment=draft,
        body="Check.",
        visibility=CommentVisibility.CTED,
        by=expert,
        question=answer.question,
    )
    return answer


@pytest.mark.parametrize("person", [Role.CTED_EXPERT, Role.CHAIR])
def test_headings_never_skip_a_level(client, draft, personas, person):
    _with_everything(draft, personas)
    file = (
        draft
        if person == Role.CTED_EXPERT
        else assessment_advance(draft, AssessmentStatus.WITH_COMMITTEE, personas)
    )
    client.force_login(personas[person])

    levels = _levels(parse(client.get(f"/en/assessments/{file.pk}/")))

    assert levels[0] == 1
    jumps = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    assert jumps == []
    assert 3 in levels  # the questions sit under their sections


def test_conflict_headings_follow_the_question_heading(client, draft, personas):
    answer = draft.answers.get(question__code="1.1")
    finding_save(answer, "<p>A.</p>", by=personas[Role.CTED_COORDINATOR])
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(
        f"/en/assessments/{draft.pk}/answers/{answer.pk}/",
        {"finding": "<p>B.</p>", "status": "", "sources": "", "revision": 0},
        headers={"HX-Request": "true"},
    )

    # The question, its error summary, the two versions; then the progress (out of band).
    assert _levels(parse(response)) == [3, 4, 4, 4, 2]


def test_user_text_on_an_arabic_page_is_marked_as_english(client, draft, personas):
    answer = _with_everything(draft, personas)
    client.force_login(personas[Role.CTED_EXPERT])

    page = parse(client.get(f"/ar/assessments/{draft.pk}/"))

    assert page.root.find_all("html")[0].get("lang") == "ar"
    assert page.by_id(f"finding-{answer.pk}").get("lang") == "en"
    assert page.by_id(f"sources-{answer.pk}").get("lang") == "en"
    body = next(n for n in page.find_all("p") if "comment-body" in n.get("class", ""))
    assert body.get("lang") == "en"


def test_saved_findings_read_by_a_reviewer_carry_their_language(client, draft, personas):
    _with_everything(draft, personas)
    file = assessment_advance(draft, AssessmentStatus.WITH_COMMITTEE, personas)
    client.force_login(personas[Role.CHAIR])

    page = parse(client.get(f"/ar/assessments/{file.pk}/"))

    texts = [n for n in page.find_all("div") if "finding-text" in n.get("class", "")]
    findings = [n for n in texts if "The State has adopted a law." in n.text()]
    assert len(findings) == 3
    assert all(n.get("lang") == "en" for n in findings)


def test_the_page_has_a_live_region_for_save_messages(client, draft, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    page = parse(client.get(f"/en/assessments/{draft.pk}/"))

    live = page.by_id("editor-live")
    assert live is not None and live.get("aria-live") == "polite"
    assert "main" in [n.tag for n in live.ancestors()]


def test_compared_findings_on_an_arabic_page_are_marked_as_english(client, draft, personas):
    answer = _with_everything(draft, personas)
    client.force_login(personas[Role.CTED_EXPERT])

    page = parse(client.get(f"/ar/assessments/{draft.pk}/versions/compare/?a=1&b=2"))

    row = page.by_id(f"row-{answer.question.code}")
    new = next(n for n in row.find_all("td") if "diff-new" in n.get("class", ""))
    marked = [n for n in new.find_all("div") if n.get("lang") == "en"]
    assert marked and "Adopted." in marked[0].text()
