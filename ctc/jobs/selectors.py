"""Reads of jobs, always through permissions.scope()."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from . import permissions
from .models import Job


def job_list(*, user) -> QuerySet[Job]:
    """The jobs the user may see, newest first."""
    return permissions.scope(Job.objects.select_related("created_by"), user).order_by("-created_at")


def job_get(*, user, pk) -> Job:
    """One job the user may see; 404 for a job outside their scope or no job at all."""
    return get_object_or_404(job_list(user=user), pk=pk)
