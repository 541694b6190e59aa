"""HTTP only: the match pages, the donor's view and the regional matrix.

A match outside the user's scope answers 404; a match in scope whose step the user may not
take answers 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ctc.form_flow import add_service_errors

from . import match_selectors, match_services, permissions
from .enums import MatchAction
from .match_forms import MatchFilterForm, MatchProposeForm, MatrixForm, StepForm
from .models import Match

PAGE_SIZE = 25
A = MatchAction


def _reader(request) -> None:
    if not match_selectors.reads_matches(request.user):
        raise Http404


def _match(request, pk) -> Match:
    try:
        return match_selectors.match_get(user=request.user, pk=pk)
    except Match.DoesNotExist as exc:
        raise Http404 from exc


def _query(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- List and proposing ---------------------------------------------------------------------


@login_required
@require_GET
def match_list(request):
    _reader(request)
    form = MatchFilterForm(request.GET, user=request.user)
    if not form.is_valid():
        context = {"form": form, "page": None, "invalid": True}
        return render(request, "assistance/matches/list.html", context, status=400)
    matches = match_selectors.match_list(user=request.user, **form.selector_kwargs())
    page = Paginator(matches, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "query": _query(request),
        "can_propose": permissions.can_write(request.user),
    }
    return render(request, "assistance/matches/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def match_create(request):
    _reader(request)
    if not permissions.can_write(request.user):
        raise PermissionDenied
    posted = request.method == "POST"
    initial = {key: request.GET.get(key) for key in ("need", "offer") if request.GET.get(key)}
    form = MatchProposeForm(request.POST if posted else None, initial=initial, user=request.user)
    if posted and form.is_valid():
        try:
            match = match_services.match_propose(
                need=form.cleaned_data["need"], offer=form.cleaned_data["offer"], by=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("The match was proposed with a score of {score}.").format(score=match.score),
            )
            return redirect("assistance_matches:detail", pk=match.pk)
    status = 400 if posted else 200
    return render(request, "assistance/matches/form.html", {"form": form}, status=status)


# --- Detail and steps -----------------------------------------------------------------------


def step_forms(user, match, *, bound: tuple[str, StepForm] | None = None) -> list[dict]:
    """One form per action the user may take now, the bound one kept with its errors."""
    forms = []
    for action in permissions.MATCH.actions():
        if not permissions.MATCH.can_take(user, match, action):
            continue
        if bound is not None and bound[0] == action:
            form = bound[1]
        else:
            # The donor's home shows several matches' forms: their ids must not collide.
            form = StepForm(prefix=action, auto_id=f"id_match{match.pk}_%s")
        forms.append(
            {
                "action": action,
                "label": A(action).label,
                "form": form,
                "evaluation": action in match_services.EVALUATION_ACTIONS,
                "reason_required": action in match_services.REASON_ACTIONS,
            }
        )
    return forms


def _refused(steps: list[dict], bound) -> list:
    """The errors of a step posted but not open now: no form of it shows them."""
    if bound is None or any(step["action"] == bound[0] for step in steps):
        return []
    return [error for errors in bound[1].errors.values() for error in errors]


def _detail_context(request, match, *, bound=None) -> dict:
    steps = step_forms(request.user, match, bound=bound)
    return {
        "match": match,
        "explanation": match_selectors.explanation_rows(match),
        "transitions": match_selectors.transition_list(match=match),
        "steps": steps,
        "refused": _refused(steps, bound),
    }


@login_required
@require_GET
def match_detail(request, pk):
    _reader(request)
    match = _match(request, pk)
    return render(request, "assistance/matches/detail.html", _detail_context(request, match))


@login_required
@require_POST
def match_step(request, pk):
    """Takes one step; a donor answering from its home page goes back there."""
    _reader(request)
    match = _match(request, pk)
    action = request.POST.get("action", "")
    if action not in match_services.STEPS:
        raise Http404
    if not permissions.MATCH.may_act(request.user, action):
        raise PermissionDenied
    form = StepForm(request.POST, prefix=action, auto_id=f"id_match{match.pk}_%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            match_services.match_transition(
                match=match,
                action=action,
                by=request.user,
                comment=data["comment"],
                outcome=data["outcome"],
                need_met=data["need_met"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Done: {action}.").format(action=A(action).label))
            if request.POST.get("back") == "donor":
                return redirect("assistance_donor:home")
            return redirect("assistance_matches:detail", pk=match.pk)
    context = _detail_context(request, match, bound=(action, form))
    return render(request, "assistance/matches/detail.html", context, status=400)


# --- The donor's view -----------------------------------------------------------------------

# The best proposals answered from the home page; the rest are on the matches list.
HOME_ANSWERS = 10


@login_required
@require_GET
def donor_home(request):
    """A donor's home for assistance: the matches waiting for its answer, and the shared
    needs within its programmes' scope."""
    if not permissions.is_donor(request.user):
        raise Http404
    answers = list(match_selectors.donor_answer_list(user=request.user)[:HOME_ANSWERS])
    needs = Paginator(match_selectors.donor_need_list(user=request.user), PAGE_SIZE)
    context = {
        "answers": [{"match": m, "steps": step_forms(request.user, m)} for m in answers],
        "page": needs.get_page(request.GET.get("page")),
        "query": "",
        "organisation": request.user.organisation,
    }
    return render(request, "assistance/matches/donor.html", context)


# --- The regional matrix --------------------------------------------------------------------


@login_required
@require_GET
def matrix(request):
    if not match_selectors.reads_matrix(request.user):
        raise Http404
    form = MatrixForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "invalid": True, "levels": match_selectors.LEVEL_LABELS}
        return render(request, "assistance/matrix/matrix.html", context, status=400)
    level = form.cleaned_data["level"]
    context = {
        "matrix": match_selectors.regional_matrix(user=request.user, level=level),
        "level": level,
        "levels": match_selectors.LEVEL_LABELS,
    }
    return render(request, "assistance/matrix/matrix.html", context)
