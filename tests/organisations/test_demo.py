"""The demo's access grants: two partner bodies with different grants, one expired."""

from io import StringIO

import pytest
from django.core.management import call_command

from ctc.accounts.models import User
from ctc.organisations.enums import GrantScope
from ctc.organisations.models import AccessGrant
from ctc.organisations.selectors import grant_scopes

pytestmark = pytest.mark.django_db

S = GrantScope


def _scopes(username: str) -> frozenset[str]:
    return grant_scopes(User.objects.get(username=username))


def test_demo_partners_hold_different_grants_and_a_second_run_adds_none():
    call_command("seed_demo", stdout=StringIO())
    first = AccessGrant.objects.count()
    call_command("seed_demo", stdout=StringIO())

    assert first == AccessGrant.objects.count() == 5
    assert _scopes("partner_1267_monitoring_team") == {
        S.STATE_PROFILES,
        S.VISIT_SCHEDULE,
        S.ASSISTANCE_NEEDS,
    }
    assert _scopes("partner_unodc_tpb") == {S.ASSISTANCE_NEEDS}
    expired = AccessGrant.objects.get(organisation__code="unodc-tpb", scope=S.STATE_PROFILES)
    assert expired.is_expired and expired.revoked_at is None
    assert _scopes("partner_ctitf") == frozenset()
