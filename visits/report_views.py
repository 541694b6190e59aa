"""The visit report's pages: HTTP only (parse, call one service or selector, render)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ctc.registry import site
from ctc.revisions import EditConflict

from . import permissions, report_selectors, report_services, selectors
from .enums import ReportStatus, VisitAction
from .report_forms import RejectForm, SectionForm, SuggestionForm, TransitionForm


def _error_dict(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {field: list(messages_) for field, messages_ in exc.message_dict.items()}
    return {"__all__": list(exc.messages)}


def _report_page(request, visit, *, status=200, errors=None, values=None, states=None):
    """The report page (the editor, the suggestions, the steps), with the errors of one form
    (`errors`: form key → field → messages) and what was posted (`values`)."""
    user = request.user
    context = {
        "visit": visit,
        "report_open": True,
        "started": visit.report_status != ReportStatus.NOT_STARTED,
        "can_start": permissions.can_start_report(user, visit),
        "can_edit": permissions.can_edit_report(user, visit),
        "can_suggest": permissions.can_suggest_report(user, visit),
        "sections": report_selectors.report_sections(visit=visit),
        "actions": permissions.REPORT.available_actions(user, visit),
        "action_labels": {a.value: a.label for a in VisitAction},
        "steps": report_selectors.report_steps(visit=visit),
        "next_step_list": selectors.next_step_list(visit, today=timezone.localdate()),
        "documents": site.documents_for(visit, user=user),
        "errors": errors or {},
        "values": values or {},
        "states": states or {},
    }
    return render(request, "visits/report/report.html", context, status=status)


def _acted(request, visit, form, *, key: str, act, done: str):
    """form (None: no input) → service → back to the report with `done`, or the page again
    (400) with the errors beside the form `key` and nothing changed."""
    if form is None or form.is_valid():
        try:
            act(form.cleaned_data if form is not None else {})
        except ValidationError as exc:
            errors = _error_dict(exc)
        else:
            messages.success(request, done)
            return redirect("visits:report", pk=visit.pk)
    else:
        errors = {field: list(found) for field, found in form.errors.items()}
    return _report_page(
        request, visit, status=400, errors={key: errors}, values={key: request.POST}
    )


@login_required
@require_GET
def report(request, pk):
    visit = report_selectors.report_page_get(user=request.user, pk=pk)
    return _report_page(request, visit)


@login_required
@require_POST
def report_start(request, pk):
    visit = report_selectors.report_page_get(user=request.user, pk=pk)

    def act(_data):
        report_services.report_start(visit=visit, by=request.user)

    return _acted(request, visit, None, key="start", act=act, done=_("The report was started."))


@login_required
@require_POST
def report_section_save(request, pk, section_pk):
    visit = report_selectors.report_visit_get(user=request.user, pk=pk)
    section = report_selectors.report_section_get(visit=visit, pk=section_pk)
    form = SectionForm(request.POST)
    key = f"section-{section.key}"
    state, status, errors = {}, 200, {}
    if not form.is_valid():
        state, status = {"submitted": request.POST.get("text", "")}, 400
        errors = {field: list(found) for field, found in form.errors.items()}
    else:
        try:
            section = report_services.report_section_save(
                section=section,
                text=form.cleaned_data["text"],
                revision=form.cleaned_data["revision"],
                by=request.user,
            )
            state = {"saved": True}
        except EditConflict as conflict:
            section = conflict.current
            view = report_selectors.section_conflict(
                section=section, submitted=conflict.submitted["text"]
            )
            state, status = {"conflict": view}, 409
            errors = {
                "text": [_("Not saved: someone else saved this text while you were editing.")]
            }
        except ValidationError as exc:
            state, status = {"submitted": form.cleaned_data["text"]}, 400
            errors = _error_dict(exc)
    if request.htmx:
        sections = {s.pk: s for s in report_selectors.report_sections(visit=visit)}
        context = {
            "visit": visit,
            "section": sections[section.pk],
            "state": state,
            "ferr": errors,
            "can_edit": permissions.can_edit_report(request.user, visit),
            "can_suggest": permissions.can_suggest_report(request.user, visit),
        }
        return render(request, "visits/report/_section.html", context, status=status)
    if status == 200:
        messages.success(request, _("Saved."))
        return redirect("visits:report", pk=visit.pk)
    return _report_page(
        request, visit, status=status, errors={key: errors}, states={section.pk: state}
    )


@login_required
@require_POST
def report_suggestion_add(request, pk):
    visit = report_selectors.report_visit_get(user=request.user, pk=pk)
    form = SuggestionForm(request.POST)
    section = None
    if form.is_valid():
        section = report_selectors.report_section_get(visit=visit, pk=form.cleaned_data["section"])
    key = f"suggest-{section.key}" if section else "page"

    def act(data):
        report_services.report_suggestion_make(
            section=section,
            proposed_text=data["proposed_text"],
            note=data["note"],
            revision=data["revision"],
            by=request.user,
        )

    done = _("Your suggestion was added; the expert will accept or reject it.")
    return _acted(request, visit, form, key=key, act=act, done=done)


@login_required
@require_POST
def report_suggestion_accept(request, pk, suggestion_pk):
    visit = report_selectors.report_visit_get(user=request.user, pk=pk)
    suggestion = report_selectors.report_suggestion_get(visit=visit, pk=suggestion_pk)

    def act(_data):
        report_services.report_suggestion_accept(suggestion=suggestion, by=request.user)

    key = f"sg-{suggestion.pk}"
    return _acted(request, visit, None, key=key, act=act, done=_("The suggestion was accepted."))


@login_required
@require_POST
def report_suggestion_reject(request, pk, suggestion_pk):
    visit = report_selectors.report_visit_get(user=request.user, pk=pk)
    suggestion = report_selectors.report_suggestion_get(visit=visit, pk=suggestion_pk)

    def act(data):
        report_services.report_suggestion_reject(
            suggestion=suggestion, reason=data["reason"], by=request.user
        )

    form = RejectForm(request.POST)
    key = f"sg-{suggestion.pk}"
    return _acted(request, visit, form, key=key, act=act, done=_("The suggestion was rejected."))


@login_required
@require_POST
def report_transition(request, pk):
    visit = report_selectors.report_visit_get(user=request.user, pk=pk)
    form = TransitionForm(request.POST)
    action = request.POST.get("action", "")
    key = f"action-{action}" if action in permissions.REPORT.actions() else "page"

    def act(data):
        report_services.report_transition(
            visit=visit, action=data["action"], by=request.user, comment=data["comment"]
        )

    label = VisitAction(action).label if action in VisitAction.values else ""
    return _acted(
        request, visit, form, key=key, act=act, done=_("Done: {action}.").format(action=label)
    )


@login_required
@require_GET
def report_versions(request, pk):
    visit = report_selectors.report_visit_get(user=request.user, pk=pk)
    versions = list(report_selectors.report_version_list(visit=visit))
    context = {"visit": visit, "versions": versions, "latest": versions[0] if versions else None}
    return render(request, "visits/report/versions.html", context)


@login_required
@require_GET
def report_compare(request, pk):
    visit = report_selectors.report_visit_get(user=request.user, pk=pk)
    old = report_selectors.report_version_get(visit=visit, number=request.GET.get("a"))
    new = report_selectors.report_version_get(visit=visit, number=request.GET.get("b"))
    if old.number > new.number:
        old, new = new, old
    changes = report_selectors.report_version_compare(visit=visit, old=old, new=new)
    context = {
        "visit": visit,
        "old": old,
        "new": new,
        "changes": changes,
        "no_changes": not any(c.text.changed for c in changes),
    }
    return render(request, "visits/report/compare.html", context)
