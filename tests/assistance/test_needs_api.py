import pytest

from assistance.models import Need
from ctc.accounts.enums import Role
from ctc.states.models import MemberState
from tests.factories import NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db
JSON = "application/json"
NEEDS = "/api/v1/assistance/needs/"


def _signed_in(client, user):
    client.force_login(user)
    return client


def _ids(response) -> list[int]:
    return [row["id"] for row in response.json()["results"]]


def test_api_needs_list_gives_codes_and_filters(client, personas):
    high = NeedFactory(priority="high")
    NeedFactory(priority="low")
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    response = client.get(NEEDS, {"priority": "high", "state": "KEN"})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    row = body["results"][0]
    assert (row["id"], row["state"], row["priority"], row["shared_with_donors"]) == (
        high.pk,
        "KEN",
        "high",
        False,
    )
    assert row["thematic_area"] == high.thematic_area.code


def test_api_needs_list_with_an_unknown_status_answers_400(client, personas):
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    response = client.get(NEEDS, {"status": "lost"})

    assert response.status_code == 400
    assert list(response.json()) == ["status"]


def test_api_donor_sees_only_consented_needs_in_lists_counts_and_details(client, personas):
    donor = personas[Role.DONOR]
    OfferFactory(provider=donor.organisation)
    shared = NeedFactory(shared_with_donors=True)
    unshared = NeedFactory()
    client = _signed_in(client, donor)

    listing = client.get(NEEDS)

    assert listing.json()["count"] == 1
    assert _ids(listing) == [shared.pk]
    assert client.get(f"{NEEDS}{shared.pk}/").status_code == 200
    assert client.get(f"{NEEDS}{unshared.pk}/").status_code == 404
    assert client.get(NEEDS, {"shared": "false"}).json()["count"] == 0


def test_api_need_create_by_an_expert(client, personas):
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    response = client.post(
        NEEDS,
        {
            "state": "KEN",
            "thematic_area": "legislation",
            "description": "Model law.",
            "priority": "high",
            "wanted_from": "2012-01-01",
        },
        content_type=JSON,
    )

    assert response.status_code == 201
    need = Need.objects.get()
    assert response.json()["id"] == need.pk
    assert (need.thematic_area.code, need.source, need.created_by.username) == (
        "legislation",
        "state_request",
        "expert",
    )


def test_api_need_create_with_bad_input_answers_400_per_field(client, personas):
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    response = client.post(
        NEEDS,
        {
            "state": "KEN",
            "thematic_area": "astrology",
            "description": "",
            "wanted_from": "2012-06-01",
            "wanted_until": "2012-01-01",
        },
        content_type=JSON,
        headers={"accept-language": "en"},
    )

    assert response.status_code == 400
    assert response.json() == {
        "description": ["Describe the assistance the State needs."],
        "thematic_area": ["Unknown thematic area “astrology”."],
        "wanted_until": ["“Wanted until” cannot be before “wanted from”."],
    }
    assert Need.objects.count() == 0


def test_api_need_create_by_a_donor_is_403(client, personas):
    client = _signed_in(client, personas[Role.DONOR])

    response = client.post(
        NEEDS,
        {"state": "KEN", "thematic_area": "legislation", "description": "x"},
        content_type=JSON,
    )

    assert response.status_code == 403
    assert Need.objects.count() == 0


def test_api_need_patch_changes_only_what_is_sent(client, personas):
    need = NeedFactory(priority="low")
    client = _signed_in(client, personas[Role.CTED_COORDINATOR])

    response = client.patch(f"{NEEDS}{need.pk}/", {"priority": "high"}, content_type=JSON)

    assert response.status_code == 200
    need.refresh_from_db()
    assert (need.priority, need.description) == ("high", NeedFactory.description)
    assert response.json()["priority"] == "high"


def test_api_need_patch_with_a_bad_state_answers_400(client, personas):
    need = NeedFactory()
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    response = client.patch(
        f"{NEEDS}{need.pk}/", {"state": "ZZZ"}, content_type=JSON, headers={"accept-language": "en"}
    )

    assert response.status_code == 400
    assert response.json() == {"state": ["Choose a member state."]}
    assert Need.objects.get(pk=need.pk).state == MemberState.objects.get(iso3="KEN")


def test_api_need_consent_shares_the_need_with_the_donor_it_reaches(client, personas):
    donor = personas[Role.DONOR]
    need = NeedFactory()
    OfferFactory(provider=donor.organisation, thematic_areas=[need.thematic_area])
    expert = _signed_in(client, personas[Role.CTED_EXPERT])

    response = expert.post(
        f"{NEEDS}{need.pk}/consent/",
        {"shared": True, "dated": "2012-03-01", "reference": "Note 12/34"},
        content_type=JSON,
    )

    assert response.status_code == 200
    assert (response.json()["shared_with_donors"], response.json()["consent_reference"]) == (
        True,
        "Note 12/34",
    )
    assert need.history.count() == 2
    assert _ids(_signed_in(client, donor).get(NEEDS)) == [need.pk]


def test_api_need_consent_in_the_future_answers_400_and_changes_nothing(client, personas):
    need = NeedFactory()
    expert = _signed_in(client, personas[Role.CTED_EXPERT])

    response = expert.post(
        f"{NEEDS}{need.pk}/consent/", {"shared": True, "dated": "2999-01-01"}, content_type=JSON
    )

    assert response.status_code == 400
    assert response.json() == {"dated": ["The date cannot be in the future."]}
    need.refresh_from_db()
    assert (need.shared_with_donors, need.history.count()) == (False, 1)


def test_api_need_withdraw_then_reopen(client, personas):
    need = NeedFactory()
    expert = _signed_in(client, personas[Role.CTED_EXPERT])

    withdrawn = expert.post(f"{NEEDS}{need.pk}/withdraw/")
    again = expert.post(f"{NEEDS}{need.pk}/withdraw/")
    reopened = expert.post(f"{NEEDS}{need.pk}/reopen/")

    assert (withdrawn.status_code, withdrawn.json()["status"]) == (200, "withdrawn")
    assert again.status_code == 400
    assert again.json() == ["This is not possible while the need is “Withdrawn”."]
    assert (reopened.status_code, reopened.json()["status"]) == (200, "open")


def test_api_focal_point_reads_no_needs_not_even_its_states(client, personas):
    focal = personas[Role.FOCAL_POINT]
    need = NeedFactory(state=focal.member_state, shared_with_donors=True)
    client = _signed_in(client, focal)

    assert client.get(NEEDS).json()["count"] == 0
    assert client.get(f"{NEEDS}{need.pk}/").status_code == 404
