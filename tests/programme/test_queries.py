"""The lists of the work programme, events and budget, staff and public, run a fixed number
of SQL queries whatever the size of the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ctc.accounts.enums import Role
from programme.models import ProgrammeItem
from programme.services import programme_load
from tests.factories import (
    ContributionFactory,
    EventFactory,
    FundedActivityFactory,
    ProgrammeLinkFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _count(client, path, user=None):
    if user is not None:
        client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def _events(n):
    for i in range(n):
        event = EventFactory(title_en=f"Briefing Q{n}-{i}")
        ProgrammeLinkFactory(event=event, label=f"Agenda Q{n}-{i}")


def _activities(n):
    for i in range(n):
        activity = FundedActivityFactory(title=f"Workshop Q{n}-{i}")
        ContributionFactory(activity=activity, donor=f"Donor Q{n}-{i}")
        ContributionFactory(activity=activity, donor=f"Donor Q{n}-{i}b")
        ContributionFactory(activity=None, donor=f"Donor Q{n}-{i}c")


# Staff: session, user, roles, the header's notifications, then the page's own reads (the
# budget: activities with their sums, unearmarked total, contributions). Public: the page's.
@pytest.mark.parametrize(
    ("path", "grow", "marker", "expected"),
    [
        ("/en/programme/events/", _events, "Briefing Q{n}-{last}", 5),
        ("/en/programme/budget/", _activities, "Workshop Q{n}-{last}", 7),
        ("/en/work-programme/events/", _events, "Agenda Q{n}-{last}", 2),
    ],
)
def test_programme_list_queries_do_not_grow(client, path, grow, marker, expected):
    # The public site is read without signing in.
    user = None if path.startswith("/en/work-programme/") else UserFactory(roles=[Role.CHAIR])
    grow(2)
    small, small_count = _count(client, path, user)
    grow(7)
    large, large_count = _count(client, path, user)

    assert marker.format(n=2, last=1) in small
    assert marker.format(n=7, last=6) in large
    assert marker.format(n=7, last=6) not in small
    assert (small_count, large_count) == (expected, expected)


@pytest.mark.parametrize(("path", "expected"), [("/en/programme/", 5), ("/en/work-programme/", 1)])
def test_programme_item_list_queries_do_not_grow(client, path, expected):
    user = None if path.startswith("/en/work-programme/") else UserFactory(roles=[Role.CTED_EXPERT])
    ProgrammeItem.objects.exclude(ref__in=["C-11", "C-12", "E-7"]).delete()
    small, small_count = _count(client, path, user)
    ProgrammeItem.objects.all().delete()
    programme_load()
    large, large_count = _count(client, path, user)

    assert "E-21" not in small and "E-21" in large
    assert (small_count, large_count) == (expected, expected)
