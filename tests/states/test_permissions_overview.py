"""Who gets what from the Committee dashboard, the State timelines and the dialogue form.

The dashboard and the timelines are CTED's (experts, coordinators, administrators) and the
Committee's (members, Chair); everyone else gets 404, a focal point on its own State's
timeline (KEN) as on another's (FRA). Only CTED experts and coordinators log the dialogue:
the other readers get 403. An entry is corrected by the expert who recorded it or a
coordinator: another reader gets 403. tests/test_permissions.py checks that these rows cover
the routes.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from ctc.accounts.enums import Role
from ctc.states.models import DialogueEntry, MemberState
from tests.conftest import MATRIX_PEOPLE
from tests.factories import UserFactory
from tests.matrix import NO_OBJECT, Call, Matrix

pytestmark = pytest.mark.django_db

ONE = [NO_OBJECT]
STATES = ["KEN", "FRA"]
WRITERS = {Role.CTED_EXPERT, Role.CTED_COORDINATOR}
READERS = {Role.ADMINISTRATOR, Role.COMMITTEE_MEMBER, Role.CHAIR}

MATRIX = Matrix()


def _table(*, anon, writers, readers, others):
    rows = []
    for who in MATRIX_PEOPLE:
        if who is None:
            statuses = anon
        elif who in WRITERS:
            statuses = writers
        elif who in READERS:
            statuses = readers
        else:
            statuses = others
        rows.append((who, *statuses))
    return rows


# fmt: off
MATRIX.add("overview:dashboard", "GET", ONE, _table(
    anon=(302,), writers=(200,), readers=(200,), others=(404,)))
MATRIX.add("overview:timeline", "GET", STATES, _table(
    anon=(302, 302), writers=(200, 200), readers=(200, 200), others=(404, 404)))
# A valid entry: the writers are sent back to the timeline (302).
MATRIX.add("overview:dialogue_new", "POST", STATES, _table(
    anon=(302, 302), writers=(302, 302), readers=(403, 403), others=(404, 404)))
# Kenya's entry was recorded by the expert, France's by another expert: the coordinator
# corrects both, the expert only its own; a valid correction sends back to the timeline.
ENTRIES = ["KEN", "FRA"]


def _corrections(done):
    rows = []
    for who, *statuses in _table(
        anon=(302, 302), writers=(done, done), readers=(403, 403), others=(404, 404)
    ):
        if who == Role.CTED_EXPERT:
            statuses = [done, 403]
        rows.append((who, *statuses))
    return rows


MATRIX.add("overview:dialogue_edit", "GET", ENTRIES, _corrections(200))
MATRIX.add("overview:dialogue_edit", "POST", ENTRIES, _corrections(302))
# fmt: on

DIALOGUE = {
    "held_on": "2012-03-01",
    "kind": "meeting",
    "participants": "Permanent Mission",
    "summary": "Briefing on the assessment.",
    "link": "",
}


@pytest.mark.parametrize(
    "row", [p for p in MATRIX.params() if p.values[0].route != "overview:dialogue_edit"]
)
def test_overview_route_answers_each_person(client, matrix_people, row):
    kwargs = {} if row.variant == NO_OBJECT else {"iso3": row.variant}
    with translation.override("en"):
        path = reverse(row.route, kwargs=kwargs)
    data = DIALOGUE if row.method == "POST" else {}
    user = matrix_people[row.who]
    if user is not None:
        client.force_login(user)
    before = DialogueEntry.objects.count()

    response = Call(row.method, path, data).send(client)

    assert response.status_code == row.expected
    if user is None:
        assert response["Location"] == f"/en/login/?next={path}"
    elif row.method == "POST" and row.expected == 302:
        assert response["Location"] == f"/en/dashboard/states/{row.variant}/"
    saved = 1 if row.method == "POST" and row.expected == 302 and user is not None else 0
    assert DialogueEntry.objects.count() == before + saved


@pytest.mark.parametrize(
    "row", [p for p in MATRIX.params() if p.values[0].route == "overview:dialogue_edit"]
)
def test_dialogue_correction_answers_each_person(client, matrix_people, row):
    authors = {
        "KEN": matrix_people[Role.CTED_EXPERT],
        "FRA": UserFactory(username="expert_other", roles=[Role.CTED_EXPERT]),
    }
    entry = DialogueEntry.objects.create(
        state=MemberState.objects.get(iso3=row.variant),
        held_on=datetime.date(2012, 2, 1),
        kind="letter",
        summary="First wording.",
        recorded_by=authors[row.variant],
    )
    with translation.override("en"):
        path = reverse(row.route, kwargs={"iso3": row.variant, "pk": entry.pk})
    data = {**DIALOGUE, "summary": "Corrected wording."} if row.method == "POST" else {}
    user = matrix_people[row.who]
    if user is not None:
        client.force_login(user)

    response = Call(row.method, path, data).send(client)

    assert response.status_code == row.expected
    entry.refresh_from_db()
    corrected = row.method == "POST" and row.expected == 302 and user is not None
    assert entry.summary == ("Corrected wording." if corrected else "First wording.")
    if user is None:
        assert response["Location"] == f"/en/login/?next={path}"
    elif corrected:
        assert response["Location"] == f"/en/dashboard/states/{row.variant}/"
