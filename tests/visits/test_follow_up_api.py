"""API of recommendations and follow-up actions: scope (404 outside it), filters, steps."""

import datetime

import pytest
from django.utils import timezone

from ctc.accounts.enums import Role
from ctc.organisations.models import Organisation
from ctc.states.models import MemberState
from tests.factories import FollowUpActionFactory, VisitFactory, VisitRecommendationFactory
from visits.models import FollowUpAction

pytestmark = pytest.mark.django_db

D = datetime.date
API = "/api/v1/"


@pytest.fixture
def monitoring():
    return Organisation.objects.get(code="1267-monitoring-team")


@pytest.fixture
def recommendation(personas, monitoring):
    visit = VisitFactory(
        status="done", consent_status="given", report_status="draft", partners=[monitoring]
    )
    return VisitRecommendationFactory(visit=visit, position=1)


@pytest.fixture
def actions(personas, recommendation, monitoring):
    expert = personas[Role.CTED_EXPERT]
    return {
        "state": FollowUpActionFactory(recommendation=recommendation, due_on=D(2012, 1, 31)),
        "partner": FollowUpActionFactory(
            recommendation=recommendation,
            owner_kind="partner",
            owner_organisation=monitoring,
            due_on=D(2099, 1, 31),
        ),
        "cted": FollowUpActionFactory(
            recommendation=recommendation,
            owner_kind="cted",
            owner_user=expert,
            status="done",
            due_on=D(2012, 2, 28),
        ),
    }


def _ids(response):
    return sorted(row["id"] for row in response.json()["results"])


def _get(client, user, path):
    client.force_login(user)
    return client.get(API + path)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["state", "partner", "cted"]),
        ("?owner=partner", ["partner"]),
        ("?owner=me", ["cted"]),
        ("?status=done", ["cted"]),
        ("?overdue=true", ["state"]),
        ("?overdue=false", ["partner", "cted"]),
        ("?state=ken", ["state", "partner", "cted"]),
        ("?state=FRA", []),
    ],
)
def test_follow_up_list_filters(client, personas, actions, query, expected):
    response = _get(client, personas[Role.CTED_EXPERT], "follow-up-actions/" + query)

    assert response.status_code == 200
    assert _ids(response) == sorted(actions[k].pk for k in expected)


def test_follow_up_list_bad_filter_is_400(client, personas, actions):
    response = _get(client, personas[Role.CTED_EXPERT], "follow-up-actions/?overdue=maybe")

    assert response.status_code == 400
    assert list(response.json()) == ["overdue"]


def test_follow_up_list_of_a_partner_is_its_organisations(client, personas, actions):
    response = _get(client, personas[Role.PARTNER_ANALYST], "follow-up-actions/")

    assert _ids(response) == [actions["partner"].pk]


def test_follow_up_list_overdue_is_computed_at_headquarters(client, personas, actions):
    response = _get(client, personas[Role.FOCAL_POINT], "follow-up-actions/")

    row = response.json()["results"][0]
    assert (row["id"], row["overdue"], row["state"]) == (actions["state"].pk, True, "KEN")


def test_follow_up_detail_of_another_owner_is_404(client, personas, actions):
    response = _get(client, personas[Role.FOCAL_POINT], f"follow-up-actions/{actions['cted'].pk}/")

    assert response.status_code == 404


def test_follow_up_transition_by_the_owning_state(client, personas, actions):
    client.force_login(personas[Role.FOCAL_POINT])

    response = client.post(
        API + f"follow-up-actions/{actions['state'].pk}/transitions/",
        {"action": "start", "comment": "Drafting."},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.json()["status"] == "in_progress"


def test_follow_up_transition_drop_without_reason_is_400(client, personas, actions):
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(
        API + f"follow-up-actions/{actions['state'].pk}/transitions/",
        {"action": "drop"},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json() == {"reason": ["Say why the action is dropped."]}
    assert FollowUpAction.objects.get(pk=actions["state"].pk).status == "open"


def test_follow_up_transition_drop_by_a_focal_point_is_403(client, personas, actions):
    client.force_login(personas[Role.FOCAL_POINT])

    response = client.post(
        API + f"follow-up-actions/{actions['state'].pk}/transitions/",
        {"action": "drop", "comment": "No."},
        content_type="application/json",
    )

    assert response.status_code == 403


def test_recommendations_list_with_the_readers_actions(client, personas, actions, recommendation):
    response = _get(
        client, personas[Role.CTED_EXPERT], f"visits/{recommendation.visit_id}/recommendations/"
    )

    rows = response.json()
    assert [r["id"] for r in rows] == [recommendation.pk]
    assert sorted(a["id"] for a in rows[0]["actions"]) == sorted(a.pk for a in actions.values())


def test_recommendations_of_a_visit_out_of_scope_is_404(client, personas, recommendation):
    france = MemberState.objects.get(iso3="FRA")
    visit = VisitFactory(state=france, status="done", consent_status="given")

    response = _get(client, personas[Role.FOCAL_POINT], f"visits/{visit.pk}/recommendations/")

    assert response.status_code == 404


def test_recommendations_post_creates_one(client, personas, recommendation):
    client.force_login(personas[Role.CTED_EXPERT])
    area = recommendation.thematic_area

    response = client.post(
        API + f"visits/{recommendation.visit_id}/recommendations/",
        {"text": "Train prosecutors.", "thematic_area": area.code, "priority": "high"},
        content_type="application/json",
    )

    assert response.status_code == 201
    assert (response.json()["position"], response.json()["text"]) == (2, "Train prosecutors.")


def test_recommendations_post_after_approval_is_400(client, personas, recommendation):
    visit = recommendation.visit
    visit.report_status, visit.report_status_changed_at = "approved", timezone.now()
    visit.save()
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(
        API + f"visits/{visit.pk}/recommendations/",
        {"text": "Late.", "thematic_area": recommendation.thematic_area.code},
        content_type="application/json",
    )

    assert response.status_code == 400


def test_api_root_lists_follow_up_actions(client):
    assert client.get(API).json()["follow-up-actions"].endswith("/api/v1/follow-up-actions/")
