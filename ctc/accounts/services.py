from django.contrib.auth.models import Group, Permission
from django.db import transaction

from ctc.registry import site

from .enums import Role
from .roles import ROLE_PERMISSIONS


@transaction.atomic
def roles_sync() -> dict[str, int]:
    """Creates one group per role and sets exactly its permissions; safe to re-run.

    Returns the number of permissions per group.
    """
    counts = {}
    for role, wanted in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role.value)
        if wanted == ["*"]:
            permissions = Permission.objects.filter(content_type__app_label__in=site.admin_apps)
        else:
            permissions = _permissions(wanted)
        group.permissions.set(permissions)
        counts[role.value] = len(permissions)
    return counts


def _permissions(names: list[str]) -> list[Permission]:
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def user_set_roles(*, user, roles: list[Role]) -> None:
    """Makes the user's groups exactly the given roles (other groups are left alone)."""
    role_names = {r.value for r in Role}
    keep = [g for g in user.groups.all() if g.name not in role_names]
    user.groups.set(keep + list(Group.objects.filter(name__in=[r.value for r in roles])))
    user.__dict__.pop("roles", None)
    if Role.ADMINISTRATOR in roles and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
