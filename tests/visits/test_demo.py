"""The visits' demo (seed_demo): 2012–2013 visits in every stage of the plan, the consent and
the report, joint ones, recommendations and follow-up with overdue actions; a second run adds
nothing."""

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from ctc.accounts.models import User
from ctc.organisations.enums import OrganisationKind
from visits import follow_up_selectors
from visits.enums import (
    ConsentStatus,
    FollowUpStatus,
    OwnerKind,
    ReportStatus,
    VisitAction,
    VisitStatus,
)
from visits.models import (
    FollowUpAction,
    FollowUpTransition,
    OutcomeEvaluation,
    Recommendation,
    Visit,
    VisitReportVersion,
    VisitTransition,
)

pytestmark = pytest.mark.django_db

MODELS = [
    Visit,
    VisitTransition,
    VisitReportVersion,
    Recommendation,
    FollowUpAction,
    FollowUpTransition,
    OutcomeEvaluation,
]


@pytest.fixture(scope="module")
def demo(module_db):
    call_command("seed_demo", stdout=StringIO())


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_demo_visits_span_2012_and_2013_in_every_plan_stage(demo):
    visits = Visit.objects.all()

    assert visits.count() == 18
    assert {v.starts_on.year for v in visits} == {2012, 2013}
    assert Counter(visits.values_list("status", flat=True)) == {
        VisitStatus.PROPOSED: 2,
        VisitStatus.AWAITING_APPROVAL: 3,
        VisitStatus.APPROVED: 2,
        VisitStatus.CONFIRMED: 2,
        VisitStatus.DONE: 7,
        VisitStatus.CANCELLED: 2,
    }


def test_demo_visits_show_every_answer_of_the_consent(demo):
    assert Counter(Visit.objects.values_list("consent_status", flat=True)) == {
        ConsentStatus.NOT_REQUESTED: 3,
        ConsentStatus.REQUESTED: 2,
        ConsentStatus.GIVEN: 9,
        ConsentStatus.DECLINED: 2,
        ConsentStatus.EXPIRED: 2,
    }


def test_demo_visits_walk_the_services_so_each_step_has_its_record(demo):
    returned = Visit.objects.get(state__iso3="SEN")
    cancelled = Visit.objects.get(state__iso3="NGA")
    done = Visit.objects.get(state__iso3="KEN", starts_on__year=2012)

    assert list(returned.transitions.values_list("action", flat=True)) == [
        VisitAction.SUBMIT,
        VisitAction.RETURN,
    ]
    assert cancelled.transitions.get(action=VisitAction.RECORD_EXPIRY).to_status == "expired"
    assert cancelled.transitions.get(action=VisitAction.CANCEL).comment != ""
    consent = done.transitions.get(action=VisitAction.RECORD_CONSENT)
    assert consent.by.username == "focal_ken"
    assert consent.dated == datetime.date(2012, 1, 17)
    assert done.approved_on == datetime.date(2012, 1, 7)


def test_demo_reports_reach_every_stage(demo):
    done = Visit.objects.filter(status=VisitStatus.DONE)

    assert Counter(done.values_list("report_status", flat=True)) == {
        ReportStatus.TRANSMITTED: 2,
        ReportStatus.DRAFT: 2,
        ReportStatus.APPROVED: 1,
        ReportStatus.CTED_REVIEW: 1,
        ReportStatus.WITH_COMMITTEE: 1,
    }


def test_demo_joint_visits_have_the_partner_bodies_and_regional_organisations(demo):
    joint = Visit.objects.filter(partners__isnull=False).distinct()
    codes = set(joint.values_list("partners__code", flat=True))
    kinds = set(joint.values_list("partners__kind", flat=True))

    assert joint.count() == 12
    assert {"1267-monitoring-team", "1540-experts", "unodc-tpb"} <= codes
    assert OrganisationKind.REGIONAL in kinds


def test_demo_follow_up_has_every_status_owner_and_overdue_actions(demo):
    actions = FollowUpAction.objects.all()
    today = follow_up_selectors.hq_today()

    assert Recommendation.objects.count() == 18
    assert Counter(actions.values_list("status", flat=True)) == {
        FollowUpStatus.OPEN: 6,
        FollowUpStatus.IN_PROGRESS: 4,
        FollowUpStatus.DONE: 3,
        FollowUpStatus.DROPPED: 2,
    }
    assert set(actions.values_list("owner_kind", flat=True)) == set(OwnerKind.values)
    assert actions.filter(follow_up_selectors.overdue_q(today)).count() == 5
    assert not actions.filter(status=FollowUpStatus.DROPPED, drop_reason="").exists()
    assert OutcomeEvaluation.objects.get().visit.state.iso3 == "KEN"


def test_demo_focal_point_of_kenya_finds_its_overdue_actions_in_the_secure_area(demo, client):
    focal = User.objects.get(username="focal_ken")
    overdue = follow_up_selectors.follow_up_list(user=focal, owner="me", overdue=True)
    client.force_login(focal)

    response = client.get(reverse("visits_secure:follow_up"), {"overdue": "true"})

    assert overdue.count() == 3
    assert response.status_code == 200
    for action in overdue:
        assert action.description in response.content.decode()


def test_demo_seeded_again_adds_nothing(demo):
    before = _counts()

    call_command("seed_demo", stdout=StringIO())

    assert _counts() == before
