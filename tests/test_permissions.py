"""The permission matrix covers the whole site: every route of the URL resolver and every
operation of the OpenAPI schema, with each method it accepts, has rows for every person, or
an entry (with its reason) in tests.matrix.EXEMPT. Each app's rows live with its tests
(tests/<app>/test_permissions.py); the site's own pages are here.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from ctc.accounts.enums import Role
from ctc.accounts.tokens import token_create, token_id
from ctc.jobs.models import Job
from tests.assessments.test_permissions import MATRIX as ASSESSMENTS
from tests.assistance.test_permissions_matches import MATRIX as ASSISTANCE_MATCHES
from tests.assistance.test_permissions_matching import MATRIX as ASSISTANCE_MATCHING
from tests.assistance.test_permissions_needs import MATRIX as ASSISTANCE_NEEDS
from tests.conftest import MATRIX_PEOPLE
from tests.docs_tracker.test_permissions import MATRIX as DOCS_TRACKER
from tests.matrix import (
    EXEMPT,
    NO_OBJECT,
    Call,
    Matrix,
    api_operations,
    is_exempt,
    missing_rows,
    site_routes,
    unknown_rows,
)
from tests.notifications.test_permissions import MATRIX as NOTIFICATIONS
from tests.organisations.test_permissions import MATRIX as ORGANISATIONS
from tests.programme.test_permissions import MATRIX as PROGRAMME
from tests.publications.test_permissions import MATRIX as PUBLICATIONS
from tests.reports.test_permissions import MATRIX as REPORTS
from tests.states.test_permissions_overview import MATRIX as OVERVIEW
from tests.visits.test_permissions_follow_up import MATRIX as VISITS_FOLLOW_UP
from tests.visits.test_permissions_plan import MATRIX as VISITS_PLAN
from tests.visits.test_permissions_report import MATRIX as VISITS_REPORT

ONE = [NO_OBJECT]
TWO_FACTOR_ROLES = {Role.CTED_EXPERT, Role.CTED_COORDINATOR, Role.ADMINISTRATOR}
SITE = Matrix()

# fmt: off
# The public site and the states' reference data answer everyone, signed in or not.
PUBLIC = [(who, 200) for who in MATRIX_PEOPLE]
# The landing page: everyone signed in has one; nobody else (302 = to the sign-in page).
SIGNED_IN = [(None, 302)] + [(who, 200) for who in MATRIX_PEOPLE if who is not None]
# fmt: on
SITE.add("public:home", "GET", ONE, PUBLIC)
SITE.add("public:committee", "GET", ONE, PUBLIC)
SITE.add("public:state_list", "GET", ONE, PUBLIC)
SITE.add("public:state_detail", "GET", ONE, PUBLIC)
SITE.add("accounts:landing", "GET", ONE, SIGNED_IN)
SITE.add("api:state-list", "GET", ONE, PUBLIC)
SITE.add("api:state-detail", "GET", ONE, PUBLIC)
SITE.add("api:root", "GET", ONE, PUBLIC)
# A background job started by the coordinator: theirs, and every job is the administrators'.
JOB_OWNERS = {Role.CTED_COORDINATOR, Role.ADMINISTRATOR}
# fmt: off
JOB = [(None, 302)] + [
    (who, 200 if who in JOB_OWNERS else 404) for who in MATRIX_PEOPLE if who is not None
]
# fmt: on
# fmt: off
# The account's own security page, two-factor steps and tokens: everyone signed in, on their
# own account only; a token of the donor's stands for "someone's token".
SIGNED_IN_POST = [(None, 302)] + [(who, 200) for who in MATRIX_PEOPLE if who is not None]
TO_ELSEWHERE = [(None, 302)] + [(who, 302) for who in MATRIX_PEOPLE if who is not None]
# Recovery codes need a verified session: staff have one (force_login), others none.
RECOVERY = [(None, 302)] + [
    (who, 200 if who in TWO_FACTOR_ROLES else 302) for who in MATRIX_PEOPLE if who is not None
]
DONORS_TOKEN = [(None, 302)] + [
    (who, 302 if who == Role.DONOR else 404) for who in MATRIX_PEOPLE if who is not None
]
API_SIGNED_IN = [(None, 403)] + [(who, 200) for who in MATRIX_PEOPLE if who is not None]
API_MADE = [(None, 403)] + [(who, 201) for who in MATRIX_PEOPLE if who is not None]
API_DONORS_TOKEN = [(None, 403)] + [
    (who, 204 if who == Role.DONOR else 404) for who in MATRIX_PEOPLE if who is not None
]
# fmt: on
SITE.add("accounts:security", "GET", ONE, SIGNED_IN)
SITE.add("accounts:two_factor_enrol", "GET", ONE, SIGNED_IN)
SITE.add("accounts:two_factor_enrol", "POST", ONE, SIGNED_IN_POST)
SITE.add("accounts:two_factor_verify", "GET", ONE, TO_ELSEWHERE)
SITE.add("accounts:two_factor_verify", "POST", ONE, TO_ELSEWHERE)
SITE.add("accounts:recovery_codes", "POST", ONE, RECOVERY)
SITE.add("accounts:token_new", "POST", ONE, SIGNED_IN_POST)
SITE.add("accounts:token_revoke", "POST", ONE, DONORS_TOKEN)
SITE.add("accounts:sign_out_everywhere", "POST", ONE, TO_ELSEWHERE)
SITE.add("api:me-token-list", "GET", ONE, API_SIGNED_IN)
SITE.add("api:me-token-list", "POST", ONE, API_MADE)
SITE.add("api:me-token-detail", "DELETE", ONE, API_DONORS_TOKEN)
# Where a signed-in person is sent (anonymous people go to the sign-in page).
SIGNED_IN_REDIRECTS = {
    "accounts:two_factor_verify": "/en/workspace/",  # nothing owed: on to the landing page
    "accounts:recovery_codes": "/en/account/security/",
    "accounts:token_revoke": "/en/account/security/",
    "accounts:sign_out_everywhere": "/en/login/",
}
SITE.add("jobs:detail", "GET", ONE, JOB)
SITE.add("jobs:progress", "GET", ONE, JOB)

# Every app's matrix; a new app's tests add theirs here.
MATRICES = {
    "site": SITE,
    "assessments": ASSESSMENTS,
    "notifications": NOTIFICATIONS,
    "organisations": ORGANISATIONS,
    "docs_tracker": DOCS_TRACKER,
    "visits_plan": VISITS_PLAN,
    "visits_report": VISITS_REPORT,
    "visits_follow_up": VISITS_FOLLOW_UP,
    "assistance_needs": ASSISTANCE_NEEDS,
    "assistance_matches": ASSISTANCE_MATCHES,
    "assistance_matching": ASSISTANCE_MATCHING,
    "programme": PROGRAMME,
    "reports": REPORTS,
    "overview": OVERVIEW,
    "publications": PUBLICATIONS,
}
ROWS = [row for matrix in MATRICES.values() for row in matrix]


def _surface():
    return [*site_routes(), *api_operations()]


@pytest.mark.django_db
@pytest.mark.parametrize("row", SITE.params())
def test_site_route_answers_each_person(client, matrix_people, row):
    kwargs = {"iso3": "KEN"} if row.route in ("public:state_detail", "api:state-detail") else {}
    if row.route.startswith("jobs:"):
        owner = matrix_people[Role.CTED_COORDINATOR]
        kwargs = {"pk": Job.objects.create(kind="matrix.test", created_by=owner).pk}
    if row.route in ("accounts:token_revoke", "api:me-token-detail"):
        kwargs = {"pk": token_id(token_create(user=matrix_people[Role.DONOR])[0])}
    with translation.override("en"):
        request = Call(row.method, reverse(row.route, kwargs=kwargs))
    user = matrix_people[row.who]
    if user is not None:
        client.force_login(user)

    response = request.send(client)

    assert response.status_code == row.expected
    if row.expected == 302 and user is None:
        assert response["Location"] == f"/en/login/?next={request.path}"
    elif row.expected == 302:
        assert response["Location"] == SIGNED_IN_REDIRECTS[row.route]


def test_matrix_covers_every_route_and_api_operation():
    surface = _surface()

    assert missing_rows(ROWS, surface) == []
    assert unknown_rows(ROWS, surface) == []


@pytest.mark.urls("tests.urls_extra")
def test_a_new_route_without_a_row_is_reported():
    assert missing_rows(ROWS, _surface()) == [("export", "GET")]


@pytest.mark.parametrize("name", sorted(MATRICES))
def test_matrix_names_every_person_once_per_route_method_and_variant(name):
    assert MATRICES[name].incomplete(MATRIX_PEOPLE) == []


def test_every_api_route_is_an_operation_of_the_schema():
    routes = {(r.name, m) for r in site_routes() if r.name.startswith("api:") for m in r.methods}
    operations = {(o.name, o.method) for o in api_operations()}

    assert routes == operations


def test_every_exemption_names_a_route_of_the_site():
    names = [route.name for route in site_routes()]

    assert [key for key in EXEMPT if not any(is_exempt(n, {key: ""}) for n in names)] == []
