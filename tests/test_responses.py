"""How the site answers when something goes wrong, and how it sends pages: the CSRF failure
page in the site's layout and language, one log line for a refusal, gzip for HTML."""

import gzip
import logging
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import path

from ctc.accounts.enums import Role
from ctc.urls import urlpatterns as site_urlpatterns

pytestmark = pytest.mark.django_db


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("the disk is on fire")


# For @pytest.mark.urls(__name__): the site plus two views that fail on purpose.
urlpatterns = [
    *site_urlpatterns,
    path("test-forbidden/", forbidden),
    path("test-broken/", broken),
]
handler403 = "ctc.public.errors.permission_denied"
handler500 = "ctc.public.errors.server_error"


# --- CSRF failure ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language,heading,direction",
    [("en", "This form has expired", "ltr"), ("ar", "انتهت صلاحية هذه الاستمارة", "rtl")],
)
def test_csrf_failure_is_the_sites_own_page_in_the_users_language(language, heading, direction):
    client = Client(enforce_csrf_checks=True)

    response = client.post(f"/{language}/login/", {"username": "x", "password": "y"})

    html = response.content.decode()
    html_tag = re.search(r"<html[^>]*>", html).group()
    assert response.status_code == 403
    assert f'lang="{language}"' in html_tag and f'dir="{direction}"' in html_tag
    assert f"<h1>{heading}</h1>" in html
    assert 'class="site-header"' in html and 'id="main"' in html  # base.html
    assert "<style" not in html and "style=" not in html  # nothing the CSP would block
    assert "CSRF" not in html and "Forbidden" not in html
    assert f'href="/{language}/login/"' in html  # back to the form, to reload it
    assert response["Content-Security-Policy"]


def test_csrf_failure_explains_what_to_do(client):
    client = Client(enforce_csrf_checks=True)

    html = client.post("/en/login/", {"username": "x", "password": "y"}).content.decode()

    assert "reload the page" in html
    assert "cookies" in html


@pytest.mark.parametrize(
    "referer,back",
    [
        ("http://testserver/fr/states/?q=ken", "http://testserver/fr/states/?q=ken"),
        ("https://evil.example/phish", "/fr/login/"),
    ],
)
def test_csrf_failure_links_back_to_the_form_page_of_this_site_only(referer, back):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/fr/login/", {"username": "x"}, headers={"referer": referer})

    assert f'<a href="{back}">Retour au formulaire</a>' in response.content.decode()


def test_a_form_with_its_token_still_goes_through():
    client = Client(enforce_csrf_checks=True)
    token = client.get("/en/login/").cookies["csrftoken"].value

    response = client.post(
        "/en/login/", {"username": "x", "password": "y", "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 200  # the form's own answer: wrong password


# --- Logging ------------------------------------------------------------------------------


def _request_records(caplog):
    return [r for r in caplog.records if r.name == "django.request"]


def test_a_permission_denial_logs_one_line_without_traceback(client, personas, caplog):
    client.force_login(personas[Role.ADMINISTRATOR])
    url = "/en/admin/assessments/answer/add/"  # records no one adds by hand

    with caplog.at_level(logging.INFO):
        response = client.get(url)

    records = _request_records(caplog)
    assert response.status_code == 403
    assert [r.getMessage() for r in records] == [f"Forbidden (Permission denied): {url}"]
    assert records[0].exc_info is None
    assert "Traceback" not in caplog.text


@pytest.mark.urls(__name__)
def test_a_view_raising_permission_denied_logs_one_line(client, caplog):
    with caplog.at_level(logging.INFO):
        response = client.get("/test-forbidden/")

    records = _request_records(caplog)
    assert response.status_code == 403
    assert [(r.levelname, r.getMessage()) for r in records] == [
        ("WARNING", "Forbidden (Permission denied): /test-forbidden/")
    ]
    assert records[0].exc_info is None and not records[0].exc_text


@pytest.mark.urls(__name__)
def test_a_server_error_still_logs_its_traceback(caplog):
    client = Client(raise_request_exception=False)

    with caplog.at_level(logging.INFO):
        response = client.get("/test-broken/")

    records = _request_records(caplog)
    assert response.status_code == 500
    assert [r.getMessage() for r in records] == ["Internal Server Error: /test-broken/"]
    assert records[0].exc_info[0] is RuntimeError
    assert "Traceback" in caplog.text and "the disk is on fire" in caplog.text


# --- Compression --------------------------------------------------------------------------


def test_html_pages_are_sent_gzipped_to_browsers_that_accept_it(client):
    plain = client.get("/en/")
    compressed = client.get("/en/", headers={"accept-encoding": "gzip, deflate, br"})

    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    page = gzip.decompress(compressed.content).decode()
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en"' in page
    assert len(compressed.content) < len(plain.content) / 2


def test_gzip_runs_after_the_page_is_complete_and_keeps_the_security_headers(client, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.get("/en/workspace/", headers={"accept-encoding": "gzip"})

    assert response["Content-Encoding"] == "gzip"
    assert response["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "expert" in gzip.decompress(response.content).decode()
