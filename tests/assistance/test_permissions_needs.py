"""Who gets what from every route of needs and programmes, pages and API, for each person
and these objects:

- needs "shared" (Kenya's, the State agreed to share it, within the donor's programme) and
  "unshared" (Kenya's, no consent);
- programmes "own" (the donor's organisation's) and "other" (another donor's).

The partner analyst's organisation holds the assistance-needs grant. Outside a person's scope:
404 (never 403); 403 for a person who sees but may not change. tests/test_permissions.py
checks that these rows, with the site's, cover every route.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from ctc.accounts.enums import Role
from ctc.organisations.models import AccessGrant
from ctc.themes.models import ThematicArea
from tests.conftest import MATRIX_PEOPLE
from tests.factories import NeedFactory, OfferFactory, OrganisationFactory
from tests.matrix import NO_OBJECT, Call, Matrix

pytestmark = pytest.mark.django_db

ONE = [NO_OBJECT]
NEEDS = ["shared", "unshared"]
OFFERS = ["own", "other"]
PARTNER = Role.PARTNER_ANALYST
DONOR = Role.DONOR
FOCAL_KEN = Role.FOCAL_POINT
# CTED experts and coordinators record and change; the Committee and the administrator read
# everything and change nothing; these others have no technical-assistance workspace.
WRITERS = {Role.CTED_EXPERT, Role.CTED_COORDINATOR}
READERS = {Role.COMMITTEE_MEMBER, Role.CHAIR, Role.ADMINISTRATOR}
OUTSIDERS = {Role.SUBCOMMITTEE_MEMBER, "sub_a", FOCAL_KEN, "focal_fra"}

MATRIX = Matrix()


def _table(*, anon, writers, readers, partner, donor, outsiders, focal_ken=None):
    """One row per person of MATRIX_PEOPLE; each argument is a tuple of statuses in variant
    order (focal_ken: Kenya's focal point where it differs from the other outsiders)."""
    by_group = [(WRITERS, writers), (READERS, readers), ({PARTNER}, partner), ({DONOR}, donor)]
    rows = []
    for who in MATRIX_PEOPLE:
        if who is None:
            statuses = anon
        elif who == FOCAL_KEN and focal_ken is not None:
            statuses = focal_ken
        elif who in OUTSIDERS:
            statuses = outsiders
        else:
            statuses = next(s for group, s in by_group if who in group)
        rows.append((who, *statuses))
    return rows


# fmt: off
# --- Pages (302 for anonymous: to the sign-in page) ------------------------------------------
MATRIX.add("assistance:needs", "GET", ONE, _table(
    anon=(302,), writers=(200,), readers=(200,), partner=(200,), donor=(200,), outsiders=(404,)))
MATRIX.add("assistance:need_create", "GET", ONE, _table(
    anon=(302,), writers=(200,), readers=(403,), partner=(403,), donor=(403,), outsiders=(404,)))
MATRIX.add("assistance:need_create", "POST", ONE, _table(
    anon=(302,), writers=(302,), readers=(403,), partner=(403,), donor=(403,), outsiders=(404,)))
MATRIX.add("assistance:need_detail", "GET", NEEDS, _table(
    anon=(302, 302), writers=(200, 200), readers=(200, 200), partner=(200, 404),
    donor=(200, 404), outsiders=(404, 404)))
for route, method in [
    ("need_edit", "GET"), ("need_edit", "POST"), ("need_consent", "POST"), ("need_status", "POST")
]:
    done = 200 if method == "GET" else 302
    MATRIX.add(f"assistance:{route}", method, NEEDS, _table(
        anon=(302, 302), writers=(done, done), readers=(403, 403), partner=(403, 404),
        donor=(403, 404), outsiders=(404, 404)))
MATRIX.add("assistance:offers", "GET", ONE, _table(
    anon=(302,), writers=(200,), readers=(200,), partner=(404,), donor=(200,), outsiders=(404,)))
MATRIX.add("assistance:offer_create", "GET", ONE, _table(
    anon=(302,), writers=(200,), readers=(403,), partner=(404,), donor=(200,), outsiders=(404,)))
MATRIX.add("assistance:offer_create", "POST", ONE, _table(
    anon=(302,), writers=(302,), readers=(403,), partner=(404,), donor=(302,), outsiders=(404,)))
MATRIX.add("assistance:offer_detail", "GET", OFFERS, _table(
    anon=(302, 302), writers=(200, 200), readers=(200, 200), partner=(404, 404),
    donor=(200, 404), outsiders=(404, 404)))
for route, method in [("offer_edit", "GET"), ("offer_edit", "POST"), ("offer_close", "POST")]:
    done = 200 if method == "GET" else 302
    MATRIX.add(f"assistance:{route}", method, OFFERS, _table(
        anon=(302, 302), writers=(done, done), readers=(403, 403), partner=(404, 404),
        donor=(done, 404), outsiders=(404, 404)))

# --- API (403 for anonymous; a list answers everyone signed in, within their scope) --------
# A focal point has no technical-assistance workspace, in the API as on the pages.
MATRIX.add("api:assistance-need-list", "GET", ONE, _table(
    anon=(403,), writers=(200,), readers=(200,), partner=(200,), donor=(200,), outsiders=(200,)))
MATRIX.add("api:assistance-need-list", "POST", ONE, _table(
    anon=(403,), writers=(201,), readers=(403,), partner=(403,), donor=(403,), outsiders=(403,)))
MATRIX.add("api:assistance-need-detail", "GET", NEEDS, _table(
    anon=(403, 403), writers=(200, 200), readers=(200, 200), partner=(200, 404),
    donor=(200, 404), outsiders=(404, 404)))
MATRIX.add("api:assistance-need-detail", "PATCH", NEEDS, _table(
    anon=(403, 403), writers=(200, 200), readers=(403, 403), partner=(403, 404),
    donor=(403, 404), outsiders=(404, 404)))
# Reopening answers 400 for writers: both needs are open (the message says why).
for route, done in [("consent", 200), ("withdraw", 200), ("reopen", 400)]:
    MATRIX.add(f"api:assistance-need-{route}", "POST", NEEDS, _table(
        anon=(403, 403), writers=(done, done), readers=(403, 403), partner=(403, 404),
        donor=(403, 404), outsiders=(404, 404)))
MATRIX.add("api:assistance-offer-list", "GET", ONE, _table(
    anon=(403,), writers=(200,), readers=(200,), partner=(200,), donor=(200,), outsiders=(200,)))
MATRIX.add("api:assistance-offer-list", "POST", ONE, _table(
    anon=(403,), writers=(201,), readers=(403,), partner=(403,), donor=(201,), outsiders=(403,)))
MATRIX.add("api:assistance-offer-detail", "GET", OFFERS, _table(
    anon=(403, 403), writers=(200, 200), readers=(200, 200), partner=(404, 404),
    donor=(200, 404), outsiders=(404, 404)))
MATRIX.add("api:assistance-offer-detail", "PATCH", OFFERS, _table(
    anon=(403, 403), writers=(200, 200), readers=(403, 403), partner=(404, 404),
    donor=(200, 404), outsiders=(404, 404)))
MATRIX.add("api:assistance-offer-close", "POST", OFFERS, _table(
    anon=(403, 403), writers=(200, 200), readers=(403, 403), partner=(404, 404),
    donor=(200, 404), outsiders=(404, 404)))
# fmt: on


@dataclass(frozen=True)
class World:
    people: dict
    needs: dict  # variant → need
    offers: dict  # variant → offer


@pytest.fixture(scope="module")
def world(matrix_people):
    people = matrix_people
    donor = people[DONOR].organisation
    AccessGrant.objects.create(
        organisation=people[PARTNER].organisation,
        scope="assistance_needs",
        expires_at=timezone.now() + datetime.timedelta(days=30),
        granted_by=people[Role.ADMINISTRATOR],
    )
    offers = {
        "own": OfferFactory(provider=donor),
        "other": OfferFactory(provider=OrganisationFactory(kind="donor")),
    }
    needs = {
        "shared": NeedFactory(shared_with_donors=True, created_by=people[Role.CTED_EXPERT]),
        "unshared": NeedFactory(created_by=people[Role.CTED_EXPERT]),
    }
    return World(people, needs, offers)


def _need_form() -> dict:
    return {
        "state": "KEN",
        "thematic_area": ThematicArea.objects.get(code="legislation").pk,
        "description": "Training of border police.",
        "priority": "high",
        "source": "state_request",
    }


def _offer_form(provider) -> dict:
    return {
        "provider": provider.pk,
        "title": "Border programme",
        "description": "Equipment for border posts.",
        "thematic_areas": [ThematicArea.objects.get(code="legislation").pk],
        "is_global": "on",
        "starts_on": "2012-01-01",
        "ends_on": "2012-12-31",
        "budget_band": "under_100k",
        "delivery_modes": ["equipment"],
        "languages": ["en"],
    }


API_OFFER = {
    "title": "Border programme",
    "description": "Equipment for border posts.",
    "thematic_areas": ["legislation"],
    "is_global": True,
    "starts_on": "2012-01-01",
    "ends_on": "2012-12-31",
    "budget_band": "under_100k",
    "delivery_modes": ["equipment"],
    "languages": ["en"],
}


def _call(row, world: World) -> Call:
    route, variant = row.route, row.variant
    need = world.needs.get(variant)
    offer = world.offers.get(variant)
    kwargs = {"pk": (need or offer).pk} if variant != NO_OBJECT else {}
    with translation.override("en"):
        path = reverse(route, kwargs=kwargs)
    donor = world.people[DONOR].organisation
    if row.method == "GET":
        return Call("GET", path)
    if route.startswith("api:"):
        data = {
            "api:assistance-need-list": {
                "state": "KEN",
                "thematic_area": "legislation",
                "description": "Model law.",
            },
            "api:assistance-need-detail": {"priority": "low"},
            "api:assistance-offer-list": {**API_OFFER, "provider": donor.code},
            "api:assistance-offer-detail": {"title": "Renamed"},
            "api:assistance-need-consent": {"shared": True, "dated": "2012-03-01"},
            "api:assistance-need-withdraw": {},
            "api:assistance-need-reopen": {},
            "api:assistance-offer-close": {},
        }[route]
        return Call(row.method, path, data, "application/json")
    data = {
        "assistance:need_create": _need_form(),
        "assistance:need_edit": _need_form(),
        "assistance:need_consent": {"shared": "yes", "dated": "2012-03-01"},
        "assistance:need_status": {"action": "withdraw"},
        "assistance:offer_create": _offer_form(donor),
        "assistance:offer_edit": _offer_form(offer.provider if offer else donor),
        "assistance:offer_close": {},
    }[route]
    return Call("POST", path, data)


@pytest.mark.parametrize("row", MATRIX.params())
def test_assistance_route_answers_each_person(client, world, row):
    request = _call(row, world)
    user = world.people[row.who]
    if user is not None:
        client.force_login(user)

    response = request.send(client)

    assert response.status_code == row.expected
    if row.expected == 302 and user is None:
        assert response["Location"].startswith("/en/login/?next=")
    elif row.expected == 302:
        assert response["Location"].startswith("/en/assistance/")
