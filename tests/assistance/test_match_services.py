"""The match lifecycle: proposing by hand, every step with its rules, the need's status
following, who may act, and the notifications each step sends."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from assistance import match_services
from assistance.enums import MatchStatus, NeedStatus
from assistance.models import Match, MatchTransition
from assistance.notifications import MATCH_ANSWERED, MATCH_PROPOSED, match_proposed_tell
from ctc.accounts.enums import Role
from ctc.notifications.models import Notification
from ctc.organisations.models import Organisation
from ctc.themes.models import ThematicArea
from tests.factories import MatchFactory, NeedFactory, OfferFactory, UserFactory

pytestmark = pytest.mark.django_db

# The day the pair is scored: the factories' programme runs over the whole wanted window.
SCORED_ON = datetime.date(2012, 1, 1)


@pytest.fixture
def people(personas):
    return personas


@pytest.fixture
def donor_org(people):
    return people[Role.DONOR].organisation


@pytest.fixture
def need(people):
    return NeedFactory(shared_with_donors=True, created_by=people[Role.CTED_EXPERT])


@pytest.fixture
def offer(donor_org):
    return OfferFactory(provider=donor_org)


def _propose(need, offer, by):
    return match_services.match_propose(need=need, offer=offer, by=by, today=SCORED_ON)


def _steps(match) -> list[tuple[str, str, str, str]]:
    return [
        (t.action, t.from_status, t.to_status, t.by.username)
        for t in MatchTransition.objects.filter(match=match).order_by("at", "pk")
    ]


# --- Proposing ------------------------------------------------------------------------------


def test_match_propose_scores_the_pair_criterion_by_criterion(people, need, offer):
    match = _propose(need, offer, people[Role.CTED_EXPERT])

    # Specialised 30 + global 0.4×25 + full overlap 15 + medium 0.6×15 + English 10 + no record.
    assert match.score == 74
    assert [(e["criterion"], e["points"]) for e in match.explanation] == [
        ("thematic", 30.0),
        ("geographic", 10.0),
        ("timing", 15.0),
        ("priority", 9.0),
        ("language", 10.0),
        ("track_record", 0.0),
    ]
    assert (match.status, match.proposed_by) == (MatchStatus.PROPOSED, people[Role.CTED_EXPERT])


def test_match_propose_tells_the_providers_donors_once(people, need, offer, donor_org):
    colleague = UserFactory(roles=[Role.DONOR], organisation=donor_org)
    stranger = UserFactory(
        roles=[Role.DONOR], organisation=Organisation.objects.get(code="world-bank")
    )

    match = _propose(need, offer, people[Role.CTED_EXPERT])
    again = match_proposed_tell([match], actor=None)

    told = Notification.objects.filter(kind=MATCH_PROPOSED)
    assert sorted(told.values_list("recipient__username", flat=True)) == sorted(
        ["donor", colleague.username]
    )
    assert again == 0
    assert not told.filter(recipient=stranger).exists()
    assert told.first().url == f"/en/assistance/matches/{match.pk}/"


def test_match_propose_of_an_unshared_need_tells_no_donor(people, offer):
    unshared = NeedFactory(shared_with_donors=False)

    _propose(unshared, offer, people[Role.CTED_EXPERT])

    assert Notification.objects.filter(kind=MATCH_PROPOSED).count() == 0


def test_match_propose_notification_reads_in_the_donors_language(people, need, offer):
    donor = people[Role.DONOR]
    donor.preferred_language = "ru"
    donor.save()
    _propose(need, offer, people[Role.CTED_EXPERT])
    notification = Notification.objects.get(kind=MATCH_PROPOSED, recipient=donor)

    with translation.override("ru"):
        subject, text = notification.rendered

    assert offer.title in subject
    assert "Кения" in text and "74" in text


def test_match_propose_refuses_a_programme_out_of_the_need_thematic_area(people, need, donor_org):
    other_area = ThematicArea.objects.order_by("pk")[1]
    elsewhere = OfferFactory(provider=donor_org, thematic_areas=[other_area])

    with pytest.raises(ValidationError) as refused:
        _propose(need, elsewhere, people[Role.CTED_EXPERT])

    assert refused.value.message_dict == {
        "offer": ["This programme does not cover the need's thematic area or its State."]
    }
    assert Match.objects.count() == 0


def test_match_propose_refuses_a_programme_out_of_the_need_state(people, need, donor_org):
    from ctc.states.models import MemberState

    france_only = OfferFactory(
        provider=donor_org, is_global=False, states=[MemberState.objects.get(iso3="FRA")]
    )

    with pytest.raises(ValidationError):
        _propose(need, france_only, people[Role.CTED_EXPERT])

    assert Match.objects.count() == 0


def test_match_propose_refuses_a_pair_already_matched(people, need, offer):
    _propose(need, offer, people[Role.CTED_EXPERT])

    with pytest.raises(ValidationError) as refused:
        _propose(need, offer, people[Role.CTED_COORDINATOR])

    assert refused.value.message_dict == {
        "offer": ["This programme is already matched with this need (“Proposed”)."]
    }
    assert Match.objects.count() == 1


def test_match_propose_refuses_a_met_need_and_a_closed_programme(people, offer, donor_org):
    met = NeedFactory(shared_with_donors=True, status=NeedStatus.MET)
    closed = OfferFactory(provider=donor_org, status="closed")

    with pytest.raises(ValidationError) as refused:
        _propose(met, closed, people[Role.CTED_EXPERT])

    assert refused.value.message_dict == {
        "need": ["This need is “Met”: no match can be proposed for it."],
        "offer": ["This programme is closed."],
    }


@pytest.mark.parametrize(
    "role", [Role.DONOR, Role.COMMITTEE_MEMBER, Role.ADMINISTRATOR, Role.PARTNER_ANALYST]
)
def test_match_propose_refuses_who_does_not_write(people, need, offer, role):
    with pytest.raises(PermissionDenied):
        _propose(need, offer, people[role])

    assert Match.objects.count() == 0


# --- The whole lifecycle --------------------------------------------------------------------


def test_match_lifecycle_every_step_attributed_and_the_need_follows(people, need, offer):
    expert, coordinator, donor = (
        people[Role.CTED_EXPERT],
        people[Role.CTED_COORDINATOR],
        people[Role.DONOR],
    )
    match = _propose(need, offer, expert)

    match_services.match_contact(match=match, by=expert, comment="Called the programme.")
    match_services.match_agree(match=match, by=donor)
    need.refresh_from_db()
    assert need.status == NeedStatus.MATCHED
    match_services.match_start(match=match, by=donor)
    match_services.match_deliver(match=match, by=donor)
    match_services.match_evaluate(
        match=match, by=coordinator, outcome="Forty investigators trained.", need_met=True
    )

    match.refresh_from_db()
    need.refresh_from_db()
    assert (match.status, match.outcome, match.need_met) == (
        MatchStatus.EVALUATED,
        "Forty investigators trained.",
        True,
    )
    assert need.status == NeedStatus.MET
    assert _steps(match) == [
        ("contact", "proposed", "contacted", "expert"),
        ("agree", "contacted", "agreed", "donor"),
        ("start", "agreed", "delivering", "donor"),
        ("deliver", "delivering", "delivered", "donor"),
        ("evaluate", "delivered", "evaluated", "coordinator"),
    ]
    assert MatchTransition.objects.filter(match=match, at__isnull=True).count() == 0
    assert need.history.first().history_user == coordinator


def test_match_decline_needs_a_reason_and_changes_nothing_without_one(people, need, offer):
    match = _propose(need, offer, people[Role.CTED_EXPERT])

    with pytest.raises(ValidationError) as refused:
        match_services.match_decline(match=match, by=people[Role.DONOR], comment="  ")

    assert refused.value.message_dict == {"comment": ["Say why the match is declined."]}
    match.refresh_from_db()
    assert match.status == MatchStatus.PROPOSED
    assert _steps(match) == []


def test_match_decline_after_agreeing_opens_the_need_again(people, need, offer):
    match = _propose(need, offer, people[Role.CTED_EXPERT])
    match_services.match_agree(match=match, by=people[Role.DONOR])

    match_services.match_decline(match=match, by=people[Role.DONOR], comment="The budget was cut.")

    match.refresh_from_db()
    need.refresh_from_db()
    assert (match.status, match.decline_reason) == (MatchStatus.DECLINED, "The budget was cut.")
    assert need.status == NeedStatus.OPEN


def test_match_decline_keeps_the_need_matched_while_another_match_holds_it(people, need, offer):
    other = MatchFactory(need=need, status=MatchStatus.DELIVERING)
    match = _propose(need, offer, people[Role.CTED_EXPERT])
    match_services.match_agree(match=match, by=people[Role.CTED_EXPERT])

    match_services.match_decline(match=match, by=people[Role.CTED_EXPERT], comment="Overlap.")

    need.refresh_from_db()
    assert need.status == NeedStatus.MATCHED
    assert other.need_id == need.pk


def test_match_evaluate_not_met_opens_the_need_again(people, need, offer):
    match = MatchFactory(need=need, offer=offer, status=MatchStatus.DELIVERED)
    need.status = NeedStatus.MATCHED
    need.save()

    match_services.match_evaluate(
        match=match, by=people[Role.CTED_EXPERT], outcome="Only one course held.", need_met=False
    )

    need.refresh_from_db()
    match.refresh_from_db()
    assert (match.need_met, need.status) == (False, NeedStatus.OPEN)


def test_match_evaluate_requires_the_outcome_and_whether_the_need_is_met(people, need, offer):
    match = MatchFactory(need=need, offer=offer, status=MatchStatus.DELIVERED)

    with pytest.raises(ValidationError) as refused:
        match_services.match_evaluate(
            match=match, by=people[Role.CTED_EXPERT], outcome="", need_met=None
        )

    assert refused.value.message_dict == {
        "outcome": ["Describe the outcome."],
        "need_met": ["Say whether the need is met."],
    }
    match.refresh_from_db()
    assert match.status == MatchStatus.DELIVERED


def test_match_step_refused_from_the_wrong_status_says_why(people, need, offer):
    match = MatchFactory(need=need, offer=offer, status=MatchStatus.DELIVERED)

    with pytest.raises(ValidationError) as refused:
        match_services.match_agree(match=match, by=people[Role.CTED_EXPERT])

    assert refused.value.messages == ["This is not possible while the match is “Delivered”."]


def test_match_contact_and_agree_refused_while_the_need_is_not_shared(people, offer):
    match = MatchFactory(need=NeedFactory(shared_with_donors=False), offer=offer)
    message = [
        "The State has not agreed to share this need with donors: the provider cannot be "
        "approached about it."
    ]

    with pytest.raises(ValidationError) as contact:
        match_services.match_contact(match=match, by=people[Role.CTED_EXPERT])
    with pytest.raises(ValidationError) as agree:
        match_services.match_agree(match=match, by=people[Role.CTED_EXPERT])

    assert (contact.value.messages, agree.value.messages) == (message, message)
    match.refresh_from_db()
    assert match.status == MatchStatus.PROPOSED
    assert _steps(match) == []


def test_match_agree_refused_once_the_need_is_withdrawn(people, offer):
    need = NeedFactory(shared_with_donors=True, status=NeedStatus.WITHDRAWN)
    match = MatchFactory(need=need, offer=offer)

    with pytest.raises(ValidationError) as refused:
        match_services.match_agree(match=match, by=people[Role.CTED_EXPERT])

    assert refused.value.messages == ["The need is “Withdrawn”: the match cannot be agreed."]
    need.refresh_from_db()
    assert need.status == NeedStatus.WITHDRAWN


# --- Who may act ----------------------------------------------------------------------------


def test_donor_cannot_answer_a_match_of_another_donors_programme(people, need):
    foreign = MatchFactory(
        need=need, offer=OfferFactory(provider=Organisation.objects.get(code="world-bank"))
    )

    with pytest.raises(ValidationError):
        match_services.match_agree(match=foreign, by=people[Role.DONOR])

    foreign.refresh_from_db()
    assert foreign.status == MatchStatus.PROPOSED


@pytest.mark.parametrize("action", ["contact", "evaluate"])
def test_donor_never_contacts_nor_evaluates(people, need, offer, action):
    status = MatchStatus.DELIVERED if action == "evaluate" else MatchStatus.PROPOSED
    match = MatchFactory(need=need, offer=offer, status=status)

    with pytest.raises(PermissionDenied):
        match_services.match_transition(
            match=match, action=action, by=people[Role.DONOR], outcome="x", need_met=True
        )


@pytest.mark.parametrize("role", [Role.COMMITTEE_MEMBER, Role.ADMINISTRATOR, Role.FOCAL_POINT])
def test_match_steps_refused_to_readers(people, need, offer, role):
    match = MatchFactory(need=need, offer=offer)

    with pytest.raises(PermissionDenied):
        match_services.match_agree(match=match, by=people[role])


# --- CTED hears of the donor's answer -------------------------------------------------------


def test_donor_agreeing_tells_the_need_recorder_and_the_coordinators(people, need, offer):
    match = _propose(need, offer, people[Role.CTED_EXPERT])

    match_services.match_agree(match=match, by=people[Role.DONOR])

    told = Notification.objects.filter(kind=MATCH_ANSWERED)
    assert sorted(told.values_list("recipient__username", flat=True)) == [
        "coordinator",
        "expert",
    ]
    assert told.first().subject == f"{people[Role.DONOR].organisation.name} agreed to a match"


def test_donor_declining_tells_cted_the_reason_in_their_language(people, need, offer):
    coordinator = people[Role.CTED_COORDINATOR]
    coordinator.preferred_language = "es"
    coordinator.save()
    match = _propose(need, offer, people[Role.CTED_EXPERT])

    match_services.match_decline(match=match, by=people[Role.DONOR], comment="No budget left.")

    notification = Notification.objects.get(kind=MATCH_ANSWERED, recipient=coordinator)
    assert notification.params["reason"] == "No budget left."
    assert notification.text.endswith("No budget left.")
    with translation.override("zh-hans"):
        fresh = Notification.objects.get(pk=notification.pk)
        assert "肯尼亚" in fresh.rendered[1]


def test_cted_answering_for_the_provider_tells_nobody(people, need, offer):
    match = _propose(need, offer, people[Role.CTED_EXPERT])

    match_services.match_agree(match=match, by=people[Role.CTED_COORDINATOR])

    assert Notification.objects.filter(kind=MATCH_ANSWERED).count() == 0


def test_match_propose_counts_the_providers_deliveries_in_the_subregion(people, need, offer):
    # Three deliveries in Kenya (Eastern Africa, 014) by the same provider: a full record.
    for status in (MatchStatus.DELIVERED, MatchStatus.EVALUATED, MatchStatus.DELIVERED):
        MatchFactory(need=NeedFactory(shared_with_donors=True), offer=offer, status=status)
    MatchFactory(need=NeedFactory(shared_with_donors=True), offer=offer, status="agreed")

    match = _propose(need, OfferFactory(provider=offer.provider), people[Role.CTED_EXPERT])

    record = match.explanation[-1]
    assert (record["reason"], record["params"], record["points"]) == (
        "subregion",
        {"count": 3},
        5.0,
    )
    assert match.score == 79
