"""Who gets what from every route of the work programme, events and budget, for each person.

CTED coordinators record and change; the rest of CTED, the Committee and its subcommittees
read; focal points, partner analysts and donors have no work-programme workspace (404, never
403); anonymous people are sent to sign in. The public pages answer everyone.
tests/test_permissions.py checks that these rows, with the site's, cover every route.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from ctc.accounts.enums import Role
from programme.models import Contribution, Event, FundedActivity, ProgrammeItem
from tests.conftest import MATRIX_PEOPLE
from tests.factories import ContributionFactory, EventFactory, FundedActivityFactory
from tests.matrix import NO_OBJECT, Call, Matrix

pytestmark = pytest.mark.django_db

ONE = [NO_OBJECT]
ITEM = ["c12"]
EVENT = ["event"]
ACTIVITY = ["activity"]
EDITORS = {Role.CTED_COORDINATOR}
READERS = {
    Role.CTED_EXPERT,
    Role.ADMINISTRATOR,
    Role.COMMITTEE_MEMBER,
    Role.CHAIR,
    Role.SUBCOMMITTEE_MEMBER,
    "sub_a",
}
OUTSIDERS = {Role.FOCAL_POINT, "focal_fra", Role.PARTNER_ANALYST, Role.DONOR}


def _table(*, editor: int, reader: int, outsider: int = 404, anon: int = 302):
    rows = []
    for who in MATRIX_PEOPLE:
        if who is None:
            rows.append((who, anon))
        elif who in EDITORS:
            rows.append((who, editor))
        elif who in READERS:
            rows.append((who, reader))
        else:
            assert who in OUTSIDERS, who
            rows.append((who, outsider))
    return rows


MATRIX = Matrix()
READ = _table(editor=200, reader=200)
FORM = _table(editor=200, reader=403)
SAVE = _table(editor=302, reader=403)
for route, variants in [
    ("items", ONE),
    ("item_detail", ITEM),
    ("events", ONE),
    ("event_detail", EVENT),
    ("budget", ONE),
    ("budget_export", ONE),
    ("activity_detail", ACTIVITY),
]:
    MATRIX.add(f"programme:{route}", "GET", variants, READ)
for route, variants in [
    ("item_edit", ITEM),
    ("event_create", ONE),
    ("event_edit", EVENT),
    ("activity_create", ONE),
    ("contribution_create", ONE),
]:
    MATRIX.add(f"programme:{route}", "GET", variants, FORM)
    MATRIX.add(f"programme:{route}", "POST", variants, SAVE)
for route, variants in [("item_status", ITEM), ("item_link", ITEM), ("event_link", EVENT)]:
    MATRIX.add(f"programme:{route}", "POST", variants, SAVE)
PUBLIC = [(who, 200) for who in MATRIX_PEOPLE]
MATRIX.add("programme_public:programme", "GET", ONE, PUBLIC)
MATRIX.add("programme_public:events", "GET", ONE, PUBLIC)


@pytest.fixture(scope="module")
def world(matrix_people):
    return {
        "c12": ProgrammeItem.objects.get(ref="C-12"),
        "event": EventFactory(),
        "activity": FundedActivityFactory(),
    }


def _data(route: str, world) -> dict:
    return {
        "programme:item_edit": {"owner": "chair", "deadline": "2012-07-15"},
        "programme:item_status": {"action": "start"},
        "programme:item_link": {"label": "Interim review", "url": "/en/visits/"},
        "programme:event_create": _event_form(),
        "programme:event_edit": _event_form(),
        "programme:event_link": {"label": "Agenda", "url": "https://undocs.org/S/2012/162"},
        "programme:activity_create": {"title": "Workshop", "estimated_cost": "1000"},
        "programme:contribution_create": {
            "donor": "Japan",
            "amount": "500",
            "received_on": "2012-04-02",
            "activity": world["activity"].pk,
        },
    }[route]


def _event_form() -> dict:
    return {
        "title_en": "Regional briefing",
        "kind": "regional_briefing",
        "date": "2012-06-01",
        "audience": "all_members",
    }


@pytest.mark.parametrize("row", MATRIX.params())
def test_programme_route_answers_each_person(client, matrix_people, world, row):
    kwargs = {} if row.variant == NO_OBJECT else {"pk": world[row.variant].pk}
    with translation.override("en"):
        path = reverse(row.route, kwargs=kwargs)
    data = _data(row.route, world) if row.method == "POST" else {}
    user = matrix_people[row.who]
    if user is not None:
        client.force_login(user)
    counts = (
        Event.objects.count(),
        FundedActivity.objects.count(),
        Contribution.objects.count(),
        ProgrammeItem.history.count(),
    )

    response = Call(row.method, path, data).send(client)

    assert response.status_code == row.expected
    if row.expected == 302 and user is None:
        assert response["Location"] == f"/en/login/?next={path}"
    elif row.expected == 302:
        assert response["Location"].startswith("/en/programme/")
    if row.method == "POST" and row.expected != 302 or user is None:
        # Refused: nothing recorded.
        assert counts == (
            Event.objects.count(),
            FundedActivity.objects.count(),
            Contribution.objects.count(),
            ProgrammeItem.history.count(),
        )


def test_programme_outsider_gets_404_for_a_missing_item_too(client, matrix_people, world):
    client.force_login(matrix_people[Role.CTED_COORDINATOR])

    response = client.get(reverse("programme:item_detail", kwargs={"pk": 999999}))

    assert response.status_code == 404


def test_programme_contribution_post_for_the_activity_records_it(client, matrix_people, world):
    client.force_login(matrix_people[Role.CTED_COORDINATOR])
    activity = world["activity"]
    ContributionFactory(activity=activity, amount=100)

    response = client.post(
        reverse("programme:contribution_create"), _data("programme:contribution_create", world)
    )

    assert response["Location"] == f"/en/programme/budget/activities/{activity.pk}/"
    assert [c.amount for c in activity.contributions.order_by("pk")] == [100, 500]
    assert activity.contributions.order_by("pk").last().received_on == datetime.date(2012, 4, 2)
