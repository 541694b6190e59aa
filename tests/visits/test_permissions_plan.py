"""Who gets what from every route of the plan, pages and API, for each person and three
visits: "ken" (Kenya, awaiting the Committee's approval, consent requested), "fra" (France,
proposed, consent not requested) and "joint" (Kenya, approved, consent given, joined by the
1267 Monitoring Team, which holds a visit_schedule grant).

A visit outside a person's scope answers 404 (never 403); 403 is for a person who sees the
visit but may not take the step. tests/test_permissions.py checks that these rows cover
every route.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from ctc.accounts.enums import Role
from ctc.organisations.models import AccessGrant, Organisation
from ctc.states.models import MemberState
from tests.factories import VisitFactory
from tests.matrix import NO_OBJECT, Call, Matrix
from visits import services

pytestmark = pytest.mark.django_db

VISITS = ["ken", "fra", "joint"]
ONE = [NO_OBJECT]
LOGIN = "/en/login/"

EXPERT = Role.CTED_EXPERT
COORDINATOR = Role.CTED_COORDINATOR
SUB_B = Role.SUBCOMMITTEE_MEMBER
COMMITTEE = Role.COMMITTEE_MEMBER
CHAIR = Role.CHAIR
FOCAL_KEN = Role.FOCAL_POINT
PARTNER = Role.PARTNER_ANALYST
DONOR = Role.DONOR
ADMIN = Role.ADMINISTRATOR
ANON = None

MATRIX = Matrix()

# fmt: off
# --- The workspace's pages (visits/) ----------------------------------------------------------
WORKSPACE = [
    (ANON, 302), (EXPERT, 200), (COORDINATOR, 200), (SUB_B, 404), ("sub_a", 404),
    (COMMITTEE, 200), (CHAIR, 200), (FOCAL_KEN, 404), ("focal_fra", 404), (PARTNER, 404),
    (DONOR, 404), (ADMIN, 200),
]
CREATE = [
    # person       GET  POST
    (ANON,        302, 302),
    (EXPERT,      403, 403),
    (COORDINATOR, 200, 302),
    (SUB_B,       404, 404),
    ("sub_a",     404, 404),
    (COMMITTEE,   403, 403),
    (CHAIR,       403, 403),
    (FOCAL_KEN,   404, 404),
    ("focal_fra", 404, 404),
    (PARTNER,     404, 404),
    (DONOR,       404, 404),
    (ADMIN,       403, 403),
]
FEEDS = [
    # person       GET  POST
    (ANON,        302, 302),
    (EXPERT,      200, 302),
    (COORDINATOR, 200, 302),
    (SUB_B,       404, 404),
    ("sub_a",     404, 404),
    (COMMITTEE,   200, 302),
    (CHAIR,       200, 302),
    (FOCAL_KEN,   404, 404),
    ("focal_fra", 404, 404),
    (PARTNER,     200, 302),
    (DONOR,       404, 404),
    (ADMIN,       200, 302),
]
# Reading a visit's page: CTED all; the Committee the plans before it or approved.
SEES = [
    # person       ken  fra  joint
    (ANON,        302, 302, 302),
    (EXPERT,      200, 200, 200),
    (COORDINATOR, 200, 200, 200),
    (SUB_B,       404, 404, 404),
    ("sub_a",     404, 404, 404),
    (COMMITTEE,   200, 404, 200),
    (CHAIR,       200, 404, 200),
    (FOCAL_KEN,   404, 404, 404),
    ("focal_fra", 404, 404, 404),
    (PARTNER,     404, 404, 404),
    (DONOR,       404, 404, 404),
    (ADMIN,       200, 200, 200),
]
# Editing: the coordinators, while the plan is proposed ("fra"); 403 for who sees it.
EDITS_GET = [
    (who, *[200 if s == 200 and who == COORDINATOR and v == "fra" else 403 if s == 200 else s
            for v, s in zip(VISITS, st, strict=True)])
    for who, *st in SEES
]
EDITS_POST = [(who, *[302 if s == 200 else s for s in st]) for who, *st in EDITS_GET]
# Cancelling (the step posted): the coordinators; 403 for who sees the visit.
CANCELS = [
    (who, *[302 if s == 200 and who == COORDINATOR else 403 if s == 200 else s for s in st])
    for who, *st in SEES
]

# --- The secure area (secure/visits/) -----------------------------------------------------------
SECURE = [
    (ANON, 302), (EXPERT, 404), (COORDINATOR, 404), (SUB_B, 404), ("sub_a", 404),
    (COMMITTEE, 404), (CHAIR, 404), (FOCAL_KEN, 200), ("focal_fra", 200), (PARTNER, 200),
    (DONOR, 404), (ADMIN, 404),
]
SECURE_SEES = [
    # person       ken  fra  joint
    (ANON,        302, 302, 302),
    (EXPERT,      404, 404, 404),
    (COORDINATOR, 404, 404, 404),
    (SUB_B,       404, 404, 404),
    ("sub_a",     404, 404, 404),
    (COMMITTEE,   404, 404, 404),
    (CHAIR,       404, 404, 404),
    (FOCAL_KEN,   200, 404, 200),
    ("focal_fra", 404, 404, 404),
    (PARTNER,     404, 404, 200),
    (DONOR,       404, 404, 404),
    (ADMIN,       404, 404, 404),
]
# Giving consent: Kenya's focal point while it is requested ("ken": 302); 400 once given
# ("joint"); 403 for the partner, who sees the visit but never answers for a State.
CONSENTS = [
    # person       ken  fra  joint
    (ANON,        302, 302, 302),
    (EXPERT,      404, 404, 404),
    (COORDINATOR, 404, 404, 404),
    (SUB_B,       404, 404, 404),
    ("sub_a",     404, 404, 404),
    (COMMITTEE,   404, 404, 404),
    (CHAIR,       404, 404, 404),
    (FOCAL_KEN,   302, 404, 400),
    ("focal_fra", 404, 404, 404),
    (PARTNER,     404, 404, 403),
    (DONOR,       404, 404, 404),
    (ADMIN,       404, 404, 404),
]
# The schedule under a visit_schedule grant: CTED staff read it without one.
SCHEDULE = [
    (ANON, 302), (EXPERT, 200), (COORDINATOR, 200), (SUB_B, 404), ("sub_a", 404),
    (COMMITTEE, 404), (CHAIR, 404), (FOCAL_KEN, 404), ("focal_fra", 404), (PARTNER, 200),
    (DONOR, 404), (ADMIN, 200),
]
# The calendar feed is opened by its token alone: everyone, signed in or not.
FEED = [(who, 200) for who, _s in WORKSPACE]

# --- The API: nobody signed in gets 403 ---------------------------------------------------------
API_LIST = [(ANON, 403)] + [(who, 200) for who, _s in WORKSPACE[1:]]
API_CREATE = [(who, 201 if who == COORDINATOR else 403) for who, _s in WORKSPACE]
API_SEES = [
    # person       ken  fra  joint
    (ANON,        403, 403, 403),
    (EXPERT,      200, 200, 200),
    (COORDINATOR, 200, 200, 200),
    (SUB_B,       404, 404, 404),
    ("sub_a",     404, 404, 404),
    (COMMITTEE,   200, 404, 200),
    (CHAIR,       200, 404, 200),
    (FOCAL_KEN,   200, 404, 200),
    ("focal_fra", 404, 404, 404),
    (PARTNER,     404, 404, 200),
    (DONOR,       404, 404, 404),
    (ADMIN,       200, 200, 200),
]
API_CANCELS = [
    (who, *[200 if s == 200 and who == COORDINATOR else 403 if s == 200 else s for s in st])
    for who, *st in API_SEES
]
# fmt: on

for name in ("list", "calendar", "programme"):
    MATRIX.add(f"visits:{name}", "GET", ONE, WORKSPACE)
MATRIX.add("visits:create", "GET", ONE, [(w, g) for w, g, _p in CREATE])
MATRIX.add("visits:create", "POST", ONE, [(w, p) for w, _g, p in CREATE])
MATRIX.add("visits:feeds", "GET", ONE, [(w, g) for w, g, _p in FEEDS])
MATRIX.add("visits:feeds", "POST", ONE, [(w, p) for w, _g, p in FEEDS])
MATRIX.add("visits:feed", "GET", ONE, FEED)
MATRIX.add("visits:detail", "GET", VISITS, SEES)
MATRIX.add("visits:edit", "GET", VISITS, EDITS_GET)
MATRIX.add("visits:edit", "POST", VISITS, EDITS_POST)
MATRIX.add("visits:step", "POST", VISITS, CANCELS)
MATRIX.add("visits_secure:list", "GET", ONE, SECURE)
MATRIX.add("visits_secure:detail", "GET", VISITS, SECURE_SEES)
MATRIX.add("visits_secure:consent", "POST", VISITS, CONSENTS)
MATRIX.add("visits_secure:schedule", "GET", ONE, SCHEDULE)
MATRIX.add("api:visit-list", "GET", ONE, API_LIST)
MATRIX.add("api:visit-list", "POST", ONE, API_CREATE)
MATRIX.add("api:visit-detail", "GET", VISITS, API_SEES)
MATRIX.add("api:visit-transitions", "GET", VISITS, API_SEES)
MATRIX.add("api:visit-transitions", "POST", VISITS, API_CANCELS)


@dataclass(frozen=True)
class World:
    people: dict
    visits: dict  # variant → visit pk
    token: str


@pytest.fixture(scope="module")
def world(matrix_people):
    people = matrix_people
    kenya = MemberState.objects.get(iso3="KEN")
    france = MemberState.objects.get(iso3="FRA")
    monitoring = Organisation.objects.get(code="1267-monitoring-team")
    coordinator = people[COORDINATOR]
    visits = {
        "ken": VisitFactory(
            reference="VIS/KEN/2012/1",
            state=kenya,
            coordinator=coordinator,
            status="awaiting_approval",
            consent_status="requested",
            consent_requested_on=datetime.date(2012, 3, 3),
        ),
        "fra": VisitFactory(reference="VIS/FRA/2012/1", state=france, coordinator=coordinator),
        "joint": VisitFactory(
            reference="VIS/KEN/2012/2",
            state=kenya,
            coordinator=coordinator,
            status="approved",
            consent_status="given",
            partners=[monitoring],
        ),
    }
    AccessGrant.objects.create(
        organisation=monitoring,
        scope="visit_schedule",
        expires_at=timezone.now() + datetime.timedelta(days=30),
        granted_by=people[ADMIN],
    )
    token = services.feed_renew(by=people[EXPERT]).token
    return World(people=people, visits={k: v.pk for k, v in visits.items()}, token=token)


def _plan(state: str) -> dict:
    return {
        "state": state,
        "starts_on": "2012-05-14",
        "ends_on": "2012-05-18",
        "purpose": "Assess resolution 1373.",
        "objectives": "Meet the border police.",
    }


def call(route: str, method: str, pk: int | None, world: World) -> Call:
    kwargs = {"pk": pk} if pk is not None else {}
    if route == "visits:feed":
        kwargs = {"token": world.token}
    with translation.override("en"):
        path = reverse(route, kwargs=kwargs)
    if method != "POST":
        return Call(method, path)
    today = timezone.localdate().isoformat()
    data = {
        "visits:create": _plan("KEN"),
        "visits:edit": _plan("FRA"),
        "visits:step": {"action": "cancel", "cancel-comment": "Matrix."},
        "visits:feeds": {},
        "visits_secure:consent": {
            "action": "record_consent",
            "record_consent-dated": today,
            "record_consent-reference": "NV/1",
        },
    }.get(route)
    if data is not None:
        return Call(method, path, data)
    api = {
        "api:visit-list": {**_plan("KEN"), "human_rights": "Meet the ombudsman."},
        "api:visit-transitions": {"action": "cancel", "comment": "Matrix."},
    }[route]
    return Call(method, path, api, "application/json")


@pytest.mark.parametrize("row", MATRIX.params())
def test_route_answers_each_person(client, world, row):
    pk = world.visits.get(row.variant)
    request = call(row.route, row.method, pk, world)
    user = world.people[row.who]
    if user is not None:
        client.force_login(user)

    response = request.send(client)

    assert response.status_code == row.expected
    if row.expected == 302 and user is None:
        assert response["Location"].startswith(f"{LOGIN}?next=")
