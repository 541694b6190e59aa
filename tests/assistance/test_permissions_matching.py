"""Who gets what from the matching page, its run button and the suggestions API, for each
person. Needs: "shared" (Kenya shares it with donors) and "unshared"; programmes: "own" (the
donor's, global) and "other" (another donor's). A need or programme outside a person's scope
answers 404. tests/test_permissions.py checks that these rows cover every route.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from ctc.accounts.enums import Role
from ctc.organisations.models import Organisation
from ctc.states.models import MemberState
from tests.factories import NeedFactory, OfferFactory, OrganisationFactory
from tests.matrix import NO_OBJECT, Call, Matrix

pytestmark = pytest.mark.django_db

ONE = [NO_OBJECT]
NEEDS = ["shared", "unshared"]
OFFERS = ["own", "other"]
EXPERT = Role.CTED_EXPERT
COORDINATOR = Role.CTED_COORDINATOR
ADMIN = Role.ADMINISTRATOR
COMMITTEE = Role.COMMITTEE_MEMBER
CHAIR = Role.CHAIR
DONOR = Role.DONOR
FOCAL_KEN = Role.FOCAL_POINT
ANON = None
CTED = [EXPERT, COORDINATOR, ADMIN]
OTHERS = [Role.SUBCOMMITTEE_MEMBER, "sub_a", COMMITTEE, CHAIR, FOCAL_KEN, "focal_fra"]
OUTSIDE = [Role.SUBCOMMITTEE_MEMBER, "sub_a", "focal_fra", Role.PARTNER_ANALYST]

MATRIX = Matrix()
# fmt: off
NOT_CTED = [*OTHERS, DONOR, Role.PARTNER_ANALYST]
PAGE = [(ANON, 302)] + [(w, 200) for w in CTED] + [(w, 404) for w in NOT_CTED]
# The coordinator is sent to the job's page; nobody else may start a run.
RUN = [(ANON, 302), (COORDINATOR, 302)] + [(w, 404) for w in [EXPERT, ADMIN, *NOT_CTED]]
NEED_SUGGESTIONS = (
    [(ANON, 403, 403)]
    + [(w, 200, 200) for w in [*CTED, COMMITTEE, CHAIR]]
    + [(DONOR, 200, 404)]
    + [(w, 404, 404) for w in [*OUTSIDE, FOCAL_KEN]]
)
OFFER_SUGGESTIONS = (
    [(ANON, 403, 403)]
    + [(w, 200, 200) for w in [*CTED, COMMITTEE, CHAIR]]
    + [(DONOR, 200, 404)]
    + [(w, 404, 404) for w in [*OUTSIDE, FOCAL_KEN]]
)
# fmt: on
MATRIX.add("assistance_matching:home", "GET", ONE, PAGE)
MATRIX.add("assistance_matching:run", "POST", ONE, RUN)
MATRIX.add("api:assistance-need-suggestions", "GET", NEEDS, NEED_SUGGESTIONS)
MATRIX.add("api:assistance-offer-suggestions", "GET", OFFERS, OFFER_SUGGESTIONS)


@pytest.fixture(scope="module")
def world(matrix_people):
    kenya = MemberState.objects.get(iso3="KEN")
    mine = matrix_people[DONOR].organisation
    other = Organisation.objects.exclude(pk=mine.pk).filter(kind="donor").first()
    other = other or OrganisationFactory(kind="donor")
    return {
        "shared": NeedFactory(state=kenya, shared_with_donors=True).pk,
        "unshared": NeedFactory(state=kenya).pk,
        "own": OfferFactory(provider=mine).pk,
        "other": OfferFactory(provider=other).pk,
    }


@pytest.mark.parametrize("row", MATRIX.params())
def test_route_answers_each_person(client, matrix_people, world, row):
    kwargs = {"pk": world[row.variant]} if row.variant in world else {}
    with translation.override("en"):
        request = Call(row.method, reverse(row.route, kwargs=kwargs))
    user = matrix_people[row.who]
    if user is not None:
        client.force_login(user)

    response = request.send(client)

    assert response.status_code == row.expected
    if row.expected == 302 and user is None:
        assert response["Location"].startswith("/en/login/?next=")
    elif row.expected == 302:
        assert response["Location"].startswith("/en/jobs/")
