"""Pages of recommendations, follow-up and outcome: CTED's (visits/) and the owners' in the
secure area (secure/visits/). HTTP only: parse, call one service or selector, render.

A visit, State or action outside the reader's scope answers 404; 403 is for a reader who
may see it but not act.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ctc.form_flow import add_service_errors, form_submit
from ctc.registry import site
from ctc.states.models import MemberState

from . import follow_up_selectors as selectors
from . import follow_up_services as services
from . import permissions
from .enums import FollowUpStep, VisitStatus
from .follow_up_forms import (
    BulkForm,
    EvaluationForm,
    FollowUpFilterForm,
    FollowUpForm,
    RecommendationForm,
    StepForm,
)
from .models import FollowUpAction, Recommendation, Visit

PAGE_SIZE = 50
# What owners outside CTED do from the secure area.
OWNER_STEPS = (FollowUpStep.START, FollowUpStep.COMPLETE)
# The State's page lists open and in-progress actions: nothing there to reopen.
PENDING_STEPS = (FollowUpStep.START, FollowUpStep.COMPLETE, FollowUpStep.DROP)


def _workspace(request) -> None:
    if not permissions.workspace_is_possible(request.user):
        raise Http404


def _visit(request, pk) -> Visit:
    _workspace(request)
    try:
        return selectors.visit_get(user=request.user, pk=pk)
    except Visit.DoesNotExist:
        raise Http404 from None


def _recommendation(request, pk) -> Recommendation:
    _workspace(request)
    try:
        return selectors.recommendation_get(user=request.user, pk=pk)
    except Recommendation.DoesNotExist:
        raise Http404 from None


def _action(request, pk, **filters) -> FollowUpAction:
    try:
        return selectors.follow_up_list(user=request.user, **filters).get(pk=pk)
    except FollowUpAction.DoesNotExist:
        raise Http404 from None


def _writer(request) -> None:
    if not permissions.can_write(request.user):
        raise PermissionDenied


def _with_steps(actions, user):
    """Each action with the steps this reader may take on it now (its buttons)."""
    for action in actions:
        action.steps = permissions.FOLLOW_UP.available_actions(user, action)
    return actions


def _recommendations_page(request, visit, *, status=200, **forms):
    """The visit's recommendations and actions, the add/edit forms, the evaluation and the
    completion rate; `forms` replaces a blank form with a bound one that has errors."""
    user = request.user
    recommendations = list(selectors.recommendation_list(user=user, visit=visit))
    step_errors = forms.get("step_errors", {})
    for recommendation in recommendations:
        for action in _with_steps(recommendation.visible_actions, user):
            action.step_errors = step_errors.get(action.pk, [])
    evaluation = selectors.evaluation_get(visit=visit)
    context = {
        "visit": visit,
        "recommendations": recommendations,
        "report_open": permissions.report_page_open(user, visit),
        "completion": selectors.completion_rate(visit=visit),
        "evaluation": evaluation,
        "can_write": permissions.can_write(user),
        "can_change_recommendations": permissions.can_write(user)
        and visit.status == VisitStatus.DONE
        and visit.report_status not in services.REPORT_FIXED,
        "recommendation_form": forms.get("recommendation_form") or RecommendationForm(),
        "action_form": forms.get("action_form") or FollowUpForm(visit=visit, creating=True),
        "evaluation_form": forms.get("evaluation_form")
        or EvaluationForm(initial={"what_changed": evaluation.what_changed if evaluation else ""}),
        "need_hook": site.need_from_recommendation is not None,
        "today": selectors.hq_today(),
    }
    return render(request, "visits/follow_up/recommendations.html", context, status=status)


# --- A visit's recommendations -------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def recommendations(request, pk):
    visit = _visit(request, pk)
    if request.method == "GET":
        return _recommendations_page(request, visit)
    _writer(request)
    form = RecommendationForm(request.POST)
    if form.is_valid():
        try:
            services.recommendation_add(visit=visit, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The recommendation was added."))
            return redirect("visits:recommendations", pk=visit.pk)
    return _recommendations_page(request, visit, status=400, recommendation_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_edit(request, pk):
    recommendation = _recommendation(request, pk)
    _writer(request)
    visit = recommendation.visit
    posted = request.method == "POST"
    form = RecommendationForm(
        request.POST if posted else None,
        initial={
            "text": recommendation.text,
            "thematic_area": recommendation.thematic_area_id,
            "priority": recommendation.priority,
        },
    )
    if posted and "remove" in request.POST:
        try:
            services.recommendation_remove(recommendation=recommendation, by=request.user)
        except ValidationError as exc:
            form = RecommendationForm(initial=form.initial)
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The recommendation was removed."))
            return redirect("visits:recommendations", pk=visit.pk)
    elif posted and form.is_valid():
        try:
            services.recommendation_update(
                recommendation=recommendation, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The recommendation was saved."))
            return redirect("visits:recommendations", pk=visit.pk)
    context = {"visit": visit, "recommendation": recommendation, "form": form}
    return render(
        request,
        "visits/follow_up/recommendation_form.html",
        context,
        status=400 if posted else 200,
    )


@login_required
@require_POST
def recommendation_need(request, pk):
    """Records the recommendation as a technical-assistance need (the assistance app's hook)."""
    recommendation = _recommendation(request, pk)
    _writer(request)
    try:
        services.recommendation_to_need(recommendation=recommendation, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _recommendations_page(request, recommendation.visit, status=400)
    messages.success(request, _("The recommendation was recorded as an assistance need."))
    return redirect("visits:recommendations", pk=recommendation.visit_id)


# --- Follow-up actions ------------------------------------------------------------------------


@login_required
@require_POST
def follow_up_add(request, pk):
    visit = _visit(request, pk)
    _writer(request)
    form = FollowUpForm(request.POST, visit=visit, creating=True)
    if form.is_valid():
        try:
            services.follow_up_create(by=request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The follow-up action was added."))
            return redirect("visits:recommendations", pk=visit.pk)
    return _recommendations_page(request, visit, status=400, action_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_edit(request, pk):
    _workspace(request)
    action = _action(request, pk)
    _writer(request)
    form = FollowUpForm(
        request.POST if request.method == "POST" else None,
        visit=action.visit,
        initial={
            "description": action.description,
            "owner_kind": action.owner_kind,
            "owner_user": action.owner_user_id,
            "owner_organisation": action.owner_organisation_id,
            "due_on": action.due_on,
        },
    )

    def save(data):
        services.follow_up_update(action=action, by=request.user, **form.service_kwargs())
        return reverse("visits:recommendations", kwargs={"pk": action.visit_id})

    return form_submit(
        request,
        form,
        save,
        success=_("The follow-up action was saved."),
        template="visits/follow_up/action_form.html",
        context={"visit": action.visit, "action": action},
    )


@login_required
@require_POST
def follow_up_step(request, pk):
    """One step (start, complete, drop with its reason, reopen) of one action."""
    _workspace(request)
    action = _action(request, pk)
    if not permissions.can_write(request.user):
        raise PermissionDenied
    form = StepForm(request.POST)
    errors = []
    if form.is_valid():
        try:
            services.follow_up_transition(
                action=action,
                step=form.cleaned_data["action"],
                by=request.user,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("The follow-up action was updated."))
            return redirect("visits:recommendations", pk=action.visit_id)
    else:
        errors = [e for field in form.errors.values() for e in field]
    visit = selectors.visit_get(user=request.user, pk=action.visit_id)
    return _recommendations_page(request, visit, status=400, step_errors={action.pk: errors})


@login_required
@require_POST
def evaluation(request, pk):
    visit = _visit(request, pk)
    _writer(request)
    form = EvaluationForm(request.POST)
    if form.is_valid():
        try:
            services.evaluation_save(
                visit=visit, what_changed=form.cleaned_data["what_changed"], by=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The outcome evaluation was saved."))
            return redirect("visits:recommendations", pk=visit.pk)
    return _recommendations_page(request, visit, status=400, evaluation_form=form)


# --- Lists ---------------------------------------------------------------------------------


def _query(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _invalid_filters(request, filters):
    context = {"filters": filters, "page": None, "invalid": True}
    return render(request, "visits/follow_up/list.html", context, status=400)


def _bulk(request, actions, *, steps=None):
    """Applies the bulk form to the ticked actions of `actions` (the page's scope): returns
    the bound form (with its errors) or None when done."""
    ids = [int(pk) for pk in request.POST.getlist("actions") if pk.isdigit()]
    chosen = list(actions.filter(pk__in=ids))
    form = BulkForm(request.POST, ids=[a.pk for a in chosen], steps=steps)
    if not form.is_valid():
        return form
    try:
        done = services.follow_up_bulk_update(
            actions=chosen,
            action=form.cleaned_data["action"],
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return form
    messages.success(
        request,
        ngettext(
            "{n} follow-up action was updated.", "{n} follow-up actions were updated.", done
        ).format(n=done),
    )
    return None


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_state(request, iso3):
    """All open and in-progress follow-up of one State, from all its visits, by due date, a
    page at a time (a State can have hundreds); CTED writers update several at once."""
    _workspace(request)
    state = get_object_or_404(MemberState, iso3=iso3.upper())
    filters = FollowUpFilterForm(request.GET)
    if not filters.is_valid():
        return _invalid_filters(request, filters)
    values = filters.selector_kwargs()
    pending = selectors.follow_up_list(
        user=request.user, state=state.iso3, overdue=values["overdue"], sort=values["sort"]
    ).filter(status__in=selectors.PENDING)
    bulk_form, status = BulkForm(steps=PENDING_STEPS), 200
    if request.method == "POST":
        _writer(request)
        bulk_form = _bulk(request, pending, steps=PENDING_STEPS)
        if bulk_form is None:
            return redirect(request.get_full_path())
        status = 400
    page = Paginator(pending, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = _with_steps(list(page.object_list), request.user)
    context = {
        "state": state,
        "page": page,
        "actions": page.object_list,
        "filters": filters,
        "sort": values["sort"],
        "bulk_form": bulk_form,
        "can_write": permissions.can_write(request.user),
        "query": _query(request),
    }
    return render(request, "visits/follow_up/state.html", context, status=status)


@login_required
@require_GET
def follow_up_list(request):
    """Every follow-up action the reader may see, filtered, by due date, a page at a time."""
    _workspace(request)
    filters = FollowUpFilterForm(request.GET)
    if not filters.is_valid():
        return _invalid_filters(request, filters)
    actions = selectors.follow_up_list(user=request.user, **filters.selector_kwargs())
    page = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filters": filters, "page": page, "query": _query(request)}
    return render(request, "visits/follow_up/list.html", context)


# --- The secure area -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def secure_follow_up(request):
    """The follow-up actions the reader's State (focal points) or organisation (partner
    analysts) owns; they start and complete them, one or several at once."""
    if not selectors.owns_follow_up(request.user):
        raise Http404
    filters = FollowUpFilterForm(request.GET)
    if not filters.is_valid():
        return _invalid_filters(request, filters)
    values = filters.selector_kwargs()
    mine = selectors.follow_up_list(
        user=request.user,
        owner="me",
        status=values["status"],
        overdue=values["overdue"],
        sort=values["sort"],
    )
    bulk_form, status = BulkForm(steps=OWNER_STEPS), 200
    if request.method == "POST":
        requested = [int(pk) for pk in request.POST.getlist("actions") if pk.isdigit()]
        # An action of another State or organisation does not exist for this reader.
        if mine.filter(pk__in=requested).count() != len(set(requested)):
            raise Http404
        bulk_form = _bulk(request, mine, steps=OWNER_STEPS)
        if bulk_form is None:
            return redirect(request.get_full_path())
        status = 400
    page = Paginator(mine, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = _with_steps(list(page.object_list), request.user)
    context = {
        "page": page,
        "filters": filters,
        "bulk_form": bulk_form,
        "query": _query(request),
    }
    return render(request, "visits/follow_up/secure.html", context, status=status)
