"""Who gets what from the partner pages and API, for each state of the partner's grant.

The partner persona works for the 1267 Monitoring Team. The variant is the state of that
organisation's state_profiles grant: in force ("granted"), never given ("no_grant"), past
its expiry ("expired"), or revoked ("revoked"). CTED staff read the shared database
without a grant; everyone else gets 404, as if the pages did not exist.
tests/test_permissions.py checks that these rows, with the site's, cover every route.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from ctc.accounts.enums import CTED_ROLES, Role
from ctc.organisations.enums import GrantScope
from tests.conftest import MATRIX_PEOPLE
from tests.matrix import Call, Matrix

from .grants import grant_expired, grant_make, grant_revoked

pytestmark = pytest.mark.django_db

MATRIX = Matrix()
GRANT = ["granted", "no_grant", "expired", "revoked"]
PARTNER = Role.PARTNER_ANALYST
SIGNED_IN = [who for who in MATRIX_PEOPLE if who is not None]


def _table(anonymous: int, partner: list[int]) -> list[tuple]:
    rows = [(None, *[anonymous] * len(GRANT))]
    for who in SIGNED_IN:
        if who in CTED_ROLES:
            rows.append((who, *[200] * len(GRANT)))
        elif who == PARTNER:
            rows.append((who, *partner))
        else:
            rows.append((who, *[404] * len(GRANT)))
    return rows


# fmt: off
# The partner's home answers them whatever they hold (it says what that is); visitors sign in.
MATRIX.add("partner:home", "GET", GRANT, _table(302, [200, 200, 200, 200]))
# State profiles: only with the grant in force.
for route in ("partner_states:list", "partner_states:detail"):
    MATRIX.add(route, "GET", GRANT, _table(302, [200, 404, 404, 404]))
# The API: visitors are refused (403) as everywhere in the API; then the same scope.
for route in ("api:partner-state-profile-list", "api:partner-state-profile-detail"):
    MATRIX.add(route, "GET", GRANT, _table(403, [200, 404, 404, 404]))
# fmt: on


def _grant(variant: str, organisation) -> None:
    scope = GrantScope.STATE_PROFILES
    if variant == "granted":
        grant_make(organisation, scope)
    elif variant == "expired":
        grant_expired(organisation, scope)
    elif variant == "revoked":
        grant_revoked(organisation, scope)


@pytest.mark.parametrize("row", MATRIX.params())
def test_route_answers_each_person(client, matrix_people, row):
    _grant(row.variant, matrix_people[PARTNER].organisation)
    kwargs = {"iso3": "KEN"} if row.route.endswith("detail") else {}
    with translation.override("en"):
        request = Call(row.method, reverse(row.route, kwargs=kwargs))
    user = matrix_people[row.who]
    if user is not None:
        client.force_login(user)

    response = request.send(client)

    assert response.status_code == row.expected
    if row.expected == 302:
        assert response["Location"] == f"/en/login/?next={request.path}"
