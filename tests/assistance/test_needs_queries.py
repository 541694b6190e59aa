"""The lists of needs and programmes run a fixed number of SQL queries, whatever the size of
the data, for CTED and for a donor (whose scope reads its programmes first)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ctc.accounts.enums import Role
from ctc.states.models import MemberState
from ctc.themes.models import ThematicArea
from tests.factories import NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db

STATES = ["KEN", "GHA", "NGA", "FRA", "BRA", "ARG", "PAK", "PER"]


def _needs(n):
    areas = list(ThematicArea.objects.order_by("pk")[:2])
    for i in range(n):
        NeedFactory(
            state=MemberState.objects.get(iso3=STATES[i]),
            thematic_area=areas[0],
            shared_with_donors=True,
            description=f"Need Q{n}-{i}",
        )


def _offers(n, provider):
    areas = list(ThematicArea.objects.order_by("pk")[:3])
    for i in range(n):
        OfferFactory(
            provider=provider,
            title=f"Programme Q{n}-{i}",
            thematic_areas=areas[: 1 + i % 3],
            is_global=not i % 2,
            states=[MemberState.objects.get(iso3=STATES[i])],
        )


def _count(client, user, path):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


# Session, user, roles (and on pages the header's notifications and the filter's thematic
# areas, regions and subregions), then the count and the page; a donor's scope first reads
# its programmes with their States and areas (3).
@pytest.mark.parametrize(
    ("role", "path", "expected"),
    [
        (Role.CTED_EXPERT, "/en/assistance/needs/", 9),
        (Role.DONOR, "/en/assistance/needs/", 12),
        (Role.CTED_EXPERT, "/api/v1/assistance/needs/", 5),
        (Role.DONOR, "/api/v1/assistance/needs/", 8),
    ],
)
def test_needs_list_query_count_is_the_same_for_2_and_8_needs(
    client, personas, role, path, expected
):
    # The donor's one global programme covers every need's State and area.
    OfferFactory(provider=personas[Role.DONOR].organisation)
    _needs(2)
    small_body, small = _count(client, personas[role], path)
    _needs(8)
    large_body, large = _count(client, personas[role], path)

    assert small == large == expected
    assert small_body.count("Q2-") == large_body.count("Q2-") == 2
    assert large_body.count("Q8-") == 8


# The same, then the count, the page, its thematic areas and its States (and on pages the
# names of regions and subregions).
@pytest.mark.parametrize(
    ("role", "path", "expected"),
    [
        (Role.CTED_EXPERT, "/en/assistance/offers/", 11),
        (Role.DONOR, "/en/assistance/offers/", 11),
        (Role.CTED_EXPERT, "/api/v1/assistance/offers/", 7),
        (Role.DONOR, "/api/v1/assistance/offers/", 7),
    ],
)
def test_offers_list_query_count_is_the_same_for_2_and_8_programmes(
    client, personas, role, path, expected
):
    provider = personas[Role.DONOR].organisation
    _offers(2, provider)
    small_body, small = _count(client, personas[role], path)
    _offers(8, provider)
    large_body, large = _count(client, personas[role], path)

    assert small == large == expected
    assert small_body.count("Programme Q2-") == large_body.count("Programme Q2-") == 2
    assert large_body.count("Programme Q8-") == 8
