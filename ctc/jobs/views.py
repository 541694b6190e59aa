from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors


@login_required
@require_GET
def job_detail(request, pk):
    job = selectors.job_get(user=request.user, pk=pk)
    return render(request, "jobs/detail.html", {"job": job})


@login_required
@require_GET
def job_progress(request, pk):
    """The progress fragment; it polls itself while the job is queued or running."""
    job = selectors.job_get(user=request.user, pk=pk)
    return render(request, "jobs/detail.html#progress", {"job": job})
