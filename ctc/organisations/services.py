import datetime
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ctc import reference
from ctc.accounts.enums import Role

from .enums import GRANTABLE_KINDS, GrantScope
from .models import AccessGrant, Organisation

DATA_DIR = Path(__file__).resolve().parent / "data"


@transaction.atomic
def organisations_load(path: Path = DATA_DIR / "organisations.json") -> int:
    """Creates or updates the organisations from the data file; returns how many."""
    rows = reference.read(path)["organisations"]
    for row in rows:
        values = {
            "kind": row["kind"],
            "website": row.get("website", ""),
            **reference.translated("name", row["name"]),
            **reference.translated("acronym", row["acronym"]),
        }
        organisation = Organisation.objects.filter(code=row["code"]).first()
        if organisation is None:
            Organisation.objects.create(code=row["code"], **values)
        elif any(getattr(organisation, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(organisation, key, value)
            organisation.save()
    return len(rows)


# --- Access grants (E-20) -------------------------------------------------------------------


def _require_grant_manager(by) -> None:
    """Administrators and CTED coordinators give and revoke grants."""
    if not (by.is_superuser or by.has_role(Role.ADMINISTRATOR, Role.CTED_COORDINATOR)):
        raise PermissionDenied(_("Only administrators and CTED coordinators manage access grants."))


def _open_grant(organisation: Organisation, scope: str) -> AccessGrant | None:
    return AccessGrant.objects.filter(
        organisation=organisation, scope=scope, revoked_at__isnull=True
    ).first()


def grant_check(*, organisation: Organisation, scope: str, expires_at) -> None:
    """Raises a ValidationError, in the reader's language, if this grant cannot be given."""
    errors = {}
    if scope not in GrantScope.values:
        errors["scope"] = _(
            "“{scope}” is not a part of the shared database that can be granted."
        ).format(scope=scope)
    if organisation.kind not in GRANTABLE_KINDS:
        errors["organisation"] = _(
            "{organisation} is a {kind}: access grants are for partner bodies and international,"
            " regional and subregional organisations."
        ).format(organisation=organisation, kind=organisation.get_kind_display().lower())
    if not isinstance(expires_at, datetime.datetime):
        errors["expires_at"] = _("Give the date and time at which the grant expires.")
    elif expires_at <= timezone.now():
        errors["expires_at"] = _("The expiry must be in the future.")
    if not errors:
        held = _open_grant(organisation, scope)
        if held is not None and held.in_force:
            errors["scope"] = _(
                "{organisation} already holds this grant until {date}. Revoke it first to give"
                " a new one."
            ).format(
                organisation=organisation,
                date=formats.date_format(timezone.localtime(held.expires_at), "DATE_FORMAT"),
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def grant_give(*, organisation: Organisation, scope: str, expires_at, by) -> AccessGrant:
    """Gives `organisation` access to `scope` until `expires_at`.

    Side effects: the organisation's partner analysts read that part of the shared database
    from their next request on; a history record of the new grant; an open grant of the same
    scope that has already expired is closed (revoked now, by `by`, its reason saying so).
    """
    _require_grant_manager(by)
    # Gives for one organisation one at a time: the check below then sees the last one.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    grant_check(organisation=organisation, scope=scope, expires_at=expires_at)
    now = timezone.now()
    expired = _open_grant(organisation, scope)
    if expired is not None:
        expired.revoked_at = now
        expired.revoked_by = by
        expired.reason = _("Expired on {date}; replaced by a new grant.").format(
            date=formats.date_format(timezone.localtime(expired.expires_at), "DATE_FORMAT")
        )
        expired.save(update_fields=["revoked_at", "revoked_by", "reason"])
    try:
        with transaction.atomic():
            return AccessGrant.objects.create(
                organisation=organisation,
                scope=scope,
                granted_at=now,
                granted_by=by,
                expires_at=expires_at,
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"scope": _("This organisation already holds an open grant for this scope.")}
        ) from exc


@transaction.atomic
def grant_revoke(*, grant: AccessGrant, reason: str, by) -> AccessGrant:
    """Ends `grant` now, with the reason.

    Side effects: the organisation's partner analysts no longer read that part of the shared
    database from their next request on (404); a history record of the revocation.
    """
    _require_grant_manager(by)
    grant = AccessGrant.objects.select_for_update().get(pk=grant.pk)
    reason = (reason or "").strip()
    if grant.revoked_at is not None:
        raise ValidationError(_("This grant was already revoked."))
    if not reason:
        raise ValidationError({"reason": _("Say why the grant is revoked.")})
    grant.revoked_at = timezone.now()
    grant.revoked_by = by
    grant.reason = reason
    grant.save(update_fields=["revoked_at", "revoked_by", "reason"])
    return grant
