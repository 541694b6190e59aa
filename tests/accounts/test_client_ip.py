"""Lockout counts per client address; a client cannot pick its own address with a header."""

import pytest
from django.test import RequestFactory

from ctc.accounts.backends import client_ip
from tests.conftest import PASSWORD
from tests.factories import UserFactory

LOGIN = "/en/login/"


def _request(**meta):
    return RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", **meta)


def test_client_ip_ignores_forwarded_for_without_a_proxy(settings):
    settings.BEHIND_PROXY = False

    assert client_ip(_request(HTTP_X_FORWARDED_FOR="203.0.113.7")) == "10.0.0.9"


def test_client_ip_takes_the_proxy_written_address_behind_the_proxy(settings):
    settings.BEHIND_PROXY = True

    assert client_ip(_request(HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7")) == "203.0.113.7"
    assert client_ip(_request()) == "10.0.0.9"


@pytest.mark.django_db
def test_forged_forwarded_for_does_not_reset_the_lockout(client, settings):
    settings.BEHIND_PROXY = False
    UserFactory(username="victim", password=PASSWORD)
    for n in range(5):
        client.post(
            LOGIN,
            {"username": "victim", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )

    response = client.post(
        LOGIN, {"username": "victim", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="198.51.100.9"
    )

    assert response.status_code == 429
