"""The access grants' admin: giving goes through grant_give, revoking through grant_revoke,
a grant's own fields are never edited, and the list says which grants are in force."""

import datetime

import pytest
from django.utils import timezone

from ctc.accounts.enums import Role
from ctc.organisations.enums import GrantScope
from ctc.organisations.models import AccessGrant, Organisation

from .grants import grant_expired, grant_make

pytestmark = pytest.mark.django_db

BASE = "/en/admin/organisations/accessgrant/"


@pytest.fixture
def admin_user(personas, client):
    user = personas[Role.ADMINISTRATOR]
    client.force_login(user)
    return user


@pytest.fixture
def team():
    return Organisation.objects.get(code="1267-monitoring-team")


def _add(client, organisation, scope, when):
    return client.post(
        f"{BASE}add/",
        {
            "organisation": organisation.pk,
            "scope": scope,
            "expires_at_0": when.strftime("%Y-%m-%d"),
            "expires_at_1": "12:00:00",
        },
    )


def test_admin_gives_a_grant_through_the_service(client, admin_user, team):
    when = timezone.localdate() + datetime.timedelta(days=60)

    response = _add(client, team, GrantScope.STATE_PROFILES, when)

    grant = AccessGrant.objects.get()
    assert response.status_code == 302
    assert (grant.organisation, grant.scope, grant.granted_by) == (
        team,
        GrantScope.STATE_PROFILES,
        admin_user,
    )
    assert timezone.localtime(grant.expires_at).date() == when
    assert [h.history_type for h in grant.history.all()] == ["+"]


def test_admin_add_with_a_past_expiry_says_why_and_gives_nothing(client, admin_user, team):
    response = _add(
        client, team, GrantScope.STATE_PROFILES, timezone.localdate() - datetime.timedelta(days=1)
    )

    assert response.status_code == 200
    assert "The expiry must be in the future." in response.content.decode()
    assert AccessGrant.objects.count() == 0


def test_admin_add_for_a_donor_says_why_and_gives_nothing(client, admin_user):
    donor = Organisation.objects.get(code="world-bank")

    response = _add(
        client, donor, GrantScope.STATE_PROFILES, timezone.localdate() + datetime.timedelta(days=5)
    )

    assert "access grants are for partner bodies" in response.content.decode()
    assert AccessGrant.objects.count() == 0


def test_admin_change_page_edits_nothing(client, admin_user, team):
    grant = grant_make(team, GrantScope.STATE_PROFILES)

    page = client.get(f"{BASE}{grant.pk}/change/").content.decode()
    client.post(f"{BASE}{grant.pk}/change/", {"scope": GrantScope.VISIT_SCHEDULE})

    grant.refresh_from_db()
    assert 'name="scope"' not in page and 'name="expires_at_0"' not in page
    assert grant.scope == GrantScope.STATE_PROFILES
    assert client.get(f"{BASE}{grant.pk}/delete/").status_code == 403


def test_admin_list_tells_active_expired_and_revoked(client, admin_user, team):
    grant_make(team, GrantScope.STATE_PROFILES)
    grant_expired(team, GrantScope.VISIT_SCHEDULE)

    html = client.get(BASE).content.decode()
    expired_only = client.get(BASE, {"status": "expired"}).content.decode()

    assert '<td class="field-status">Active</td>' in html
    assert '<td class="field-status">Expired</td>' in html
    assert '<td class="field-status">Active</td>' not in expired_only


def test_admin_revoke_action_asks_a_reason_then_revokes(client, admin_user, team):
    grant = grant_make(team, GrantScope.STATE_PROFILES)
    selected = {"action": "revoke", "_selected_action": [grant.pk]}

    asked = client.post(BASE, selected)
    refused = client.post(BASE, {**selected, "apply": "1", "reason": ""})
    grant.refresh_from_db()
    still_open = grant.revoked_at is None
    done = client.post(BASE, {**selected, "apply": "1", "reason": "Mandate ended."}, follow=True)

    grant.refresh_from_db()
    assert asked.status_code == 200 and 'name="reason"' in asked.content.decode()
    assert refused.status_code == 200 and still_open
    assert "1 grant revoked." in done.content.decode()
    assert (grant.revoked_by, grant.reason) == (admin_user, "Mandate ended.")
