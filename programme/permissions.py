"""Who may see and do what with the work programme, events and budget.

CTED and the Committee (with its subcommittees) read everything; CTED coordinators record
and change. Everyone else has no work-programme workspace: 404. The status of an item moves
through the table below (ctc.workflow), read by the service, the item page and the admin.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ctc.accounts.enums import COMMITTEE_ROLES, CTED_ROLES, Role
from ctc.workflow import Step, Workflow

from .enums import ItemAction, ItemStatus
from .models import Event, ItemTransition, ProgrammeItem

S = ItemStatus
A = ItemAction
READERS = CTED_ROLES | COMMITTEE_ROLES | {Role.SUBCOMMITTEE_MEMBER}
EDITORS = frozenset({Role.CTED_COORDINATOR})


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def can_read(user) -> bool:
    return _active(user) and bool(user.roles & READERS)


def can_edit(user) -> bool:
    return _active(user) and bool(user.roles & EDITORS)


def item_scope(queryset: QuerySet[ProgrammeItem], user) -> QuerySet[ProgrammeItem]:
    return queryset if can_read(user) else queryset.none()


def event_scope(queryset: QuerySet[Event], user) -> QuerySet[Event]:
    return queryset if can_read(user) else queryset.none()


def activity_scope(queryset, user):
    return queryset if can_read(user) else queryset.none()


def contribution_scope(queryset, user):
    return queryset if can_read(user) else queryset.none()


def _refused(item) -> str:
    return _("This change is not possible while the item is “{status}”.").format(
        status=item.get_status_display()
    )


ITEM_STEPS = [
    Step(A.START, (S.PLANNED,), S.IN_PROGRESS, EDITORS),
    Step(A.COMPLETE, (S.PLANNED, S.IN_PROGRESS), S.DONE, EDITORS),
    Step(A.DROP, (S.PLANNED, S.IN_PROGRESS), S.DROPPED, EDITORS),
    Step(A.REOPEN, (S.DONE, S.DROPPED), S.IN_PROGRESS, EDITORS),
]
ITEM_WORKFLOW = Workflow(
    ITEM_STEPS, record_model=ItemTransition, subject_field="item", refused=_refused
)
