"""Who gets what from the reports page and its start button, for each person. CTED reads and
starts; the Committee reads; nobody else sees the page (404). tests/test_permissions.py
checks that these rows cover every route."""

import pytest
from django.urls import reverse
from django.utils import translation

from ctc.accounts.enums import Role
from tests.matrix import NO_OBJECT, Call, Matrix

pytestmark = pytest.mark.django_db

ONE = [NO_OBJECT]
CTED = [Role.CTED_EXPERT, Role.CTED_COORDINATOR, Role.ADMINISTRATOR]
COMMITTEE = [Role.COMMITTEE_MEMBER, Role.CHAIR]
OTHERS = [
    Role.SUBCOMMITTEE_MEMBER,
    "sub_a",
    Role.FOCAL_POINT,
    "focal_fra",
    Role.PARTNER_ANALYST,
    Role.DONOR,
]

MATRIX = Matrix()
# fmt: off
PAGE = [(None, 302)] + [(w, 200) for w in [*CTED, *COMMITTEE]] + [(w, 404) for w in OTHERS]
# CTED is sent to the job's page; the Committee reads only.
START = [(None, 302)] + [(w, 302) for w in CTED] + [(w, 404) for w in [*COMMITTEE, *OTHERS]]
# fmt: on
MATRIX.add("reports:home", "GET", ONE, PAGE)
MATRIX.add("reports:start", "POST", ONE, START)


@pytest.mark.parametrize("row", MATRIX.params())
def test_route_answers_each_person(client, matrix_people, row):
    with translation.override("en"):
        request = Call(row.method, reverse(row.route), {"kind": "semi_annual", "period": "2012H1"})
    user = matrix_people[row.who]
    if user is not None:
        client.force_login(user)

    response = request.send(client)

    assert response.status_code == row.expected
    if row.expected == 302 and user is None:
        assert response["Location"].startswith("/en/login/?next=")
    elif row.expected == 302:
        assert response["Location"].startswith("/en/jobs/")
