"""The Committee dashboard: each app's panel with the right figures on a small dataset,
scoped to the reader, with a constant number of queries, and reached from the navigation."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments import overview as assessments_overview
from assessments.enums import AssessmentStatus
from assistance import overview as assistance_overview
from ctc.accounts.enums import Role
from ctc.states import overview as states_overview
from ctc.states.enums import Resolution
from ctc.states.models import MemberState, StateReport, Subcommittee
from tests.factories import (
    AssessmentFactory,
    AssessmentFormatFactory,
    FollowUpActionFactory,
    MatchFactory,
    NeedFactory,
    VisitFactory,
)
from visits import overview as visits_overview

pytestmark = pytest.mark.django_db

URL = "/en/dashboard/"


def _report(iso3, resolution, symbol):
    StateReport.objects.create(
        state=MemberState.objects.get(iso3=iso3),
        resolution=resolution,
        received_on=datetime.date(2005, 1, 1),
        document_symbol=symbol,
    )


def test_reporting_panel_counts_states_by_region(personas):
    _report("KEN", Resolution.R1373, "S/2005/1")
    _report("KEN", Resolution.R1624, "S/2005/2")
    _report("NGA", Resolution.R1373, "S/2005/3")
    _report("EGY", Resolution.R1624, "S/2005/4")
    _report("FRA", Resolution.R1373, "S/2005/5")
    africa = MemberState.objects.filter(region__code="002").count()
    europe = MemberState.objects.filter(region__code="150").count()

    panel = states_overview.reporting_panel(personas[Role.CHAIR])

    rows = {row.region: row for row in panel["rows"]}
    assert (rows["Africa"].states, rows["Africa"].reported_1373) == (africa, 2)
    assert (rows["Africa"].reported_1624, rows["Africa"].both) == (2, 1)
    assert rows["Africa"].never == africa - 3
    assert (rows["Europe"].reported_1373, rows["Europe"].reported_1624) == (1, 0)
    assert rows["Europe"].never == europe - 1
    assert rows["Asia"].never == rows["Asia"].states
    assert panel["totals"] == {
        "states": 193,
        "reported_1373": 3,
        "reported_1624": 2,
        "never": 189,
    }
    assert len(panel["never_reported"]) == 189
    assert not {"KEN", "NGA", "EGY", "FRA"} & {s.iso3 for s in panel["never_reported"]}
    assert (
        '<th scope="row" class="chart-label">Africa</th>\n<td class="chart-bar"><svg'
        in panel["chart"]
    )
    assert 'aria-label="Reported on 1373 and 1624 1, Reported on 1373 only 1,' in panel["chart"]


def test_assessments_panel_counts_files_by_stage_and_subcommittee(personas):
    kenya = MemberState.objects.get(iso3="KEN")
    fmt = AssessmentFormatFactory(by=personas[Role.ADMINISTRATOR])
    AssessmentFactory(state=kenya, format=fmt, cycle=2012, people=personas)
    AssessmentFactory(state=kenya, format=fmt, cycle=2013, people=personas)
    AssessmentFactory(
        state=kenya, format=fmt, cycle=2014, people=personas, stage=AssessmentStatus.WITH_COMMITTEE
    )
    column = list(Subcommittee.objects.order_by("code")).index(kenya.subcommittee)

    cted = assessments_overview.dashboard_panel(personas[Role.CTED_EXPERT])
    committee = assessments_overview.dashboard_panel(personas[Role.COMMITTEE_MEMBER])

    def row(panel, label):
        return next((values, total) for name, values, total in panel["rows"] if name == label)

    draft, considered = row(cted, "Draft"), row(cted, "With the Committee")
    assert (draft[0][column], draft[1]) == (2, 2)
    assert (considered[0][column], considered[1]) == (1, 1)
    assert cted["total"] == 3
    # The Committee does not see CTED's drafts (assessments.permissions.scope).
    assert row(committee, "Draft")[1] == 0
    assert committee["total"] == 1
    assert assessments_overview.dashboard_panel(personas[Role.FOCAL_POINT]) is None


def test_visits_panel_counts_the_programme_against_the_target(personas, settings):
    settings.VISITS_TARGET_PER_YEAR = 14
    VisitFactory(status="done", consent_status="given")
    VisitFactory(status="approved", consent_status="given")
    VisitFactory()  # proposed
    VisitFactory(status="cancelled")

    panel = visits_overview.programme_panel(personas[Role.CTED_COORDINATOR])

    first, second = panel["years"]
    assert (first.year, first.proposed, first.approved, first.done, first.gap) == (
        2012,
        3,
        2,
        1,
        12,
    )
    assert (second.year, second.proposed, second.gap) == (2013, 0, 14)
    assert (
        '<th scope="row" class="chart-label">2012</th>' in panel["chart"]
        and 'aria-label="Carried out 1, Approved, not yet carried out 1, Missing to the target 12"'
        in panel["chart"]
    )


def test_overdue_panel_counts_open_actions_past_their_due_date(personas):
    overdue = FollowUpActionFactory()  # due 30 September 2012, open
    FollowUpActionFactory(status="done")
    FollowUpActionFactory(due_on=datetime.date(2999, 1, 1))

    cted = visits_overview.overdue_panel(personas[Role.CTED_EXPERT])
    committee = visits_overview.overdue_panel(personas[Role.CHAIR])

    assert cted["count"] == 1
    assert cted["actions"] == [overdue]
    # The Committee sees follow-up once the visit's report is approved: none here.
    assert committee["count"] == 0


def test_unmatched_panel_counts_open_needs_no_live_match_answers(personas):
    NeedFactory()  # Kenya, medium, open, no match
    NeedFactory(priority="high", state=MemberState.objects.get(iso3="FRA"))
    MatchFactory()  # proposed: the need is answered
    MatchFactory(status="declined")  # declined: still unanswered
    NeedFactory(status="withdrawn")

    panel = assistance_overview.unmatched_panel(personas[Role.COMMITTEE_MEMBER])

    rows = {name: (values, total) for name, values, total in panel["rows"]}
    assert panel["priorities"] == ["High", "Medium", "Low"]
    assert rows["Africa"] == ([0, 2, 0], 2)
    assert rows["Europe"] == ([1, 0, 0], 1)
    assert rows["Asia"] == ([0, 0, 0], 0)
    assert panel["total"] == 3


def test_dashboard_shows_every_panel_with_its_table(client, personas):
    client.force_login(personas[Role.CHAIR])

    response = client.get(URL)

    body = response.content.decode()
    assert response.status_code == 200
    for heading in (
        "Reporting by region",
        "Assessments by stage and subcommittee",
        "Visits against the target",
        "Overdue follow-up",
        "Open needs without a match",
    ):
        assert f">{heading}</h2>" in body
    assert body.count('<figure class="chart">') == 4
    # On a phone each cell says its column (data-label), the subcommittees' too.
    assert '<td data-label="Reported on 1373">' in body
    assert '<td data-label="Subcommittee A">' in body
    assert body.count('<table class="data-table">') == 4  # overdue: no action, no table
    assert '<a href="/en/dashboard/states/KEN/">' in body


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        (Role.CHAIR, True),
        (Role.COMMITTEE_MEMBER, True),
        (Role.CTED_EXPERT, True),
        (Role.FOCAL_POINT, False),
        (Role.DONOR, False),
        (Role.PARTNER_ANALYST, False),
        (Role.SUBCOMMITTEE_MEMBER, False),
    ],
)
def test_dashboard_is_in_the_navigation_of_its_readers_only(client, personas, role, shown):
    client.force_login(personas[role])

    response = client.get("/en/workspace/")

    assert ('href="/en/dashboard/"' in response.content.decode()) is shown


def _dataset(personas, fmt, numbers):
    for i in numbers:
        state = MemberState.objects.order_by("iso3")[i]
        _report(state.iso3, Resolution.R1373, f"S/2005/{i}")
        AssessmentFactory(state=state, format=fmt, cycle=2012, people=personas)
        VisitFactory(state=state, status="done", consent_status="given")
        FollowUpActionFactory()
        NeedFactory(state=state)
        MatchFactory()


@pytest.mark.parametrize("role", [Role.CTED_EXPERT, Role.COMMITTEE_MEMBER])
def test_dashboard_runs_the_same_queries_for_1_and_4_files_of_each_kind(
    client, personas, role, django_assert_num_queries
):
    client.force_login(personas[role])
    fmt = AssessmentFormatFactory(by=personas[Role.ADMINISTRATOR])
    _dataset(personas, fmt, range(1))
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL).status_code == 200
    _dataset(personas, fmt, range(1, 4))

    with django_assert_num_queries(len(small)):
        client.get(URL)

    assert len(small) == QUERIES


# The session, the user and the page's header (4); reporting (3), assessments (2), visits
# (1), overdue follow-up (2), needs without a match (2).
QUERIES = 14
