"""Who may see and do what with assessments. Every list, count, search and API uses scope()."""

from django.db.models import Q, QuerySet

from ctc.accounts.enums import COMMITTEE_ROLES, CTED_ROLES, Role

from .enums import AssessmentStatus, CommentVisibility, TransitionAction
from .models import Assessment, AssessmentFormat, Comment

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

# action → (from status, to status, roles that may take it)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str, frozenset]] = {
    TransitionAction.SUBMIT: (
        (S.DRAFT,),
        S.CTED_REVIEW,
        frozenset({Role.CTED_EXPERT, Role.CTED_COORDINATOR}),
    ),
    TransitionAction.SEND_TO_SUBCOMMITTEE: (
        (S.CTED_REVIEW,),
        S.WITH_SUBCOMMITTEE,
        frozenset({Role.CTED_COORDINATOR}),
    ),
    TransitionAction.RECOMMEND: (
        (S.WITH_SUBCOMMITTEE,),
        S.WITH_COMMITTEE,
        frozenset({Role.SUBCOMMITTEE_MEMBER}),
    ),
    TransitionAction.APPROVE: ((S.WITH_COMMITTEE,), S.APPROVED, COMMITTEE_ROLES),
    TransitionAction.SEND_TO_STATE: (
        (S.APPROVED,),
        S.SENT,
        frozenset({Role.CTED_COORDINATOR, Role.ADMINISTRATOR}),
    ),
    TransitionAction.RECORD_REPLY: (
        (S.SENT,),
        S.REPLIED,
        frozenset({Role.CTED_EXPERT, Role.CTED_COORDINATOR, Role.FOCAL_POINT}),
    ),
    TransitionAction.CLOSE: ((S.REPLIED,), S.CLOSED, frozenset({Role.CTED_COORDINATOR})),
}
# Returning for revision: each review step's reviewers may send the file back to draft.
RETURN_ROLES = {
    S.CTED_REVIEW: frozenset({Role.CTED_COORDINATOR}),
    S.WITH_SUBCOMMITTEE: frozenset({Role.SUBCOMMITTEE_MEMBER}),
    S.WITH_COMMITTEE: COMMITTEE_ROLES,
}


def is_cted(user) -> bool:
    return bool(user.is_authenticated and user.roles & CTED_ROLES)


def scope_is_possible(user) -> bool:
    """Whether the user's roles can ever see an assessment in the workspace."""
    return is_cted(user) or bool(
        user.is_authenticated and user.roles & (COMMITTEE_ROLES | {Role.SUBCOMMITTEE_MEMBER})
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
    return bool(user.is_authenticated and user.roles & {Role.CTED_EXPERT, Role.CTED_COORDINATOR})


def can_assign(user) -> bool:
    return bool(user.is_authenticated and Role.CTED_COORDINATOR in user.roles)


def can_edit(user, assessment: Assessment) -> bool:
    return assessment.status == S.DRAFT and bool(
        user.roles & {Role.CTED_EXPERT, Role.CTED_COORDINATOR}
    )


def may_act(user, action: str) -> bool:
    """Whether any of the user's roles ever takes this action (whatever the file's status)."""
    if action == TransitionAction.RETURN:
        roles = frozenset().union(*RETURN_ROLES.values())
    elif action in TRANSITIONS:
        roles = TRANSITIONS[action][2]
    else:
        return False
    return bool(user.roles & roles)


def can_take(user, assessment: Assessment, action: str) -> bool:
    """Whether the user may take this workflow action on this assessment now."""
    if action == TransitionAction.RETURN:
        roles = RETURN_ROLES.get(assessment.status)
    elif action in TRANSITIONS:
        sources, _target, roles = TRANSITIONS[action]
        if assessment.status not in sources:
            return False
    else:
        return False
    if not roles or not user.roles & roles:
        return False
    # Subcommittee members act only on the states of their own subcommittee.
    if user.roles & roles == {Role.SUBCOMMITTEE_MEMBER}:
        return user.subcommittee_id == assessment.state.subcommittee_id
    if user.roles & roles == {Role.FOCAL_POINT}:
        return user.member_state_id == assessment.state_id
    return True


def available_actions(user, assessment: Assessment) -> list[str]:
    actions = [a for a in TRANSITIONS if can_take(user, assessment, a)]
    if can_take(user, assessment, TransitionAction.RETURN):
        actions.append(TransitionAction.RETURN)
    return actions


def comment_visibilities(user) -> list[str]:
    """Which comments the user may read and write."""
    if is_cted(user):
        return [CommentVisibility.CTED, CommentVisibility.COMMITTEE]
    if user.roles & (COMMITTEE_ROLES | {Role.SUBCOMMITTEE_MEMBER}):
        return [CommentVisibility.COMMITTEE]
    return []


def comment_scope(queryset: QuerySet[Comment], user) -> QuerySet[Comment]:
    return queryset.filter(visibility__in=comment_visibilities(user))
