import datetime

import pytest

from assistance.models import Need
from ctc.accounts.enums import Role
from ctc.states.models import MemberState
from ctc.themes.models import ThematicArea
from tests.factories import NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def _signed_in(client, user):
    client.force_login(user)
    return client


def _shared(**fields):
    return NeedFactory(shared_with_donors=True, **fields)


def test_needs_list_filters_by_state_priority_and_shared(client, personas):
    kenya_high = _shared(priority="high", description="Kenya high")
    NeedFactory(priority="high", description="Kenya high unshared")
    NeedFactory(state=MemberState.objects.get(iso3="FRA"), priority="high")
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    response = client.get(
        "/en/assistance/needs/", {"state": "KEN", "priority": "high", "shared": "true"}
    )

    assert response.status_code == 200
    assert [n.pk for n in response.context["page"]] == [kenya_high.pk]
    assert "1 need" in response.content.decode()


def test_needs_list_with_an_unknown_state_answers_400_with_the_message(client, personas):
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    response = client.get("/en/assistance/needs/", {"state": "XXX"})

    assert response.status_code == 400
    assert "No member state has this code." in response.content.decode()


def test_needs_list_pages_by_25(client, personas):
    for _n in range(27):
        NeedFactory()
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    first = client.get("/en/assistance/needs/")
    second = client.get("/en/assistance/needs/", {"page": 2})

    assert len(first.context["page"]) == 25
    assert len(second.context["page"]) == 2
    assert "Page 2 of 2" in second.content.decode()


def test_donor_sees_only_shared_needs_its_active_offers_cover(client, personas):
    donor = personas[Role.DONOR]
    area = ThematicArea.objects.order_by("pk").first()
    other_area = ThematicArea.objects.order_by("pk")[1]
    OfferFactory(
        provider=donor.organisation, is_global=False, states=[MemberState.objects.get(iso3="KEN")]
    )
    covered = _shared()
    NeedFactory()  # not shared
    _shared(thematic_area=other_area)  # outside its thematic areas
    _shared(state=MemberState.objects.get(iso3="FRA"))  # outside its States
    _shared(status="withdrawn")
    client = _signed_in(client, donor)

    listing = client.get("/en/assistance/needs/")
    unshared = NeedFactory(thematic_area=area)

    assert [n.pk for n in listing.context["page"]] == [covered.pk]
    assert client.get(f"/en/assistance/needs/{covered.pk}/").status_code == 200
    assert client.get(f"/en/assistance/needs/{unshared.pk}/").status_code == 404


def test_donor_loses_a_need_when_the_state_withdraws_consent(client, personas):
    donor = personas[Role.DONOR]
    OfferFactory(provider=donor.organisation)
    need = _shared()
    expert = _signed_in(client, personas[Role.CTED_EXPERT])
    expert.post(f"/en/assistance/needs/{need.pk}/consent/", {"shared": "no", "dated": "2012-05-01"})
    client = _signed_in(client, donor)

    assert client.get(f"/en/assistance/needs/{need.pk}/").status_code == 404
    assert client.get("/en/assistance/needs/").context["page"].paginator.count == 0


def test_need_detail_shows_the_consent_and_hides_forms_from_readers(client, personas):
    need = _shared(consent_recorded_on=D(2012, 4, 2), consent_reference="NV/12/4")
    client = _signed_in(client, personas[Role.COMMITTEE_MEMBER])

    html = client.get(f"/en/assistance/needs/{need.pk}/").content.decode()

    assert "The State agrees to share this need with donors." in html
    assert "Answer of 2 April 2012" in html
    assert "NV/12/4" in html
    assert "Record the State&#x27;s answer" not in html
    assert "Withdraw the need" not in html


def test_need_create_from_the_page(client, personas):
    area = ThematicArea.objects.get(code="legislation")
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    response = client.post(
        "/en/assistance/needs/new/",
        {
            "state": "KEN",
            "thematic_area": area.pk,
            "description": "Model law on terrorist financing.",
            "priority": "high",
            "source": "state_request",
            "wanted_from": "2012-03-01",
        },
    )

    need = Need.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/assistance/needs/{need.pk}/"
    assert (need.state.iso3, need.priority, need.wanted_from) == ("KEN", "high", D(2012, 3, 1))


def test_need_create_with_wanted_until_before_from_answers_400_and_saves_nothing(client, personas):
    area = ThematicArea.objects.get(code="legislation")
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    response = client.post(
        "/en/assistance/needs/new/",
        {
            "state": "KEN",
            "thematic_area": area.pk,
            "description": "",
            "priority": "high",
            "source": "state_request",
            "wanted_from": "2012-06-01",
            "wanted_until": "2012-05-01",
        },
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "“Wanted until” cannot be before “wanted from”." in html
    assert "This field is required." in html
    assert Need.objects.count() == 0


def test_need_edit_page_saves(client, personas):
    need = NeedFactory()
    client = _signed_in(client, personas[Role.CTED_COORDINATOR])

    response = client.post(
        f"/en/assistance/needs/{need.pk}/edit/",
        {
            "state": "KEN",
            "thematic_area": need.thematic_area_id,
            "description": "Sharper description.",
            "priority": "low",
            "source": "analysis",
        },
    )

    need.refresh_from_db()
    assert response.status_code == 302
    assert (need.description, need.priority, need.source) == (
        "Sharper description.",
        "low",
        "analysis",
    )


def test_need_consent_with_a_future_date_answers_400(client, personas):
    need = NeedFactory()
    client = _signed_in(client, personas[Role.CTED_EXPERT])
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)

    response = client.post(
        f"/en/assistance/needs/{need.pk}/consent/", {"shared": "yes", "dated": tomorrow.isoformat()}
    )

    assert response.status_code == 400
    assert "The date cannot be in the future." in response.content.decode()
    need.refresh_from_db()
    assert need.shared_with_donors is False


def test_need_status_withdraws_and_reopens(client, personas):
    need = NeedFactory()
    client = _signed_in(client, personas[Role.CTED_EXPERT])
    url = f"/en/assistance/needs/{need.pk}/status/"

    client.post(url, {"action": "withdraw"})
    withdrawn = Need.objects.get(pk=need.pk).status
    client.post(url, {"action": "reopen"})

    assert withdrawn == "withdrawn"
    assert Need.objects.get(pk=need.pk).status == "open"


def test_need_status_refused_step_is_said_and_changes_nothing(client, personas):
    need = NeedFactory()
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    response = client.post(
        f"/en/assistance/needs/{need.pk}/status/", {"action": "reopen"}, follow=True
    )

    assert "Only a withdrawn or met need can be opened again" in response.content.decode()
    assert Need.objects.get(pk=need.pk).status == "open"


def test_nav_shows_assistance_to_cted_and_not_to_a_focal_point(client, personas):
    cted = _signed_in(client, personas[Role.CTED_EXPERT]).get("/en/workspace/").content.decode()
    focal = _signed_in(client, personas[Role.FOCAL_POINT]).get("/en/workspace/").content.decode()

    assert 'href="/en/assistance/needs/"' in cted
    assert 'href="/en/assistance/needs/"' not in focal


def test_donor_with_a_subregional_programme_sees_that_subregions_shared_needs(client, personas):
    donor = personas[Role.DONOR]
    # Eastern Africa (UN M49 014) holds Kenya and Uganda, not France.
    OfferFactory(provider=donor.organisation, is_global=False, subregions=["014"])
    kenya = _shared()
    uganda = _shared(state=MemberState.objects.get(iso3="UGA"))
    _shared(state=MemberState.objects.get(iso3="FRA"))
    client = _signed_in(client, donor)

    response = client.get("/en/assistance/needs/")

    assert sorted(n.pk for n in response.context["page"]) == sorted([kenya.pk, uganda.pk])


def test_donor_with_a_regional_programme_sees_that_regions_shared_needs(client, personas):
    donor = personas[Role.DONOR]
    OfferFactory(provider=donor.organisation, is_global=False, regions=["150"])  # Europe
    _shared()
    france = _shared(state=MemberState.objects.get(iso3="FRA"))
    client = _signed_in(client, donor)

    response = client.get("/en/assistance/needs/")

    assert [n.pk for n in response.context["page"]] == [france.pk]


def test_needs_list_filters_by_region_and_subregion(client, personas):
    kenya = NeedFactory()
    france = NeedFactory(state=MemberState.objects.get(iso3="FRA"))
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    eastern_africa = client.get("/en/assistance/needs/", {"subregion": "014"})
    europe = client.get("/en/assistance/needs/", {"region": "150"})
    unknown = client.get("/en/assistance/needs/", {"region": "999"})

    assert [n.pk for n in eastern_africa.context["page"]] == [kenya.pk]
    assert [n.pk for n in europe.context["page"]] == [france.pk]
    assert unknown.status_code == 400
