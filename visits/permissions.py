"""Who may see and do what with visits. Every list, count, feed, export and API uses the
scopes below; the three workflows (plan, consent, report) and the follow-up actions'
are tables of steps (ctc.workflow), read by services, page buttons and the API alike.
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from ctc.accounts.enums import COMMITTEE_ROLES, CTED_ROLES, Role
from ctc.workflow import Step, Workflow

from .enums import (
    ConsentStatus,
    FollowUpStatus,
    FollowUpStep,
    OwnerKind,
    ReportStatus,
    VisitAction,
    VisitStatus,
)
from .models import FollowUpAction, FollowUpTransition, Visit, VisitTransition

S = VisitStatus
C = ConsentStatus
R = ReportStatus
A = VisitAction
F = FollowUpStatus

CTED_WRITERS = frozenset({Role.CTED_EXPERT, Role.CTED_COORDINATOR})
COORDINATORS = frozenset({Role.CTED_COORDINATOR})
# A plan the Committee has before it or has approved; drafts stay with CTED.
COMMITTEE_PLAN_STAGES = (S.AWAITING_APPROVAL, S.APPROVED, S.CONFIRMED, S.DONE)
# Stages in which a visit can still take place, so its consent can be sought or answered.
LIVE_STAGES = (S.PROPOSED, S.AWAITING_APPROVAL, S.APPROVED)
REPORT_READ_BY_COMMITTEE = (R.APPROVED, R.TRANSMITTED)


def _consented(visit: Visit) -> bool:
    return visit.consent_status == C.GIVEN


def _live(visit: Visit) -> bool:
    return visit.status in LIVE_STAGES


def _carried_out(visit: Visit) -> bool:
    return visit.status == S.DONE


def _human_rights_written(visit: Visit) -> bool:
    return bool(visit.human_rights.strip())


# --- The plan: proposed → awaiting approval → approved → confirmed → done -----------------
PLAN_STEPS = [
    Step(A.SUBMIT, (S.PROPOSED,), S.AWAITING_APPROVAL, COORDINATORS, _human_rights_written),
    Step(A.APPROVE, (S.AWAITING_APPROVAL,), S.APPROVED, COMMITTEE_ROLES),
    Step(A.RETURN, (S.AWAITING_APPROVAL,), S.PROPOSED, COMMITTEE_ROLES),
    # Both gates: the Committee's approval (the status) and the State's consent (the guard).
    Step(A.CONFIRM, (S.APPROVED,), S.CONFIRMED, COORDINATORS, _consented),
    Step(A.MARK_DONE, (S.CONFIRMED,), S.DONE, CTED_WRITERS),
    Step(
        A.CANCEL,
        (S.PROPOSED, S.AWAITING_APPROVAL, S.APPROVED, S.CONFIRMED),
        S.CANCELLED,
        COORDINATORS,
    ),
]

# --- The State's consent: requested → given / declined / expired --------------------------
CONSENT_STEPS = [
    Step(
        A.REQUEST_CONSENT,
        (C.NOT_REQUESTED, C.DECLINED, C.EXPIRED),
        C.REQUESTED,
        COORDINATORS,
        _live,
    ),
    Step(A.RECORD_CONSENT, (C.REQUESTED,), C.GIVEN, CTED_WRITERS | {Role.FOCAL_POINT}, _live),
    Step(A.RECORD_DECLINE, (C.REQUESTED,), C.DECLINED, CTED_WRITERS | {Role.FOCAL_POINT}, _live),
    Step(A.RECORD_EXPIRY, (C.REQUESTED,), C.EXPIRED, COORDINATORS, _live),
]

# --- The report: draft → CTED review → with the Committee → approved → transmitted ---------
REPORT_STEPS = [
    Step(A.SUBMIT_REPORT, (R.DRAFT,), R.CTED_REVIEW, CTED_WRITERS, _carried_out),
    Step(A.REPORT_TO_COMMITTEE, (R.CTED_REVIEW,), R.WITH_COMMITTEE, COORDINATORS, _carried_out),
    Step(A.APPROVE_REPORT, (R.WITH_COMMITTEE,), R.APPROVED, COMMITTEE_ROLES, _carried_out),
    Step(A.RETURN_REPORT, (R.CTED_REVIEW,), R.DRAFT, COORDINATORS, _carried_out),
    Step(A.RETURN_REPORT, (R.WITH_COMMITTEE,), R.DRAFT, COMMITTEE_ROLES, _carried_out),
    Step(
        A.TRANSMIT_REPORT,
        (R.APPROVED,),
        R.TRANSMITTED,
        COORDINATORS | {Role.ADMINISTRATOR},
        _carried_out,
    ),
]


def _visit_within_scope(user, visit: Visit, held: frozenset) -> bool:
    """A focal point answers the consent request of their own State only."""
    if held == {Role.FOCAL_POINT}:
        return bool(user.member_state_id) and user.member_state_id == visit.state_id
    return True


def _refused_plan(visit: Visit) -> str:
    return _("This action is not possible while the visit is “{status}”.").format(
        status=visit.get_status_display()
    )


def _refused_consent(visit: Visit) -> str:
    return _("This action is not possible while the State's consent is “{status}”.").format(
        status=visit.get_consent_status_display()
    )


def _refused_report(visit: Visit) -> str:
    return _("This action is not possible while the report is “{status}”.").format(
        status=visit.get_report_status_display()
    )


PLAN = Workflow(
    PLAN_STEPS,
    record_model=VisitTransition,
    subject_field="visit",
    refused=_refused_plan,
    within_scope=_visit_within_scope,
    lock_related=("state",),
    touch_fields=("updated_at",),
)
CONSENT = Workflow(
    CONSENT_STEPS,
    record_model=VisitTransition,
    subject_field="visit",
    refused=_refused_consent,
    within_scope=_visit_within_scope,
    status_field="consent_status",
    changed_at_field="consent_changed_at",
    lock_related=("state",),
    touch_fields=("updated_at",),
)
REPORT = Workflow(
    REPORT_STEPS,
    record_model=VisitTransition,
    subject_field="visit",
    refused=_refused_report,
    within_scope=_visit_within_scope,
    status_field="report_status",
    changed_at_field="report_status_changed_at",
    lock_related=("state",),
    touch_fields=("updated_at",),
)
# Which workflow takes each action (the actions' names are distinct across the three).
WORKFLOWS = {
    action: workflow for workflow in (PLAN, CONSENT, REPORT) for action in workflow.actions()
}


# --- Follow-up actions: open → in progress → done / dropped --------------------------------
def _owner_within_scope(user, action: FollowUpAction, held: frozenset) -> bool:
    """Beyond CTED, only an action's owner moves it: the State's focal points, or the partner
    organisation's analysts."""
    if held & CTED_WRITERS:
        return True
    if Role.FOCAL_POINT in held and action.owner_kind == OwnerKind.STATE:
        return bool(user.member_state_id) and user.member_state_id == action.visit.state_id
    if Role.PARTNER_ANALYST in held and action.owner_kind == OwnerKind.PARTNER:
        return bool(user.organisation_id) and user.organisation_id == action.owner_organisation_id
    return False


OWNERS = CTED_WRITERS | {Role.FOCAL_POINT, Role.PARTNER_ANALYST}
FOLLOW_UP_STEPS = [
    Step(FollowUpStep.START, (F.OPEN,), F.IN_PROGRESS, OWNERS),
    Step(FollowUpStep.COMPLETE, (F.OPEN, F.IN_PROGRESS), F.DONE, OWNERS),
    # Dropping needs a reason and is CTED's call; so is reopening.
    Step(FollowUpStep.DROP, (F.OPEN, F.IN_PROGRESS), F.DROPPED, CTED_WRITERS),
    Step(FollowUpStep.REOPEN, (F.DONE, F.DROPPED), F.OPEN, CTED_WRITERS),
]


def _refused_follow_up(action: FollowUpAction) -> str:
    return _("This is not possible while the action is “{status}”.").format(
        status=action.get_status_display()
    )


FOLLOW_UP = Workflow(
    FOLLOW_UP_STEPS,
    record_model=FollowUpTransition,
    subject_field="follow_up",
    refused=_refused_follow_up,
    within_scope=_owner_within_scope,
    lock_related=("visit",),
    touch_fields=("updated_at",),
)


# --- Who may do what ----------------------------------------------------------------------
def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_cted(user) -> bool:
    return _active(user) and bool(user.roles & CTED_ROLES)


def can_propose(user) -> bool:
    """CTED coordinators propose visits and edit plans (administrators run the admin)."""
    return _active(user) and Role.CTED_COORDINATOR in user.roles


def can_edit_plan(user, visit: Visit) -> bool:
    """A plan is edited while it is proposed (returned plans come back there)."""
    return can_propose(user) and visit.status == S.PROPOSED


def can_write(user) -> bool:
    """CTED experts and coordinators write reports, recommendations and follow-up."""
    return _active(user) and bool(user.roles & CTED_WRITERS)


def may_act(user, action: str) -> bool:
    return WORKFLOWS[action].may_act(user, action)


def can_take(user, visit: Visit, action: str) -> bool:
    return WORKFLOWS[action].can_take(user, visit, action)


def available_actions(user, visit: Visit) -> list[str]:
    return [a for w in (PLAN, CONSENT, REPORT) for a in w.available_actions(user, visit)]


def workspace_is_possible(user) -> bool:
    """Whether the user's roles can ever see a visit in the workspace (not the secure area)."""
    return _active(user) and bool(user.roles & (CTED_ROLES | COMMITTEE_ROLES))


def scope(queryset: QuerySet[Visit], user) -> QuerySet[Visit]:
    """The visits this user may see: CTED all; the Committee the plans before it or approved
    (with their reports once approved); a partner analyst the visits their organisation
    joins; a focal point their State's visits once its consent was asked."""
    if not _active(user):
        return queryset.none()
    if is_cted(user):
        return queryset
    visible = Q(pk__in=[])
    if user.roles & COMMITTEE_ROLES:
        visible |= Q(status__in=COMMITTEE_PLAN_STAGES)
    if Role.PARTNER_ANALYST in user.roles and user.organisation_id:
        visible |= Q(partners=user.organisation_id)
    if Role.FOCAL_POINT in user.roles and user.member_state_id:
        visible |= Q(state_id=user.member_state_id) & ~Q(consent_status=C.NOT_REQUESTED)
    if Role.PARTNER_ANALYST in user.roles and user.organisation_id:
        # The join on partners can repeat a visit; one row each.
        return queryset.filter(pk__in=queryset.filter(visible).values("pk"))
    return queryset.filter(visible)


def report_readable(user, visit: Visit) -> bool:
    """Whether the user may read the visit's report (the visit comes from scope())."""
    if is_cted(user):
        return visit.report_status != R.NOT_STARTED
    if user.roles & COMMITTEE_ROLES and visit.report_status in (
        R.WITH_COMMITTEE,
        *REPORT_READ_BY_COMMITTEE,
    ):
        return True
    if Role.FOCAL_POINT in user.roles and visit.report_status == R.TRANSMITTED:
        return user.member_state_id == visit.state_id
    # A partner analyst reads the approved report of a visit their organisation joined.
    return Role.PARTNER_ANALYST in user.roles and visit.report_status in REPORT_READ_BY_COMMITTEE


def report_page_open(user, visit: Visit) -> bool:
    """Whether the report page opens for the user: a report they may read, or, for CTED, the
    report not started yet of a visit carried out (the page then offers to start it). A
    State's focal points read the transmitted report in the document area instead."""
    if Role.FOCAL_POINT in user.roles and not workspace_is_possible(user):
        return False
    return report_readable(user, visit) or (
        is_cted(user) and visit.status == S.DONE and visit.report_status == R.NOT_STARTED
    )


def follow_up_scope(queryset: QuerySet[FollowUpAction], user) -> QuerySet[FollowUpAction]:
    """Follow-up actions: CTED all; the Committee those of visits it sees once the report is
    approved; a focal point the actions its State owns; a partner analyst those its
    organisation owns."""
    if not _active(user):
        return queryset.none()
    if is_cted(user):
        return queryset
    visible = Q(pk__in=[])
    if user.roles & COMMITTEE_ROLES:
        visible |= Q(visit__report_status__in=REPORT_READ_BY_COMMITTEE)
    if Role.FOCAL_POINT in user.roles and user.member_state_id:
        visible |= Q(owner_kind=OwnerKind.STATE, visit__state_id=user.member_state_id)
    if Role.PARTNER_ANALYST in user.roles and user.organisation_id:
        visible |= Q(owner_kind=OwnerKind.PARTNER, owner_organisation_id=user.organisation_id)
    return queryset.filter(visible)


# --- report: who edits, suggests and decides (the steps themselves: REPORT above) --------
REPORT_EDITED = (R.DRAFT, R.CTED_REVIEW)
REPORT_SUGGESTED = (R.DRAFT, R.CTED_REVIEW, R.WITH_COMMITTEE)
REPORT_SUGGESTERS = COORDINATORS | COMMITTEE_ROLES


def can_start_report(user, visit: Visit) -> bool:
    """CTED writers start the report of a visit carried out."""
    return can_write(user) and visit.status == S.DONE and visit.report_status == R.NOT_STARTED


def can_edit_report(user, visit: Visit) -> bool:
    """CTED writers edit (and decide suggestions) while the report is a draft or in CTED
    review."""
    return can_write(user) and visit.report_status in REPORT_EDITED


def may_suggest_report(user) -> bool:
    return _active(user) and bool(user.roles & REPORT_SUGGESTERS)


def can_suggest_report(user, visit: Visit) -> bool:
    """Coordinators and the Committee suggest wording while the report is in draft or review,
    on a report they may read."""
    return (
        may_suggest_report(user)
        and visit.report_status in REPORT_SUGGESTED
        and report_readable(user, visit)
    )
