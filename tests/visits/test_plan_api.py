"""The API of visits: the same scope and services as the pages."""

import datetime

import pytest
from django.utils import timezone

from ctc.accounts.enums import Role
from ctc.organisations.models import Organisation
from tests.factories import VisitFactory
from visits.enums import ConsentStatus, VisitStatus
from visits.models import Visit, VisitTransition

pytestmark = pytest.mark.django_db

API = "/api/v1/visits/"


def _new(**overrides):
    data = {
        "state": "KEN",
        "purpose": "Assess resolution 1373.",
        "objectives": "Meet the border police.",
        "human_rights": "Meet the ombudsman.",
        "starts_on": "2012-05-14",
        "ends_on": "2012-05-18",
        "experts": ["expert"],
        "partners": ["1267-monitoring-team"],
    }
    return {**data, **overrides}


def test_api_list_filters_and_scope(client, personas):
    VisitFactory(reference="VIS/A/1", status=VisitStatus.APPROVED)
    VisitFactory(reference="VIS/B/1")
    client.force_login(personas[Role.CTED_EXPERT])
    body = client.get(API, {"status": "approved"}).json()
    assert [v["reference"] for v in body["results"]] == ["VIS/A/1"]
    client.force_login(personas[Role.FOCAL_POINT])
    assert client.get(API).json()["count"] == 0


def test_api_list_bad_filter_is_400(client, personas):
    client.force_login(personas[Role.CTED_EXPERT])
    response = client.get(API, {"state": "ZZZ"})
    assert response.status_code == 400
    assert response.json() == {"state": ["No member state has this code."]}


def test_api_create_for_coordinators(client, personas):
    client.force_login(personas[Role.CTED_COORDINATOR])
    response = client.post(API, _new(), content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert body["reference"] == "VIS/KEN/2012/1"
    assert (body["experts"], body["partners"], body["joint"]) == (
        ["expert"],
        ["1267-monitoring-team"],
        True,
    )
    client.force_login(personas[Role.CTED_EXPERT])
    assert client.post(API, _new(), content_type="application/json").status_code == 403


def test_api_create_refuses_bad_input_with_field_messages(client, personas):
    client.force_login(personas[Role.CTED_COORDINATOR])
    response = client.post(
        API, _new(ends_on="2012-05-01", experts=["committee"]), content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"ends_on", "experts"}
    response = client.post(API, _new(partners=["nobody"]), content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()) == ["partners"]
    assert Visit.objects.count() == 0


def test_api_detail_outside_scope_is_404(client, personas):
    visit = VisitFactory()
    client.force_login(personas[Role.COMMITTEE_MEMBER])
    assert client.get(f"{API}{visit.pk}/").status_code == 404
    client.force_login(personas[Role.CTED_EXPERT])
    assert client.get(f"{API}{visit.pk}/").json()["reference"] == visit.reference


def test_api_transition_request_consent_and_history(client, personas):
    visit = VisitFactory()
    client.force_login(personas[Role.CTED_COORDINATOR])
    today = timezone.localdate()
    response = client.post(
        f"{API}{visit.pk}/transitions/",
        {"action": "request_consent", "dated": today.isoformat(), "reference": "NV/12/31"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["consent_status"] == ConsentStatus.REQUESTED
    assert (
        response.json()["consent_answer_due_on"]
        == (today + datetime.timedelta(days=31)).isoformat()
    )
    history = client.get(f"{API}{visit.pk}/transitions/").json()
    assert [(h["gate"], h["action"], h["reference"], h["by"]) for h in history] == [
        ("consent", "request_consent", "NV/12/31", "coordinator")
    ]


def test_api_transition_future_date_is_400_and_changes_nothing(client, personas):
    visit = VisitFactory(status=VisitStatus.AWAITING_APPROVAL)
    client.force_login(personas[Role.CHAIR])
    future = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client.post(
        f"{API}{visit.pk}/transitions/",
        {"action": "approve", "dated": future, "reference": "D/1"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {"dated": ["The date cannot be in the future."]}
    assert VisitTransition.objects.count() == 0


def test_api_transition_confirm_names_the_missing_gate(client, personas):
    visit = VisitFactory(status=VisitStatus.APPROVED, consent_status=ConsentStatus.REQUESTED)
    client.force_login(personas[Role.CTED_COORDINATOR])
    response = client.post(
        f"{API}{visit.pk}/transitions/", {"action": "confirm"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == ["The visit cannot be confirmed yet: the State's consent is missing."]


def test_api_transition_by_a_role_that_never_takes_it_is_403(client, personas):
    visit = VisitFactory(status=VisitStatus.AWAITING_APPROVAL)
    client.force_login(personas[Role.CTED_EXPERT])
    response = client.post(
        f"{API}{visit.pk}/transitions/",
        {"action": "approve", "dated": "2012-01-01", "reference": "D/1"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_api_partner_sees_its_organisations_visits(client, personas):
    monitoring = Organisation.objects.get(code="1267-monitoring-team")
    VisitFactory(reference="VIS/J/1", partners=[monitoring])
    VisitFactory(reference="VIS/N/1")
    client.force_login(personas[Role.PARTNER_ANALYST])
    assert [v["reference"] for v in client.get(API).json()["results"]] == ["VIS/J/1"]
