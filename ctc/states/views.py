"""State profiles of the shared database, for partners granted them (E-20) and CTED staff."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ctc.organisations.enums import GrantScope
from ctc.organisations.http import grant_required

from . import selectors
from .enums import Resolution
from .filters import MemberStateFilter
from .models import MemberState


@require_GET
@grant_required(GrantScope.STATE_PROFILES)
def profile_list(request):
    filterset = MemberStateFilter(request.GET or None)
    if request.GET and not filterset.is_valid():
        context = {"filterset": filterset, "states": [], "invalid": True}
        return render(request, "states/profile_list.html", context, status=400)
    kwargs = filterset.selector_kwargs() if request.GET else {}
    context = {
        "filterset": filterset,
        "states": list(selectors.state_list(**kwargs)),
        "invalid": False,
    }
    if request.htmx:
        return render(request, "states/profile_list.html#results", context)
    return render(request, "states/profile_list.html", context)


@require_GET
@grant_required(GrantScope.STATE_PROFILES)
def profile_detail(request, iso3):
    try:
        state = selectors.state_get(iso3=iso3)
    except MemberState.DoesNotExist as exc:
        raise Http404 from exc
    reports = list(state.reports.all())
    context = {
        "state": state,
        "history": [
            (resolution, [r for r in reports if r.resolution == resolution])
            for resolution in Resolution
        ],
    }
    return render(request, "states/profile_detail.html", context)
