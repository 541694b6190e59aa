"""Who may see and do what with assessments. Every list, count, search and API uses scope()."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from ctc.accounts.enums import COMMITTEE_ROLES, CTED_ROLES, Role
from ctc.workflow import Step, Workflow

from .enums import AssessmentStatus, CommentVisibility, TransitionAction
from .models import Assessment, AssessmentFormat, Comment, Suggestion, Transition

S = AssessmentStatus
SUBCOMMITTEE_STAGES = [
    S.WITH_SUBCOMMITTEE,
    S.WITH_COMMITTEE,
    S.APPROVED,
    S.SENT,
    S.REPLIED,
    S.CLOSED,
]
COMMITTEE_STAGES = [S.WITH_COMMITTEE, S.APPROVED, S.SENT, S.REPLIED, S.CLOSED]
SENT_STAGES = [S.SENT, S.REPLIED, S.CLOSED]

CTED_WRITERS = frozenset({Role.CTED_EXPERT, Role.CTED_COORDINATOR})
A = TransitionAction
# The whole workflow as data: read by the services, the page's buttons and the API alike.
STEPS = [
    Step(A.SUBMIT, (S.DRAFT,), S.CTED_REVIEW, CTED_WRITERS),
    Step(A.SEND_TO_SUBCOMMITTEE, (S.CTED_REVIEW,), S.WITH_SUBCOMMITTEE, {Role.CTED_COORDINATOR}),
    Step(A.RECOMMEND, (S.WITH_SUBCOMMITTEE,), S.WITH_COMMITTEE, {Role.SUBCOMMITTEE_MEMBER}),
    Step(A.APPROVE, (S.WITH_COMMITTEE,), S.APPROVED, COMMITTEE_ROLES),
    Step(A.SEND_TO_STATE, (S.APPROVED,), S.SENT, {Role.CTED_COORDINATOR, Role.ADMINISTRATOR}),
    Step(A.RECORD_REPLY, (S.SENT,), S.REPLIED, CTED_WRITERS | {Role.FOCAL_POINT}),
    Step(A.CLOSE, (S.REPLIED,), S.CLOSED, {Role.CTED_COORDINATOR}),
    # Returning for revision: each review step's reviewers may send the file back to draft.
    Step(A.RETURN, (S.CTED_REVIEW,), S.DRAFT, {Role.CTED_COORDINATOR}),
    Step(A.RETURN, (S.WITH_SUBCOMMITTEE,), S.DRAFT, {Role.SUBCOMMITTEE_MEMBER}),
    Step(A.RETURN, (S.WITH_COMMITTEE,), S.DRAFT, COMMITTEE_ROLES),
]


def _within_scope(user, assessment: Assessment, held: frozenset) -> bool:
    """Subcommittee members act only on their subcommittee's states, focal points on theirs."""
    if held == {Role.SUBCOMMITTEE_MEMBER}:
        return bool(user.subcommittee_id) and user.subcommittee_id == (
            assessment.state.subcommittee_id
        )
    if held == {Role.FOCAL_POINT}:
        return bool(user.member_state_id) and user.member_state_id == assessment.state_id
    return True


def _refused(assessment: Assessment) -> str:
    return _("This action is not possible while the assessment is “{status}”.").format(
        status=assessment.get_status_display()
    )


WORKFLOW = Workflow(
    STEPS,
    record_model=Transition,
    subject_field="assessment",
    refused=_refused,
    within_scope=_within_scope,
    lock_related=("state",),
    touch_fields=("updated_at",),
)


def is_cted(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.roles & CTED_ROLES)


def scope_is_possible(user) -> bool:
    """Whether the user's roles can ever see an assessment in the workspace."""
    return is_cted(user) or bool(
        user.is_authenticated
        and user.is_active
        and user.roles & (COMMITTEE_ROLES | {Role.SUBCOMMITTEE_MEMBER})
    )


def format_scope(queryset: QuerySet[AssessmentFormat], user) -> QuerySet[AssessmentFormat]:
    """Formats are visible to whoever can see assessments; others see none."""
    return queryset if scope_is_possible(user) else queryset.none()


def scope(queryset: QuerySet[Assessment], user) -> QuerySet[Assessment]:
    """Only the assessments this user may see in the workspace; focal points see none here."""
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if is_cted(user):
        return queryset
    visible = Q(pk__in=[])
    if Role.SUBCOMMITTEE_MEMBER in user.roles and user.subcommittee_id:
        visible |= Q(state__subcommittee_id=user.subcommittee_id, status__in=SUBCOMMITTEE_STAGES)
    if user.roles & COMMITTEE_ROLES:
        visible |= Q(status__in=COMMITTEE_STAGES)
    return queryset.filter(visible)


def sent_scope(queryset: QuerySet[Assessment], user) -> QuerySet[Assessment]:
    """Sent assessments a focal point may read in the secure area: their own state's only."""
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if Role.FOCAL_POINT in user.roles and user.member_state_id:
        return queryset.filter(state_id=user.member_state_id, status__in=SENT_STAGES)
    return queryset.none()


def can_create(user) -> bool:
    """CTED experts and coordinators write assessments (administrators only run the admin)."""
    return bool(user.is_authenticated and user.is_active and user.roles & CTED_WRITERS)


def can_assign(user) -> bool:
    return bool(user.is_authenticated and user.is_active and Role.CTED_COORDINATOR in user.roles)


def can_edit(user, assessment: Assessment) -> bool:
    return assessment.status == S.DRAFT and can_create(user)


def may_act(user, action: str) -> bool:
    """Whether any of the user's roles ever takes this action (whatever the file's status)."""
    return WORKFLOW.may_act(user, action)


def can_take(user, assessment: Assessment, action: str) -> bool:
    """Whether the user may take this workflow action on this assessment now."""
    return WORKFLOW.can_take(user, assessment, action)


def available_actions(user, assessment: Assessment) -> list[str]:
    return WORKFLOW.available_actions(user, assessment)


def comment_visibilities(user) -> list[str]:
    """Which comments the user may read and write."""
    if not user.is_authenticated or not user.is_active:
        return []
    if is_cted(user):
        return [CommentVisibility.CTED, CommentVisibility.COMMITTEE]
    if user.roles & (COMMITTEE_ROLES | {Role.SUBCOMMITTEE_MEMBER}):
        return [CommentVisibility.COMMITTEE]
    return []


def comment_scope(queryset: QuerySet[Comment], user) -> QuerySet[Comment]:
    return queryset.filter(visibility__in=comment_visibilities(user))


# --- Suggestions ------------------------------------------------------------------------

# Reviewers propose wording; the expert (who edits the draft) decides.
SUGGESTERS = frozenset({Role.CTED_COORDINATOR, Role.SUBCOMMITTEE_MEMBER}) | COMMITTEE_ROLES
# While the text can still change: a draft, or a file in review (it returns to draft).
OPEN_TO_SUGGESTIONS = (S.DRAFT, S.CTED_REVIEW, S.WITH_SUBCOMMITTEE, S.WITH_COMMITTEE)


def may_suggest(user) -> bool:
    """Whether any of the user's roles ever proposes a wording change."""
    return bool(user.is_authenticated and user.is_active and user.roles & SUGGESTERS)


def can_suggest(user, assessment: Assessment) -> bool:
    """Whether the user may propose a wording change to this file now; the file comes
    from scope() (the caller's read, or the service's)."""
    return may_suggest(user) and assessment.status in OPEN_TO_SUGGESTIONS


def can_decide_suggestion(user, assessment: Assessment) -> bool:
    """Accepting saves the text: whoever may edit the file now decides."""
    return can_edit(user, assessment)


def suggestion_scope(queryset: QuerySet[Suggestion], user) -> QuerySet[Suggestion]:
    """Suggestions of the files the user may see in the workspace; focal points see none."""
    return queryset.filter(assessment__in=scope(Assessment.objects.all(), user))
