import pytest

from assistance.models import MatchingWeights
from ctc.accounts.enums import Role
from tests.factories import NeedFactory

pytestmark = pytest.mark.django_db

WEIGHTS = {
    "thematic": 40,
    "geographic": 20,
    "timing": 10,
    "priority": 10,
    "language": 10,
    "track_record": 10,
}


@pytest.fixture
def admin_client(client, personas):
    client.force_login(personas[Role.ADMINISTRATOR])
    return client


def test_administrator_changes_the_matching_weights_with_history(admin_client, personas):
    weights = MatchingWeights.objects.create()

    response = admin_client.post(
        f"/en/admin/assistance/matchingweights/{weights.pk}/change/", WEIGHTS
    )

    weights.refresh_from_db()
    assert response.status_code == 302
    assert (weights.thematic, weights.geographic) == (40, 20)
    assert weights.history.first().history_user == personas[Role.ADMINISTRATOR]


def test_all_zero_weights_are_refused(admin_client):
    weights = MatchingWeights.objects.create()

    response = admin_client.post(
        f"/en/admin/assistance/matchingweights/{weights.pk}/change/",
        dict.fromkeys(WEIGHTS, 0),
    )

    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    weights.refresh_from_db()
    assert weights.thematic == 30


def test_a_second_weights_row_is_refused_with_a_message(admin_client):
    MatchingWeights.objects.create()

    response = admin_client.post("/en/admin/assistance/matchingweights/add/", WEIGHTS)

    assert response.status_code == 200
    assert (
        "The matching weights exist already: change them rather than add another."
        in response.content.decode()
    )
    assert MatchingWeights.objects.count() == 1


def test_a_need_is_read_only_in_the_admin(admin_client):
    need = NeedFactory()

    page = admin_client.get(f"/en/admin/assistance/need/{need.pk}/change/").content.decode()
    posted = admin_client.post(
        f"/en/admin/assistance/need/{need.pk}/change/", {"description": "Changed in the admin."}
    )

    assert 'name="description"' not in page
    assert posted.status_code == 403
    need.refresh_from_db()
    assert need.description == NeedFactory.description
