"""The matching page: the last runs of the matching of all open needs, and for CTED
coordinators the button that starts one (a job of ctc.jobs, whose page shows its progress)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import matching, permissions
from .enums import Criterion


@login_required
@require_GET
def matching_home(request):
    if not permissions.is_cted(request.user):
        raise Http404
    weights = matching.weights_get()
    context = {
        "runs": matching.match_all_runs(),
        "can_run": permissions.can_run_matching(request.user),
        "weights": [(Criterion(c).label, weights[c]) for c in weights],
        "per_need": settings.ASSISTANCE_PROPOSALS_PER_NEED,
        "min_score": settings.ASSISTANCE_MIN_SCORE,
    }
    return render(request, "assistance/matching.html", context)


@login_required
@require_POST
def matching_run(request):
    if not permissions.can_run_matching(request.user):
        raise Http404
    job = matching.match_all_start(by=request.user)
    if job.created_by_id != request.user.pk:
        # Another person's (or the nightly) run: its job page is theirs, this page shows it.
        messages.info(request, _("A matching run is already under way; it is listed below."))
        return redirect("assistance_matching:home")
    return redirect("jobs:detail", pk=job.pk)
