from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.generic import RedirectView

from ctc.accounts.selectors import expert_list
from ctc.files.http import file_response
from ctc.registry import site
from ctc.revisions import EditConflict

from . import permissions, selectors, services
from .constants import MAX_RECOMMENDATIONS
from .enums import (
    AnswerStatus,
    CommentVisibility,
    SuggestionPart,
    SuggestionStatus,
    TransitionAction,
)
from .filters import AssessmentFilter
from .form_errors import FormErrors
from .forms import (
    AnswerForm,
    AssessmentCreateForm,
    AssignForm,
    CommentForm,
    NoteForm,
    RecommendationsForm,
    SuggestionForm,
    SuggestionRejectForm,
    TransitionForm,
)

PAGE_SIZE = 25


def _choices() -> dict:
    """Closed lists the editor templates render."""
    return {
        "answer_statuses": AnswerStatus.choices,
        "visibility_choices": CommentVisibility.choices,
        "action_labels": dict(TransitionAction.choices),
        "max_recommendations": MAX_RECOMMENDATIONS,
    }


def _need_button(user) -> bool:
    """The one-click need of a priority recommendation: CTED writers, once the assistance
    app has registered its hook."""
    return site.need_from_pia_recommendation is not None and permissions.can_create(user)


def _posted(request) -> dict:
    """What was submitted, one value a name, to show it again beside its errors."""
    return {name: request.POST.get(name) for name in request.POST}


def _field_targets(form) -> dict[str, str]:
    """Field name → the DOM id Django renders for it."""
    return {name: form[name].auto_id for name in form.fields}


@login_required
@require_GET
def assessment_list(request):
    if not permissions.scope_is_possible(request.user):
        raise Http404
    filterset = AssessmentFilter(request.GET)
    if not filterset.is_valid():
        targets = {name: f"id_{name}" for name in filterset.form.fields}
        errors = FormErrors.build("filters", filterset.errors, targets=targets)
        context = {"filterset": filterset, "page": None, "invalid": True, "errors": errors}
        return render(request, "assessments/list.html", context, status=400)
    assessments = selectors.assessment_list(user=request.user, **filterset.selector_kwargs())
    page = Paginator(assessments, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filterset": filterset,
        "page": page,
        "query": query.urlencode(),
        "can_create": permissions.can_create(request.user),
    }
    if request.htmx:
        return render(request, "assessments/list.html#results", context)
    # The expert filter names people; an expert no longer listed (inactive) stays chosen.
    experts = list(expert_list())
    chosen = filterset.form.cleaned_data.get("assignee") or ""
    context["experts"] = experts
    context["assignee_unlisted"] = chosen not in {e.username for e in experts} and chosen
    return render(request, "assessments/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_create(request):
    if not permissions.can_create(request.user):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = AssessmentCreateForm(data, initial={"format": selectors.current_format()})
    status, errors = 200, None
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                assessment = services.assessment_create(
                    state=data["state"],
                    fmt=data["format"],
                    cycle=data["cycle"],
                    assignee=data["assignee"],
                    due_on=data["due_on"],
                    by=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The assessment was created."))
                return redirect(assessment_url(assessment))
        status = 400
        errors = FormErrors.build("create", form.errors, targets=_field_targets(form))
    context = {"form": form, "errors": errors}
    return render(request, "assessments/create.html", context, status=status)


def assessment_url(assessment) -> str:
    return reverse("assessments:detail", kwargs={"pk": assessment.pk})


def _detail(
    request, assessment, *, status=200, overrides=None, errors=None, assign_form=None, rows=None
):
    """The editor page; on a failed form, with that form's errors (`errors`, a FormErrors)
    and what was submitted (`overrides`, `assign_form`, `rows`)."""
    editor = selectors.assessment_editor(user=request.user, assessment=assessment)
    documents = site.documents_for(assessment, user=request.user)
    if assign_form is None and permissions.can_assign(request.user):
        assign_form = AssignForm(
            initial={"assignee": assessment.assignee_id, "due_on": assessment.due_on}
        )
    context = {
        "editor": editor,
        "assessment": assessment,
        "overrides": overrides or {},
        "errors": errors,
        "recommendation_rows": rows or _recommendation_rows(editor.recommendations),
        "steps": editor.question_steps(),
        "areas": selectors.thematic_area_list(),
        # Replies recorded before the document area (StateReply), then those filed there.
        "replies": selectors.reply_list(assessment=assessment),
        "documents": [d for d in documents if not d.reply],
        "document_replies": [d for d in documents if d.reply],
        "assign_form": assign_form,
        "can_suggest": permissions.can_suggest(request.user, assessment),
        "need_button": _need_button(request.user),
        "note_suggestions": editor.note_suggestions,
        "note_decided": editor.note_decided,
        **_choices(),
    }
    return render(request, "assessments/detail.html", context, status=status)


def _recommendation_rows(recommendations, extra: int = 3):
    rows = [{"text": r.text, "area": r.thematic_area_id} for r in recommendations]
    return rows + [{"text": "", "area": None}] * extra


def _posted_rows(request, rows: int) -> list[dict]:
    """The recommendation lines as submitted, to show them again with their errors."""
    posted = []
    for i in range(1, rows + 1):
        area = request.POST.get(f"area_{i}", "")
        posted.append(
            {
                "text": request.POST.get(f"text_{i}", ""),
                "area": int(area) if area.isdigit() else None,
            }
        )
    return posted


@login_required
@require_GET
def assessment_detail(request, pk):
    assessment = selectors.assessment_get(user=request.user, pk=pk)
    return _detail(request, assessment)


@login_required
@require_POST
def answer_save(request, pk, answer_pk):
    assessment = selectors.assessment_get(user=request.user, pk=pk)
    answer = selectors.answer_get(assessment=assessment, pk=answer_pk)
    form = AnswerForm(request.POST)
    key, pk = f"answer-{answer.pk}", answer.pk
    targets = {"finding": f"finding-{pk}", "status": f"status-{pk}", "sources": f"sources-{pk}"}
    state, status, errors = {}, 200, None
    if not form.is_valid():
        state, status = {"submitted": _posted(request)}, 400
        errors = FormErrors.build(key, form.errors, targets=targets)
    else:
        data = form.cleaned_data
        try:
            answer = services.answer_save(
                answer=answer,
                finding=data["finding"],
                status=data["status"],
                sources=data["sources"],
                revision=data["revision"],
                by=request.user,
            )
            state = {"saved": True}
        except EditConflict as conflict:
            answer = conflict.current
            state = {
                "conflict": selectors.answer_conflict(answer=answer, submitted=conflict.submitted)
            }
            status = 409
            message = _("Not saved: someone else saved this finding while you were editing.")
            errors = FormErrors.build(key, {"finding": [message]}, targets=targets)
        except ValidationError as exc:
            state = {"submitted": data}
            status = 400
            errors = FormErrors.build(key, exc, targets=targets)
    if request.htmx:
        context = {
            "block": selectors.question_block(
                user=request.user, assessment=assessment, answer_pk=answer.pk
            ),
            "can_edit": permissions.can_edit(request.user, assessment),
            "can_suggest": permissions.can_suggest(request.user, assessment),
            "comment_visibilities": permissions.comment_visibilities(request.user),
            "state": state,
            "errors": errors,
            "assessment": assessment,
            **_choices(),
        }
        block = render(request, "assessments/_question.html", context, status=status)
        # The sidebar's progress and the question's line in the outline follow, out of band.
        progress = selectors.assessment_progress(assessment=assessment)
        block.content += render(
            request, "assessments/_progress.html", {**progress, "oob": True}
        ).content
        outline = {"qblock": context["block"], "assessment": assessment, "oob": True}
        block.content += render(request, "assessments/_outline_item.html", outline).content
        return block
    if status == 200:
        messages.success(request, _("Saved."))
        return redirect(assessment_url(assessment) + f"#q-{answer.pk}")
    return _detail(request, assessment, status=status, overrides={answer.pk: state}, errors=errors)


@login_required
@require_POST
def note_save(request, pk, field):
    assessment = selectors.assessment_get(user=request.user, pk=pk)
    if field not in ("cover_note", "letter"):
        raise Http404
    form = NoteForm(request.POST)
    key, target = f"note-{field}", f"note-{field}"
    targets = {"text": target, field: target}
    state, status, errors = {}, 200, None
    if not form.is_valid():
        state, status = {"submitted": request.POST.get("text", "")}, 400
        errors = FormErrors.build(key, form.errors, targets=targets)
    else:
        try:
            assessment = services.note_save(
                assessment=assessment,
                field=field,
                text=form.cleaned_data["text"],
                revision=form.cleaned_data["revision"],
                by=request.user,
            )
            state = {"saved": True}
        except EditConflict as conflict:
            assessment = conflict.current
            view = selectors.note_conflict(
                saved=getattr(assessment, field), submitted=conflict.submitted[field]
            )
            state, status = {"conflict": view}, 409
            message = _("Not saved: someone else saved this text while you were editing.")
            errors = FormErrors.build(key, {"text": [message]}, targets=targets)
        except ValidationError as exc:
            state, status = {"submitted": form.cleaned_data["text"]}, 400
            errors = FormErrors.build(key, exc, targets=targets)
    if request.htmx:
        context = {
            "assessment": assessment,
            "field": field,
            "state": state,
            "errors": errors,
            "can_edit": permissions.can_edit(request.user, assessment),
            "can_suggest": permissions.can_suggest(request.user, assessment),
        }
        open_, decided = selectors.note_suggestions(assessment=assessment, field=field)
        context.update(note_suggestions={field: open_}, note_decided={field: decided})
        return render(request, "assessments/_note.html", context, status=status)
    if status == 200:
        messages.success(request, _("Saved."))
        return redirect(assessment_url(assessment) + f"#{field}")
    return _detail(request, assessment, status=status, overrides={field: state}, errors=errors)


@login_required
@require_POST
def recommendations_save(request, pk):
    assessment = selectors.assessment_get(user=request.user, pk=pk)
    rows = int(request.POST.get("rows", 8)) if request.POST.get("rows", "8").isdigit() else 8
    rows = max(1, min(rows, MAX_RECOMMENDATIONS + 1))
    form = RecommendationsForm(request.POST, rows=rows)
    targets = {}
    for i in range(1, rows + 1):
        targets.update({f"text_{i}": f"rec-{i}", f"area_{i}": f"rec-area-{i}"})
    state, status, errors = {}, 200, None
    if not form.is_valid():
        status = 400
        errors = FormErrors.build("recommendations", form.errors, targets=targets)
    else:
        try:
            assessment = services.recommendations_save(
                assessment=assessment,
                items=form.items(),
                revision=form.cleaned_data["revision"],
                by=request.user,
            )
            state = {"saved": True}
        except EditConflict as conflict:
            assessment = conflict.current
            view = selectors.recommendations_conflict(
                saved=selectors.recommendation_list(assessment=assessment),
                submitted=conflict.submitted["recommendations"],
            )
            state, status = {"conflict": view}, 409
            message = _("Not saved: someone else saved the recommendations while you were editing.")
            errors = FormErrors.build("recommendations", [message], targets=targets)
        except ValidationError as exc:
            status = 400
            errors = FormErrors.build("recommendations", exc, targets=targets)
    if request.htmx:
        saved = selectors.recommendation_list(assessment=assessment)
        keep = status == 200 or state.get("conflict")
        context = {
            "assessment": assessment,
            "recommendations": saved,
            "recommendation_rows": _recommendation_rows(saved)
            if keep
            else _posted_rows(request, rows),
            "areas": selectors.thematic_area_list(),
            "can_edit": permissions.can_edit(request.user, assessment),
            "need_button": _need_button(request.user),
            "state": state,
            "errors": errors,
            **_choices(),
        }
        return render(request, "assessments/_recommendations.html", context, status=status)
    if status == 200:
        messages.success(request, _("Saved."))
        return redirect(assessment_url(assessment) + "#recommendations")
    # After a conflict the saved list is shown in the form; otherwise what was submitted.
    return _detail(
        request,
        assessment,
        status=status,
        overrides={"recommendations": state},
        errors=errors,
        rows=None if state.get("conflict") else _posted_rows(request, rows),
    )


@login_required
@require_POST
def recommendation_need(request, pk, recommendation_pk):
    """Records a priority recommendation as a technical-assistance need (the assistance
    app's hook); a second click finds the same need."""
    assessment = selectors.assessment_get(user=request.user, pk=pk)
    recommendation = selectors.recommendation_get(assessment=assessment, pk=recommendation_pk)
    try:
        services.recommendation_to_need(recommendation=recommendation, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _detail(request, assessment, status=400)
    messages.success(request, _("The recommendation is recorded as an assistance need."))
    return redirect(assessment_url(assessment) + "#recommendations")


@login_required
@require_POST
def transition(request, pk):
    assessment = selectors.assessment_get(user=request.user, pk=pk)
    form = TransitionForm(request.POST, request.FILES)
    action = request.POST.get("action", "")
    # The errors go with the form of the action, or at the top of the page if it has none.
    targets = {}
    key = "page"
    if action in permissions.available_actions(request.user, assessment):
        key, targets = (
            f"action-{action}",
            {"comment": f"comment-{action}", "file": f"file-{action}"},
        )
    if not form.is_valid():
        errors = FormErrors.build(key, form.errors, targets=targets, values=_posted(request))
        return _detail(request, assessment, status=400, errors=errors)
    data = form.cleaned_data
    if not data["confirm"]:
        preview = selectors.transition_preview(
            user=request.user, assessment=assessment, action=data["action"]
        )
        if preview is not None:
            context = {"assessment": assessment, "preview": preview, "comment": data["comment"]}
            return render(request, "assessments/confirm.html", context)
    try:
        services.assessment_transition(
            assessment=assessment,
            action=data["action"],
            by=request.user,
            comment=data["comment"],
            upload=data["file"],
            note=data["note"],
        )
    except ValidationError as exc:
        assessment.refresh_from_db()
        errors = FormErrors.build(key, exc, targets=targets, values=_posted(request))
        return _detail(request, assessment, status=400, errors=errors)
    messages.success(
        request,
        _("Done: {action}.").format(action=TransitionAction(data["action"]).label),
    )
    # After sending onwards the file may be out of this user's scope: go where they can be.
    if selectors.assessment_visible(user=request.user, pk=pk):
        return redirect(assessment_url(assessment))
    return redirect("assessments:list")


@login_required
@require_POST
def assign(request, pk):
    assessment = selectors.assessment_get(user=request.user, pk=pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        errors = FormErrors.build("assign", form.errors, targets=_field_targets(form))
        return _detail(request, assessment, status=400, errors=errors, assign_form=form)
    try:
        services.assessment_assign(
            assessment=assessment,
            assignee=form.cleaned_data["assignee"],
            due_on=form.cleaned_data["due_on"],
            by=request.user,
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        errors = FormErrors.build("assign", form.errors, targets=_field_targets(form))
        return _detail(request, assessment, status=400, errors=errors, assign_form=form)
    messages.success(request, _("The assignment was saved."))
    return redirect(assessment_url(assessment))


@login_required
@require_POST
def comment_add(request, pk):
    assessment = selectors.assessment_get(user=request.user, pk=pk)
    form = CommentForm(request.POST)
    key, targets = _comment_form(request.POST)
    if not form.is_valid():
        errors = FormErrors.build(key, form.errors, targets=targets, values=_posted(request))
        return _detail(request, assessment, status=400, errors=errors)
    data = form.cleaned_data
    question, section, parent = selectors.comment_targets(
        user=request.user,
        assessment=assessment,
        question=data["question"],
        section=data["section"],
        parent=data["parent"],
    )
    try:
        comment = services.comment_add(
            assessment=assessment,
            body=data["body"],
            visibility=data["visibility"],
            by=request.user,
            question=question,
            section=section,
            parent=parent,
        )
    except ValidationError as exc:
        if parent is not None and parent.parent_id:
            key, targets = "page", {}  # a reply to a reply: that thread has no form of its own
        errors = FormErrors.build(key, exc, targets=targets, values=_posted(request))
        return _detail(request, assessment, status=400, errors=errors)
    messages.success(request, _("Your comment was added."))
    return redirect(assessment_url(assessment) + f"#c-{comment.pk}")


def _comment_form(post) -> tuple[str, dict[str, str]]:
    """The form a comment came from (a reply, a question's or a section's) and its field ids;
    "page" when the post names none of them."""
    for name, prefix in (("parent", "reply-"), ("question", "comment-q"), ("section", "comment-s")):
        value = post.get(name, "")
        if value.isdigit():
            target = f"{prefix}{value}"
            visibility = "" if name == "parent" else f"{target}-visibility"
            return target, {"body": target, "visibility": visibility}
    return "page", {}


# --- Suggestions ------------------------------------------------------------------------


def _suggestion_anchor(part: str, answer_pk) -> str:
    """Where the part's suggestions are on the editor page: its question, or its note."""
    return f"q-{answer_pk}" if part == SuggestionPart.ANSWER else part


def _suggestion_post(request, assessment, form, *, key, targets, act, done, listed=True):
    """A suggestion form's round trip: `act(cleaned_data)` (a service call returning the
    suggestion) and back to it (`listed`) or to its part, with the message `done`; a form
    or service error shows the editor again (400), the errors beside the form `key`."""
    if form.is_valid():
        try:
            suggestion = act(form.cleaned_data)
        except ValidationError as exc:
            form_errors = exc
        else:
            messages.success(request, done)
            anchor = (
                f"sg-{suggestion.pk}"
                if listed
                else _suggestion_anchor(suggestion.part, suggestion.answer_id)
            )
            return redirect(assessment_url(assessment) + f"#{anchor}")
    else:
        form_errors = form.errors
    errors = FormErrors.build(key, form_errors, targets=targets, values=_posted(request))
    return _detail(request, assessment, status=400, errors=errors)


@login_required
@require_POST
def suggestion_add(request, pk):
    assessment = selectors.assessment_get(user=request.user, pk=pk)
    part, answer = request.POST.get("part", ""), None
    if part == SuggestionPart.ANSWER:
        answer = selectors.answer_get(assessment=assessment, pk=request.POST.get("answer"))
    slot = answer.pk if answer else part
    # The errors go with the part's form if the page shows one, else at the top of the page.
    shown = part in SuggestionPart.values and permissions.can_suggest(request.user, assessment)
    key = f"suggest-{slot}" if shown else "page"
    targets = {"proposed_text": f"{key}-text", "note": f"{key}-note"} if key != "page" else {}

    def act(data):
        return services.suggestion_make(
            assessment=assessment,
            part=data["part"],
            answer=answer,
            proposed_text=data["proposed_text"],
            note=data["note"],
            revision=data["revision"],
            by=request.user,
        )

    done = _("Your suggestion was added; the expert will accept or reject it.")
    form = SuggestionForm(request.POST)
    return _suggestion_post(request, assessment, form, key=key, targets=targets, act=act, done=done)


def _decision_key(request, assessment, suggestion) -> str:
    """The suggestion's own forms while the page shows them (open, and the user decides),
    else the top of the page."""
    open_ = suggestion.status == SuggestionStatus.OPEN
    if open_ and permissions.can_decide_suggestion(request.user, assessment):
        return f"sg-{suggestion.pk}"
    return "page"


@login_required
@require_POST
def suggestion_accept(request, pk, suggestion_pk):
    assessment = selectors.assessment_get(user=request.user, pk=pk)
    suggestion = selectors.suggestion_get(
        user=request.user, assessment=assessment, pk=suggestion_pk
    )

    def act(data):
        return services.suggestion_accept(suggestion=suggestion, by=request.user)

    done = _("The suggestion was accepted: the text is saved as a new version.")
    form = forms.Form(request.POST)
    key = _decision_key(request, assessment, suggestion)
    return _suggestion_post(
        request, assessment, form, key=key, targets={}, act=act, done=done, listed=False
    )


@login_required
@require_POST
def suggestion_reject(request, pk, suggestion_pk):
    assessment = selectors.assessment_get(user=request.user, pk=pk)
    suggestion = selectors.suggestion_get(
        user=request.user, assessment=assessment, pk=suggestion_pk
    )

    def act(data):
        return services.suggestion_reject(
            suggestion=suggestion, reason=data["reason"], by=request.user
        )

    key = _decision_key(request, assessment, suggestion)
    return _suggestion_post(
        request,
        assessment,
        SuggestionRejectForm(request.POST),
        key=key,
        targets={"reason": f"{key}-reason"},
        act=act,
        done=_("The suggestion was rejected; your reason is kept with it."),
        listed=False,
    )


@login_required
@require_GET
def version_list(request, pk):
    assessment = selectors.assessment_get(user=request.user, pk=pk)
    context = {
        "assessment": assessment,
        "history": selectors.version_history(assessment=assessment),
    }
    return render(request, "assessments/versions.html", context)


@login_required
@require_GET
def version_compare(request, pk):
    assessment = selectors.assessment_get(user=request.user, pk=pk)
    old = selectors.version_get(assessment=assessment, number=request.GET.get("a"))
    new = selectors.version_get(assessment=assessment, number=request.GET.get("b"))
    if old.number > new.number:
        old, new = new, old
    rows, notes = selectors.version_compare(assessment=assessment, old=old, new=new)
    context = {
        "assessment": assessment,
        "old": old,
        "new": new,
        **selectors.comparison_summary(rows, notes.values()),
        "show_all": request.GET.get("all") == "1",
        "notes": notes,
    }
    milestones = selectors.milestones_at(assessment=assessment, numbers=[old.number, new.number])
    context["versions"] = [(v, milestones.get(v.number, [])) for v in dict.fromkeys([old, new])]
    return render(request, "assessments/compare.html", context)


@login_required
@require_GET
def compare_previous(request, pk):
    assessment = selectors.assessment_get(user=request.user, pk=pk)
    if assessment.previous_id is None:
        raise Http404
    rows = selectors.compare_with_previous(assessment)
    context = {
        "assessment": assessment,
        "previous": assessment.previous,
        **selectors.comparison_summary(rows),
        "show_all": request.GET.get("all") == "1",
    }
    return render(request, "assessments/compare_previous.html", context)


@login_required
@require_GET
def stocktaking(request):
    if not permissions.scope_is_possible(request.user):
        raise Http404
    return render(request, "assessments/stocktaking.html", selectors.stocktaking(user=request.user))


def _reply_file(request, assessment, reply_pk):
    return file_response(request, selectors.reply_get(assessment=assessment, pk=reply_pk))


@login_required
@require_GET
def reply_download(request, pk, reply_pk):
    assessment = selectors.assessment_get(user=request.user, pk=pk)
    return _reply_file(request, assessment, reply_pk)


class SecureAreaMoved(RedirectView):
    """Any address of the former secure area of assessments: what was sent to a State is a
    document of its inbox now. The same permanent redirect for everyone and every id, so a
    guessed id tells nothing."""

    http_method_names = ["get", "head"]
    permanent = True
    query_string = False
    pattern_name = "docs_secure:inbox"
