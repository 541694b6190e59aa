import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ctc.states.enums import Resolution
from ctc.states.models import MemberState
from tests.factories import StateReportFactory

pytestmark = pytest.mark.django_db


def test_state_api_lists_193_states_paginated(client):
    response = client.get("/api/v1/states/")

    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 193
    assert len(body["results"]) == 50
    assert body["next"].endswith("/api/v1/states/?page=2")


def test_state_api_names_in_the_request_language(client):
    kenya_ru = client.get("/api/v1/states/", {"q": "KEN"}, headers={"accept-language": "ru"})
    kenya_ar = client.get("/api/v1/states/", {"q": "KEN"}, headers={"accept-language": "ar"})

    assert kenya_ru.json()["results"][0]["name"] == "Кения"
    assert kenya_ar.json()["results"][0]["name"] == "كينيا"
    assert kenya_ar.json()["results"][0]["regional_group_display"] == "الدول الأفريقية"


def test_state_api_filters_by_region_and_reporting(client):
    StateReportFactory(state=MemberState.objects.get(iso3="PER"), resolution=Resolution.R1624)

    eastern = client.get("/api/v1/states/", {"region": "EASTERN_EUROPEAN"}).json()
    reported = client.get("/api/v1/states/", {"reporting": "reported-1624"}).json()

    assert eastern["count"] == 23
    assert [s["iso3"] for s in reported["results"]] == ["PER"]
    assert reported["results"][0]["last_report_1624"] == "2002-03-01"


@pytest.mark.parametrize(
    "params",
    [{"region": "MARS"}, {"reporting": "1"}, {"subcommittee": "D"}, {"page": "0"}, {"page": "x"}],
)
def test_state_api_bad_query_is_a_clear_4xx(client, params):
    response = client.get("/api/v1/states/", params)

    assert response.status_code in (400, 404)
    assert response.json()


def test_state_api_detail_with_reports(client):
    StateReportFactory(
        state=MemberState.objects.get(iso3="NOR"),
        resolution=Resolution.R1373,
        document_symbol="S/2001/1234",
    )

    body = client.get("/api/v1/states/nor/").json()

    assert body["name"] == "Norway"
    assert body["subcommittee"] == "B"
    assert body["reports"] == [
        {"resolution": "1373", "received_on": "2002-03-01", "document_symbol": "S/2001/1234"}
    ]


def test_state_api_unknown_state_is_404(client):
    assert client.get("/api/v1/states/ZZZ/").status_code == 404


def test_state_api_is_read_only(client, personas):
    client.force_login(personas["cted_expert"])

    response = client.post("/api/v1/states/", {"name": "Atlantis"})

    assert response.status_code == 405
    assert MemberState.objects.count() == 193


def test_openapi_schema_documents_the_states_endpoint(client):
    response = client.get("/api/schema/", headers={"accept": "application/json"})

    schema = response.json()
    parameters = {p["name"] for p in schema["paths"]["/api/v1/states/"]["get"]["parameters"]}
    assert {"region", "reporting", "q", "page"} <= parameters


def _queries(callable_):
    with CaptureQueriesContext(connection) as ctx:
        callable_()
    return len(ctx.captured_queries)


def test_state_list_query_count_is_constant(client):
    def page():
        assert client.get("/en/states/").status_code == 200

    def api():
        assert client.get("/api/v1/states/").status_code == 200

    full = (_queries(page), _queries(api))
    for state in MemberState.objects.all()[:150]:
        StateReportFactory(state=state)
        StateReportFactory(state=state, resolution=Resolution.R1624)
    MemberState.objects.exclude(iso3__in=["KEN", "FRA", "CHN"]).filter(
        reports__isnull=True
    ).delete()
    assert MemberState.objects.count() < 193

    assert (_queries(page), _queries(api)) == full
    assert full == (1, 2)
