"""Demo access grants: two partner bodies with different grants, one of them expired."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .enums import GrantScope
from .models import AccessGrant, Organisation
from .services import grant_give

# (organisation code, scope, days from now to expiry; negative: expired that long ago)
DEMO_GRANTS = [
    ("1267-monitoring-team", GrantScope.STATE_PROFILES, 365),
    ("1267-monitoring-team", GrantScope.VISIT_SCHEDULE, 180),
    ("1267-monitoring-team", GrantScope.ASSISTANCE_NEEDS, 90),
    ("unodc-tpb", GrantScope.ASSISTANCE_NEEDS, 270),
    ("unodc-tpb", GrantScope.STATE_PROFILES, -30),
]


@transaction.atomic
def demo_grants_seed() -> int:
    """Gives the demo grants that are not there yet; returns how many grants exist."""
    by = get_user_model().objects.filter(username="coordinator").first()
    if by is None:
        return AccessGrant.objects.count()
    now = timezone.now()
    for code, scope, days in DEMO_GRANTS:
        organisation = Organisation.objects.filter(code=code).first()
        if organisation is None or organisation.grants.filter(scope=scope).exists():
            continue
        if days > 0:
            grant_give(
                organisation=organisation,
                scope=scope,
                expires_at=now + datetime.timedelta(days=days),
                by=by,
            )
        else:
            # The service gives only future expiries: an expired grant is a past one, as it was.
            AccessGrant.objects.create(
                organisation=organisation,
                scope=scope,
                granted_at=now + datetime.timedelta(days=days - 365),
                granted_by=by,
                expires_at=now + datetime.timedelta(days=days),
            )
    return AccessGrant.objects.count()
