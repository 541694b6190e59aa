"""Who gets what from every route of recommendations and follow-up, pages and API, for each
person and these objects, all of Kenya's visits joined by the 1267 Monitoring Team:

- visits "draft" (carried out, report in draft) and "approved" (report approved);
- actions "state" (owned by Kenya, on the draft visit), "partner" (owned by the Monitoring
  Team, on the approved visit), "cted" (owned by the CTED expert, on the approved visit).

Outside a person's scope: 404 (never 403); 403 for a person who sees but may not act.
tests/test_permissions.py checks that these rows, with the site's, cover every route.
"""

from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import translation

from ctc.accounts.enums import Role
from ctc.organisations.models import Organisation
from tests.conftest import MATRIX_PEOPLE
from tests.factories import FollowUpActionFactory, VisitFactory, VisitRecommendationFactory
from tests.matrix import NO_OBJECT, Call, Matrix

pytestmark = pytest.mark.django_db

ONE = [NO_OBJECT]
VISITS = ["draft", "approved"]
ACTIONS = ["state", "partner", "cted"]

EXPERT = Role.CTED_EXPERT
COORDINATOR = Role.CTED_COORDINATOR
COMMITTEE = Role.COMMITTEE_MEMBER
CHAIR = Role.CHAIR
FOCAL_KEN = Role.FOCAL_POINT
PARTNER = Role.PARTNER_ANALYST
ADMIN = Role.ADMINISTRATOR
ANON = None
WRITERS = {EXPERT, COORDINATOR}
COMMITTEE_PEOPLE = {COMMITTEE, CHAIR}

MATRIX = Matrix()


def _table(answer, anonymous):
    """One row per person: anonymous gets `anonymous` everywhere; `answer(who)` the others'
    statuses, in variant order."""
    return [(None, *anonymous)] + [(who, *answer(who)) for who in MATRIX_PEOPLE if who]


def _visit_pages(done_draft, done_approved, seen=403):
    """A visit's page or form: writers get `done_*`; the administrator sees every visit's
    recommendations, the Committee the approved visit's: `seen` (200 on the page, 403 on
    forms and writes)."""

    def answer(who):
        if who in WRITERS:
            return (done_draft, done_approved)
        if who == ADMIN:
            return (seen, seen)
        if who in COMMITTEE_PEOPLE:
            return (404, seen)
        return (404, 404)

    return _table(answer, (302, 302))


def _action_pages(done):
    """An action's form or step: writers only; who sees the action without writing: 403."""

    def answer(who):
        if who in WRITERS:
            return (done,) * 3
        if who == ADMIN:
            return (403,) * 3
        if who in COMMITTEE_PEOPLE:
            return (404, 403, 403)
        return (404,) * 3

    return _table(answer, (302,) * 3)


def _workspace_list(writers, seers):
    def answer(who):
        if who in WRITERS:
            return (writers,)
        if who == ADMIN or who in COMMITTEE_PEOPLE:
            return (seers,)
        return (404,)

    return _table(answer, (302,))


SECURE_GET = _table(
    lambda who: (200,) if who in (FOCAL_KEN, "focal_fra", PARTNER) else (404,), (302,)
)
# Starting Kenya's own action: its focal point only; the others do not see it.
SECURE_POST = _table(lambda who: (302,) if who == FOCAL_KEN else (404,), (302,))


def _api_recommendations_get(who):
    if who in WRITERS or who == ADMIN:
        return (200, 200)
    if who in COMMITTEE_PEOPLE or who == PARTNER:
        return (404, 200)
    return (404, 404)


def _api_recommendations_post(who):
    if who in WRITERS:
        return (201, 400)
    if who == ADMIN:
        return (403, 403)
    if who in COMMITTEE_PEOPLE or who == PARTNER:
        return (404, 403)
    return (404, 404)


def _api_action_sees(who):
    if who in WRITERS or who == ADMIN:
        return (200, 200, 200)
    if who in COMMITTEE_PEOPLE:
        return (404, 200, 200)
    if who == FOCAL_KEN:
        return (200, 404, 404)
    if who == PARTNER:
        return (404, 200, 404)
    return (404, 404, 404)


def _api_action_steps(who):
    # Starting: CTED writers and the owner; the others who see it may not (403).
    return tuple(
        403 if s == 200 and who in (ADMIN, COMMITTEE, CHAIR) else s for s in _api_action_sees(who)
    )


MATRIX.add("visits:recommendations", "GET", VISITS, _visit_pages(200, 200, seen=200))
MATRIX.add("visits:recommendations", "POST", VISITS, _visit_pages(302, 400))
MATRIX.add("visits:recommendation_edit", "GET", VISITS, _visit_pages(200, 200))
MATRIX.add("visits:recommendation_edit", "POST", VISITS, _visit_pages(302, 400))
# The assistance app's hook records the need (302, back to the recommendations).
MATRIX.add("visits:recommendation_need", "POST", VISITS, _visit_pages(302, 302))
MATRIX.add("visits:follow_up_add", "POST", VISITS, _visit_pages(302, 302))
MATRIX.add("visits:evaluation", "POST", VISITS, _visit_pages(302, 302))
MATRIX.add("visits:follow_up_edit", "GET", ACTIONS, _action_pages(200))
MATRIX.add("visits:follow_up_edit", "POST", ACTIONS, _action_pages(302))
MATRIX.add("visits:follow_up_step", "POST", ACTIONS, _action_pages(302))
MATRIX.add("visits:follow_up_state", "GET", ONE, _workspace_list(200, 200))
MATRIX.add("visits:follow_up_state", "POST", ONE, _workspace_list(302, 403))
MATRIX.add("visits:follow_up_list", "GET", ONE, _workspace_list(200, 200))
MATRIX.add("visits_secure:follow_up", "GET", ONE, SECURE_GET)
MATRIX.add("visits_secure:follow_up", "POST", ONE, SECURE_POST)
MATRIX.add(
    "api:visit-recommendation-list", "GET", VISITS, _table(_api_recommendations_get, (403, 403))
)
MATRIX.add(
    "api:visit-recommendation-list", "POST", VISITS, _table(_api_recommendations_post, (403, 403))
)
MATRIX.add("api:follow-up-action-list", "GET", ONE, _table(lambda who: (200,), (403,)))
MATRIX.add("api:follow-up-action-detail", "GET", ACTIONS, _table(_api_action_sees, (403,) * 3))
MATRIX.add(
    "api:follow-up-action-transitions", "POST", ACTIONS, _table(_api_action_steps, (403,) * 3)
)


@dataclass(frozen=True)
class World:
    people: dict
    visits: dict  # variant → visit
    recommendations: dict  # variant → recommendation
    actions: dict  # variant → action


@pytest.fixture(scope="module")
def world(matrix_people):
    monitoring = Organisation.objects.get(code="1267-monitoring-team")
    visits = {
        "draft": VisitFactory(
            status="done", consent_status="given", report_status="draft", partners=[monitoring]
        ),
        "approved": VisitFactory(
            status="done", consent_status="given", report_status="approved", partners=[monitoring]
        ),
    }
    recommendations = {k: VisitRecommendationFactory(visit=v) for k, v in visits.items()}
    actions = {
        "state": FollowUpActionFactory(recommendation=recommendations["draft"]),
        "partner": FollowUpActionFactory(
            recommendation=recommendations["approved"],
            owner_kind="partner",
            owner_organisation=monitoring,
        ),
        "cted": FollowUpActionFactory(
            recommendation=recommendations["approved"],
            owner_kind="cted",
            owner_user=matrix_people[EXPERT],
        ),
    }
    return World(matrix_people, visits, recommendations, actions)


def _call(row, world: World) -> Call:
    route, variant = row.route, row.variant
    kwargs = {}
    if route in (
        "visits:recommendations",
        "visits:follow_up_add",
        "visits:evaluation",
        "api:visit-recommendation-list",
    ):
        kwargs["pk"] = world.visits[variant].pk
    elif route in ("visits:recommendation_edit", "visits:recommendation_need"):
        kwargs["pk"] = world.recommendations[variant].pk
    elif variant in world.actions:
        kwargs["pk"] = world.actions[variant].pk
    if route == "visits:follow_up_state":
        kwargs["iso3"] = "KEN"
    with translation.override("en"):
        path = reverse(route, kwargs=kwargs)
    if row.method == "GET":
        return Call("GET", path)
    recommendation = world.recommendations.get(variant)
    action = world.actions.get(variant)
    area = world.recommendations["draft"].thematic_area
    data = {
        "visits:recommendations": {"text": "New.", "thematic_area": area.pk, "priority": "high"},
        "visits:recommendation_edit": {
            "text": "Edited.",
            "thematic_area": area.pk,
            "priority": "low",
        },
        "visits:follow_up_add": {
            "recommendation": recommendation.pk if recommendation else "",
            "description": "New action.",
            "owner_kind": "state",
            "due_on": "2012-12-31",
        },
        "visits:evaluation": {"what_changed": "Much."},
        "visits:follow_up_step": {"action": "start"},
        "visits:follow_up_state": {"actions": [world.actions["state"].pk], "action": "start"},
        "visits_secure:follow_up": {"actions": [world.actions["state"].pk], "action": "start"},
    }.get(route, {})
    if route == "visits:follow_up_edit":
        data = {
            "description": "Edited.",
            "owner_kind": action.owner_kind,
            "owner_user": action.owner_user_id or "",
            "owner_organisation": action.owner_organisation_id or "",
            "due_on": "2013-01-31",
        }
    if route.startswith("api:"):
        data = {
            "api:visit-recommendation-list": {"text": "New.", "thematic_area": area.code},
            "api:follow-up-action-transitions": {"action": "start"},
        }[route]
        return Call("POST", path, data, "application/json")
    return Call("POST", path, data)


@pytest.mark.parametrize("row", MATRIX.params())
def test_follow_up_route_answers_each_person(client, world, row):
    request = _call(row, world)
    user = world.people[row.who]
    if user is not None:
        client.force_login(user)

    response = request.send(client)

    assert response.status_code == row.expected
    if row.expected == 302 and user is None:
        assert response["Location"].startswith("/en/login/?next=")
