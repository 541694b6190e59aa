import pytest

from assistance.models import Offer
from ctc.accounts.enums import Role
from tests.factories import OfferFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
JSON = "application/json"
OFFERS = "/api/v1/assistance/offers/"


def _signed_in(client, user):
    client.force_login(user)
    return client


def _ids(response) -> list[int]:
    return [row["id"] for row in response.json()["results"]]


def _offer_body(**overrides):
    body = {
        "title": "Counter-financing of terrorism programme",
        "description": "Mentoring of financial intelligence units.",
        "thematic_areas": ["legislation"],
        "regions": ["002"],
        "starts_on": "2012-01-01",
        "ends_on": "2012-12-31",
        "budget_band": "over_1m",
        "delivery_modes": ["mentoring"],
        "languages": ["fr"],
    }
    return {**body, **overrides}


def test_api_donor_creates_a_programme_of_its_own_without_naming_it(client, personas):
    donor = personas[Role.DONOR]
    client = _signed_in(client, donor)

    response = client.post(OFFERS, _offer_body(), content_type=JSON)

    assert response.status_code == 201
    offer = Offer.objects.get()
    assert offer.provider == donor.organisation
    assert response.json()["provider"] == donor.organisation.code
    assert response.json()["regions"] == ["002"]


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        (
            {"starts_on": "2013-01-01", "ends_on": "2012-01-01"},
            "ends_on",
            "The programme cannot end before it starts.",
        ),
        ({"thematic_areas": ["astrology"]}, "thematic_areas", "Unknown thematic area: astrology."),
        (
            {"budget_band": "-250000"},
            "budget_band",
            "A budget cannot be negative: choose a budget band.",
        ),
        ({"languages": ["xx"]}, "languages", "Unknown language code: xx."),
        ({"delivery_modes": ["telepathy"]}, "delivery_modes", "Unknown delivery mode: telepathy."),
        ({"provider": "nobody"}, "provider", "No organisation has the code “nobody”."),
    ],
)
def test_api_programme_with_bad_input_answers_400_with_the_message(
    client, personas, overrides, field, message
):
    client = _signed_in(client, personas[Role.CTED_EXPERT])
    body = _offer_body(**{"provider": personas[Role.DONOR].organisation.code, **overrides})

    response = client.post(OFFERS, body, content_type=JSON, headers={"accept-language": "en"})

    assert response.status_code == 400
    assert response.json() == {field: [message]}
    assert Offer.objects.count() == 0


def test_api_donor_cannot_create_for_another_organisation(client, personas):
    other = OrganisationFactory(kind="donor")
    client = _signed_in(client, personas[Role.DONOR])

    response = client.post(OFFERS, _offer_body(provider=other.code), content_type=JSON)

    assert response.status_code == 400
    assert Offer.objects.count() == 0


def test_api_donor_lists_and_reads_only_its_own_programmes(client, personas):
    donor = personas[Role.DONOR]
    mine = OfferFactory(provider=donor.organisation)
    theirs = OfferFactory(provider=OrganisationFactory(kind="donor"))
    client = _signed_in(client, donor)

    assert _ids(client.get(OFFERS)) == [mine.pk]
    assert client.get(f"{OFFERS}{theirs.pk}/").status_code == 404
    assert (
        client.patch(f"{OFFERS}{theirs.pk}/", {"title": "Mine now"}, content_type=JSON).status_code
        == 404
    )
    assert Offer.objects.get(pk=theirs.pk).title != "Mine now"


def test_api_programme_patch_by_its_donor(client, personas):
    donor = personas[Role.DONOR]
    offer = OfferFactory(provider=donor.organisation, description="Old.")
    client = _signed_in(client, donor)

    response = client.patch(
        f"{OFFERS}{offer.pk}/", {"languages": ["ar", "fr"], "title": "New title"}, content_type=JSON
    )

    assert response.status_code == 200
    offer.refresh_from_db()
    assert (offer.title, offer.languages, offer.description) == ("New title", ["ar", "fr"], "Old.")


def test_api_partner_sees_no_programmes(client, personas):
    OfferFactory()
    client = _signed_in(client, personas[Role.PARTNER_ANALYST])

    assert client.get(OFFERS).json()["count"] == 0


def test_api_programme_close_by_its_donor_then_again_answers_400(client, personas):
    donor = personas[Role.DONOR]
    offer = OfferFactory(provider=donor.organisation)
    records = offer.history.count()
    client.force_login(donor)

    closed = client.post(f"/api/v1/assistance/offers/{offer.pk}/close/")
    again = client.post(f"/api/v1/assistance/offers/{offer.pk}/close/")

    assert (closed.status_code, closed.json()["status"]) == (200, "closed")
    assert again.status_code == 400
    assert again.json() == ["The programme is already closed."]
    assert offer.history.count() == records + 1
