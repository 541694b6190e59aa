"""The rotation's records in the admin: progress shown, read-only, constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ctc.accounts import rotation
from ctc.accounts.enums import Role
from ctc.accounts.models import CredentialRotation
from ctc.states.models import MemberState
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PAGES = [
    ("/en/admin/accounts/secureaccount/", 8),
    ("/en/admin/accounts/credentialrotation/", 8),
    ("/en/admin/accounts/accountrotation/", 8),
]


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="boss", roles=[Role.ADMINISTRATOR], is_staff=True))
    return client


def _focal_points(n: int, start: int = 0):
    states = list(MemberState.objects.order_by("iso3")[start : start + n])
    for state in states:
        UserFactory(
            username=f"fp_{state.iso3.lower()}", roles=[Role.FOCAL_POINT], member_state=state
        )


def _rotate(quarter):
    found, _created = rotation.rotation_start(quarter=quarter)
    return rotation.rotation_run(rotation=found)


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path,count", PAGES)
def test_admin_lists_take_the_same_queries_for_2_and_12_rows(admin_client, path, count):
    _focal_points(2)
    _rotate("2026Q3")
    small = _queries(admin_client, path)
    _focal_points(10, start=2)
    _rotate("2026Q4")
    large = _queries(admin_client, path)

    assert (small, large) == (count, count)


def test_the_rotation_page_shows_its_progress_and_figures(admin_client):
    _focal_points(3)
    done = _rotate("2026Q4")

    listing = admin_client.get("/en/admin/accounts/credentialrotation/").content.decode()
    page = admin_client.get(f"/en/admin/accounts/credentialrotation/{done.pk}/change/")

    assert '<progress max="100" value="100"' in listing
    assert "3 of 3 accounts rotated and notified" in listing
    html = page.content.decode()
    assert page.status_code == 200
    assert "Changed and notified" in html
    assert done.accounts.first().new_username in html
    assert admin_client.get("/en/admin/accounts/credentialrotation/add/").status_code == 403
    assert CredentialRotation.objects.count() == 1
