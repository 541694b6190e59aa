"""HTTP only: the staff pages of the work programme, events and budget.

Outside the workspace (neither CTED nor the Committee): 404. A reader who may not change:
403. Bad input: the form again with its messages, 400, nothing saved.
"""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ctc.form_flow import add_service_errors, form_submit

from . import permissions, selectors, services
from .enums import ItemAction
from .forms import (
    ActivityForm,
    ContributionForm,
    EventForm,
    ItemFilterForm,
    ItemForm,
    LinkForm,
    StatusForm,
)
from .models import Event, FundedActivity, ProgrammeItem


def _reader(request) -> None:
    if not permissions.can_read(request.user):
        raise Http404


def _editor(request) -> None:
    _reader(request)
    if not permissions.can_edit(request.user):
        raise PermissionDenied


def _item(request, pk) -> ProgrammeItem:
    _reader(request)
    try:
        return selectors.item_get(user=request.user, pk=pk)
    except ProgrammeItem.DoesNotExist:
        raise Http404 from None


def _event(request, pk) -> Event:
    _reader(request)
    try:
        return selectors.event_get(user=request.user, pk=pk)
    except Event.DoesNotExist:
        raise Http404 from None


# --- Programme items -----------------------------------------------------------------------


@login_required
@require_GET
def item_list(request):
    _reader(request)
    form = ItemFilterForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "items": [], "invalid": True}
        return render(request, "programme/items/list.html", context, status=400)
    items = list(selectors.item_list(user=request.user, **form.selector_kwargs()))
    today = selectors.today()
    for item in items:
        item.overdue = selectors.is_overdue(item, today)
    return render(request, "programme/items/list.html", {"form": form, "items": items})


def _item_page(request, item, *, status_form=None, link_form=None, status=200):
    user = request.user
    context = {
        "item": item,
        "overdue": selectors.is_overdue(item),
        "actions": [ItemAction(a) for a in permissions.ITEM_WORKFLOW.available_actions(user, item)],
        "can_edit": permissions.can_edit(user),
        "status_form": status_form or StatusForm(),
        "link_form": link_form or LinkForm(),
    }
    return render(request, "programme/items/detail.html", context, status=status)


@login_required
@require_GET
def item_detail(request, pk):
    return _item_page(request, _item(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk):
    item = _item(request, pk)
    _editor(request)
    initial = {"owner": item.owner, "deadline": item.deadline, "is_public": item.is_public}
    form = ItemForm(request.POST if request.method == "POST" else None, initial=initial)
    return form_submit(
        request,
        form,
        lambda data: services.item_update(item=item, by=request.user, **data),
        success=_("The item was saved."),
        template="programme/items/form.html",
        context={"item": item},
    )


@login_required
@require_POST
def item_status(request, pk):
    item = _item(request, pk)
    _editor(request)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.item_status_change(
                item=item,
                action=form.cleaned_data["action"],
                comment=form.cleaned_data["comment"],
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The status was changed."))
            return redirect(item)
    return _item_page(request, item, status_form=form, status=400)


@login_required
@require_POST
def item_link(request, pk):
    item = _item(request, pk)
    _editor(request)
    form = LinkForm(request.POST)
    if form.is_valid():
        try:
            services.link_add(item=item, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The link was added."))
            return redirect(item)
    return _item_page(request, item, link_form=form, status=400)


# --- Events --------------------------------------------------------------------------------


@login_required
@require_GET
def event_list(request):
    _reader(request)
    context = {
        "events": selectors.event_list(user=request.user),
        "can_edit": permissions.can_edit(request.user),
    }
    return render(request, "programme/events/list.html", context)


def _event_page(request, event, *, link_form=None, status=200):
    context = {
        "event": event,
        "can_edit": permissions.can_edit(request.user),
        "link_form": link_form or LinkForm(),
    }
    return render(request, "programme/events/detail.html", context, status=status)


@login_required
@require_GET
def event_detail(request, pk):
    return _event_page(request, _event(request, pk))


def _event_form(request, event):
    form = EventForm(request.POST if request.method == "POST" else None, instance=event)
    return form_submit(
        request,
        form,
        lambda data: services.event_save(by=request.user, event=event, **data),
        success=_("The event was saved."),
        template="programme/events/form.html",
        context={"event": event},
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request):
    _editor(request)
    return _event_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk):
    event = _event(request, pk)
    _editor(request)
    return _event_form(request, event)


@login_required
@require_POST
def event_link(request, pk):
    event = _event(request, pk)
    _editor(request)
    form = LinkForm(request.POST)
    if form.is_valid():
        try:
            services.link_add(event=event, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The link was added."))
            return redirect(event)
    return _event_page(request, event, link_form=form, status=400)


# --- Budget --------------------------------------------------------------------------------


@login_required
@require_GET
def budget(request):
    _reader(request)
    rows = selectors.activity_list(user=request.user)
    context = {
        "rows": rows,
        "totals": selectors.trust_fund_totals(rows, user=request.user),
        "contributions": selectors.contribution_list(user=request.user),
        "can_edit": permissions.can_edit(request.user),
    }
    return render(request, "programme/budget/list.html", context)


def _cell(text: str) -> str:
    """Text a spreadsheet would run as a formula is quoted, so it reads as text."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


@login_required
@require_GET
def budget_export(request):
    """The activities and their funding as CSV, in the reader's language."""
    _reader(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="trust-fund-activities.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [_("Activity"), _("Estimated cost (USD)"), _("Funded (USD)"), _("Shortfall (USD)")]
        + [_("Funding")]
    )
    for row in selectors.activity_list(user=request.user):
        writer.writerow(
            [_cell(row.activity.title), row.activity.estimated_cost, row.funded, row.shortfall]
            + [row.label]
        )
    return response


@login_required
@require_GET
def activity_detail(request, pk):
    _reader(request)
    try:
        row = selectors.activity_get(user=request.user, pk=pk)
    except FundedActivity.DoesNotExist:
        raise Http404 from None
    context = {
        "row": row,
        "contributions": selectors.contribution_list(user=request.user, activity=row.activity),
        "can_edit": permissions.can_edit(request.user),
    }
    return render(request, "programme/budget/activity.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request):
    _editor(request)
    form = ActivityForm(request.POST if request.method == "POST" else None)
    return form_submit(
        request,
        form,
        lambda data: services.activity_create(by=request.user, **data),
        success=_("The activity was recorded."),
        template="programme/budget/form.html",
        context={"heading": _("Record an activity needing funding")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def contribution_create(request):
    _editor(request)
    form = ContributionForm(
        request.POST if request.method == "POST" else None,
        initial={"activity": request.GET.get("activity")},
    )

    def save(data):
        contribution = services.contribution_record(by=request.user, **data)
        return contribution.activity or "programme:budget"

    return form_submit(
        request,
        form,
        save,
        success=_("The contribution was recorded."),
        template="programme/budget/form.html",
        context={"heading": _("Record a trust-fund contribution")},
    )
