"""A deactivated account sees no assessment, whether the user object was read before or after.

scope() and sent_scope() check `is_active` themselves. `User.roles` is also empty for an
inactive user read from the database, which hides a scope that forgets the check; so the
tests that guard the scopes use one user object that is first active (its roles read and
cached, rows visible) and then deactivated.
"""

import pytest
from django.http import Http404
from knox.models import AuthToken

from assessments import permissions, selectors
from assessments.enums import AssessmentStatus
from assessments.models import Assessment
from ctc.accounts.enums import Role
from ctc.accounts.models import User
from tests.factories import assessment_advance as advance

pytestmark = pytest.mark.django_db

WORKSPACE_ROLES = [
    Role.CTED_EXPERT,
    Role.CTED_COORDINATOR,
    Role.SUBCOMMITTEE_MEMBER,
    Role.COMMITTEE_MEMBER,
    Role.CHAIR,
    Role.ADMINISTRATOR,
]


@pytest.fixture
def sent(draft, personas):
    """Kenya's 2012 file sent to Kenya: every workspace role and Kenya's focal point see it."""
    return advance(draft, AssessmentStatus.SENT, personas)


def _deactivate(user):
    user.is_active = False
    user.save(update_fields=["is_active"])


@pytest.mark.parametrize("role", WORKSPACE_ROLES)
def test_scope_is_empty_once_the_same_user_object_is_deactivated(sent, personas, role):
    user = personas[role]
    before = list(permissions.scope(Assessment.objects.all(), user))

    _deactivate(user)
    after = list(permissions.scope(Assessment.objects.all(), user))

    assert before == [sent]
    assert after == []


def test_sent_scope_is_empty_once_the_same_focal_point_is_deactivated(sent, personas):
    focal = personas[Role.FOCAL_POINT]
    before = list(permissions.sent_scope(Assessment.objects.all(), focal))

    _deactivate(focal)
    after = list(permissions.sent_scope(Assessment.objects.all(), focal))

    assert before == [sent]
    assert after == []


@pytest.mark.parametrize("role", WORKSPACE_ROLES)
def test_assessment_list_is_empty_once_the_same_user_object_is_deactivated(sent, personas, role):
    user = personas[role]
    before = [a.pk for a in selectors.assessment_list(user=user)]

    _deactivate(user)
    after = [a.pk for a in selectors.assessment_list(user=user)]

    assert before == [sent.pk]
    assert after == []


def test_counts_and_get_refuse_the_same_user_object_once_deactivated(sent, personas):
    expert = personas[Role.CTED_EXPERT]
    counts_before = dict((s, n) for s, _label, n in selectors.assessment_counts(user=expert))
    found = selectors.assessment_get(user=expert, pk=sent.pk)

    _deactivate(expert)
    counts_after = dict((s, n) for s, _label, n in selectors.assessment_counts(user=expert))

    assert found == sent
    assert counts_before["sent"] == 1
    assert counts_after["sent"] == 0
    with pytest.raises(Http404):
        selectors.assessment_get(user=expert, pk=sent.pk)


@pytest.mark.parametrize("role", [*WORKSPACE_ROLES, Role.FOCAL_POINT])
def test_inactive_user_read_from_the_database_sees_nothing(sent, personas, role):
    User.objects.filter(pk=personas[role].pk).update(is_active=False)
    user = User.objects.get(pk=personas[role].pk)

    visible = list(permissions.scope(Assessment.objects.all(), user))
    sent_visible = list(permissions.sent_scope(Assessment.objects.all(), user))
    listed = list(selectors.assessment_list(user=user))

    assert (visible, sent_visible, listed) == ([], [], [])
    assert user.roles == frozenset()


# (who, path template) of pages that showed the file before the account was deactivated
PAGES = [
    (Role.CTED_EXPERT, "/en/assessments/"),
    (Role.CTED_EXPERT, "/en/assessments/{pk}/"),
    (Role.CTED_COORDINATOR, "/en/assessments/stocktaking/"),
    (Role.CHAIR, "/en/workspace/"),
    (Role.FOCAL_POINT, "/en/secure/"),
]


@pytest.mark.parametrize("role,page", PAGES)
def test_session_of_a_deactivated_user_goes_to_login_on_the_next_request(
    client, sent, personas, role, page
):
    path = page.format(pk=sent.pk)
    client.force_login(personas[role])
    before = client.get(path)
    User.objects.filter(pk=personas[role].pk).update(is_active=False)

    after = client.get(path)

    assert before.status_code == 200
    assert after.status_code == 302
    assert after["Location"] == f"/en/login/?next={path}"


def test_session_of_a_deactivated_user_is_refused_by_the_api(client, sent, personas):
    client.force_login(personas[Role.CTED_EXPERT])
    before = client.get("/api/v1/assessments/")
    User.objects.filter(pk=personas[Role.CTED_EXPERT].pk).update(is_active=False)

    after = client.get("/api/v1/assessments/")
    detail = client.get(f"/api/v1/assessments/{sent.pk}/")

    assert before.status_code == 200
    assert before.json()["count"] == 1
    assert after.status_code == 403
    assert detail.status_code == 403


def test_token_of_a_deactivated_user_is_refused_by_the_api(client, sent, personas):
    _token, key = AuthToken.objects.create(user=personas[Role.CTED_EXPERT])
    auth = {"authorization": f"Token {key}"}
    before = client.get("/api/v1/assessments/", headers=auth)
    User.objects.filter(pk=personas[Role.CTED_EXPERT].pk).update(is_active=False)

    after = client.get("/api/v1/assessments/", headers=auth)

    assert before.status_code == 200
    assert before.json()["count"] == 1
    # DRF answers 403, not 401, because session authentication comes first in the settings.
    assert after.status_code == 403
    assert after.json() == {"detail": "User inactive or deleted."}
