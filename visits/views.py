"""HTTP only: parse, call one service or selector, render.

A visit outside the user's scope answers 404; a visit in scope whose step the user may not
take answers 403.
"""

import calendar
import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ctc.accounts.enums import Role
from ctc.form_flow import add_service_errors, form_submit
from ctc.organisations.enums import GrantScope
from ctc.organisations.http import grant_required

from . import permissions, selectors, services
from .enums import VisitAction
from .filters import VisitFilterForm
from .forms import StepForm, VisitForm
from .models import Visit

PAGE_SIZE = 25
A = VisitAction


def _workspace(request) -> None:
    if not permissions.workspace_is_possible(request.user):
        raise Http404


def _visit(request, pk) -> Visit:
    try:
        return selectors.visit_get(user=request.user, pk=pk)
    except Visit.DoesNotExist as exc:
        raise Http404 from exc


def _query(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- List, create, edit -------------------------------------------------------------------


@login_required
@require_GET
def visit_list(request):
    _workspace(request)
    form = VisitFilterForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "page": None, "invalid": True}
        return render(request, "visits/list.html", context, status=400)
    visits = selectors.visit_list(user=request.user, **form.selector_kwargs())
    page = Paginator(visits, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "query": _query(request),
        "can_propose": permissions.can_propose(request.user),
    }
    return render(request, "visits/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def visit_create(request):
    _workspace(request)
    if not permissions.can_propose(request.user):
        raise PermissionDenied
    posted = request.method == "POST"
    form = VisitForm(request.POST if posted else None)
    if posted and form.is_valid():
        try:
            visit = services.visit_create(**form.service_kwargs(), by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("The visit {reference} was proposed.").format(reference=visit.reference)
            )
            return redirect("visits:detail", pk=visit.pk)
    status = 400 if posted else 200
    return render(request, "visits/form.html", {"form": form, "visit": None}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def visit_edit(request, pk):
    _workspace(request)
    visit = _visit(request, pk)
    if not permissions.can_edit_plan(request.user, visit):
        raise PermissionDenied
    form = VisitForm(request.POST if request.method == "POST" else None, visit=visit)

    def save(data):
        services.visit_update(visit=visit, **form.service_kwargs(), by=request.user)
        return reverse("visits:detail", kwargs={"pk": visit.pk})

    return form_submit(
        request,
        form,
        save,
        success=_("The plan was saved."),
        template="visits/form.html",
        context={"visit": visit},
    )


# --- Detail and steps ---------------------------------------------------------------------


def step_forms(user, visit, *, bound: tuple[str, StepForm] | None = None) -> list[dict]:
    """One form per action the user may take now, the bound one kept with its errors."""
    today = timezone.localdate()
    forms = []
    for action in services.PLAN_ACTIONS:
        if not permissions.can_take(user, visit, action):
            continue
        if bound is not None and bound[0] == action:
            form = bound[1]
        else:
            initial = {"dated": today} if action in services.DATED_ACTIONS else {}
            form = StepForm(initial=initial, prefix=action)
        forms.append(
            {
                "action": action,
                "label": A(action).label,
                "form": form,
                "dated": action in services.DATED_ACTIONS,
                "due": action == A.REQUEST_CONSENT,
                "comment_required": action in (A.RETURN, A.CANCEL),
            }
        )
    return forms


def _refused(steps: list[dict], bound) -> list:
    """The errors of a step posted but not open now (e.g. confirm without consent): there is
    no form of it to show them next to."""
    if bound is None or any(step["action"] == bound[0] for step in steps):
        return []
    return [error for errors in bound[1].errors.values() for error in errors]


def _detail_context(request, visit, *, bound=None) -> dict:
    steps = step_forms(request.user, visit, bound=bound)
    return {
        "visit": visit,
        "transitions": selectors.transition_list(visit=visit),
        "next_step_list": selectors.next_step_list(visit, today=timezone.localdate()),
        "steps": steps,
        "refused": _refused(steps, bound),
        "can_edit": permissions.can_edit_plan(request.user, visit),
        "report_open": permissions.report_page_open(request.user, visit),
    }


@login_required
@require_GET
def visit_detail(request, pk):
    _workspace(request)
    visit = _visit(request, pk)
    return render(request, "visits/detail.html", _detail_context(request, visit))


def _take_step(request, visit, *, template, context_of, success_url):
    """Parses a step form, calls the action's service; 403 if the user never takes it."""
    action = request.POST.get("action", "")
    if action not in services.PLAN_ACTIONS:
        raise Http404
    if not permissions.may_act(request.user, action):
        raise PermissionDenied
    form = StepForm(request.POST, prefix=action)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.visit_transition(
                visit=visit,
                action=action,
                by=request.user,
                dated=data["dated"],
                reference=data["reference"],
                comment=data["comment"],
                answer_due_on=data["answer_due_on"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Done: {action}.").format(action=A(action).label))
            return redirect(success_url)
    return render(request, template, context_of((action, form)), status=400)


@login_required
@require_POST
def visit_step(request, pk):
    _workspace(request)
    visit = _visit(request, pk)
    return _take_step(
        request,
        visit,
        template="visits/detail.html",
        context_of=lambda form: _detail_context(request, visit, bound=form),
        success_url=reverse("visits:detail", args=[visit.pk]),
    )


# --- Calendar and programme ---------------------------------------------------------------


def _month(request) -> datetime.date:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
        month = int(request.GET.get("month", today.month))
        return datetime.date(year, month, 1)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc


@login_required
@require_GET
def visit_calendar(request):
    _workspace(request)
    first = _month(request)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    visits = selectors.month_list(user=request.user, first=first, last=last)
    weeks = [
        [
            {
                "day": day,
                "in_month": day.month == first.month,
                "visits": [v for v in visits if v.starts_on <= day <= v.ends_on],
            }
            for day in week
        ]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    ]
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = last + datetime.timedelta(days=1)
    context = {
        "first": first,
        "weeks": weeks,
        "weekdays": [WEEKDAYS[i] for i in range(7)],
        "visits": visits,
        "previous": previous,
        "following": following,
        "today": timezone.localdate(),
    }
    return render(request, "visits/calendar.html", context)


@login_required
@require_GET
def visit_programme(request):
    _workspace(request)
    years = settings.VISITS_PROGRAMME_YEARS
    rows = selectors.programme_list(
        user=request.user,
        years=range(years[0], years[-1] + 1),
        target=settings.VISITS_TARGET_PER_YEAR,
    )
    context = {"rows": rows, "target": settings.VISITS_TARGET_PER_YEAR}
    return render(request, "visits/programme.html", context)


# --- Calendar feeds -----------------------------------------------------------------------


def _may_feed(user) -> bool:
    return permissions.workspace_is_possible(user) or (
        user.is_active and Role.PARTNER_ANALYST in user.roles
    )


@login_required
@require_http_methods(["GET", "POST"])
def feed_manage(request):
    if not _may_feed(request.user):
        raise Http404
    if request.method == "POST":
        if request.POST.get("revoke"):
            services.feed_revoke(by=request.user)
            messages.success(request, _("Your calendar address was revoked."))
        else:
            services.feed_renew(by=request.user)
            messages.success(
                request, _("Your calendar has a new address; the old one no longer works.")
            )
        return redirect("visits:feeds")
    current = selectors.feed_live_get(user=request.user)
    url = (
        request.build_absolute_uri(reverse("visits:feed", args=[current.token])) if current else ""
    )
    return render(request, "visits/feeds.html", {"feed": current, "url": url})


# --- Secure area --------------------------------------------------------------------------


def _secure(request) -> None:
    if not selectors.is_secure_reader(request.user):
        raise Http404


@login_required
@require_GET
def secure_list(request):
    _secure(request)
    visits = selectors.visit_list(user=request.user)
    page = Paginator(visits, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "visits/secure_list.html", {"page": page, "query": ""})


def _secure_context(request, visit, *, bound=None) -> dict:
    steps = step_forms(request.user, visit, bound=bound)
    return {
        "visit": visit,
        "steps": steps,
        "refused": _refused(steps, bound),
        "next_step_list": selectors.next_step_list(visit, today=timezone.localdate()),
        # A partner analyst reads the approved report of a visit its organisation joined.
        "report_open": permissions.report_page_open(request.user, visit),
    }


@login_required
@require_GET
def secure_detail(request, pk):
    _secure(request)
    visit = _visit(request, pk)
    return render(request, "visits/secure_detail.html", _secure_context(request, visit))


@login_required
@require_POST
def secure_step(request, pk):
    """A focal point gives or declines the State's consent."""
    _secure(request)
    visit = _visit(request, pk)
    if request.POST.get("action") not in (A.RECORD_CONSENT, A.RECORD_DECLINE):
        raise PermissionDenied
    return _take_step(
        request,
        visit,
        template="visits/secure_detail.html",
        context_of=lambda form: _secure_context(request, visit, bound=form),
        success_url=reverse("visits_secure:detail", args=[visit.pk]),
    )


@require_GET
@grant_required(GrantScope.VISIT_SCHEDULE)
def schedule(request):
    visits = selectors.schedule_list(user=request.user)
    page = Paginator(visits, PAGE_SIZE * 2).get_page(request.GET.get("page"))
    return render(request, "visits/schedule.html", {"page": page, "query": ""})
