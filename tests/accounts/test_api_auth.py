import pytest

from ctc.accounts.enums import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_token_auth_reaches_scoped_endpoints(client, personas):
    token = client.post("/api/v1/auth/token/", {"username": "expert", "password": PASSWORD}).json()[
        "token"
    ]

    with_token = client.get("/api/v1/assessments/", headers={"authorization": f"Token {token}"})
    without = client.get("/api/v1/assessments/")

    assert len(token) == 40
    assert with_token.status_code == 200
    assert without.status_code == 403
    assert personas[Role.CTED_EXPERT].auth_token.key == token


def test_token_refused_for_a_wrong_password(client, personas):
    response = client.post("/api/v1/auth/token/", {"username": "expert", "password": "nope"})

    assert response.status_code == 400
    assert "token" not in response.json()
