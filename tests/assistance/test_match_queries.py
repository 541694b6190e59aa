"""The match pages, the donor's view, the regional matrix and the matches API run a fixed
number of SQL queries, whatever the size of the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assistance.enums import MatchStatus
from ctc.accounts.enums import Role
from ctc.organisations.models import Organisation
from ctc.states.models import MemberState
from ctc.themes.models import ThematicArea
from tests.factories import MatchFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db

STATES = ["GHA", "NGA", "FRA", "BRA", "ARG", "PAK", "PER", "DEU", "KEN", "IND"]
STAGES = [MatchStatus.PROPOSED, MatchStatus.CONTACTED, MatchStatus.AGREED, MatchStatus.DELIVERED]


def _matches(n, donor_org, tag):
    """n shared needs in n States and areas, each matched to a new programme of the donor
    (named in two States, so the matrix reads their reach) and to another donor's."""
    areas = list(ThematicArea.objects.order_by("pk"))
    other = Organisation.objects.get(code="world-bank")
    for i in range(n):
        state = MemberState.objects.get(iso3=STATES[i])
        area = areas[i % len(areas)]
        need = NeedFactory(
            state=state, thematic_area=area, shared_with_donors=True, description=f"{tag}-{i}"
        )
        mine = OfferFactory(
            provider=donor_org,
            title=f"{tag} programme {i}",
            is_global=i % 2 == 0,
            states=[state, MemberState.objects.get(iso3="KEN")],
            thematic_areas=[area],
        )
        MatchFactory(need=need, offer=mine, status=STAGES[i % len(STAGES)])
        MatchFactory(need=need, offer=OfferFactory(provider=other, thematic_areas=[area]))


def _count(client, user, path, data=None):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, data or {})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig"), len(queries)


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("assistance_matches:list", Role.CTED_EXPERT),
        ("assistance_matches:list", Role.DONOR),
        ("assistance_donor:home", Role.DONOR),
        ("assistance_matrix:matrix", Role.CTED_EXPERT),
        ("assistance_matrix:matrix", Role.DONOR),
        ("assistance_matrix:export", Role.DONOR),
    ],
)
def test_page_query_count_is_the_same_for_2_and_8_matches(client, personas, name, role):
    user = personas[role]
    donor_org = personas[Role.DONOR].organisation
    _matches(2, donor_org, "small")
    small_body, small = _count(client, user, reverse(name))
    _matches(8, donor_org, "large")
    large_body, large = _count(client, user, reverse(name))

    assert small == large == PAGE_QUERIES[(name, role)]
    if name == "assistance_matches:list":
        assert small_body.count("small programme") == 2
        assert large_body.count("large programme") == 8
    if name == "assistance_donor:home":
        # Eight needs listed, four of them also waiting for an answer (proposed, contacted).
        assert large_body.count("large-") == 12
    if name == "assistance_matrix:export":
        assert sum(int(line.split(",")[2]) for line in large_body.splitlines()[1:]) == 10


def test_api_list_query_count_is_the_same_for_2_and_8_matches(client, personas):
    expert = personas[Role.CTED_EXPERT]
    donor_org = personas[Role.DONOR].organisation
    _matches(2, donor_org, "small")
    small_body, small = _count(client, expert, "/api/v1/assistance/matches/")
    _matches(8, donor_org, "large")
    large_body, large = _count(client, expert, "/api/v1/assistance/matches/")

    assert small == large == API_QUERIES
    assert small_body.count('"offer_title"') == 4
    assert large_body.count('"offer_title"') == 20


# Session, user and roles first; the header's unread notifications after the page's own.
PAGE_QUERIES = {
    # The count, the areas and providers of the filters, the page.
    ("assistance_matches:list", Role.CTED_EXPERT): 8,
    ("assistance_matches:list", Role.DONOR): 8,
    # The answers, the donor's programmes with their States and areas (need_scope), the
    # needs' count, the organisation, the needs' page.
    ("assistance_donor:home", Role.DONOR): 11,
    # The subregions' regions, the States' places, the columns, the areas, the programmes
    # with their areas and States, the needs and the agreed matches counted per area and State.
    ("assistance_matrix:matrix", Role.CTED_EXPERT): 13,
    # The same, and the donor's programmes read once more by need_scope.
    ("assistance_matrix:matrix", Role.DONOR): 16,
    # The same without the header.
    ("assistance_matrix:export", Role.DONOR): 15,
}
# Session, user, roles, then the count and the page.
API_QUERIES = 5
