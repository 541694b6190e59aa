"""The API's sign-in: a password (and a code for people who use two-factor) for a knox
token, stored as a digest, expiring; the same lockout as the sign-in page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from knox.models import AuthToken
from knox.settings import knox_settings

from ctc.accounts.enums import Role
from tests.conftest import PASSWORD
from tests.two_factor import totp_code, totp_device

pytestmark = pytest.mark.django_db


def test_token_auth_reaches_scoped_endpoints(client, personas):
    expert = personas[Role.CTED_EXPERT]
    code = totp_code(totp_device(expert))
    answer = client.post(
        "/api/v1/auth/token/", {"username": "expert", "password": PASSWORD, "code": code}
    )
    token = answer.json()["token"]

    with_token = client.get("/api/v1/assessments/", headers={"authorization": f"Token {token}"})
    without = client.get("/api/v1/assessments/")

    assert answer.status_code == 201
    assert len(token) == 64
    assert with_token.status_code == 200
    assert without.status_code == 403
    assert AuthToken.objects.get(user=expert).token_key == token[:15]


def test_token_is_stored_as_a_digest_never_as_the_key(client, personas):
    answer = client.post("/api/v1/auth/token/", {"username": "donor", "password": PASSWORD})
    key = answer.json()["token"]

    stored = AuthToken.objects.get(user=personas[Role.DONOR])

    assert answer.status_code == 201
    assert key not in stored.digest
    assert len(stored.digest) == 128
    assert stored.token_key == key[:15]
    row = AuthToken.objects.filter(pk=stored.pk).values_list(
        "digest", "token_key", "created", "expiry"
    )
    assert all(key not in str(value) for value in row.get())


def test_token_expires_after_the_ttl(client, personas):
    answer = client.post("/api/v1/auth/token/", {"username": "donor", "password": PASSWORD})
    key = answer.json()["token"]
    stored = AuthToken.objects.get(user=personas[Role.DONOR])
    auth = {"authorization": f"Token {key}"}
    before = client.get("/api/v1/me/tokens/", headers=auth)

    AuthToken.objects.filter(pk=stored.pk).update(expiry=timezone.now() - timedelta(seconds=1))
    after = client.get("/api/v1/me/tokens/", headers=auth)

    assert timedelta(days=30) == knox_settings.TOKEN_TTL
    expected = stored.created + knox_settings.TOKEN_TTL
    assert abs((stored.expiry - expected).total_seconds()) < 5
    assert before.status_code == 200
    assert after.status_code == 403
    assert after.json() == {"detail": "Invalid token."}
    assert not AuthToken.objects.filter(pk=stored.pk).exists()


def test_token_refused_for_a_wrong_password(client, personas):
    response = client.post("/api/v1/auth/token/", {"username": "expert", "password": "nope"})

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Unable to log in with provided credentials."]}


def test_token_answers_an_unknown_account_as_a_wrong_password(client, personas):
    unknown = client.post("/api/v1/auth/token/", {"username": "nobody", "password": "nope"})
    wrong = client.post("/api/v1/auth/token/", {"username": "donor", "password": "nope"})

    assert unknown.status_code == wrong.status_code == 400
    assert unknown.content == wrong.content


def test_token_for_cted_staff_needs_a_two_factor_code(client, personas):
    totp_device(personas[Role.CTED_EXPERT])

    without = client.post("/api/v1/auth/token/", {"username": "expert", "password": PASSWORD})
    wrong = client.post(
        "/api/v1/auth/token/", {"username": "expert", "password": PASSWORD, "code": "000000"}
    )

    assert without.status_code == wrong.status_code == 400
    assert wrong.json() == {"code": ["A valid two-factor code is needed."]}
    assert not AuthToken.objects.exists()


def test_token_sign_in_is_locked_after_five_failures(client, personas):
    for _ in range(5):
        client.post("/api/v1/auth/token/", {"username": "donor", "password": "nope"})

    locked = client.post("/api/v1/auth/token/", {"username": "donor", "password": PASSWORD})

    assert locked.status_code == 429
    assert not AuthToken.objects.exists()


def test_wrong_two_factor_codes_count_towards_the_api_lockout(client, personas):
    totp_device(personas[Role.CTED_EXPERT])
    for _ in range(5):
        client.post(
            "/api/v1/auth/token/", {"username": "expert", "password": PASSWORD, "code": "000000"}
        )

    code = totp_code(totp_device(personas[Role.CTED_EXPERT]))
    locked = client.post(
        "/api/v1/auth/token/", {"username": "expert", "password": PASSWORD, "code": code}
    )

    assert locked.status_code == 429
    assert not AuthToken.objects.exists()
