import datetime

import pytest
from django.utils import translation

from assistance.models import Offer
from ctc.accounts.enums import Role
from ctc.themes.models import ThematicArea
from tests.factories import OfferFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def _signed_in(client, user):
    client.force_login(user)
    return client


def _form(provider, **overrides):
    data = {
        "provider": provider.pk,
        "title": "Prosecutors' training",
        "description": "Mentoring of prosecutors in terrorism cases.",
        "thematic_areas": [ThematicArea.objects.get(code="legislation").pk],
        "subregions": ["014", "017"],
        "states": ["KEN"],
        "starts_on": "2012-02-01",
        "ends_on": "2012-12-31",
        "budget_band": "under_100k",
        "delivery_modes": ["mentoring"],
        "languages": ["en", "fr"],
        "contact_name": "",
        "contact_email": "",
    }
    return {**data, **overrides}


def test_donor_lists_only_its_own_programmes(client, personas):
    donor = personas[Role.DONOR]
    mine = OfferFactory(provider=donor.organisation)
    OfferFactory(provider=OrganisationFactory(kind="donor"))
    client = _signed_in(client, donor)

    response = client.get("/en/assistance/offers/")

    assert [o.pk for o in response.context["page"]] == [mine.pk]


def test_donor_gets_404_for_another_donors_programme(client, personas):
    theirs = OfferFactory(provider=OrganisationFactory(kind="donor"))
    client = _signed_in(client, personas[Role.DONOR])

    assert client.get(f"/en/assistance/offers/{theirs.pk}/").status_code == 404
    assert client.post(f"/en/assistance/offers/{theirs.pk}/close/").status_code == 404
    assert Offer.objects.get(pk=theirs.pk).status == "active"


def test_partner_has_no_programme_pages(client, personas):
    offer = OfferFactory()
    client = _signed_in(client, personas[Role.PARTNER_ANALYST])

    assert client.get("/en/assistance/offers/").status_code == 404
    assert client.get(f"/en/assistance/offers/{offer.pk}/").status_code == 404


def test_donor_records_a_programme_from_the_page(client, personas):
    donor = personas[Role.DONOR]
    client = _signed_in(client, donor)

    form = client.get("/en/assistance/offers/new/")
    response = client.post("/en/assistance/offers/new/", _form(donor.organisation))

    offer = Offer.objects.get()
    assert list(form.context["form"].fields["provider"].queryset) == [donor.organisation]
    assert response.status_code == 302
    assert response["Location"] == f"/en/assistance/offers/{offer.pk}/"
    assert (offer.provider, offer.subregions, offer.languages) == (
        donor.organisation,
        ["014", "017"],
        ["en", "fr"],
    )


def test_donor_cannot_post_a_programme_for_another_organisation(client, personas):
    other = OrganisationFactory(kind="donor")
    client = _signed_in(client, personas[Role.DONOR])

    response = client.post("/en/assistance/offers/new/", _form(other))

    assert response.status_code == 400
    assert Offer.objects.count() == 0


def test_programme_ending_before_it_starts_answers_400_with_the_message(client, personas):
    client = _signed_in(client, personas[Role.CTED_EXPERT])
    provider = personas[Role.DONOR].organisation

    with translation.override("en"):
        response = client.post(
            "/en/assistance/offers/new/",
            _form(provider, starts_on="2013-01-01", ends_on="2012-01-01"),
        )

    assert response.status_code == 400
    assert "The programme cannot end before it starts." in response.content.decode()
    assert Offer.objects.count() == 0


def test_programme_with_an_unknown_budget_band_answers_400(client, personas):
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    response = client.post(
        "/en/assistance/offers/new/", _form(personas[Role.DONOR].organisation, budget_band="-100")
    )

    assert response.status_code == 400
    assert Offer.objects.count() == 0


def test_programme_page_shows_its_details_and_closes(client, personas):
    offer = OfferFactory(
        provider=personas[Role.DONOR].organisation, delivery_modes=["training", "equipment"]
    )
    client = _signed_in(client, personas[Role.DONOR])

    html = client.get(f"/en/assistance/offers/{offer.pk}/").content.decode()
    closed = client.post(f"/en/assistance/offers/{offer.pk}/close/")

    assert "Training, Equipment" in html
    assert "Languages of delivery</dt><dd>English, French</dd>" in html
    assert "100,000 to 500,000 USD" in html
    assert closed.status_code == 302
    assert Offer.objects.get(pk=offer.pk).status == "closed"


def test_programme_edit_page_saves(client, personas):
    offer = OfferFactory()
    client = _signed_in(client, personas[Role.CTED_COORDINATOR])

    response = client.post(
        f"/en/assistance/offers/{offer.pk}/edit/", _form(offer.provider, title="Renamed programme")
    )

    assert response.status_code == 302
    assert Offer.objects.get(pk=offer.pk).title == "Renamed programme"


def test_committee_reads_programmes_but_cannot_record_one(client, personas):
    offer = OfferFactory()
    client = _signed_in(client, personas[Role.COMMITTEE_MEMBER])

    assert client.get(f"/en/assistance/offers/{offer.pk}/").status_code == 200
    assert client.get("/en/assistance/offers/new/").status_code == 403
    assert client.post(f"/en/assistance/offers/{offer.pk}/close/").status_code == 403


def test_programme_pages_name_its_regions_and_subregions(client, personas):
    offer = OfferFactory(is_global=False, regions=["150"], subregions=["014"], title="Regional")
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    detail = client.get(f"/en/assistance/offers/{offer.pk}/").content.decode()
    listing = client.get("/en/assistance/offers/").content.decode()

    assert "Europe; Eastern Africa" in detail
    assert "Europe; Eastern Africa" in listing
