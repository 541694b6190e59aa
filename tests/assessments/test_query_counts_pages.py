"""Every role's landing page and the stocktaking page run a fixed number
of SQL queries, whatever the size of the data (the style of tests/assessments/test_queries.py:
two sizes, the same literal count, and content proving the data really grew).
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments import services
from assessments.enums import AssessmentStatus
from ctc.accounts.enums import Role
from ctc.states.enums import Resolution
from ctc.states.models import MemberState
from tests.factories import StateReportFactory, UserFactory, answer_all
from tests.factories import assessment_advance as advance

pytestmark = pytest.mark.django_db

S = AssessmentStatus
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
# Session, user and roles (3), the header's unread notifications, then per role the blocks
# of its landing page, with one query for each group of "waiting for you" the role has
# (expert 2, coordinator 6, subcommittee, Committee and administrator 1, focal point 1), and
# the document area's blocks and groups (docs_tracker: one more query for an expert or a
# coordinator, two for a partner or a donor; a focal point's take the place of the former
# "sent to your State" block and group), the visit reports' group (reports to review for a
# coordinator, awaiting approval for the Committee and its Chair), the visits' plan groups (a
# count each: plans to approve, visits to confirm, consent overdue or to answer) and overdue
# follow-up (the reader's own; all of it for a coordinator), assistance's group (a donor's
# proposals to answer; delivered matches to evaluate for CTED experts and coordinators) and a
# partner's assistance-needs grant read for the navigation; and what the page lists that
# grows with the data, with 2 + 2 files, then 8 + 8: (files counted by stage, the State's
# reports, states never reporting on 1624, states of the member's subcommittee that reported on
# 1624, files listed in "waiting for you").
LANDING = {
    Role.CTED_EXPERT: (12, (4, 0, 191, 0, 0), (16, 0, 185, 0, 0)),
    Role.CTED_COORDINATOR: (20, (4, 0, 191, 0, 2), (16, 0, 185, 0, 4)),
    Role.SUBCOMMITTEE_MEMBER: (8, (2, 0, 0, 1, 0), (10, 0, 0, 3, 1)),
    Role.COMMITTEE_MEMBER: (10, (2, 0, 191, 0, 0), (13, 0, 185, 0, 1)),
    Role.CHAIR: (10, (2, 0, 191, 0, 0), (13, 0, 185, 0, 1)),
    Role.FOCAL_POINT: (11, (0, 2, 0, 0, 2), (0, 8, 0, 0, 8)),
    Role.PARTNER_ANALYST: (9, (0, 0, 0, 0, 0), (0, 0, 0, 0, 0)),
    Role.DONOR: (8, (0, 0, 0, 0, 0), (0, 0, 0, 0, 0)),
    Role.ADMINISTRATOR: (9, (4, 0, 191, 0, 0), (16, 0, 185, 0, 1)),
}
# Session, user and roles (3), the header's unread notifications, then files per stage and
# the median days in each stage (two queries on PostgreSQL and on SQLite), files outstanding,
# returns, the oldest open files with their states.
STOCKTAKING_QUERIES = 9
STOCKTAKING = "/en/assessments/stocktaking/"
# Other states' 2012 files, one per stage; GHA, NGA and DEU share Kenya's subcommittee B.
OTHERS = [
    ("GHA", S.DRAFT),
    ("FRA", S.CTED_REVIEW),
    ("NGA", S.WITH_SUBCOMMITTEE),
    ("PAK", S.WITH_COMMITTEE),
    ("DEU", S.APPROVED),
    ("BRA", S.SENT),
    ("PER", S.REPLIED),
    ("ARG", S.CLOSED),
]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _people(personas, state):
    """The personas, with a member of the state's own subcommittee to recommend its file."""
    if state.subcommittee.code == "B":
        return personas
    member = UserFactory(roles=[Role.SUBCOMMITTEE_MEMBER], subcommittee=state.subcommittee)
    return {**personas, Role.SUBCOMMITTEE_MEMBER: member}


def _file(state, cycle, status, pia_format, personas):
    """One file walked through the real services to `status`, returned once on the way."""
    people = _people(personas, state)
    assessment = services.assessment_create(
        state=state, fmt=pia_format, cycle=cycle, by=personas[Role.CTED_COORDINATOR]
    )
    if status != S.DRAFT:
        answer_all(assessment, personas[Role.CTED_EXPERT])
        services.assessment_submit(assessment=assessment, by=personas[Role.CTED_EXPERT])
        services.assessment_return(
            assessment=assessment, by=personas[Role.CTED_COORDINATOR], comment="Add sources."
        )
    assessment = advance(assessment, min(status, S.SENT, key=list(S).index), people)
    if status in (S.REPLIED, S.CLOSED):
        services.assessment_record_reply(
            assessment=assessment,
            by=personas[Role.CTED_COORDINATOR],
            upload=SimpleUploadedFile("reply.pdf", PDF, content_type="application/pdf"),
        )
    if status == S.CLOSED:
        services.assessment_close(assessment=assessment, by=personas[Role.CTED_COORDINATOR])
    return assessment


def _grow(cycles, others, pia_format, personas):
    """For each cycle Kenya's file sent to Kenya and a report of Kenya; then the other files,
    and a report on 1624 for each of those states."""
    kenya = MemberState.objects.get(iso3="KEN")
    for cycle in cycles:
        _file(kenya, cycle, S.SENT, pia_format, personas)
        StateReportFactory(
            state=kenya,
            received_on=datetime.date(cycle, 6, 1),
            document_symbol=f"S/{cycle}/777",
        )
    for iso3, status in others:
        state = MemberState.objects.get(iso3=iso3)
        _file(state, 2012, status, pia_format, personas)
        StateReportFactory(
            state=state,
            resolution=Resolution.R1624,
            received_on=datetime.date(2019, 3, 4),
            document_symbol=f"S/2019/{iso3}",
        )


def _get(client, path, queries, django_assert_num_queries):
    with django_assert_num_queries(queries):
        response = client.get(path)
    assert response.status_code == 200
    return response


def _seen(landing):
    """What a landing page lists that grows with the data (see LANDING)."""
    blocks = dict(landing["blocks"])
    stages = blocks.get("assessments/_landing_stages.html", {})
    return (
        sum(n for _status, _label, n in stages.get("by_status", [])),
        len(landing.get("my_reports", [])),
        len(landing.get("non_reporting_1624", [])),
        sum(1 for state in landing.get("my_states", []) if state.last_1624),
        sum(len(item.files) for item in landing["waiting"]),
    )


@pytest.mark.parametrize("role", LANDING)
def test_landing_query_count_is_the_same_at_two_sizes(
    client, pia_format, personas, django_assert_num_queries, role
):
    queries, small_seen, large_seen = LANDING[role]
    client.force_login(personas[role])
    _grow([2005, 2006], OTHERS[:2], pia_format, personas)
    small = _get(client, "/en/workspace/", queries, django_assert_num_queries)
    _grow(range(2007, 2013), OTHERS[2:], pia_format, personas)

    large = _get(client, "/en/workspace/", queries, django_assert_num_queries)

    assert _seen(small.context["landing"]) == small_seen
    assert _seen(large.context["landing"]) == large_seen


def _oldest(response):
    return [f"{a.state.iso3} {a.cycle}" for a in response.context["oldest"]]


def _stages(response):
    return {stage.status: stage.count for stage in response.context["stages"] if stage.count}


def test_stocktaking_query_count_is_the_same_for_4_and_16_files(
    client, pia_format, personas, django_assert_num_queries
):
    client.force_login(personas[Role.CTED_COORDINATOR])
    _grow([2005, 2006], OTHERS[:2], pia_format, personas)
    small = _get(client, STOCKTAKING, STOCKTAKING_QUERIES, django_assert_num_queries)
    _grow(range(2007, 2013), OTHERS[2:], pia_format, personas)

    large = _get(client, STOCKTAKING, STOCKTAKING_QUERIES, django_assert_num_queries)

    assert _stages(small) == {"draft": 1, "cted_review": 1, "sent": 2}
    assert _stages(large) == {
        "draft": 1,
        "cted_review": 1,
        "with_subcommittee": 1,
        "with_committee": 1,
        "approved": 1,
        "sent": 9,
        "replied": 1,
        "closed": 1,
    }
    assert (small.context["return_total"], large.context["return_total"]) == (3, 15)
    assert _oldest(small) == ["KEN 2005", "KEN 2006", "GHA 2012", "FRA 2012"]
    assert _oldest(large) == [
        "KEN 2005",
        "KEN 2006",
        "GHA 2012",
        "FRA 2012",
        *[f"KEN {cycle}" for cycle in range(2007, 2013)],
    ]
    assert "Kenya 2012" not in small.content.decode()
    assert "Kenya 2012" in large.content.decode()
