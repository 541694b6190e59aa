"""API tokens of one's own (/api/v1/me/tokens/ and the account's security page), and
signing out everywhere."""

import re

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from knox.models import AuthToken

from ctc.accounts.enums import Role
from ctc.accounts.tokens import token_create, token_id

pytestmark = pytest.mark.django_db

MINE = "/api/v1/me/tokens/"


def _auth(key):
    return {"authorization": f"Token {key}"}


def test_my_tokens_lists_only_mine_and_never_a_key(client, personas):
    donor, partner = personas[Role.DONOR], personas[Role.PARTNER_ANALYST]
    mine, my_key = token_create(user=donor)
    _theirs, their_key = token_create(user=partner)

    listed = client.get(MINE, headers=_auth(my_key))

    assert listed.status_code == 200
    assert listed.json() == [
        {
            "id": token_id(mine),
            "starts_with": my_key[:6],
            "created": listed.json()[0]["created"],
            "expiry": listed.json()[0]["expiry"],
        }
    ]
    assert my_key not in listed.content.decode()
    assert mine.digest not in listed.content.decode()


def test_my_tokens_create_shows_the_key_once(client, personas):
    client.force_login(personas[Role.DONOR])

    made = client.post(MINE)
    key = made.json()["token"]
    listed = client.get(MINE)

    assert made.status_code == 201
    assert set(made.json()) == {"id", "starts_with", "created", "expiry", "token"}
    assert client.get(MINE, headers=_auth(key)).status_code == 200
    assert key not in listed.content.decode()
    assert [t["id"] for t in listed.json()] == [made.json()["id"]]


def test_my_tokens_revoke_ends_the_token(client, personas):
    token, key = token_create(user=personas[Role.DONOR])

    revoked = client.delete(f"{MINE}{token_id(token)}/", headers=_auth(key))
    after = client.get(MINE, headers=_auth(key))

    assert revoked.status_code == 204
    assert after.status_code == 403
    assert not AuthToken.objects.exists()


def test_my_tokens_revoking_another_persons_token_answers_404(client, personas):
    theirs, _their_key = token_create(user=personas[Role.PARTNER_ANALYST])
    _mine, my_key = token_create(user=personas[Role.DONOR])

    response = client.delete(f"{MINE}{token_id(theirs)}/", headers=_auth(my_key))

    assert response.status_code == 404
    assert AuthToken.objects.filter(pk=theirs.pk).exists()


def test_my_tokens_refuse_anonymous_callers(client):
    assert client.get(MINE).status_code == 403
    assert client.post(MINE).status_code == 403


@pytest.mark.parametrize("count", [1, 6])
def test_my_tokens_list_costs_the_same_queries_at_any_size(client, personas, count):
    keys = [token_create(user=personas[Role.DONOR])[1] for _ in range(count)]

    with CaptureQueriesContext(connection) as queries:
        response = client.get(MINE, headers=_auth(keys[0]))

    assert len(response.json()) == count
    assert len(queries) == 3


def test_security_page_makes_a_token_and_shows_its_key_once(client, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    made = client.post("/en/account/tokens/")
    key = re.search(r'id="new-token-key">([^<]+)<', made.content.decode()).group(1)
    again = client.get("/en/account/security/")

    assert made.status_code == 200
    assert len(key) == 64
    assert key not in again.content.decode()
    assert f"<code>{key[:6]}…</code>" in again.content.decode()
    assert Client().get(MINE, headers=_auth(key)).status_code == 200


def test_security_page_revokes_a_token(client, personas):
    token, key = token_create(user=personas[Role.CTED_EXPERT])
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(f"/en/account/tokens/{token_id(token)}/revoke/")

    assert response.status_code == 302
    assert response["Location"] == "/en/account/security/"
    assert Client().get(MINE, headers=_auth(key)).status_code == 403


def test_security_page_cannot_revoke_another_persons_token(client, personas):
    theirs, _key = token_create(user=personas[Role.DONOR])
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(f"/en/account/tokens/{token_id(theirs)}/revoke/")

    assert response.status_code == 404
    assert AuthToken.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("count", [1, 5])
def test_security_page_costs_the_same_queries_at_any_size(client, personas, count):
    for _ in range(count):
        token_create(user=personas[Role.CTED_EXPERT])
    client.force_login(personas[Role.CTED_EXPERT])

    with CaptureQueriesContext(connection) as queries:
        html = client.get("/en/account/security/").content.decode()

    assert html.count("Revoke the token starting") == count
    assert len(queries) == 7


def test_sign_out_everywhere_ends_every_session_and_token(client, personas):
    donor, expert = personas[Role.DONOR], personas[Role.CTED_EXPERT]
    elsewhere, bystander = Client(), Client()
    elsewhere.force_login(donor)
    bystander.force_login(expert)
    _token, key = token_create(user=donor)
    token_create(user=expert)
    client.force_login(donor)

    response = client.post("/en/account/sign-out-everywhere/")

    assert response.status_code == 302
    assert response["Location"] == "/en/login/"
    assert client.get("/en/workspace/").status_code == 302
    assert elsewhere.get("/en/workspace/").status_code == 302
    assert client.get(MINE, headers=_auth(key)).status_code == 403
    assert bystander.get("/en/workspace/").status_code == 200
    assert AuthToken.objects.filter(user=expert).count() == 1
    assert [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()] == [str(expert.pk)]


def test_admin_lists_tokens_without_a_usable_key_and_cannot_make_one(client, personas):
    token, key = token_create(user=personas[Role.DONOR])
    client.force_login(personas[Role.ADMINISTRATOR])

    listing = client.get("/en/admin/knox/authtoken/").content.decode()
    change = client.get(f"/en/admin/knox/authtoken/{token.pk}/change/").content.decode()
    add = client.get("/en/admin/knox/authtoken/add/")

    assert f"{key[:6]}" in listing
    assert key not in listing and key[:15] not in listing
    assert key not in change and key[:15] not in change
    assert add.status_code == 403
