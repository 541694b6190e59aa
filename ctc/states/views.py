"""State profiles of the shared database, for partners granted them (E-20) and CTED staff."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ctc.form_flow import form_submit
from ctc.organisations.enums import GrantScope
from ctc.organisations.http import grant_required
from ctc.registry import site

from . import permissions, selectors, services
from .enums import Resolution
from .filters import MemberStateFilter
from .forms import DialogueForm, TimelineFilterForm
from .models import DialogueEntry, MemberState


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
        "reads_overview": permissions.reads_overview(request.user),
        "history": [
            (resolution, [r for r in reports if r.resolution == resolution])
            for resolution in Resolution
        ],
    }
    return render(request, "states/profile_detail.html", context)


# --- The State timeline and the Committee dashboard (staff and the Committee) ------------
def _overview_state(user, iso3: str):
    """The State of a timeline page; 404 for anyone who does not read the overview."""
    if not permissions.reads_overview(user):
        raise Http404
    try:
        return selectors.state_for_overview(iso3=iso3)
    except MemberState.DoesNotExist as exc:
        raise Http404 from exc


def _timeline_page(request, state, *, dialogue_form=None, status=200):
    filter_form = TimelineFilterForm(request.GET)
    if not filter_form.is_valid():
        messages.error(request, _("Choose the kinds of event from the list."))
        status, kinds, entries = 400, None, []
    else:
        kinds = filter_form.kinds()
        entries = site.timeline_for(state, request.user, kinds)
    labels = {source.key: source.label for source in site.timeline_kinds()}
    if dialogue_form is None and permissions.can_record_dialogue(request.user):
        dialogue_form = DialogueForm()
    context = {
        "state": state,
        "filter_form": filter_form,
        "entries": [(entry, labels.get(entry.kind, "")) for entry in entries],
        "dialogue_form": dialogue_form,
    }
    if request.htmx and request.method == "GET":
        return render(request, "states/timeline.html#entries", context, status=status)
    return render(request, "states/timeline.html", context, status=status)


@require_GET
@login_required
def state_timeline(request, iso3):
    """Everything about one State, newest first, filterable by kind."""
    return _timeline_page(request, _overview_state(request.user, iso3))


@require_POST
@login_required
def dialogue_new(request, iso3):
    state = _overview_state(request.user, iso3)
    if not permissions.can_record_dialogue(request.user):
        raise PermissionDenied
    form = DialogueForm(request.POST)
    if form.is_valid():
        try:
            services.dialogue_record(state=state, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The dialogue entry is recorded."))
            return redirect("overview:timeline", iso3=state.iso3)
    return _timeline_page(request, state, dialogue_form=form, status=400)


@require_http_methods(["GET", "POST"])
@login_required
def dialogue_edit(request, iso3, pk):
    """Corrects a logged exchange (its author or a coordinator); earlier versions listed."""
    state = _overview_state(request.user, iso3)
    try:
        entry = selectors.dialogue_get(state=state, pk=pk)
    except DialogueEntry.DoesNotExist as exc:
        raise Http404 from exc
    if not permissions.can_correct_dialogue(request.user, entry):
        raise PermissionDenied
    versions = selectors.dialogue_versions(entry=entry)
    form = DialogueForm(request.POST if request.method == "POST" else None, instance=entry)

    def save(values):
        services.dialogue_correct(entry=entry, by=request.user, **values)
        return reverse("overview:timeline", kwargs={"iso3": state.iso3})

    return form_submit(
        request,
        form,
        save,
        success=_("The dialogue entry is corrected."),
        template="states/dialogue_edit.html",
        context={"state": state, "entry": entry, "versions": versions},
    )


@require_GET
@login_required
def dashboard(request):
    """The Committee dashboard: each app's panel (ctc.registry.DashboardPanel)."""
    if not permissions.reads_overview(request.user):
        raise Http404
    return render(request, "states/dashboard.html", {"panels": site.dashboard_for(request.user)})
