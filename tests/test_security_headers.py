"""Every kind of response carries the security headers, with the exact values configured.

Literal values on purpose: the site must never be framed (X-Frame-Options and CSP
frame-ancestors), never sniffed, and must not leak its URLs to other sites.
"""

import pytest
from knox.models import AuthToken

from ctc.accounts.enums import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# (what, path, who is signed in, expected status)
PAGES = [
    ("public home", "/en/", None, 200),
    ("public state list", "/fr/states/", None, 200),
    ("login page", "/en/login/", None, 200),
    ("not found page", "/en/no-such-page/", None, 404),
    ("workspace landing", "/en/workspace/", Role.CTED_EXPERT, 200),
    ("assessment list", "/en/assessments/", Role.CTED_COORDINATOR, 200),
    ("secure area", "/en/secure/", Role.FOCAL_POINT, 200),
    ("admin index", "/en/admin/", Role.ADMINISTRATOR, 200),
    ("admin login", "/en/admin/login/", None, 200),
    ("api anonymous", "/api/v1/states/", None, 200),
    ("api signed in", "/api/v1/assessments/", Role.CTED_EXPERT, 200),
    ("api refused", "/api/v1/assessments/", None, 403),
    ("health check", "/healthz", None, 200),
]


def _policy(header: str) -> dict[str, list[str]]:
    directives = [part.split() for part in header.split(";") if part.strip()]
    return {name: values for name, *values in directives}


@pytest.mark.parametrize("what,path,role,status", PAGES, ids=[p[0] for p in PAGES])
def test_security_headers_on_each_kind_of_response(client, personas, what, path, role, status):
    if role:
        client.force_login(personas[role])

    response = client.get(path)

    assert response.status_code == status
    assert {name: response.get(name) for name in HEADERS} == HEADERS
    assert _policy(response["Content-Security-Policy"]) == POLICY


def test_security_headers_on_an_api_call_with_a_token(client, personas):
    _token, key = AuthToken.objects.create(user=personas[Role.CTED_EXPERT])

    response = client.get("/api/v1/assessments/", headers={"authorization": f"Token {key}"})

    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert _policy(response["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]


def test_security_headers_on_a_post_answer(client, personas):
    response = client.post("/en/login/", {"username": "expert", "password": "wrong"})

    assert response.status_code == 200
    assert {name: response.get(name) for name in HEADERS} == HEADERS
    assert _policy(response["Content-Security-Policy"]) == POLICY


def test_session_cookie_is_http_only_and_same_site(client, personas):
    response = client.post("/en/login/", {"username": "expert", "password": PASSWORD})

    cookie = response.cookies["sessionid"]
    assert response.status_code == 302
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
