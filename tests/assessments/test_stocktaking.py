"""Stocktaking (C-6): files per stage, median days in each stage, returns, outstanding files."""

import datetime
import random
import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from assessments import permissions, selectors, services
from assessments.enums import AssessmentStatus
from assessments.models import Assessment, Transition
from ctc.accounts.enums import Role
from ctc.states.models import MemberState, Subcommittee
from tests.factories import UserFactory, answer_all

pytestmark = pytest.mark.django_db

S = AssessmentStatus
EXPERT, SUB_B, CHAIR = Role.CTED_EXPERT, Role.SUBCOMMITTEE_MEMBER, Role.CHAIR

# Nine 2012 files. Subcommittees: A = FRA, BRA, ARG; B = KEN, GHA, NGA, DEU; C = PAK, PER.
# "sub" is a member of the file's own subcommittee. Every time is in days before now.
# fmt: off
FILES = [
    # state created  steps: (action, by, days ago)
    ("KEN", 35,  [("submit", "expert", 30), ("send_to_subcommittee", "coordinator", 20)]),
    ("GHA", 20,  [("submit", "expert", 16), ("send_to_subcommittee", "coordinator", 12)]),
    ("FRA", 10,  [("submit", "expert", 9), ("send_to_subcommittee", "coordinator", 5)]),
    ("NGA", 50,  [("submit", "expert", 40), ("send_to_subcommittee", "coordinator", 35),
                  ("return", "sub", 25)]),
    ("PAK", 20,  [("submit", "expert", 18), ("return", "coordinator", 15)]),
    ("BRA", 70,  [("submit", "expert", 60), ("send_to_subcommittee", "coordinator", 50),
                  ("recommend", "sub", 44)]),
    ("PER", 110, [("submit", "expert", 100), ("send_to_subcommittee", "coordinator", 90),
                  ("recommend", "sub", 80), ("approve", "chair", 70),
                  ("send_to_state", "coordinator", 65)]),
    ("ARG", 3,   []),
    ("DEU", 210, [("submit", "expert", 200), ("send_to_subcommittee", "coordinator", 190),
                  ("recommend", "sub", 185), ("approve", "chair", 180),
                  ("send_to_state", "coordinator", 170), ("record_reply", "coordinator", 150),
                  ("close", "coordinator", 140)]),
]
# fmt: on


@pytest.fixture
def files(pia_format, personas, settings, tmp_path):
    """The nine files, built through the services, then dated as FILES says."""
    settings.MEDIA_ROOT = tmp_path
    now = timezone.now()
    members = {
        code: UserFactory(
            roles=[Role.SUBCOMMITTEE_MEMBER], subcommittee=Subcommittee.objects.get(code=code)
        )
        for code in ("A", "C")
    }
    members["B"] = personas[SUB_B]
    built = {}
    for iso3, created, steps in FILES:
        state = MemberState.objects.get(iso3=iso3)
        people = {
            "expert": personas[EXPERT],
            "coordinator": personas[Role.CTED_COORDINATOR],
            "chair": personas[CHAIR],
            "sub": members[state.subcommittee.code],
        }
        assessment = services.assessment_create(
            state=state, fmt=pia_format, cycle=2012, by=people["expert"]
        )
        if steps:
            answer_all(assessment, people["expert"])
        for action, who, _days in steps:
            services.assessment_transition(
                assessment=Assessment.objects.get(pk=assessment.pk),
                action=action,
                by=people[who],
                comment="Please revise." if action == "return" else "",
                upload=SimpleUploadedFile("reply.pdf", b"%PDF-1.4 reply", "application/pdf"),
            )
        for transition, (_action, _who, days) in zip(
            assessment.transitions.order_by("pk"), steps, strict=True
        ):
            Transition.objects.filter(pk=transition.pk).update(
                at=now - datetime.timedelta(days=days)
            )
        last = steps[-1][2] if steps else created
        Assessment.objects.filter(pk=assessment.pk).update(
            created_at=now - datetime.timedelta(days=created),
            status_changed_at=now - datetime.timedelta(days=last),
        )
        built[iso3] = Assessment.objects.get(pk=assessment.pk)
    return built


def test_files_are_in_the_stages_the_table_says(files):
    statuses = {iso3: a.status for iso3, a in files.items()}

    assert statuses == {
        "KEN": S.WITH_SUBCOMMITTEE,
        "GHA": S.WITH_SUBCOMMITTEE,
        "FRA": S.WITH_SUBCOMMITTEE,
        "NGA": S.DRAFT,
        "PAK": S.DRAFT,
        "BRA": S.WITH_COMMITTEE,
        "PER": S.SENT,
        "ARG": S.DRAFT,
        "DEU": S.CLOSED,
    }


# fmt: off
COUNTS = [
    # person  draft review with_sub with_com approved sent replied closed
    (EXPERT,  3,    0,     3,       1,       0,       1,   0,      1),
    (SUB_B,   0,    0,     2,       0,       0,       0,   0,      1),
    (CHAIR,   0,    0,     0,       1,       0,       1,   0,      1),
]
# fmt: on


def _figures(personas, person):
    return selectors.stocktaking(user=personas[person])


@pytest.mark.parametrize(("person", "counts"), [(row[0], row[1:]) for row in COUNTS])
def test_stocktaking_counts_files_per_stage(files, personas, person, counts):
    figures = _figures(personas, person)

    assert [(s.status, s.count) for s in figures["stages"]] == list(
        zip(S.values, counts, strict=True)
    )


# Durations, in days, that make each median (the first drafting time included):
# draft     KEN 5, GHA 4, FRA 1, NGA 10 + 25 now, PAK 2 + 15 now, BRA 10, PER 10, ARG 3 now, DEU 10
# review    KEN 10, GHA 4, FRA 4, NGA 5, PAK 3, BRA 10, PER 10, DEU 10
# with_sub  KEN 20 now, GHA 12 now, FRA 5 now, NGA 10, BRA 6, PER 10, DEU 5
# with_com  BRA 44 now, PER 10, DEU 5
# approved  PER 5, DEU 10;  sent  PER 65 now, DEU 20;  replied  DEU 10
# fmt: off
MEDIANS = [
    # stage             expert sub_b chair
    (S.DRAFT,             10.0,  5.0, 10.0),
    (S.CTED_REVIEW,        7.5, 10.0, 10.0),
    (S.WITH_SUBCOMMITTEE, 10.0, 12.0,  6.0),
    (S.WITH_COMMITTEE,    10.0,  5.0, 10.0),
    (S.APPROVED,           7.5, 10.0,  7.5),
    (S.SENT,              42.5, 20.0, 42.5),
    (S.REPLIED,           10.0, 10.0, 10.0),
    (S.CLOSED,            None, None, None),
]
# fmt: on


@pytest.mark.parametrize(
    ("stage", "person", "expected"),
    [
        pytest.param(stage, person, median, id=f"{stage}-{person}")
        for stage, *medians in MEDIANS
        for person, median in zip((EXPERT, SUB_B, CHAIR), medians, strict=True)
    ],
)
def test_stocktaking_median_days_in_each_stage(files, personas, stage, person, expected):
    figures = _figures(personas, person)

    medians = {s.status: s.median_days for s in figures["stages"]}
    assert medians[stage] == expected


# fmt: off
RETURNS = [
    # person  returns per stage                                        total
    (EXPERT, [("cted_review", "CTED review", 1),
              ("with_subcommittee", "With the subcommittee", 1)],      2),
    # NGA, returned by subcommittee B, is a draft again: out of its members' sight.
    (SUB_B,  [],                                                       0),
    (CHAIR,  [],                                                       0),
]
# fmt: on


@pytest.mark.parametrize(("person", "returns", "total"), RETURNS)
def test_stocktaking_counts_returns_per_stage_and_in_total(files, personas, person, returns, total):
    figures = _figures(personas, person)

    assert [(r["status"], r["label"], r["count"]) for r in figures["returns"]] == returns
    assert figures["return_total"] == total


# fmt: off
OUTSTANDING = [
    # person  files with each subcommittee
    (EXPERT, [("A", 1), ("B", 2)]),
    (SUB_B,  [("B", 2)]),
    (CHAIR,  []),
]
# fmt: on


@pytest.mark.parametrize(("person", "outstanding"), OUTSTANDING)
def test_stocktaking_counts_files_outstanding_with_each_subcommittee(
    files, personas, person, outstanding
):
    figures = _figures(personas, person)

    rows = [(r["state__subcommittee__code"], r["n"]) for r in figures["outstanding"]]
    assert rows == outstanding


# fmt: off
OLDEST = [
    # person  open files, longest in their stage first (DEU is closed)
    (EXPERT, ["PER", "BRA", "NGA", "KEN", "PAK", "GHA", "FRA", "ARG"]),
    (SUB_B,  ["KEN", "GHA"]),
    (CHAIR,  ["PER", "BRA"]),
]
# fmt: on


@pytest.mark.parametrize(("person", "oldest"), OLDEST)
def test_stocktaking_lists_the_oldest_open_files_first(files, personas, person, oldest):
    figures = _figures(personas, person)

    assert [a.state.iso3 for a in figures["oldest"]] == oldest


def test_stocktaking_lists_at_most_ten_oldest_files(files, pia_format, personas):
    expert = personas[EXPERT]
    for iso3 in ["PAN", "PRY", "POL"]:
        services.assessment_create(
            state=MemberState.objects.get(iso3=iso3), fmt=pia_format, cycle=2012, by=expert
        )

    figures = selectors.stocktaking(user=expert)

    assert len(figures["oldest"]) == 10
    assert [a.state.iso3 for a in figures["oldest"][:3]] == ["PER", "BRA", "NGA"]
    assert figures["stages"][0].count == 6


def _rows(html, heading):
    """The cells of the table that follows an <h2> heading, row by row, tags removed."""
    table = html.split(f"<h2>{heading}</h2>", 1)[1].split("</table>", 1)[0]
    body = table.split("<tbody>", 1)[1]
    return [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", body)
    ]


def test_stocktaking_page_shows_the_figures(client, files, personas):
    client.force_login(personas[EXPERT])

    response = client.get("/en/assessments/stocktaking/")

    html = response.content.decode()
    assert response.status_code == 200
    assert _rows(html, "Files outstanding with each subcommittee") == [["A", "1"], ["B", "2"]]
    assert '<a href="/en/assessments/?status=with_subcommittee&amp;subcommittee=B">B</a>' in html
    assert _rows(html, "Returns for revision (2)") == [
        ["CTED review", "1"],
        ["With the subcommittee", "1"],
    ]
    oldest = _rows(html, "Oldest open files")
    assert [row[:2] for row in oldest] == [
        ["Peru 2012", "Sent to the State"],
        ["Brazil 2012", "With the Committee"],
        ["Nigeria 2012", "Draft"],
        ["Kenya 2012", "With the subcommittee"],
        ["Pakistan 2012", "Draft"],
        ["Ghana 2012", "With the subcommittee"],
        ["France 2012", "With the subcommittee"],
        ["Argentina 2012", "Draft"],
    ]
    assert _rows(html, "Files per stage") == [
        ["Draft", "3", "10.0"],
        ["CTED review", "0", "7.5"],
        ["With the subcommittee", "3", "10.0"],
        ["With the Committee", "1", "10.0"],
        ["Approved", "0", "7.5"],
        ["Sent to the State", "1", "42.5"],
        ["State replied", "0", "10.0"],
        ["Closed", "1", "—"],
    ]


def test_stocktaking_page_shows_a_subcommittee_member_only_its_files(client, files, personas):
    client.force_login(personas[SUB_B])

    html = client.get("/en/assessments/stocktaking/").content.decode()

    assert [row[1] for row in _rows(html, "Files per stage")] == [
        "0",
        "0",
        "2",
        "0",
        "0",
        "0",
        "0",
        "1",
    ]
    assert _rows(html, "Files outstanding with each subcommittee") == [["B", "2"]]
    assert _rows(html, "Returns for revision (0)") == [["None."]]
    assert [row[0] for row in _rows(html, "Oldest open files")] == ["Kenya 2012", "Ghana 2012"]


@pytest.mark.skipif(not settings.USING_POSTGRES, reason="compares the SQL medians with Python's")
def test_stocktaking_medians_in_sql_are_exactly_those_of_the_python_fallback(
    files, personas, settings
):
    # Times to the microsecond, not whole days: the floats themselves must agree.
    rng = random.Random(1373)

    def jitter(moment):
        return moment + datetime.timedelta(microseconds=rng.randrange(-(10**10), 10**10))

    for transition in Transition.objects.all():
        Transition.objects.filter(pk=transition.pk).update(at=jitter(transition.at))
    for assessment in Assessment.objects.all():
        Assessment.objects.filter(pk=assessment.pk).update(
            created_at=jitter(assessment.created_at),
            status_changed_at=jitter(assessment.status_changed_at),
        )
    now = timezone.now()

    def figures(person, in_sql):
        settings.USING_POSTGRES = in_sql
        visible = permissions.scope(Assessment.objects.all(), personas[person])
        return selectors._stage_figures(visible, now=now)

    for person in (EXPERT, SUB_B, CHAIR):
        assert figures(person, in_sql=True) == figures(person, in_sql=False)


def test_stocktaking_of_nothing_is_zero_everywhere(personas):
    figures = selectors.stocktaking(user=personas[EXPERT])

    assert [(s.count, s.median_days) for s in figures["stages"]] == [(0, None)] * 8
    assert (figures["outstanding"], figures["returns"], figures["return_total"]) == ([], [], 0)
    assert figures["oldest"] == []
