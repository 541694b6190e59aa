"""Writes of visits' recommendations, follow-up actions and outcome: one service per change,
each checking its actor (permissions.py), locking its row, validating in the user's language
and recording history (simple-history; the follow-up workflow's transition records).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from ctc.accounts.enums import CTED_ROLES
from ctc.notifications.services import notify

from . import follow_up_notifications as notifications
from . import follow_up_selectors as selectors
from . import permissions
from .enums import FollowUpStatus, FollowUpStep, OwnerKind, Priority, ReportStatus, VisitStatus
from .models import FollowUpAction, OutcomeEvaluation, Recommendation, Visit

MAX_TEXT = 4000
# The report's recommendations are fixed once the Committee approved it.
REPORT_FIXED = (ReportStatus.APPROVED, ReportStatus.TRANSMITTED)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _text(value: str, field: str, missing: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: missing})
    if len(text) > MAX_TEXT:
        raise ValidationError({field: _("At most {n} characters.").format(n=MAX_TEXT)})
    return text


def _lock_visit(visit: Visit) -> Visit:
    return Visit.objects.select_for_update().get(pk=visit.pk)


def _carried_out(visit: Visit) -> None:
    if visit.status != VisitStatus.DONE:
        raise ValidationError(_("This is possible once the visit has taken place."))


def _recommendations_open(visit: Visit) -> None:
    _carried_out(visit)
    if visit.report_status in REPORT_FIXED:
        raise ValidationError(
            _("The report is approved: its recommendations can no longer be changed.")
        )


def _recommendation_fields(text, thematic_area, priority) -> dict:
    text = _text(text, "text", _("Write the recommendation."))
    if thematic_area is None:
        raise ValidationError({"thematic_area": _("Choose a thematic area.")})
    if priority not in Priority.values:
        raise ValidationError({"priority": _("Choose a priority.")})
    return {"text": text, "thematic_area": thematic_area, "priority": priority}


# --- Recommendations --------------------------------------------------------------------------


@transaction.atomic
def recommendation_add(*, visit: Visit, text: str, thematic_area, priority: str, by):
    """Adds a recommendation at the end of the visit's list.

    CTED experts and coordinators, once the visit took place and until its report is
    approved. Side effects: the recommendation and its history record.
    """
    _require(permissions.can_write(by))
    visit = _lock_visit(visit)
    _recommendations_open(visit)
    fields = _recommendation_fields(text, thematic_area, priority)
    last = visit.recommendations.aggregate(last=Max("position"))["last"] or 0
    recommendation = Recommendation(visit=visit, position=last + 1, created_by=by, **fields)
    recommendation._history_user = by
    recommendation.save()
    return recommendation


@transaction.atomic
def recommendation_update(
    *, recommendation: Recommendation, text: str, thematic_area, priority, by
):
    """Rewrites a recommendation (same rules as recommendation_add).

    Side effects: a history record, none when nothing changed.
    """
    _require(permissions.can_write(by))
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    _recommendations_open(_lock_visit(recommendation.visit))
    fields = _recommendation_fields(text, thematic_area, priority)
    if all(getattr(recommendation, name) == value for name, value in fields.items()):
        return recommendation
    for name, value in fields.items():
        setattr(recommendation, name, value)
    recommendation._history_user = by
    recommendation.save()
    return recommendation


@transaction.atomic
def recommendation_remove(*, recommendation: Recommendation, by) -> None:
    """Removes a recommendation that has no follow-up action yet (same rules as adding).

    Side effects: the row deleted (its history keeps a deletion record).
    """
    _require(permissions.can_write(by))
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    _recommendations_open(_lock_visit(recommendation.visit))
    if recommendation.actions.exists():
        raise ValidationError(
            _("This recommendation has follow-up actions: it can no longer be removed.")
        )
    recommendation._history_user = by
    recommendation.delete()


# --- Follow-up actions -------------------------------------------------------------------------


def _owner_fields(visit: Visit, owner_kind, owner_user, owner_organisation) -> dict:
    if owner_kind == OwnerKind.CTED:
        if owner_user is None:
            raise ValidationError({"owner_user": _("Choose the CTED expert who owns this action.")})
        if not (owner_user.is_active and owner_user.roles & CTED_ROLES):
            raise ValidationError({"owner_user": _("This person is not a CTED expert.")})
        return {"owner_kind": owner_kind, "owner_user": owner_user, "owner_organisation": None}
    if owner_kind == OwnerKind.PARTNER:
        if owner_organisation is None:
            raise ValidationError(
                {"owner_organisation": _("Choose the partner organisation that owns this action.")}
            )
        if not visit.partners.filter(pk=owner_organisation.pk).exists():
            raise ValidationError({"owner_organisation": unknown_partner_message()})
        return {
            "owner_kind": owner_kind,
            "owner_user": None,
            "owner_organisation": owner_organisation,
        }
    if owner_kind == OwnerKind.STATE:
        return {"owner_kind": owner_kind, "owner_user": None, "owner_organisation": None}
    raise ValidationError({"owner_kind": _("Choose who owns this action.")})


def unknown_partner_message() -> str:
    return _("Unknown partner: this organisation does not take part in the visit.")


def _action_fields(visit, description, owner_kind, owner_user, owner_organisation, due_on):
    fields = {"description": _text(description, "description", _("Describe the action."))}
    fields.update(_owner_fields(visit, owner_kind, owner_user, owner_organisation))
    if not isinstance(due_on, datetime.date):
        raise ValidationError({"due_on": _("Give a due date.")})
    fields["due_on"] = due_on
    return fields


@transaction.atomic
def follow_up_create(
    *,
    recommendation: Recommendation,
    description: str,
    owner_kind: str,
    due_on,
    by,
    owner_user=None,
    owner_organisation=None,
) -> FollowUpAction:
    """Adds a follow-up action to a recommendation: who owns it (a CTED expert, the State,
    one of the visit's partner organisations) and by when.

    CTED experts and coordinators, once the visit took place. Side effects: the action
    (open) and its history record.
    """
    _require(permissions.can_write(by))
    visit = _lock_visit(recommendation.visit)
    _carried_out(visit)
    fields = _action_fields(visit, description, owner_kind, owner_user, owner_organisation, due_on)
    action = FollowUpAction(recommendation=recommendation, visit=visit, created_by=by, **fields)
    action._history_user = by
    action.save()
    return action


@transaction.atomic
def follow_up_update(
    *,
    action: FollowUpAction,
    description: str,
    owner_kind: str,
    due_on,
    by,
    owner_user=None,
    owner_organisation=None,
) -> FollowUpAction:
    """Rewrites an action's text, owner or due date (CTED experts and coordinators).

    Side effects: a history record, none when nothing changed; a new due date starts a new
    overdue period (the last reminder is forgotten).
    """
    _require(permissions.can_write(by))
    action = FollowUpAction.objects.select_for_update().select_related("visit").get(pk=action.pk)
    fields = _action_fields(
        action.visit, description, owner_kind, owner_user, owner_organisation, due_on
    )
    if all(getattr(action, name) == value for name, value in fields.items()):
        return action
    if fields["due_on"] != action.due_on:
        fields["reminded_on"] = None
    for name, value in fields.items():
        setattr(action, name, value)
    action._history_user = by
    action.save()
    return action


def _told_of_step(action: FollowUpAction, by) -> list:
    """Who hears of a step: CTED (the visit's coordinator and the action's expert) when an
    owner outside CTED took it; the owner's people when CTED did."""
    if permissions.is_cted(by):
        return selectors.owner_people(action=action)
    return [action.visit.coordinator, action.owner_user]


def _step(action: FollowUpAction, step: str, *, by, comment: str = "") -> FollowUpAction:
    result = permissions.FOLLOW_UP.transition(action, step, by=by, comment=comment)
    action = FollowUpAction.objects.select_related("visit__state", "visit__coordinator").get(
        pk=result.subject.pk
    )
    # CTED reads the visit's page; a State's or partner's people their secure page.
    if permissions.is_cted(by) and action.owner_kind != OwnerKind.CTED:
        url = reverse("visits_secure:follow_up")
    else:
        url = reverse("visits:recommendations", kwargs={"pk": action.visit_id})
    notify(
        event=f"visits.follow_up_transition:{result.record.pk}",
        kind=notifications.CHANGED,
        recipients=[p for p in _told_of_step(action, by) if p is not None],
        params=notifications.action_params(
            action,
            status=result.to_status,
            by=by.get_full_name() or by.username,
            comment=result.record.comment,
        ),
        url=url,
        actor=by,
    )
    return action


@transaction.atomic
def follow_up_start(*, action: FollowUpAction, by, comment: str = "") -> FollowUpAction:
    """open → in progress, by CTED or the action's owner (its State's focal points, its
    organisation's analysts). Side effects: a transition record; the status and its time;
    a notification to the other side (CTED, or the owner's people)."""
    return _step(action, FollowUpStep.START, by=by, comment=comment)


@transaction.atomic
def follow_up_complete(*, action: FollowUpAction, by, comment: str = "") -> FollowUpAction:
    """open / in progress → done, by CTED or the action's owner. Side effects: as start."""
    return _step(action, FollowUpStep.COMPLETE, by=by, comment=comment)


@transaction.atomic
def follow_up_drop(*, action: FollowUpAction, reason: str, by) -> FollowUpAction:
    """open / in progress → dropped, with its reason (CTED experts and coordinators).

    Side effects: drop_reason; a transition record whose comment is the reason; the owner's
    people are told."""
    if not permissions.FOLLOW_UP.may_act(by, FollowUpStep.DROP):
        raise PermissionDenied
    reason = _text(reason, "reason", _("Say why the action is dropped."))
    locked = FollowUpAction.objects.select_for_update().get(pk=action.pk)
    if locked.status in (FollowUpStatus.OPEN, FollowUpStatus.IN_PROGRESS):
        # Written first: a dropped action always carries its reason (a check constraint).
        FollowUpAction.objects.filter(pk=locked.pk).update(drop_reason=reason)
    return _step(locked, FollowUpStep.DROP, by=by, comment=reason)


@transaction.atomic
def follow_up_reopen(*, action: FollowUpAction, by, comment: str = "") -> FollowUpAction:
    """done / dropped → open (CTED experts and coordinators).

    Side effects: a transition record; the drop reason cleared (it stays in the record); the
    owner's people are told."""
    action = _step(action, FollowUpStep.REOPEN, by=by, comment=comment)
    if action.drop_reason:
        FollowUpAction.objects.filter(pk=action.pk).update(drop_reason="")
        action.drop_reason = ""
    return action


STEPS = {
    FollowUpStep.START: follow_up_start,
    FollowUpStep.COMPLETE: follow_up_complete,
    FollowUpStep.REOPEN: follow_up_reopen,
}


def follow_up_transition(
    *, action: FollowUpAction, step: str, by, comment: str = ""
) -> FollowUpAction:
    """Takes one step of the follow-up workflow by its name (the drop's comment is its
    reason). Side effects: those of the step's own service."""
    if step == FollowUpStep.DROP:
        return follow_up_drop(action=action, reason=comment, by=by)
    if step not in STEPS:
        raise ValidationError({"action": _("Unknown action.")})
    return STEPS[step](action=action, by=by, comment=comment)


@transaction.atomic
def follow_up_bulk_update(*, actions, action: str, by, reason: str = "") -> int:
    """Takes the same step on several actions: all of them, or none.

    Each action is checked as by itself; the first refusal (or every invalid one, named)
    leaves every action as it was. Side effects: those of the step for each action.
    Returns how many actions moved.
    """
    actions = list(actions)
    if not actions:
        raise ValidationError({"actions": _("Choose at least one action.")})
    if action == FollowUpStep.DROP and not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the actions are dropped.")})
    refused = []
    for item in actions:
        try:
            with transaction.atomic():
                follow_up_transition(action=item, step=action, by=by, comment=reason)
        except ValidationError as exc:
            refused.append(
                _("“{action}”: {message}").format(
                    action=item.description[:60], message=" ".join(exc.messages)
                )
            )
    if refused:
        raise ValidationError(refused)
    return len(actions)


# --- Outcome ---------------------------------------------------------------------------------


@transaction.atomic
def evaluation_save(*, visit: Visit, what_changed: str, by) -> OutcomeEvaluation:
    """Writes (or rewrites) what changed in the State after the visit (C-10).

    CTED experts and coordinators, once the visit took place. Side effects: the evaluation
    and its history record; none when nothing changed.
    """
    _require(permissions.can_write(by))
    visit = _lock_visit(visit)
    _carried_out(visit)
    text = _text(what_changed, "what_changed", _("Say what changed after the visit."))
    evaluation = OutcomeEvaluation.objects.filter(visit=visit).first()
    if evaluation is not None and evaluation.what_changed == text:
        return evaluation
    evaluation = evaluation or OutcomeEvaluation(visit=visit)
    evaluation.what_changed = text
    evaluation.evaluated_by = by
    evaluation._history_user = by
    evaluation.save()
    return evaluation


# --- Reminders --------------------------------------------------------------------------------


@transaction.atomic
def follow_up_remind(*, action: FollowUpAction, today: datetime.date | None = None) -> bool:
    """Reminds the owner of one overdue action, at most once per period (and per day).

    The row is locked and the condition checked again, so two runs (or two workers) send
    one reminder. Side effects: reminded_on (today at headquarters), reminders + 1; a
    notification to the owner's people, e-mailed after commit in each one's language.
    Returns whether a reminder went out.
    """
    today = today or selectors.hq_today()
    due = selectors.reminder_due_list(today=today).filter(pk=action.pk)
    action = due.select_for_update(of=("self",)).select_related("visit__state").first()
    if action is None:
        return False
    count = action.reminders + 1
    FollowUpAction.objects.filter(pk=action.pk).update(reminded_on=today, reminders=count)
    people = selectors.owner_people(action=action)
    if action.owner_kind == OwnerKind.CTED:
        url = reverse("visits:recommendations", kwargs={"pk": action.visit_id})
    else:
        url = reverse("visits_secure:follow_up") + "?overdue=true"
    # The day is in the event: never two reminders of one action on one day.
    notify(
        event=f"visits.follow_up_reminder:{action.pk}:{today.isoformat()}",
        kind=notifications.REMINDER,
        recipients=people,
        params=notifications.action_params(action, days=(today - action.due_on).days),
        url=url,
    )
    return True


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Reminds every overdue action that is due a reminder (each in its own transaction);
    returns how many were reminded."""
    today = selectors.hq_today(now)
    ids = list(selectors.reminder_due_list(today=today).values_list("pk", flat=True))
    return sum(follow_up_remind(action=FollowUpAction(pk=pk), today=today) for pk in ids)


# --- Technical assistance (issue 12) ----------------------------------------------------------


def recommendation_to_need(*, recommendation: Recommendation, by):
    """Records the recommendation as a technical-assistance need through the hook the
    assistance app registers (ctc.registry); CTED writers only.

    Side effects: those of the assistance app's maker."""
    from ctc.registry import site

    _require(permissions.can_write(by))
    if site.need_from_recommendation is None:
        raise ValidationError(_("Technical assistance is not available yet."))
    return site.need_from_recommendation(recommendation, by)
