"""The permission matrix covers the whole site: every route of the URL resolver and every
operation of the OpenAPI schema, with each method it accepts, has rows for every person, or
an entry (with its reason) in tests.matrix.EXEMPT. Each app's rows live with its tests
(tests/<app>/test_permissions.py); the site's own pages are here.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from ctc.accounts.enums import Role
from ctc.jobs.models import Job
from tests.assessments.test_permissions import MATRIX as ASSESSMENTS
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

ONE = [NO_OBJECT]
SITE = Matrix()

# fmt: off
# The public site and the states' reference data answer everyone, signed in or not.
PUBLIC = [(who, 200) for who in MATRIX_PEOPLE]
# The landing page: everyone signed in has one; nobody else (302 = to the sign-in page).
SIGNED_IN = [(None, 302)] + [(who, 200) for who in MATRIX_PEOPLE if who is not None]
# fmt: on
SITE.add("public:home", "GET", ONE, PUBLIC)
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
SITE.add("jobs:detail", "GET", ONE, JOB)
SITE.add("jobs:progress", "GET", ONE, JOB)

# Every app's matrix; a new app's tests add theirs here.
MATRICES = {
    "site": SITE,
    "assessments": ASSESSMENTS,
    "notifications": NOTIFICATIONS,
    "docs_tracker": DOCS_TRACKER,
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
    with translation.override("en"):
        request = Call(row.method, reverse(row.route, kwargs=kwargs))
    user = matrix_people[row.who]
    if user is not None:
        client.force_login(user)

    response = request.send(client)

    assert response.status_code == row.expected
    if row.expected == 302:
        assert response["Location"] == f"/en/login/?next={request.path}"


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
