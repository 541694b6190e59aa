import re

import pytest
from django.urls import reverse
from django.utils import translation

from ctc.public.templatetags.ctc import bcp47
from ctc.states.enums import Resolution
from ctc.states.models import MemberState
from tests.factories import StateReportFactory

pytestmark = pytest.mark.django_db

LANGUAGES = [
    ("en", "ltr"),
    ("fr", "ltr"),
    ("es", "ltr"),
    ("ru", "ltr"),
    ("zh-hans", "ltr"),  # lang="zh-Hans" (BCP 47), the URL's prefix zh-hans
    ("ar", "rtl"),
]
PUBLIC_PAGES = [
    ("public:home", {}),
    ("public:state_list", {}),
    ("public:state_detail", {"iso3": "KEN"}),
    ("accounts:login", {}),
]


def _url(name, lang, **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("lang,direction", LANGUAGES)
@pytest.mark.parametrize("name,kwargs", PUBLIC_PAGES)
def test_public_page_in_every_language(client, lang, direction, name, kwargs):
    url = _url(name, lang, **kwargs)

    response = client.get(url)

    assert response.status_code == 200
    assert url.startswith(f"/{lang}/")
    html = response.content.decode()
    assert f'<html lang="{bcp47(lang)}" dir="{direction}">' in html


def test_home_page_is_translated(client):
    english = client.get("/en/").content.decode()
    french = client.get("/fr/").content.decode()
    arabic = client.get("/ar/").content.decode()

    assert "What the Committee does" in english
    assert "What the Committee does" not in french
    assert "Ce que fait le Comité" in french
    assert "لجنة" in arabic


def test_state_list_names_states_in_the_page_language(client):
    response = client.get("/zh-hans/states/")

    html = response.content.decode()
    assert "中国" in html
    assert "肯尼亚" in html
    assert len(response.context["states"]) == 193


def test_state_list_search_by_name_and_code(client):
    by_name = client.get("/en/states/", {"q": "keny"})
    by_code = client.get("/en/states/", {"q": "fra"})

    assert [s.iso3 for s in by_name.context["states"]] == ["KEN"]
    assert [s.iso3 for s in by_code.context["states"]] == ["FRA"]


def test_state_list_filters_by_region_and_reporting(client):
    StateReportFactory(state=MemberState.objects.get(iso3="KEN"), resolution=Resolution.R1624)

    african = client.get("/en/states/", {"region": "AFRICAN"}).context["states"]
    reported = client.get("/en/states/", {"reporting": "reported-1624"}).context["states"]
    non_reporting = client.get("/en/states/", {"reporting": "non-reporting-1624"})

    assert len(african) == 54
    assert [s.iso3 for s in reported] == ["KEN"]
    assert len(non_reporting.context["states"]) == 192


def test_state_list_htmx_request_gets_only_the_results(client):
    response = client.get("/en/states/", {"q": "keny"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results">')
    assert "<html" not in html
    assert "Kenya" in html


@pytest.mark.parametrize(
    "params",
    [{"region": "ATLANTIS"}, {"reporting": "sometimes"}, {"subcommittee": "Z"}, {"q": "x" * 101}],
)
def test_state_list_bad_filter_is_a_clear_400(client, params):
    response = client.get("/fr/states/", params)

    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Sélectionnez un choix valide" in html or "caractères" in html


def test_state_page_shows_reporting_history(client):
    kenya = MemberState.objects.get(iso3="KEN")
    StateReportFactory(state=kenya, resolution=Resolution.R1624, document_symbol="S/2008/999")

    html = client.get("/en/states/KEN/").content.decode()

    assert "Kenya" in html
    assert "S/2008/999" in html


def test_state_page_unknown_state_is_404_in_the_language(client):
    response = client.get("/es/states/XXX/")

    assert response.status_code == 404
    assert '<html lang="es"' in response.content.decode()


def test_unknown_language_prefix_is_404(client):
    response = client.get("/xx/states/")

    assert response.status_code == 404


def test_root_redirects_to_a_language(client):
    response = client.get("/", headers={"accept-language": "ru"})

    assert response.status_code == 302
    assert response["Location"] == "/ru/"


def test_language_switcher_keeps_the_page_and_query(client):
    html = client.get("/en/states/", {"region": "AFRICAN"}).content.decode()

    links = dict(re.findall(r'href="([^"]+)" lang="([a-zA-Z-]+)" hreflang', html))
    assert {v: k for k, v in links.items()}["ar"] == "/ar/states/?region=AFRICAN"
    # The link's lang is BCP 47's zh-Hans; the URL keeps Django's zh-hans.
    assert {v: k for k, v in links.items()}["zh-Hans"] == "/zh-hans/states/?region=AFRICAN"


def test_pages_send_a_strict_content_security_policy(client):
    response = client.get("/en/")

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "<script>" not in response.content.decode()
    assert "style=" not in response.content.decode()


def test_server_error_page_is_self_contained_and_translated(rf):
    from ctc.public.errors import server_error

    with translation.override("ar"):
        response = server_error(rf.get("/ar/states/"))

    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="ar" dir="rtl">' in html
    assert "Server error" not in html


def test_api_errors_answer_json(client):
    response = client.get("/api/v1/nothing-here/")

    assert response.status_code == 404
    assert response.json() == {"detail": "The page you asked for does not exist."}
