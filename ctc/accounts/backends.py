from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.hashers import check_password
from django.utils import timezone

from .enums import Role


def account_for(identifier: str):
    """The account an identifier names: its exact user name, else its e-mail in any case.

    A secure-area account (focal points, partner analysts) is named by its current login
    name only: its e-mail address would outlive every quarterly rotation (E-19).
    """
    identifier = identifier.strip()
    if not identifier:
        return None
    users = get_user_model()._default_manager
    user = users.filter(username=identifier).first()
    if user is None and "@" in identifier:
        # Secure-area people by their role too, before their SecureAccount is made (sync).
        secure_roles = [Role.FOCAL_POINT, Role.PARTNER_ANALYST]
        user = (
            users.filter(email__iexact=identifier, secure_account__isnull=True)
            .exclude(groups__name__in=secure_roles)
            .first()
        )
    return user


def lockout_username(request, credentials: dict | None = None) -> str:
    """The name failures are counted under (settings.AXES_USERNAME_CALLABLE).

    Axes calls it both to check a lock and to record a failure, and with the signed-in user
    name to clear the count on success. Every identifier the backend accepts for an account
    (user name, e-mail in any case, spaces around) maps to that account's user name, so the
    variants share one count; an identifier of no account counts as itself, lower-cased.
    """
    if credentials is not None:
        identifier = credentials.get("username")
    else:
        identifier = getattr(request, "POST", {}).get("username")
    identifier = (identifier or "").strip()
    user = account_for(identifier)
    return (user.get_username() if user else identifier).lower()


def grace_user(identifier: str, password: str):
    """The user whose previous login name and password these are, while a rotation's grace
    period lets them work (settings.ROTATION_GRACE_HOURS; none by default)."""
    from .models import AccountRotation

    rows = AccountRotation.objects.filter(
        old_username=identifier, grace_until__gt=timezone.now()
    ).select_related("account__user")
    for row in rows:
        if row.grace_password and check_password(password, row.grace_password):
            return row.account.user
    return None


class UsernameOrEmailBackend(ModelBackend):
    """Signs in with either the user name or the e-mail address."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        user = account_for(username)
        if user is None:
            get_user_model()().set_password(password)  # same cost as a real check: no timing oracle
        elif user.check_password(password) and self.user_can_authenticate(user):
            return user
        # Within a rotation's grace period (ROTATION_GRACE_HOURS) the previous login name
        # and password still work; by default there is none.
        previous = grace_user(username.strip(), password)
        if previous is not None and self.user_can_authenticate(previous):
            return previous
        return None


def client_ip(request) -> str | None:
    """The client's address for lockout counting (settings.AXES_CLIENT_IP_CALLABLE).

    Behind the project's nginx (DJANGO_BEHIND_PROXY=1), X-Forwarded-For holds exactly the
    address nginx saw, since nginx replaces the header; its last entry is taken in case a
    proxy appends instead. Without a proxy the header is the client's own claim: ignored.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.split(",")[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR")
