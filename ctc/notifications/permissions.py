"""Who may see which notifications. Every read goes through scope()."""

from django.db.models import QuerySet

from .models import Notification


def scope(queryset: QuerySet[Notification], user) -> QuerySet[Notification]:
    """A person sees their own notifications only, administrators included."""
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    return queryset.filter(recipient=user)
