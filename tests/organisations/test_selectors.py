"""grant_active: who reads which part of the shared database, and at what cost."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ctc.accounts.enums import Role
from ctc.accounts.models import User
from ctc.organisations.enums import GrantScope
from ctc.organisations.models import AccessGrant
from ctc.organisations.selectors import grant_active, grant_list
from ctc.registry import GrantView, Registry

from .grants import grant_expired, grant_make, grant_revoked

pytestmark = pytest.mark.django_db

S = GrantScope


def _fresh(user) -> User:
    """The user as the next request loads it."""
    return User.objects.get(pk=user.pk)


def test_partner_reads_exactly_the_scopes_in_force(personas):
    partner = personas[Role.PARTNER_ANALYST]
    grant_make(partner.organisation, S.STATE_PROFILES)
    grant_expired(partner.organisation, S.VISIT_SCHEDULE)
    grant_revoked(partner.organisation, S.ASSISTANCE_NEEDS)
    user = _fresh(partner)

    assert [grant_active(user, scope) for scope in S] == [True, False, False]


def test_another_organisations_grant_opens_nothing(personas):
    from ctc.organisations.models import Organisation

    grant_make(Organisation.objects.get(code="unodc-tpb"), S.STATE_PROFILES)

    assert grant_active(_fresh(personas[Role.PARTNER_ANALYST]), S.STATE_PROFILES) is False


@pytest.mark.parametrize("role", [Role.CTED_EXPERT, Role.CTED_COORDINATOR, Role.ADMINISTRATOR])
def test_cted_staff_read_every_scope_without_a_grant(personas, role):
    user = _fresh(personas[role])

    assert all(grant_active(user, scope) for scope in S)


@pytest.mark.parametrize(
    "role",
    [Role.FOCAL_POINT, Role.DONOR, Role.CHAIR, Role.COMMITTEE_MEMBER, Role.SUBCOMMITTEE_MEMBER],
)
def test_other_people_read_no_scope(personas, role):
    user = _fresh(personas[role])

    assert not any(grant_active(user, scope) for scope in S)


def test_a_partner_analyst_without_an_organisation_reads_nothing(personas):
    from tests.factories import UserFactory

    assert grant_active(UserFactory(roles=[Role.PARTNER_ANALYST]), S.STATE_PROFILES) is False


def test_grant_active_asks_the_database_once_per_request(personas):
    partner = personas[Role.PARTNER_ANALYST]
    grant_make(partner.organisation, S.STATE_PROFILES)
    user = _fresh(partner)
    user.roles  # noqa: B018  (the roles are read once by every request's middleware anyway)

    with CaptureQueriesContext(connection) as queries:
        answers = [grant_active(user, scope) for scope in S for _ in range(50)]

    assert len(queries) == 1
    assert answers.count(True) == 50


def test_a_grant_stops_at_its_expiry(personas):
    partner = personas[Role.PARTNER_ANALYST]
    grant = grant_make(partner.organisation, S.STATE_PROFILES)
    now = timezone.now()
    AccessGrant.objects.filter(pk=grant.pk).update(
        granted_at=now - datetime.timedelta(days=1), expires_at=now - datetime.timedelta(seconds=1)
    )

    assert grant_active(_fresh(partner), S.STATE_PROFILES) is False
    assert grant_list(user=_fresh(partner)) == []


def test_grant_list_names_the_grants_in_force_soonest_expiry_first(personas):
    partner = personas[Role.PARTNER_ANALYST]
    later = grant_make(partner.organisation, S.STATE_PROFILES, days=90)
    sooner = grant_make(partner.organisation, S.ASSISTANCE_NEEDS, days=10)
    grant_expired(partner.organisation, S.VISIT_SCHEDULE)

    assert grant_list(user=_fresh(partner)) == [sooner, later]
    assert grant_list(user=_fresh(personas[Role.ADMINISTRATOR])) == []


def test_registry_lists_the_grant_views_of_the_given_scopes_in_order():
    registry = Registry()
    registry.add_grant_view(GrantView("b", "visit_schedule", "Visits", "v:list", order=20))
    registry.add_grant_view(GrantView("a", "state_profiles", "States", "s:list", order=10))
    registry.add_grant_view(GrantView("a", "state_profiles", "States", "s:list", order=10))

    assert [v.key for v in registry.grant_views_for({"state_profiles", "visit_schedule"})] == [
        "a",
        "b",
    ]
    assert registry.grant_views_for({"assistance_needs"}) == []
