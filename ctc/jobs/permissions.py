"""Who may see which jobs. Every read goes through scope()."""

from django.db.models import QuerySet

from ctc.accounts.enums import Role

from .models import Job


def scope(queryset: QuerySet[Job], user) -> QuerySet[Job]:
    """A person sees the jobs they started; administrators see all; others none."""
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser or Role.ADMINISTRATOR in user.roles:
        return queryset
    return queryset.filter(created_by=user)
