"""Writes of visits: one service per change, each checking its actor (permissions.py).

The plan and the State's consent move through permissions.PLAN and permissions.CONSENT;
each step records its gate, date and reference on the transition, and tells the people it
concerns (notifications.py).
"""

import datetime
import re
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ctc.accounts.enums import Role
from ctc.notifications.services import notify
from ctc.states.models import MemberState

from . import notifications, permissions, selectors
from .enums import ConsentStatus, Gate, VisitAction, VisitStatus
from .models import CalendarFeed, Visit

A = VisitAction
MAX_TEXT = 5000
MAX_REFERENCE = 80
MAX_COMMENT = 2000


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _too_long(value: str, limit: int) -> str:
    return _("At most {n} characters (this text has {count}).").format(n=limit, count=len(value))


# --- The plan ------------------------------------------------------------------------------


def _plan_check(*, state, purpose, objectives, human_rights, starts_on, ends_on, experts, partners):
    """The plan's fields, cleaned, or a ValidationError naming every bad field."""
    errors = {}
    texts = {
        "purpose": (purpose or "").strip(),
        "objectives": (objectives or "").strip(),
        "human_rights": (human_rights or "").strip(),
    }
    for name, value in texts.items():
        if len(value) > MAX_TEXT:
            errors[name] = _too_long(value, MAX_TEXT)
    if not texts["purpose"]:
        errors["purpose"] = _("Say what the visit is for.")
    if not texts["objectives"]:
        errors["objectives"] = _("Give the objectives of the visit.")
    if not isinstance(state, MemberState):
        errors["state"] = _("Choose the State visited.")
    if not starts_on:
        errors["starts_on"] = _("Give the first day of the visit.")
    if not ends_on:
        errors["ends_on"] = _("Give the last day of the visit.")
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = _("The last day cannot be before the first day.")
    experts = list(experts or [])
    team = set(
        selectors.team_candidate_list()
        .filter(pk__in=[e.pk for e in experts])
        .values_list("pk", flat=True)
    )
    strangers = [e for e in experts if e.pk not in team]
    if strangers:
        errors["experts"] = _("Only active CTED staff can be on the team: {names}.").format(
            names=", ".join(str(e) for e in strangers)
        )
    partners = list(partners or [])
    allowed = set(
        selectors.partner_candidate_list()
        .filter(pk__in=[p.pk for p in partners])
        .values_list("pk", flat=True)
    )
    unknown = [p for p in partners if p.pk not in allowed]
    if unknown:
        errors["partners"] = _(
            "Only partner bodies and international or regional organisations can join a "
            "visit: {names}."
        ).format(names=", ".join(str(p) for p in unknown))
    if errors:
        raise ValidationError(errors)
    return texts, experts, partners


def _next_reference(state: MemberState, year: int) -> str:
    """VIS/<ISO3>/<year>/<n>: the next number of the State's visits of that year. The caller
    holds the State's row lock, so two coordinators never get the same number."""
    prefix = f"VIS/{state.iso3}/{year}/"
    taken = Visit.objects.filter(reference__startswith=prefix).values_list("reference", flat=True)
    numbers = [int(m.group(1)) for r in taken if (m := re.fullmatch(r".*/(\d+)", r))]
    return f"{prefix}{max(numbers, default=0) + 1}"


@transaction.atomic
def visit_create(
    *, state, purpose, objectives, human_rights, starts_on, ends_on, experts, partners, by
) -> Visit:
    """Proposes a visit (CTED coordinators); `by` coordinates it.

    Side effects: the State's row is locked while the reference VIS/<ISO3>/<year>/<n> is
    numbered; the Visit with its team and partners (and their first history records).
    """
    _require(permissions.can_propose(by))
    texts, experts, partners = _plan_check(
        state=state,
        purpose=purpose,
        objectives=objectives,
        human_rights=human_rights,
        starts_on=starts_on,
        ends_on=ends_on,
        experts=experts,
        partners=partners,
    )
    locked_state = MemberState.objects.select_for_update().get(pk=state.pk)
    visit = Visit(
        reference=_next_reference(locked_state, starts_on.year),
        state=locked_state,
        starts_on=starts_on,
        ends_on=ends_on,
        coordinator=by,
        **texts,
    )
    visit._history_user = by
    visit.save()
    visit.experts.set(experts)
    visit.partners.set(partners)
    return visit


@transaction.atomic
def visit_update(
    *, visit, state, purpose, objectives, human_rights, starts_on, ends_on, experts, partners, by
) -> Visit:
    """Edits a plan while it is proposed (CTED coordinators). The reference stays unless the
    State or the year changes (then it is numbered anew in that series).

    Side effects: the row is locked; one history record (simple-history) with the editor.
    """
    _require(permissions.can_propose(by))
    locked = Visit.objects.select_for_update().get(pk=visit.pk)
    if not permissions.can_edit_plan(by, locked):
        raise ValidationError(
            _("The plan can be edited only while it is proposed (now “{status}”).").format(
                status=locked.get_status_display()
            )
        )
    texts, experts, partners = _plan_check(
        state=state,
        purpose=purpose,
        objectives=objectives,
        human_rights=human_rights,
        starts_on=starts_on,
        ends_on=ends_on,
        experts=experts,
        partners=partners,
    )
    if (state.pk, starts_on.year) != (locked.state_id, locked.starts_on.year):
        # Another State or year: the visit takes the next number of its new series.
        locked.reference = _next_reference(
            MemberState.objects.select_for_update().get(pk=state.pk), starts_on.year
        )
    for name, value in texts.items():
        setattr(locked, name, value)
    locked.state, locked.starts_on, locked.ends_on = state, starts_on, ends_on
    locked._history_user = by
    locked.save()
    locked.experts.set(experts)
    locked.partners.set(partners)
    return locked


# --- Steps ---------------------------------------------------------------------------------


def _day(value) -> str:
    return date_format(value, "DATE_FORMAT")


def _today(today):
    return today or timezone.localdate()


def _gate_fields(dated, reference, *, today, required=True) -> dict:
    """The date and reference of a gate's step, checked: both given, the date not ahead."""
    errors = {}
    reference = (reference or "").strip()
    if required and not dated:
        errors["dated"] = _("Give the date of the decision or note.")
    elif dated and dated > today:
        errors["dated"] = _("The date cannot be in the future.")
    if required and not reference:
        errors["reference"] = _("Give the reference of the decision or note.")
    elif len(reference) > MAX_REFERENCE:
        errors["reference"] = _too_long(reference, MAX_REFERENCE)
    if errors:
        raise ValidationError(errors)
    return {"dated": dated, "reference": reference}


def _comment(comment: str, *, required_message: str | None = None) -> str:
    comment = (comment or "").strip()
    if required_message and not comment:
        raise ValidationError({"comment": required_message})
    if len(comment) > MAX_COMMENT:
        raise ValidationError({"comment": _too_long(comment, MAX_COMMENT)})
    return comment


def _step(visit, action, *, by, gate: str, comment="", dated=None, reference=""):
    workflow = permissions.PLAN if gate == Gate.PLAN else permissions.CONSENT
    return workflow.transition(
        visit,
        action,
        by=by,
        comment=comment,
        record={"gate": gate, "dated": dated, "reference": reference},
    )


def _save(visit: Visit, by, **fields) -> Visit:
    for name, value in fields.items():
        setattr(visit, name, value)
    visit._history_user = by
    visit.save(update_fields=[*fields, "updated_at"])
    return visit


def _tell(result, kind: str, people, by, **extra) -> None:
    visit = result.subject
    notify(
        event=f"visits.transition:{result.record.pk}",
        kind=kind,
        recipients=people,
        params=notifications.visit_params(visit, **extra),
        url=reverse("visits:detail", args=[visit.pk]),
        actor=by,
    )


def _may(by, action) -> None:
    _require(permissions.may_act(by, action))


@transaction.atomic
def visit_submit(*, visit: Visit, by, comment: str = "") -> Visit:
    """Proposed → awaiting the Committee's approval (coordinators); refused until the
    human-rights considerations are written.

    Side effects: the Committee members and the Chair are notified.
    """
    _may(by, A.SUBMIT)
    if visit.status == VisitStatus.PROPOSED and not visit.human_rights.strip():
        raise ValidationError(
            {"human_rights": _("Write the human-rights considerations before submitting.")}
        )
    result = _step(visit, A.SUBMIT, by=by, gate=Gate.PLAN, comment=_comment(comment))
    _tell(result, notifications.AWAITING_APPROVAL, selectors.committee_list(), by)
    return result.subject


@transaction.atomic
def visit_approve(
    *, visit: Visit, dated, reference: str, by, comment: str = "", today=None
) -> Visit:
    """Awaiting approval → approved (Committee members, the Chair), with the date and
    reference of the Committee's decision (approved_on, approval_reference).

    Side effects: the coordinator is notified.
    """
    _may(by, A.APPROVE)
    gate = _gate_fields(dated, reference, today=_today(today))
    result = _step(visit, A.APPROVE, by=by, gate=Gate.PLAN, comment=_comment(comment), **gate)
    _save(result.subject, by, approved_on=gate["dated"], approval_reference=gate["reference"])
    _tell(
        result,
        notifications.APPROVED,
        [result.subject.coordinator],
        by,
        dated=gate["dated"].isoformat(),
        decision=gate["reference"],
    )
    return result.subject


@transaction.atomic
def visit_return(*, visit: Visit, by, comment: str) -> Visit:
    """Awaiting approval → proposed, for revision (Committee members, the Chair); the reason
    is required.

    Side effects: the coordinator is notified with the reason.
    """
    _may(by, A.RETURN)
    reason = _comment(comment, required_message=_("Say why the plan is returned."))
    result = _step(visit, A.RETURN, by=by, gate=Gate.PLAN, comment=reason)
    _tell(result, notifications.RETURNED, [result.subject.coordinator], by, reason=reason)
    return result.subject


@transaction.atomic
def visit_consent_request(
    *,
    visit: Visit,
    dated,
    reference: str,
    answer_due_on=None,
    by,
    comment: str = "",
    today=None,
) -> Visit:
    """Requests the State's consent (coordinators): the date and reference of the note
    verbale, and the day an answer is expected (by default VISITS_CONSENT_ANSWER_DAYS later).

    Side effects: any earlier answer is cleared; the State's focal points are notified.
    """
    _may(by, A.REQUEST_CONSENT)
    gate = _gate_fields(dated, reference, today=_today(today))
    due = answer_due_on or gate["dated"] + datetime.timedelta(
        days=settings.VISITS_CONSENT_ANSWER_DAYS
    )
    if due < gate["dated"]:
        raise ValidationError(
            {"answer_due_on": _("The answer cannot be expected before the request.")}
        )
    result = _step(
        visit, A.REQUEST_CONSENT, by=by, gate=Gate.CONSENT, comment=_comment(comment), **gate
    )
    _save(
        result.subject,
        by,
        consent_requested_on=gate["dated"],
        consent_request_reference=gate["reference"],
        consent_answer_due_on=due,
        consent_answered_on=None,
        consent_reference="",
    )
    _tell(
        result,
        notifications.CONSENT_REQUESTED,
        selectors.recipient_list(roles=[Role.FOCAL_POINT], state=result.subject.state),
        by,
        due=due.isoformat(),
    )
    return result.subject


def _answer(visit, action, *, dated, reference, by, comment, today) -> Visit:
    _may(by, action)
    gate = _gate_fields(dated, reference, today=_today(today))
    if visit.consent_requested_on and gate["dated"] < visit.consent_requested_on:
        raise ValidationError(
            {
                "dated": _("The answer cannot be dated before the request ({dated}).").format(
                    dated=_day(visit.consent_requested_on)
                )
            }
        )
    result = _step(visit, action, by=by, gate=Gate.CONSENT, comment=_comment(comment), **gate)
    _save(
        result.subject, by, consent_answered_on=gate["dated"], consent_reference=gate["reference"]
    )
    _tell(
        result,
        notifications.CONSENT_ANSWERED,
        [result.subject.coordinator],
        by,
        given=action == A.RECORD_CONSENT,
        dated=gate["dated"].isoformat(),
    )
    return result.subject


@transaction.atomic
def visit_consent_record(
    *, visit: Visit, dated, reference: str, by, comment: str = "", today=None
) -> Visit:
    """Requested → given (CTED experts and coordinators, or the State's focal point in the
    secure area), with the date and reference of the State's answer.

    Side effects: the coordinator is notified.
    """
    return _answer(
        visit,
        A.RECORD_CONSENT,
        dated=dated,
        reference=reference,
        by=by,
        comment=comment,
        today=today,
    )


@transaction.atomic
def visit_consent_decline(
    *, visit: Visit, dated, reference: str, by, comment: str = "", today=None
) -> Visit:
    """Requested → declined (as visit_consent_record).

    Side effects: the coordinator is notified.
    """
    return _answer(
        visit,
        A.RECORD_DECLINE,
        dated=dated,
        reference=reference,
        by=by,
        comment=comment,
        today=today,
    )


@transaction.atomic
def visit_consent_expire(*, visit: Visit, by, comment: str = "", today=None) -> Visit:
    """Requested → expired without an answer (coordinators), once the day the answer was
    expected by has passed.

    Side effects: the transition record only.
    """
    _may(by, A.RECORD_EXPIRY)
    today = _today(today)
    if visit.consent_answer_due_on and visit.consent_answer_due_on >= today:
        raise ValidationError(
            _("The State has until {due} to answer.").format(due=_day(visit.consent_answer_due_on))
        )
    result = _step(
        visit, A.RECORD_EXPIRY, by=by, gate=Gate.CONSENT, comment=_comment(comment), dated=today
    )
    return result.subject


def missing_gates(visit: Visit) -> str:
    """What a visit lacks before it can be confirmed, said for people ("" when nothing)."""
    approval = visit.status in (VisitStatus.PROPOSED, VisitStatus.AWAITING_APPROVAL)
    consent = visit.consent_status != ConsentStatus.GIVEN
    if approval and consent:
        return _(
            "The visit cannot be confirmed yet: both the Committee's approval and the State's "
            "consent are missing."
        )
    if approval:
        return _("The visit cannot be confirmed yet: the Committee's approval is missing.")
    if consent:
        return _("The visit cannot be confirmed yet: the State's consent is missing.")
    return ""


@transaction.atomic
def visit_confirm(*, visit: Visit, by, comment: str = "") -> Visit:
    """Approved → confirmed (coordinators), once both gates are passed: the Committee's
    approval and the State's consent; otherwise the message names what is missing.

    Side effects: the team (coordinator and experts) is notified.
    """
    _may(by, A.CONFIRM)
    current = Visit.objects.get(pk=visit.pk)
    if current.status in (
        VisitStatus.PROPOSED,
        VisitStatus.AWAITING_APPROVAL,
        VisitStatus.APPROVED,
    ):
        missing = missing_gates(current)
        if missing:
            raise ValidationError(missing)
    result = _step(visit, A.CONFIRM, by=by, gate=Gate.PLAN, comment=_comment(comment))
    team = [result.subject.coordinator, *result.subject.experts.all()]
    _tell(result, notifications.CONFIRMED, team, by)
    return result.subject


@transaction.atomic
def visit_mark_done(*, visit: Visit, by, comment: str = "", today=None) -> Visit:
    """Confirmed → carried out (CTED experts and coordinators), once its first day has come.

    Side effects: the transition record only (the report starts from here).
    """
    _may(by, A.MARK_DONE)
    if visit.starts_on > _today(today):
        raise ValidationError(
            _("The visit starts on {day}: it can be recorded as carried out from then.").format(
                day=_day(visit.starts_on)
            )
        )
    result = _step(visit, A.MARK_DONE, by=by, gate=Gate.PLAN, comment=_comment(comment))
    return result.subject


@transaction.atomic
def visit_cancel(*, visit: Visit, by, comment: str) -> Visit:
    """Any stage before done → cancelled (coordinators); the reason is required.

    Side effects: the team is notified with the reason.
    """
    _may(by, A.CANCEL)
    reason = _comment(comment, required_message=_("Say why the visit is cancelled."))
    result = _step(visit, A.CANCEL, by=by, gate=Gate.PLAN, comment=reason)
    team = [result.subject.coordinator, *result.subject.experts.all()]
    _tell(result, notifications.CANCELLED, team, by, reason=reason)
    return result.subject


PLAN_ACTIONS = (
    A.SUBMIT,
    A.APPROVE,
    A.RETURN,
    A.CONFIRM,
    A.MARK_DONE,
    A.CANCEL,
    A.REQUEST_CONSENT,
    A.RECORD_CONSENT,
    A.RECORD_DECLINE,
    A.RECORD_EXPIRY,
)
# Actions whose form asks for the date and reference of a decision or note.
DATED_ACTIONS = frozenset({A.APPROVE, A.REQUEST_CONSENT, A.RECORD_CONSENT, A.RECORD_DECLINE})


def visit_transition(
    *,
    visit: Visit,
    action: str,
    by,
    dated=None,
    reference: str = "",
    comment: str = "",
    answer_due_on=None,
    today=None,
) -> Visit:
    """Dispatches to the one service of the action (for pages and the API)."""
    gate = {"dated": dated, "reference": reference, "today": today}
    services = {
        A.SUBMIT: lambda: visit_submit(visit=visit, by=by, comment=comment),
        A.APPROVE: lambda: visit_approve(visit=visit, by=by, comment=comment, **gate),
        A.RETURN: lambda: visit_return(visit=visit, by=by, comment=comment),
        A.CONFIRM: lambda: visit_confirm(visit=visit, by=by, comment=comment),
        A.MARK_DONE: lambda: visit_mark_done(visit=visit, by=by, comment=comment, today=today),
        A.CANCEL: lambda: visit_cancel(visit=visit, by=by, comment=comment),
        A.REQUEST_CONSENT: lambda: visit_consent_request(
            visit=visit, by=by, comment=comment, answer_due_on=answer_due_on, **gate
        ),
        A.RECORD_CONSENT: lambda: visit_consent_record(visit=visit, by=by, comment=comment, **gate),
        A.RECORD_DECLINE: lambda: visit_consent_decline(
            visit=visit, by=by, comment=comment, **gate
        ),
        A.RECORD_EXPIRY: lambda: visit_consent_expire(
            visit=visit, by=by, comment=comment, today=today
        ),
    }
    service = services.get(action)
    if service is None:
        raise ValidationError({"action": _("Unknown action.")})
    return service()


# --- Calendar feeds ------------------------------------------------------------------------


@transaction.atomic
def feed_renew(*, by) -> CalendarFeed:
    """Revokes the person's live feed, if any, and makes a new one with a fresh token; the
    old address answers 404 from now on. Anyone who may be on a visit (or read them).

    Side effects: the person's CalendarFeed rows (the old one's revoked_at).
    """
    _require(permissions.workspace_is_possible(by) or Role.PARTNER_ANALYST in by.roles)
    now = timezone.now()
    CalendarFeed.objects.select_for_update().filter(user=by, revoked_at__isnull=True).update(
        revoked_at=now
    )
    return CalendarFeed.objects.create(user=by, token=secrets.token_urlsafe(32))


@transaction.atomic
def feed_revoke(*, by) -> int:
    """Revokes the person's live feed without a new one. Returns how many were revoked."""
    return CalendarFeed.objects.filter(user=by, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
