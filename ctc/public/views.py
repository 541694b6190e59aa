from django.db import connection
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ctc.registry import site
from ctc.states import selectors as state_selectors
from ctc.states.enums import Resolution
from ctc.states.filters import MemberStateFilter
from ctc.states.models import MemberState

from . import health
from .mandate import RESOLUTIONS


@require_GET
def home(request):
    context = {
        "blocks": site.public_home_for(request.user),
        "links": [e for e in site.public_nav_for(request.user) if e.url_name != "public:home"],
    }
    return render(request, "public/home.html", context)


@require_GET
def committee(request):
    return render(request, "public/committee.html", {"resolutions": RESOLUTIONS})


@require_GET
def state_list(request):
    filterset = MemberStateFilter(request.GET or None)
    if request.GET and not filterset.is_valid():
        context = {"filterset": filterset, "states": [], "invalid": True}
        return render(request, "public/state_list.html", context, status=400)
    kwargs = filterset.selector_kwargs() if request.GET else {}
    states = list(state_selectors.state_list(**kwargs))
    context = {"filterset": filterset, "states": states, "invalid": False}
    if request.htmx:
        return render(request, "public/state_list.html#results", context)
    return render(request, "public/state_list.html", context)


@require_GET
def state_detail(request, iso3):
    try:
        state = state_selectors.state_get(iso3=iso3)
    except MemberState.DoesNotExist as exc:
        raise Http404 from exc
    reports = {
        resolution: [r for r in state.reports.all() if r.resolution == resolution]
        for resolution in Resolution
    }
    context = {
        "state": state,
        "reports_1373": reports[Resolution.R1373],
        "reports_1624": reports[Resolution.R1624],
    }
    return render(request, "public/state_detail.html", context)


@never_cache
@require_GET
def healthz(request):
    checks = {
        "database": health.check_database(connection),
        "cache": health.check_cache(),
        "broker": health.check_broker(),
    }
    healthy = all(c["status"] in ("ok", "in-process") for c in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks},
        status=200 if healthy else 503,
    )


@require_GET
def favicon(request):
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
