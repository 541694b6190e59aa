"""Who gets what from every route of the match lifecycle, the donor's view and the regional
matrix, pages and API, for each person and three matches, all proposed: "shared" (to the
donor's programme, of a need Kenya shares with donors), "unshared" (to the donor's
programme, of a need Kenya did not agree to share) and "other" (to another donor's
programme, of the shared need).

A match outside a person's scope answers 404 (never 403); 403 is for a person who sees the
match but may not take the step. tests/test_permissions.py checks that these rows cover
every route.
"""

from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import translation

from ctc.accounts.enums import Role
from ctc.organisations.models import Organisation
from ctc.states.models import MemberState
from tests.factories import MatchFactory, NeedFactory, OfferFactory
from tests.matrix import NO_OBJECT, Call, Matrix

pytestmark = pytest.mark.django_db

MATCHES = ["shared", "unshared", "other"]
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
# Who reads every match: CTED (administrators included) and the Committee.
READERS = {EXPERT, COORDINATOR, COMMITTEE, CHAIR, ADMIN}
WRITERS = {EXPERT, COORDINATOR}
OUTSIDE = [SUB_B, "sub_a", FOCAL_KEN, "focal_fra", PARTNER]

MATRIX = Matrix()

# fmt: off
# --- Pages ------------------------------------------------------------------------------------
LIST = [(ANON, 302)] + [(who, 200) for who in [*READERS, DONOR]] + [(w, 404) for w in OUTSIDE]
CREATE = (
    [(ANON, 302, 302)]
    + [(who, 200, 302) for who in WRITERS]
    + [(who, 403, 403) for who in [*READERS - WRITERS, DONOR]]
    + [(who, 404, 404) for who in OUTSIDE]
)
SEES = (
    [(ANON, 302, 302, 302)]
    + [(who, 200, 200, 200) for who in READERS]
    + [(DONOR, 200, 404, 404)]
    + [(who, 404, 404, 404) for who in OUTSIDE]
)
# Agreeing: CTED writers for the provider (refused, 400, while the need is not shared), the
# donor on its own programme; 403 for who reads the match but never agrees.
AGREES = (
    [(ANON, 302, 302, 302)]
    + [(who, 302, 400, 302) for who in WRITERS]
    + [(who, 403, 403, 403) for who in READERS - WRITERS]
    + [(DONOR, 302, 404, 404)]
    + [(who, 404, 404, 404) for who in OUTSIDE]
)
DONOR_HOME = (
    [(ANON, 302), (DONOR, 200)] + [(who, 404) for who in READERS] + [(w, 404) for w in OUTSIDE]
)
# The matrix: whoever works on assistance (the partner here holds no grant).
MATRIX_PAGE = LIST

# --- The API: nobody signed in gets 403 -------------------------------------------------------
API_LIST = [(ANON, 403)] + [(who, 200) for who, _s in LIST[1:]]
API_PROPOSE = [(who, 201 if who in WRITERS else 403) for who, _s in LIST]
API_SEES = [(who, *[403 if who is ANON else s for s in st]) for who, *st in SEES]
API_AGREES = [
    (who, *[403 if who is ANON else 200 if s == 302 else s for s in st]) for who, *st in AGREES
]
# fmt: on

MATRIX.add("assistance_matches:list", "GET", ONE, LIST)
MATRIX.add("assistance_matches:create", "GET", ONE, [(w, g) for w, g, _p in CREATE])
MATRIX.add("assistance_matches:create", "POST", ONE, [(w, p) for w, _g, p in CREATE])
MATRIX.add("assistance_matches:detail", "GET", MATCHES, SEES)
MATRIX.add("assistance_matches:step", "POST", MATCHES, AGREES)
MATRIX.add("assistance_donor:home", "GET", ONE, DONOR_HOME)
MATRIX.add("assistance_matrix:matrix", "GET", ONE, MATRIX_PAGE)
MATRIX.add("assistance_matrix:export", "GET", ONE, MATRIX_PAGE)
MATRIX.add("api:match-list", "GET", ONE, API_LIST)
MATRIX.add("api:match-list", "POST", ONE, API_PROPOSE)
MATRIX.add("api:match-detail", "GET", MATCHES, API_SEES)
MATRIX.add("api:match-transitions", "GET", MATCHES, API_SEES)
MATRIX.add("api:match-transitions", "POST", MATCHES, API_AGREES)


@dataclass(frozen=True)
class World:
    people: dict
    matches: dict  # variant → match pk
    need: int  # the shared need
    spare: int  # a programme of the donor not yet matched with it


@pytest.fixture(scope="module")
def world(matrix_people):
    people = matrix_people
    kenya = MemberState.objects.get(iso3="KEN")
    mine = people[DONOR].organisation
    other = Organisation.objects.exclude(pk=mine.pk).filter(kind="donor").first()
    shared = NeedFactory(state=kenya, shared_with_donors=True, created_by=people[EXPERT])
    unshared = NeedFactory(state=kenya, shared_with_donors=False, created_by=people[EXPERT])
    matches = {
        "shared": MatchFactory(need=shared, offer=OfferFactory(provider=mine)),
        "unshared": MatchFactory(need=unshared, offer=OfferFactory(provider=mine)),
        "other": MatchFactory(need=shared, offer=OfferFactory(provider=other)),
    }
    spare = OfferFactory(provider=mine)
    return World(
        people=people,
        matches={k: m.pk for k, m in matches.items()},
        need=shared.pk,
        spare=spare.pk,
    )


def call(route: str, method: str, pk: int | None, world: World) -> Call:
    kwargs = {"pk": pk} if pk is not None else {}
    with translation.override("en"):
        path = reverse(route, kwargs=kwargs)
    if method != "POST":
        return Call(method, path)
    data = {
        "assistance_matches:create": {"need": world.need, "offer": world.spare},
        "assistance_matches:step": {"action": "agree", "agree-comment": "Matrix."},
    }.get(route)
    if data is not None:
        return Call(method, path, data)
    api = {
        "api:match-list": {"need": world.need, "offer": world.spare},
        "api:match-transitions": {"action": "agree", "comment": "Matrix."},
    }[route]
    return Call(method, path, api, "application/json")


@pytest.mark.parametrize("row", MATRIX.params())
def test_route_answers_each_person(client, world, row):
    pk = world.matches.get(row.variant)
    request = call(row.route, row.method, pk, world)
    user = world.people[row.who]
    if user is not None:
        client.force_login(user)

    response = request.send(client)

    assert response.status_code == row.expected
    if row.expected == 302 and user is None:
        assert response["Location"].startswith(f"{LOGIN}?next=")
