"""The list and the editor run a fixed number of SQL queries, whatever the size of the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments import services
from assessments.enums import AssessmentStatus, CommentVisibility
from ctc.accounts.enums import Role
from ctc.states.models import MemberState
from ctc.themes.models import ThematicArea
from tests.factories import UserFactory, answer_all, assessment_advance

pytestmark = pytest.mark.django_db

# Session, user and roles (3), the header's unread notifications, then the count and the
# page of assessments, and the experts of the "Assigned expert" filter.
LIST_QUERIES = 7
# Session, user and roles (3), the header's unread notifications, then the assessment,
# answers, comments, sections, questions, transitions, recommendations, the reviewers'
# suggestions, the State's replies and the thematic areas of the form.
DETAIL_QUERIES = 15
# The same, then the previous assessment's answers (fingerprints) and the format's mapping
# for the "since the last assessment" badges.
DETAIL_WITH_PREVIOUS_QUERIES = 17
STATES = ["GHA", "NGA", "FRA", "BRA", "ARG", "PAK", "PER", "DEU"]
STAGES = [
    AssessmentStatus.DRAFT,
    AssessmentStatus.WITH_SUBCOMMITTEE,
    AssessmentStatus.WITH_COMMITTEE,
    AssessmentStatus.SENT,
]


def _open(states, pia_format, personas):
    """One 2012 file per state, each with its own expert, at different stages."""
    for i, iso3 in enumerate(states):
        state = MemberState.objects.get(iso3=iso3)
        assessment = services.assessment_create(
            state=state,
            fmt=pia_format,
            cycle=2012,
            assignee=UserFactory(roles=[Role.CTED_EXPERT]),
            by=personas[Role.CTED_COORDINATOR],
        )
        # The factories' walk brings in a member of the state's own subcommittee.
        assessment_advance(assessment, STAGES[i % 4], personas)


def _count(client, user, path):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_list_query_count_is_the_same_for_2_and_8_assessments(client, pia_format, personas):
    expert = personas[Role.CTED_EXPERT]
    _open(STATES[:2], pia_format, personas)
    small_html, small = _count(client, expert, "/en/assessments/")
    _open(STATES[2:], pia_format, personas)

    large_html, large = _count(client, expert, "/en/assessments/")

    assert "2 assessments" in small_html
    assert "8 assessments" in large_html
    assert (small, large) == (LIST_QUERIES, LIST_QUERIES)


def _discuss(assessment, personas, threads):
    """`threads` comments on questions and sections, by three people, each with a reply."""
    authors = [
        personas[Role.CTED_EXPERT],
        personas[Role.CTED_COORDINATOR],
        personas[Role.ADMINISTRATOR],
    ]
    questions = list(assessment.format.sections.get(code="legislation").questions.all())
    for i in range(threads):
        root = services.comment_add(
            assessment=assessment,
            body=f"Comment {i}",
            visibility=[CommentVisibility.CTED, CommentVisibility.COMMITTEE][i % 2],
            by=authors[i % 3],
            question=questions[i % 2] if i % 3 else None,
            section=None if i % 3 else questions[0].section,
        )
        services.comment_add(
            assessment=assessment,
            body=f"Reply {i}",
            visibility=root.visibility,
            by=authors[(i + 1) % 3],
            parent=root,
        )


def _work_on(assessment, personas):
    """Findings saved by two people, five recommendations, three rounds of review."""
    expert, coordinator = personas[Role.CTED_EXPERT], personas[Role.CTED_COORDINATOR]
    answer_all(assessment, expert)
    answer = assessment.answers.get(question__code="1.2")
    services.answer_save(
        answer=answer,
        finding="<p>Amended in 2011.</p>",
        status="implemented",
        sources="Law 2",
        revision=answer.revision,
        by=coordinator,
    )
    services.recommendations_save(
        assessment=assessment,
        items=[(f"Recommendation {i}", area) for i, area in enumerate(ThematicArea.objects.all())],
        revision=0,
        by=expert,
    )
    for round_ in range(3):
        services.assessment_submit(assessment=assessment, by=expert)
        services.assessment_return(
            assessment=assessment, by=coordinator, comment=f"Round {round_}: add sources."
        )


def test_detail_query_count_is_the_same_with_little_and_much_history(
    client, draft, pia_format, personas
):
    expert = personas[Role.CTED_EXPERT]
    _discuss(draft, personas, threads=1)
    busy = services.assessment_create(
        state=MemberState.objects.get(iso3="GHA"), fmt=pia_format, cycle=2012, by=expert
    )
    _work_on(busy, personas)
    _discuss(busy, personas, threads=10)

    small_html, small = _count(client, expert, f"/en/assessments/{draft.pk}/")
    large_html, large = _count(client, expert, f"/en/assessments/{busy.pk}/")

    assert "Reply 0" in small_html
    assert "Reply 9" in large_html
    assert "Round 2: add sources." in large_html
    assert (busy.versions.count(), busy.transitions.count(), busy.comments.count()) == (6, 6, 20)
    assert (small, large) == (DETAIL_QUERIES, DETAIL_QUERIES)


def test_detail_with_a_previous_assessment_query_count_is_the_same_at_two_sizes(
    client, draft, pia_format, next_format, personas
):
    expert = personas[Role.CTED_EXPERT]
    ghana = MemberState.objects.get(iso3="GHA")
    busy = services.assessment_create(state=ghana, fmt=pia_format, cycle=2012, by=expert)
    _work_on(busy, personas)
    quiet_next = services.assessment_create(
        state=draft.state, fmt=next_format, cycle=2013, by=expert
    )
    busy_next = services.assessment_create(state=ghana, fmt=next_format, cycle=2013, by=expert)
    answer_all(busy_next, expert, text="Revised in 2013.")
    _discuss(busy_next, personas, threads=10)

    small_html, small = _count(client, expert, f"/en/assessments/{quiet_next.pk}/")
    large_html, large = _count(client, expert, f"/en/assessments/{busy_next.pk}/")

    assert small_html.count("Unchanged since the last assessment") == 4
    assert large_html.count("Changed since the last assessment") == 4
    assert "Reply 9" in large_html
    assert (small, large) == (DETAIL_WITH_PREVIOUS_QUERIES, DETAIL_WITH_PREVIOUS_QUERIES)
