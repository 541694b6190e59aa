"""Reads of notifications, always through permissions.scope()."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from . import permissions
from .models import Notification

PAGE_SIZE = 25


def notification_list(*, user) -> QuerySet[Notification]:
    """The user's own notifications, newest first."""
    return permissions.scope(Notification.objects.all(), user).order_by("-created_at", "-pk")


def notification_page(*, user, number) -> Page:
    """One page of the user's notifications (two queries: the count, the rows)."""
    return Paginator(notification_list(user=user), PAGE_SIZE).get_page(number)


def notification_get(*, user, pk) -> Notification:
    """One of the user's notifications; 404 for anyone else's, or none at all."""
    return get_object_or_404(notification_list(user=user), pk=pk)


def unread_count(*, user) -> int:
    return notification_list(user=user).filter(read_at__isnull=True).count()
