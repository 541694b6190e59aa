"""Who may see and do what in the document area. Every list, count, export and API uses
scope(), so they all see the same documents.

- CTED experts, coordinators and administrators see every document.
- The Chair and Committee members see every document that is not confidential; a
  subcommittee member sees the non-confidential documents about the States of their
  subcommittee and those about no State. Confidential material goes to the Committee only
  by distribution through CTED, outside this area.
- A focal point sees only the documents distributed to its State (a receipt for it) and
  those its State uploaded; a withdrawn one stays listed, marked withdrawn, its files closed.
- A partner analyst or a donor sees only the documents distributed to its organisation.
- Anyone else sees none. A document outside scope answers 404, whatever the route.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from ctc.accounts.enums import COMMITTEE_ROLES, CTED_ROLES, Role

from .enums import Classification, ReportStatus
from .models import AccessEvent, Document, Receipt

CTED_WRITERS = frozenset({Role.CTED_EXPERT, Role.CTED_COORDINATOR})
ORGANISATION_ROLES = frozenset({Role.PARTNER_ANALYST, Role.DONOR})


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_cted(user) -> bool:
    return _active(user) and bool(user.roles & CTED_ROLES)


def is_focal_point(user) -> bool:
    return _active(user) and Role.FOCAL_POINT in user.roles and bool(user.member_state_id)


def is_organisation_reader(user) -> bool:
    return _active(user) and bool(user.roles & ORGANISATION_ROLES) and bool(user.organisation_id)


def is_recipient(user) -> bool:
    """Who has a secure-area inbox: a State's focal point, an organisation's reader."""
    return is_focal_point(user) or is_organisation_reader(user)


def is_committee_reader(user) -> bool:
    return _active(user) and bool(
        user.roles & COMMITTEE_ROLES
        or (Role.SUBCOMMITTEE_MEMBER in user.roles and user.subcommittee_id)
    )


def workspace_is_possible(user) -> bool:
    """Whether the staff document pages (docs/) open for this user at all."""
    return is_cted(user) or is_committee_reader(user)


def can_manage(user) -> bool:
    """Create, edit, distribute, withdraw documents and confirm State reports: CTED."""
    return is_cted(user)


def can_read_access_log(user) -> bool:
    return _active(user) and Role.ADMINISTRATOR in user.roles


def recipient_receipts(user) -> Q:
    """The receipts addressed to the user's State or organisation (none for others)."""
    condition = Q(pk__in=[])
    if is_focal_point(user):
        condition |= Q(state_id=user.member_state_id)
    if is_organisation_reader(user):
        condition |= Q(organisation_id=user.organisation_id)
    return condition


def scope(queryset: QuerySet[Document], user) -> QuerySet[Document]:
    """Only the documents this user may see (see the module's docstring)."""
    if not _active(user):
        return queryset.none()
    if is_cted(user):
        return queryset
    visible = Q(pk__in=[])
    if user.roles & COMMITTEE_ROLES:
        visible |= ~Q(classification=Classification.CONFIDENTIAL)
    if Role.SUBCOMMITTEE_MEMBER in user.roles and user.subcommittee_id:
        visible |= ~Q(classification=Classification.CONFIDENTIAL) & (
            Q(state__isnull=True) | Q(state__subcommittee_id=user.subcommittee_id)
        )
    if is_recipient(user):
        addressed = Receipt.objects.filter(recipient_receipts(user), document=OuterRef("pk"))
        visible |= Q(Exists(addressed))
    if is_focal_point(user):
        visible |= Q(submitted_by_state_id=user.member_state_id)
    return queryset.filter(visible)


def receipt_scope(queryset: QuerySet[Receipt], user) -> QuerySet[Receipt]:
    """Tracking is CTED's: CTED sees every receipt, a recipient only its own, others none."""
    if is_cted(user):
        return queryset
    if is_recipient(user):
        return queryset.filter(recipient_receipts(user))
    return queryset.none()


def access_event_scope(queryset: QuerySet[AccessEvent], user) -> QuerySet[AccessEvent]:
    return queryset if can_read_access_log(user) else queryset.none()


def can_download(user, document: Document) -> bool:
    """A withdrawn document's files stay closed to everyone but CTED."""
    return is_cted(user) or not document.is_withdrawn


def can_acknowledge(user, document: Document) -> bool:
    return is_recipient(user) and not document.is_withdrawn


def can_reply(user, document: Document) -> bool:
    """A focal point replies to what was distributed to its State."""
    return is_focal_point(user) and not document.is_withdrawn


def can_upload_report(user) -> bool:
    return is_focal_point(user)


def can_confirm(user, document: Document) -> bool:
    return (
        _active(user)
        and bool(user.roles & CTED_WRITERS)
        and document.report_status == ReportStatus.PENDING
        and not document.is_withdrawn
    )
