import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from assistance import services
from assistance.models import Offer
from ctc.accounts.enums import Role
from ctc.organisations.models import Organisation
from ctc.themes.models import ThematicArea
from tests.factories import OfferFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def _data(**overrides):
    data = {
        "title": "Border management programme",
        "description": "Training and equipment for border police.",
        "thematic_areas": ["border-control"],
        "is_global": False,
        "regions": [],
        "subregions": ["014"],
        "states": ["KEN", "UGA"],
        "starts_on": D(2012, 1, 1),
        "ends_on": D(2013, 6, 30),
        "budget_band": "500k_1m",
        "delivery_modes": ["equipment", "training"],
        "languages": ["fr", "en"],
        "contact_name": "A. Officer",
        "contact_email": "officer@example.org",
    }
    return {**data, **overrides}


@pytest.fixture
def provider(personas):
    return personas[Role.DONOR].organisation


def _errors(exc) -> dict:
    return exc.value.message_dict


def test_offer_create_by_cted_records_the_programme_with_history(personas, provider):
    offer = services.offer_create(provider=provider, **_data(), by=personas[Role.CTED_EXPERT])

    offer.refresh_from_db()
    assert offer.provider == provider
    assert list(offer.thematic_areas.values_list("code", flat=True)) == ["border-control"]
    assert sorted(offer.states.values_list("iso3", flat=True)) == ["KEN", "UGA"]
    assert (offer.subregions, offer.delivery_modes, offer.languages) == (
        ["014"],
        ["training", "equipment"],
        ["en", "fr"],
    )
    assert offer.status == "active"
    # The row, then its thematic areas and its States: each a history record of the expert.
    assert [h.history_user.username for h in offer.history.all()] == ["expert"] * 3


def test_offer_create_by_a_donor_for_its_own_organisation(personas, provider):
    offer = services.offer_create(provider=provider, **_data(), by=personas[Role.DONOR])

    assert offer.provider == provider
    assert offer.created_by == personas[Role.DONOR]


def test_offer_create_by_a_donor_for_another_organisation_is_refused(personas):
    other = OrganisationFactory(kind="donor")

    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.offer_create(provider=other, **_data(), by=personas[Role.DONOR])

    assert _errors(exc) == {"provider": ["A donor records programmes of its own only."]}
    assert Offer.objects.count() == 0


@pytest.mark.parametrize("role", [Role.COMMITTEE_MEMBER, Role.PARTNER_ANALYST, Role.FOCAL_POINT])
def test_offer_create_is_refused_to_others(personas, provider, role):
    with pytest.raises(PermissionDenied):
        services.offer_create(provider=provider, **_data(), by=personas[role])


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        (
            {"starts_on": D(2013, 1, 1), "ends_on": D(2012, 12, 31)},
            "ends_on",
            "The programme cannot end before it starts.",
        ),
        ({"thematic_areas": ["astrology"]}, "thematic_areas", "Unknown thematic area: astrology."),
        ({"thematic_areas": []}, "thematic_areas", "Choose at least one thematic area."),
        (
            {"budget_band": "-5000"},
            "budget_band",
            "A budget cannot be negative: choose a budget band.",
        ),
        (
            {"budget_band": "huge"},
            "budget_band",
            "Unknown budget band “huge”: choose one of under_100k, 100k_500k, 500k_1m, over_1m.",
        ),
        ({"delivery_modes": ["magic"]}, "delivery_modes", "Unknown delivery mode: magic."),
        ({"languages": ["pt"]}, "languages", "Unknown language code: pt."),
        (
            {"description": "x" * 5001},
            "description",
            "At most 5000 characters (this text has 5001).",
        ),
        ({"title": " "}, "title", "Give the programme a title."),
        ({"states": ["XXX"]}, "states", "No member state has this code: XXX."),
        ({"subregions": ["999"]}, "subregions", "Unknown subregion (UN M49 code): 999."),
        ({"regions": ["East"]}, "regions", "Unknown region (UN M49 code): East."),
        (
            {"states": [], "subregions": [], "is_global": False},
            "states",
            "Say where the programme is delivered: global, regions or States.",
        ),
        ({"contact_email": "nobody"}, "contact_email", "Enter a valid e-mail address."),
    ],
)
def test_offer_create_refuses_bad_input_with_its_message(
    personas, provider, overrides, field, message
):
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.offer_create(
            provider=provider, **_data(**overrides), by=personas[Role.CTED_EXPERT]
        )

    assert _errors(exc) == {field: [message]}
    assert Offer.objects.count() == 0


def test_offer_create_names_every_bad_field_at_once(personas, provider):
    bad = _data(ends_on=D(2011, 1, 1), thematic_areas=["astrology"], budget_band="-1")

    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.offer_create(provider=provider, **bad, by=personas[Role.CTED_EXPERT])

    assert sorted(_errors(exc)) == ["budget_band", "ends_on", "thematic_areas"]


def test_offer_update_by_its_donor_saves_with_history(personas, provider):
    offer = OfferFactory(provider=provider)
    area = ThematicArea.objects.get(code="legislation")

    services.offer_update(
        offer=offer, **_data(title="Renamed", thematic_areas=[area]), by=personas[Role.DONOR]
    )

    offer.refresh_from_db()
    assert offer.title == "Renamed"
    assert list(offer.thematic_areas.all()) == [area]
    assert offer.history.first().history_user == personas[Role.DONOR]


def test_offer_update_by_another_donor_is_refused_and_changes_nothing(personas):
    offer = OfferFactory(provider=OrganisationFactory(kind="donor"), title="Theirs")

    with pytest.raises(PermissionDenied):
        services.offer_update(offer=offer, **_data(title="Mine"), by=personas[Role.DONOR])

    offer.refresh_from_db()
    assert offer.title == "Theirs"


def test_offer_update_by_a_donor_cannot_give_it_away(personas, provider):
    offer = OfferFactory(provider=provider)
    other = Organisation.objects.exclude(pk=provider.pk).filter(kind="regional").first()

    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.offer_update(offer=offer, provider=other, **_data(), by=personas[Role.DONOR])

    assert _errors(exc) == {"provider": ["A donor records programmes of its own only."]}
    assert Offer.objects.get(pk=offer.pk).provider == provider


def test_offer_close_by_cted_then_a_second_close_is_refused(personas):
    offer = OfferFactory()
    expert = personas[Role.CTED_EXPERT]

    services.offer_close(offer=offer, by=expert)
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.offer_close(offer=offer, by=expert)

    assert Offer.objects.get(pk=offer.pk).status == "closed"
    assert exc.value.messages == ["The programme is already closed."]


def test_offer_close_by_another_donor_is_refused(personas):
    offer = OfferFactory()

    with pytest.raises(PermissionDenied):
        services.offer_close(offer=offer, by=personas[Role.DONOR])

    assert Offer.objects.get(pk=offer.pk).status == "active"


def test_offer_update_of_a_closed_programme_is_refused(personas):
    offer = OfferFactory(status="closed")

    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.offer_update(offer=offer, **_data(), by=personas[Role.CTED_EXPERT])

    assert exc.value.messages == ["A closed programme is not edited."]
