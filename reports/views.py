"""The reports page: CTED chooses a report and starts it (a job whose page shows its
progress); CTED and the Committee see the past runs and open the filed documents."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from ctc.form_flow import add_service_errors

from . import permissions, selectors, services
from .forms import ReportForm
from .kinds import REPORT_KINDS, kinds_ordered


def _page(request, form, status=200):
    context = {
        "form": form,
        "can_generate": permissions.can_generate(request.user),
        "runs": selectors.report_runs(user=request.user),
        "kind_labels": {k.key: k.label for k in REPORT_KINDS.values()},
    }
    return render(request, "reports/home.html", context, status=status)


@login_required
@require_GET
def report_home(request):
    if not permissions.reads_reports(request.user):
        raise Http404
    return _page(request, ReportForm(kinds=kinds_ordered()))


@login_required
@require_POST
def report_start(request):
    if not permissions.can_generate(request.user):
        raise Http404
    form = ReportForm(request.POST, kinds=kinds_ordered())
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        report = services.report_request_make(**form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _page(request, form, status=400)
    job = services.report_start(request=report, by=request.user)
    return redirect("jobs:detail", pk=job.pk)
