"""The technical-assistance demo (seed_demo): needs in every region and thematic area, some
from the demo recommendations, most shared and some not; programmes of donors, UNODC and
regional organisations; matches in every status walked through the services, and the
matching job's proposals. Nothing unshared reaches the demo donor; a second run adds nothing."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from assessments.models import Recommendation as PriorityRecommendation
from assistance import match_selectors, permissions
from assistance.enums import MatchStatus, NeedSource, NeedStatus, OfferStatus, Priority
from assistance.models import Match, MatchTransition, Need, Offer
from ctc.accounts.models import User
from ctc.jobs.enums import JobStatus
from ctc.jobs.models import Job
from ctc.organisations.enums import OrganisationKind
from ctc.states.models import Region
from ctc.themes.models import ThematicArea
from visits.models import Recommendation as VisitRecommendation

pytestmark = pytest.mark.django_db

MODELS = [Need, Offer, Match, MatchTransition, Need.history.model, Offer.history.model]


@pytest.fixture(scope="module")
def demo(module_db):
    call_command("seed_demo", stdout=StringIO())
    return {"mails": len(mail.outbox)}


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_demo_needs_cover_every_region_thematic_area_priority_and_source(demo):
    needs = Need.objects.all()

    assert needs.count() >= 60
    assert set(needs.values_list("thematic_area", flat=True)) == set(
        ThematicArea.objects.values_list("pk", flat=True)
    )
    assert set(needs.values_list("state__region__code", flat=True)) == set(
        Region.objects.values_list("code", flat=True)
    )
    assert len(set(needs.values_list("state__subregion__code", flat=True))) >= 15
    assert set(needs.values_list("priority", flat=True)) == set(Priority.values)
    assert set(needs.values_list("source", flat=True)) == set(NeedSource.values)


def test_demo_needs_from_recommendations_link_the_recommendation_they_come_from(demo):
    from_visits = Need.objects.filter(source=NeedSource.VISIT_RECOMMENDATION)
    from_assessments = Need.objects.filter(source=NeedSource.PIA_RECOMMENDATION)

    assert from_visits.count() == 18
    assert from_assessments.count() == 12
    for need in [*from_visits, *from_assessments]:
        recommendation = need.source_object
        assert isinstance(recommendation, (VisitRecommendation, PriorityRecommendation))
        assert (need.description, need.thematic_area_id) == (
            recommendation.text,
            recommendation.thematic_area_id,
        )
    assert {n.source_object.visit.state_id for n in from_visits} == set(
        from_visits.values_list("state", flat=True)
    )
    assert set(from_assessments.values_list("priority", flat=True)) == {Priority.HIGH}


def test_demo_needs_are_mostly_shared_some_not_and_a_few_withdrawn(demo):
    shared = Need.objects.filter(shared_with_donors=True).count()
    unshared = Need.objects.filter(shared_with_donors=False)

    assert shared > 2 * unshared.count() > 0
    # Some States said no (their answer recorded), others were not asked yet.
    assert unshared.filter(consent_recorded_on__isnull=False).exists()
    assert unshared.filter(consent_recorded_on__isnull=True).exists()
    assert Need.objects.filter(status=NeedStatus.WITHDRAWN).count() == 3
    assert set(Need.objects.values_list("status", flat=True)) == set(NeedStatus.values)


def test_demo_offers_come_from_several_kinds_of_provider_with_every_scope(demo):
    offers = Offer.objects.all()

    assert offers.count() >= 20
    kinds = set(offers.values_list("provider__kind", flat=True))
    assert {OrganisationKind.DONOR, OrganisationKind.PARTNER_BODY, OrganisationKind.REGIONAL} <= (
        kinds
    )
    assert len(kinds) >= 4
    assert offers.filter(provider__code="unodc-tpb").count() == 3
    assert offers.filter(is_global=True).exists()
    assert offers.exclude(regions=[]).exists()
    assert offers.exclude(subregions=[]).exists()
    assert offers.filter(states__isnull=False).exists()
    assert min(o.starts_on for o in offers) >= datetime.date(2012, 1, 1)
    assert max(o.ends_on for o in offers) <= datetime.date(2014, 12, 31)
    assert offers.filter(status=OfferStatus.CLOSED).count() == 1
    assert len(set(offers.values_list("budget_band", flat=True))) == 4


def test_demo_matches_reach_every_status_through_the_services(demo):
    matches = Match.objects.all()

    assert set(matches.values_list("status", flat=True)) == set(MatchStatus.values)
    for match in matches.exclude(status=MatchStatus.PROPOSED):
        last = match.transitions.order_by("at", "pk").last()
        assert (last.to_status, match.proposed_by_id is not None) == (match.status, True)
    evaluated = matches.filter(status=MatchStatus.EVALUATED)
    assert set(evaluated.values_list("need_met", flat=True)) == {True, False}
    assert all(m.outcome for m in evaluated)
    assert all(m.decline_reason for m in matches.filter(status=MatchStatus.DECLINED))
    # The matching job's own proposals, besides those CTED made by hand.
    assert matches.filter(proposed_by__isnull=True, status=MatchStatus.PROPOSED).count() > 20


def test_demo_donor_has_three_programmes_and_matches_waiting_agreed_and_delivering(demo):
    donor = User.objects.get(username="donor")
    mine = permissions.match_scope(Match.objects.all(), donor)

    assert permissions.donor_offers(donor).filter(status=OfferStatus.ACTIVE).count() >= 3
    assert match_selectors.donor_answer_list(user=donor).count() >= 3
    assert {MatchStatus.AGREED, MatchStatus.DELIVERING} <= set(
        mine.values_list("status", flat=True)
    )
    # The donor answered and delivered its own: its steps are on record.
    assert MatchTransition.objects.filter(by=donor, to_status=MatchStatus.AGREED).exists()


def test_demo_donor_never_sees_a_need_the_state_did_not_share(demo, client):
    donor = User.objects.get(username="donor")
    unshared = Need.objects.filter(shared_with_donors=False)
    # Cambodia's unshared need is within the thematic and geographic scope of a donor's
    # programme: only the missing consent keeps it away.
    hidden = unshared.get(state__iso3="KHM", thematic_area__code="cft")
    visible = permissions.need_scope(Need.objects.all(), donor)

    assert visible.exists()
    assert not visible.filter(pk__in=unshared).exists()
    assert (
        not permissions.match_scope(Match.objects.all(), donor).filter(need__in=unshared).exists()
    )
    client.force_login(donor)
    page = client.get(reverse("assistance_donor:home")).content.decode()
    assert "Mentoring of the financial intelligence unit in analysing" in page
    assert hidden.description not in page


def test_demo_matching_ran_as_a_job_started_by_the_coordinator(demo):
    run = Job.objects.get(kind="assistance.match_all")

    assert (run.status, run.created_by.username) == (JobStatus.DONE, "coordinator")
    made = Match.objects.filter(proposed_in=run, proposed_by=None).count()
    assert made == run.params["result"]["created"] > 20


def test_demo_seeding_mails_nobody(demo):
    assert demo["mails"] == 0


def test_demo_seeded_again_adds_nothing(demo):
    before = _counts()

    call_command("seed_demo", stdout=StringIO())

    assert _counts() == before
