from django.db.models import QuerySet
from django.utils import timezone

from ctc.accounts.enums import CTED_ROLES, Role
from ctc.registry import site

from .enums import GrantScope
from .models import AccessGrant

# The scopes in force for a user, kept on the user object: request.user lives one request.
_CACHE = "_ctc_grant_scopes"


def is_cted_reader(user) -> bool:
    """CTED staff and administrators read every part of the shared database, without a grant."""
    return bool(user.is_authenticated and (user.is_superuser or user.roles & CTED_ROLES))


def grant_scopes(user) -> frozenset[str]:
    """The scopes `user` may read: every scope for CTED staff; for a partner analyst, those
    of their organisation's grants in force now (one query per request, then cached)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, _CACHE, None)
    if cached is not None:
        return cached
    if is_cted_reader(user):
        scopes = frozenset(GrantScope.values)
    elif Role.PARTNER_ANALYST in user.roles and user.organisation_id:
        scopes = frozenset(
            grants_in_force(organisation_id=user.organisation_id).values_list("scope", flat=True)
        )
    else:
        scopes = frozenset()
    setattr(user, _CACHE, scopes)
    return scopes


def grant_active(user, scope: str) -> bool:
    """Whether `user` may read the part of the shared database named by `scope` right now."""
    return scope in grant_scopes(user)


def grants_in_force(*, organisation_id: int) -> QuerySet[AccessGrant]:
    """An organisation's grants that are open and unexpired, soonest expiry first."""
    return AccessGrant.objects.filter(
        organisation_id=organisation_id, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).order_by("expires_at", "scope")


def grant_list(*, user) -> list[AccessGrant]:
    """The grants a partner analyst's organisation holds now (for their secure-area home);
    none for anyone else (CTED staff read everything without grants)."""
    if not (Role.PARTNER_ANALYST in user.roles and user.organisation_id):
        return []
    return list(grants_in_force(organisation_id=user.organisation_id))


def shared_database_home(*, user) -> dict | None:
    """What a person's shared-database home shows: for a partner analyst, their
    organisation's grants in force, each with the pages it opens (an app adds its pages with
    site.add_grant_view); for CTED staff, every such page. None for anyone else."""
    if is_cted_reader(user):
        return {"is_cted": True, "rows": [], "pages": site.grant_views_for(GrantScope.values)}
    if not (Role.PARTNER_ANALYST in user.roles and user.organisation_id):
        return None
    grants = grant_list(user=user)
    # The grants just read are the scopes in force: grant_active needs no query of its own.
    setattr(user, _CACHE, frozenset(grant.scope for grant in grants))
    pages = site.grant_views_for({grant.scope for grant in grants})
    rows = [(grant, [page for page in pages if page.scope == grant.scope]) for grant in grants]
    return {"is_cted": False, "rows": rows, "pages": pages}
