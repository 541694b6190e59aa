"""The plan's lists run a fixed number of SQL queries, whatever the size of the data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ctc.accounts.enums import Role
from ctc.organisations.models import Organisation
from tests.factories import UserFactory, VisitFactory

pytestmark = pytest.mark.django_db

STATES = ["GHA", "NGA", "FRA", "BRA", "ARG", "PAK", "PER", "DEU"]
STAGES = ["proposed", "awaiting_approval", "approved", "done"]


def _visits(n):
    from ctc.states.models import MemberState

    monitoring = Organisation.objects.get(code="1267-monitoring-team")
    for i in range(n):
        VisitFactory(
            reference=f"VIS/Q/{n}/{i}",
            state=MemberState.objects.get(iso3=STATES[i]),
            status=STAGES[i % 4],
            starts_on=datetime.date(2012, 5, 1 + i),
            ends_on=datetime.date(2012, 5, 3 + i),
            experts=[UserFactory(roles=[Role.CTED_EXPERT])],
            partners=[monitoring] if i % 2 else [],
        )


def _count(client, user, path, data=None):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, data or {})
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("visits:list", {}),
        ("visits:calendar", {"year": 2012, "month": 5}),
        ("visits:programme", {}),
    ],
)
def test_page_query_count_is_the_same_for_2_and_8_visits(client, personas, name, query):
    coordinator = personas[Role.CTED_COORDINATOR]
    _visits(2)
    small_html, small = _count(client, coordinator, reverse(name), query)
    _visits(8)
    large_html, large = _count(client, coordinator, reverse(name), query)

    assert small == large == PAGE_QUERIES[name]
    assert small_html.count("VIS/Q/2/") == large_html.count("VIS/Q/2/") > 0
    assert large_html.count("VIS/Q/8/") >= 8


def test_api_list_query_count_is_the_same_for_2_and_8_visits(client, personas):
    expert = personas[Role.CTED_EXPERT]
    _visits(2)
    small_body, small = _count(client, expert, "/api/v1/visits/")
    _visits(8)
    large_body, large = _count(client, expert, "/api/v1/visits/")
    assert small == large == API_QUERIES
    assert small_body.count('"reference"') == 2
    assert large_body.count('"reference"') == 10


# Session, user, roles, the header's unread notifications, then: the list's count, page and
# partners; the calendar's visits and their partners; the programme's visits (no partners).
PAGE_QUERIES = {"visits:list": 7, "visits:calendar": 6, "visits:programme": 5}
# Session, user, roles, then the count, the page, its partners and its experts.
API_QUERIES = 7
