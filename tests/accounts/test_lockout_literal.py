"""Brute-force lockout, as the product states it: five wrong passwords lock the account.

The numbers here are literals on purpose: a test reading settings.AXES_FAILURE_LIMIT keeps
passing when the limit is raised to 1000.
"""

import pytest
from django.conf import settings

from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/en/login/"


def _fail(client, times, username="target"):
    return [
        client.post(LOGIN, {"username": username, "password": "guess"}).status_code
        for _ in range(times)
    ]


def test_lockout_settings_are_five_failures_for_one_hour_per_user_name_and_address():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == 1
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_lockout_the_fifth_wrong_password_locks_the_account(client):
    UserFactory(username="target")

    statuses = _fail(client, 5)

    assert statuses == [200, 200, 200, 200, 429]


def test_lockout_sixth_attempt_with_the_right_password_is_refused(client):
    UserFactory(username="target")
    _fail(client, 5)

    response = client.post(LOGIN, {"username": "target", "password": PASSWORD})

    assert response.status_code == 429
    assert "Sign-in temporarily blocked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_sixth_attempt_with_a_wrong_password_is_refused(client):
    UserFactory(username="target")
    _fail(client, 5)

    response = client.post(LOGIN, {"username": "target", "password": "guess"})

    assert response.status_code == 429


def test_lockout_four_wrong_passwords_still_let_the_right_one_in(client):
    UserFactory(username="target")
    _fail(client, 4)

    response = client.post(LOGIN, {"username": "target", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/en/workspace/"
    assert "_auth_user_id" in client.session


def test_lockout_of_one_user_name_leaves_another_free(client):
    UserFactory(username="target")
    UserFactory(username="colleague")
    _fail(client, 5)

    response = client.post(LOGIN, {"username": "colleague", "password": PASSWORD})

    assert response.status_code == 302
    assert "_auth_user_id" in client.session
