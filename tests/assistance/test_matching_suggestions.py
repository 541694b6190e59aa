"""Suggestions for one need or one offer, and their API: ranked, explained, within scope
(nothing unshared ever reaches a donor), in a constant number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assistance import matching
from assistance.enums import NeedStatus, OfferStatus, Priority
from ctc.accounts.enums import Role
from ctc.states.models import MemberState
from ctc.themes.models import ThematicArea
from tests.factories import NeedFactory, OfferFactory, OrganisationFactory

YEAR_2027 = dict(wanted_from=datetime.date(2027, 1, 1), wanted_until=datetime.date(2027, 12, 31))
PERIOD_2027 = dict(starts_on=datetime.date(2027, 1, 1), ends_on=datetime.date(2027, 12, 31))


@pytest.fixture
def areas(db):
    return list(ThematicArea.objects.order_by("pk")[:2])


@pytest.fixture
def kenya(db):
    return MemberState.objects.get(iso3="KEN")


@pytest.fixture
def need(areas, kenya):
    return NeedFactory(
        state=kenya,
        thematic_area=areas[0],
        priority=Priority.HIGH,
        shared_with_donors=True,
        **YEAR_2027,
    )


def _offers(areas, kenya, provider=None):
    """Names Kenya (95), global in French (68), global in 2030 (55), closed, other area."""
    provider = {"provider": provider} if provider else {}
    a, b = areas
    return {
        "kenya": OfferFactory(
            is_global=False,
            states=[kenya],
            thematic_areas=[a],
            languages=["en"],
            **PERIOD_2027,
            **provider,
        ),
        "world": OfferFactory(thematic_areas=[a, b], languages=["fr"], **PERIOD_2027, **provider),
        "late": OfferFactory(
            thematic_areas=[a],
            languages=["ar"],
            starts_on=datetime.date(2030, 1, 1),
            ends_on=datetime.date(2030, 12, 31),
            **provider,
        ),
        "closed": OfferFactory(
            thematic_areas=[a], status=OfferStatus.CLOSED, **PERIOD_2027, **provider
        ),
        "elsewhere": OfferFactory(thematic_areas=[b], **PERIOD_2027, **provider),
    }


def _ranked(found):
    return [(s.target.pk, s.score) for s in found]


def test_suggestions_for_need_are_active_offers_in_scope_best_first(personas, need, areas, kenya):
    offers = _offers(areas, kenya)

    found = matching.suggestions_for_need(need, personas[Role.CTED_EXPERT])

    assert _ranked(found) == [
        (offers["kenya"].pk, 95),
        (offers["world"].pk, 68),
        (offers["late"].pk, 55),
    ]
    assert found[0].explanation == [
        {
            "criterion": "thematic",
            "label": "Thematic fit",
            "fit": 1.0,
            "weight": 30,
            "points": 30.0,
            "reason": "The programme is devoted to this thematic area.",
        },
        {
            "criterion": "geographic",
            "label": "Geographic fit",
            "fit": 1.0,
            "weight": 25,
            "points": 25.0,
            "reason": "The programme names the State.",
        },
        {
            "criterion": "timing",
            "label": "Timing overlap",
            "fit": 1.0,
            "weight": 15,
            "points": 15.0,
            "reason": "The programme runs over 100 per cent of the time wanted.",
        },
        {
            "criterion": "priority",
            "label": "Priority of the need",
            "fit": 1.0,
            "weight": 15,
            "points": 15.0,
            "reason": "The need has a high priority.",
        },
        {
            "criterion": "language",
            "label": "Language of delivery",
            "fit": 1.0,
            "weight": 10,
            "points": 10.0,
            "reason": "Delivered in a language of the State: en.",
        },
        {
            "criterion": "track_record",
            "label": "Past delivery in the region",
            "fit": 0.0,
            "weight": 5,
            "points": 0.0,
            "reason": "No delivery by the provider in the region yet.",
        },
    ]


def test_suggestions_for_need_stop_at_the_limit_with_ties_by_pk(personas, need, areas, kenya):
    twins = [OfferFactory(thematic_areas=[areas[0]], **PERIOD_2027) for _ in range(3)]

    found = matching.suggestions_for_need(need, personas[Role.CTED_EXPERT], limit=2)

    assert _ranked(found) == [(twins[0].pk, 80), (twins[1].pk, 80)]


def test_suggestions_for_need_give_a_donor_only_its_own_offers(personas, need, areas, kenya):
    donor = personas[Role.DONOR]
    own = _offers(areas, kenya, provider=donor.organisation)
    _offers(areas, kenya, provider=OrganisationFactory(kind="donor"))

    found = matching.suggestions_for_need(need, donor)

    assert _ranked(found) == [(own["kenya"].pk, 95), (own["world"].pk, 68), (own["late"].pk, 55)]


def test_suggestions_for_an_unshared_need_give_a_donor_nothing(personas, need, areas, kenya):
    donor = personas[Role.DONOR]
    _offers(areas, kenya, provider=donor.organisation)
    need.shared_with_donors = False
    need.save()

    assert matching.suggestions_for_need(need, donor) == []
    assert len(matching.suggestions_for_need(need, personas[Role.CTED_EXPERT])) == 3


def test_suggestions_for_offer_never_give_a_donor_an_unshared_need(personas, need, areas, kenya):
    donor = personas[Role.DONOR]
    offer = OfferFactory(provider=donor.organisation, thematic_areas=[areas[0]], **PERIOD_2027)
    france = MemberState.objects.get(iso3="FRA")
    unshared = NeedFactory(state=france, thematic_area=areas[0], **YEAR_2027)
    withdrawn = NeedFactory(
        thematic_area=areas[0], shared_with_donors=True, status=NeedStatus.WITHDRAWN
    )

    found = matching.suggestions_for_offer(offer, donor)
    everything = matching.suggestions_for_offer(offer, personas[Role.CTED_EXPERT])

    assert _ranked(found) == [(need.pk, 80)]
    assert _ranked(everything) == [(need.pk, 80), (unshared.pk, 74)]
    assert withdrawn.pk not in [s.target.pk for s in everything]


def test_suggestions_for_another_donors_or_a_closed_offer_are_empty(personas, need, areas):
    donor = personas[Role.DONOR]
    other = OfferFactory(thematic_areas=[areas[0]], **PERIOD_2027)
    closed = OfferFactory(
        provider=donor.organisation,
        thematic_areas=[areas[0]],
        status=OfferStatus.CLOSED,
        **PERIOD_2027,
    )

    assert matching.suggestions_for_offer(other, donor) == []
    assert matching.suggestions_for_offer(closed, donor) == []
    assert matching.suggestions_for_offer(closed, personas[Role.CTED_EXPERT]) == []


@pytest.mark.parametrize("role", [Role.CTED_EXPERT, Role.DONOR])
def test_suggestions_for_need_queries_do_not_grow_with_the_offers(personas, need, areas, role):
    user = personas[role]
    provider = {"provider": user.organisation} if role == Role.DONOR else {}
    counts = []
    for size in (2, 12):
        while len(matching.suggestions_for_need(need, user, limit=50)) < size:
            OfferFactory(thematic_areas=[areas[0]], **PERIOD_2027, **provider)
        with CaptureQueriesContext(connection) as captured:
            found = matching.suggestions_for_need(need, user, limit=50)
        counts.append((len(found), len(captured)))
    assert counts == [(2, counts[0][1]), (12, counts[0][1])]


@pytest.mark.parametrize("role", [Role.CTED_EXPERT, Role.DONOR])
def test_suggestions_for_offer_queries_do_not_grow_with_the_needs(personas, areas, role):
    user = personas[role]
    offer = OfferFactory(
        provider=user.organisation or OrganisationFactory(kind="donor"),
        thematic_areas=[areas[0]],
        **PERIOD_2027,
    )
    counts = []
    for size in (2, 12):
        while len(matching.suggestions_for_offer(offer, user, limit=50)) < size:
            NeedFactory(thematic_area=areas[0], shared_with_donors=True, **YEAR_2027)
        with CaptureQueriesContext(connection) as captured:
            found = matching.suggestions_for_offer(offer, user, limit=50)
        counts.append((len(found), len(captured)))
    assert counts == [(2, counts[0][1]), (12, counts[0][1])]


# --- API ---------------------------------------------------------------------------------------
def _url(need_pk, limit=None):
    return f"/api/v1/assistance/needs/{need_pk}/suggestions/" + (f"?limit={limit}" if limit else "")


def test_api_need_suggestions_return_ranked_offers_with_explanation(
    client, personas, need, areas, kenya
):
    offers = _offers(areas, kenya)
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.get(_url(need.pk), headers={"Accept-Language": "en"})

    assert response.status_code == 200
    body = response.json()
    assert body["need"] == need.pk
    assert [(r["id"], r["score"]) for r in body["results"]] == [
        (offers["kenya"].pk, 95),
        (offers["world"].pk, 68),
        (offers["late"].pk, 55),
    ]
    first = body["results"][0]
    assert {k: first[k] for k in ("title", "starts_on", "ends_on", "languages")} == {
        "title": offers["kenya"].title,
        "starts_on": "2027-01-01",
        "ends_on": "2027-12-31",
        "languages": ["en"],
    }
    assert first["provider"]["id"] == offers["kenya"].provider_id
    assert first["explanation"][1] == {
        "criterion": "geographic",
        "label": "Geographic fit",
        "fit": 1.0,
        "weight": 25,
        "points": 25.0,
        "reason": "The programme names the State.",
    }


def test_api_need_suggestions_answer_404_outside_the_need_scope(client, personas, need):
    donor = personas[Role.DONOR]
    OfferFactory(provider=donor.organisation, thematic_areas=[need.thematic_area], **PERIOD_2027)
    need.shared_with_donors = False
    need.save()
    client.force_login(donor)

    assert client.get(_url(need.pk)).status_code == 404
    assert client.get(_url(need.pk + 1000)).status_code == 404


def test_api_need_suggestions_refuse_a_bad_limit_with_a_message(client, personas, need):
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.get(_url(need.pk, limit="lots"), headers={"Accept-Language": "en"})

    assert response.status_code == 400
    assert response.json() == {"limit": ["Give a whole number from 1 to 100."]}


def test_api_need_suggestions_refuse_anonymous(client, need):
    assert client.get(_url(need.pk)).status_code in (401, 403)


def test_api_offer_suggestions_answer_404_for_another_donors_offer(client, personas, areas):
    other = OfferFactory(thematic_areas=[areas[0]], **PERIOD_2027)
    client.force_login(personas[Role.DONOR])

    response = client.get(f"/api/v1/assistance/offers/{other.pk}/suggestions/")

    assert response.status_code == 404


def test_api_offer_suggestions_give_a_donor_only_shared_needs(client, personas, need, areas):
    donor = personas[Role.DONOR]
    offer = OfferFactory(provider=donor.organisation, thematic_areas=[areas[0]], **PERIOD_2027)
    NeedFactory(thematic_area=areas[0], **YEAR_2027)
    client.force_login(donor)

    body = client.get(f"/api/v1/assistance/offers/{offer.pk}/suggestions/").json()

    assert [(r["id"], r["state"], r["score"]) for r in body["results"]] == [(need.pk, "KEN", 80)]


def test_api_need_suggestions_queries_do_not_grow_with_the_offers(client, personas, need, areas):
    client.force_login(personas[Role.CTED_EXPERT])
    counts = []
    for size in (2, 12):
        while len(client.get(_url(need.pk, 50)).json()["results"]) < size:
            OfferFactory(thematic_areas=[areas[0]], **PERIOD_2027)
        with CaptureQueriesContext(connection) as captured:
            results = client.get(_url(need.pk, 50)).json()["results"]
        counts.append((len(results), len(captured)))
    assert counts == [(2, counts[0][1]), (12, counts[0][1])]


def test_suggestions_for_a_donors_subregional_offer_reach_shared_needs_there(personas, need, areas):
    donor = personas[Role.DONOR]
    offer = OfferFactory(
        provider=donor.organisation,
        is_global=False,
        subregions=["014"],
        thematic_areas=[areas[0]],
        **PERIOD_2027,
    )
    NeedFactory(state=MemberState.objects.get(iso3="PER"), thematic_area=areas[0], **YEAR_2027)

    found = matching.suggestions_for_offer(offer, donor)

    # Kenya is in Eastern Africa (014): 30 + 25 × 0.8 + 15 + 15 + 10.
    assert _ranked(found) == [(need.pk, 90)]
