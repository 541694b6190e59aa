"""Access grants as the tests need them: given through the service, or already expired."""

import datetime

from django.utils import timezone

from ctc.accounts.enums import Role
from ctc.organisations.models import AccessGrant
from ctc.organisations.services import grant_give, grant_revoke
from tests.factories import UserFactory


def coordinator():
    return UserFactory(roles=[Role.CTED_COORDINATOR])


def grant_make(organisation, scope, *, days: int = 30, by=None) -> AccessGrant:
    """A grant in force for `days` more days, given by a CTED coordinator."""
    return grant_give(
        organisation=organisation,
        scope=scope,
        expires_at=timezone.now() + datetime.timedelta(days=days),
        by=by or coordinator(),
    )


def grant_expired(organisation, scope, *, days_ago: int = 1, by=None) -> AccessGrant:
    """A grant given a year before it expired, `days_ago` days ago (the service gives only
    future expiries, so the past is written as it would have been)."""
    now = timezone.now()
    return AccessGrant.objects.create(
        organisation=organisation,
        scope=scope,
        granted_at=now - datetime.timedelta(days=days_ago + 365),
        granted_by=by or coordinator(),
        expires_at=now - datetime.timedelta(days=days_ago),
    )


def grant_revoked(organisation, scope, *, by=None) -> AccessGrant:
    by = by or coordinator()
    return grant_revoke(grant=grant_make(organisation, scope, by=by), reason="Ended.", by=by)
