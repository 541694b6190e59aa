"""Who gets what from every notifications route: each person their own, nobody another's.

The variant "own" is a notification of the person asking; "others" belongs to someone else.
tests/test_permissions.py checks that these rows, with the site's, cover every route.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from ctc.accounts.enums import NotificationMode
from ctc.notifications import services
from ctc.notifications.models import Notification
from tests.conftest import MATRIX_PEOPLE
from tests.factories import UserFactory
from tests.matrix import NO_OBJECT, Call, Matrix
from tests.notifications.kinds import NOTE

pytestmark = pytest.mark.django_db

MATRIX = Matrix()
ONE = [NO_OBJECT]
LIST = "/en/notifications/"
LINK = "/en/assessments/"
SIGNED_IN = [who for who in MATRIX_PEOPLE if who is not None]

# fmt: off
# Everyone signed in has a list of their own; visitors go to the sign-in page (302).
MATRIX.add("notifications:list", "GET", ONE, [(None, 302)] + [(who, 200) for who in SIGNED_IN])
# Opening one's own goes where it leads (302); another's is not found.
MATRIX.add(
    "notifications:open", "GET", ["own", "others"],
    [(None, 302, 302)] + [(who, 302, 404) for who in SIGNED_IN],
)
# Marking all read and choosing the e-mail mode act on oneself, then back to the list.
MATRIX.add("notifications:read_all", "POST", ONE, [(None, 302)] + [(who, 302) for who in SIGNED_IN])
MATRIX.add(
    "notifications:preferences", "POST", ONE, [(None, 302)] + [(who, 302) for who in SIGNED_IN]
)
# fmt: on


def _notification(person, event: str) -> Notification:
    services.notify(event=event, kind=NOTE, recipients=[person], params={"what": "x"}, url=LINK)
    return Notification.objects.get(recipient=person, event=event)


def _call(row, user) -> Call:
    kwargs = {}
    if row.route == "notifications:open":
        owner = user if row.variant == "own" and user is not None else UserFactory()
        kwargs = {"pk": _notification(owner, f"matrix:{row.id}").pk}
    with translation.override("en"):
        path = reverse(row.route, kwargs=kwargs)
    data = {"notification_mode": NotificationMode.DAILY_DIGEST} if "preferences" in path else {}
    return Call(row.method, path, data)


@pytest.mark.parametrize("row", MATRIX.params())
def test_route_answers_each_person(client, matrix_people, row):
    user = matrix_people[row.who]
    request = _call(row, user)
    if user is not None:
        client.force_login(user)

    response = request.send(client)

    assert response.status_code == row.expected
    if row.expected == 302 and user is None:
        assert response["Location"] == f"/en/login/?next={request.path}"
    elif row.expected == 302:
        assert response["Location"] == (LINK if row.route == "notifications:open" else LIST)
