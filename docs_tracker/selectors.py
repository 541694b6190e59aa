"""Reads of the document area: every one goes through permissions.scope()."""

import datetime

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ctc import reference
from ctc.accounts.enums import Role
from ctc.accounts.models import User
from ctc.registry import FiledDocument, WaitingFile, WaitingItem

from . import permissions
from .enums import AccessAction, ReceiptFilter, RecipientGroup, ReportStatus
from .models import AccessEvent, Distribution, Document, DocumentFile, Receipt

TITLE_FIELDS = [f"title_{suffix}" for suffix in reference.LANGUAGE_SUFFIXES.values()]


def reminder_days() -> int:
    return int(settings.DOCS_REMINDER_DAYS)


def overdue_since(now: datetime.datetime | None = None) -> datetime.datetime:
    """Receipts made available before this moment and not acknowledged are overdue."""
    return (now or timezone.now()) - datetime.timedelta(days=reminder_days())


def _receipt_filter(value: str, now=None) -> Q:
    if value == ReceiptFilter.PENDING:
        return Q(acknowledged_at__isnull=True)
    if value == ReceiptFilter.UNOPENED:
        return Q(first_opened_at__isnull=True, acknowledged_at__isnull=True)
    if value == ReceiptFilter.OPENED:
        return Q(first_opened_at__isnull=False, acknowledged_at__isnull=True)
    if value == ReceiptFilter.ACKNOWLEDGED:
        return Q(acknowledged_at__isnull=False)
    if value == ReceiptFilter.OVERDUE:
        return Q(acknowledged_at__isnull=True, made_available_at__lt=overdue_since(now))
    return Q()


def _search(documents: QuerySet[Document], search: str) -> QuerySet[Document]:
    words = search.strip()
    if not words:
        return documents
    condition = Q(reference__icontains=words)
    for name in TITLE_FIELDS:
        condition |= Q(**{f"{name}__icontains": words})
    return documents.filter(condition)


def document_list(
    *,
    user,
    kind: str = "",
    classification: str = "",
    state=None,
    language: str = "",
    receipts: str = "",
    search: str = "",
) -> QuerySet[Document]:
    """The documents the user may see, newest first, with their recipients' figures
    (receipt_count, acknowledged_count: one query with the page)."""
    documents = permissions.scope(Document.objects.all(), user)
    if kind:
        documents = documents.filter(kind=kind)
    if classification:
        documents = documents.filter(classification=classification)
    if state is not None:
        documents = documents.filter(state=state)
    if language:
        documents = documents.filter(
            Exists(
                DocumentFile.objects.filter(
                    document=OuterRef("pk"), language=language, replaced_at__isnull=True
                )
            )
        )
    if receipts:
        chosen = permissions.receipt_scope(Receipt.objects.all(), user).filter(
            _receipt_filter(receipts), document=OuterRef("pk")
        )
        documents = documents.filter(Exists(chosen))
    documents = _search(documents, search)
    visible_receipts = permissions.receipt_scope(Receipt.objects.all(), user)
    return (
        documents.select_related("state", "author")
        .annotate(
            receipt_count=Count("receipts", filter=Q(receipts__in=visible_receipts), distinct=True),
            acknowledged_count=Count(
                "receipts",
                filter=Q(receipts__in=visible_receipts, receipts__acknowledged_at__isnull=False),
                distinct=True,
            ),
        )
        .order_by("-created_at", "-pk")
    )


def document_get(*, user, pk) -> Document:
    """One document in the user's scope; raises Document.DoesNotExist otherwise."""
    return (
        permissions.scope(Document.objects.all(), user)
        .select_related("state", "author", "in_reply_to", "withdrawn_by", "submitted_by_state")
        .get(pk=pk)
    )


def filed_documents_for(source, user) -> list[FiledDocument]:
    """The registry's document lister: the documents another app filed for `source` and the
    replies to them, those `user` may open, oldest first, each linked to the page the user
    reads documents on (the staff page, or the secure area for recipients)."""
    # The source's type by its natural key, joined in the one query (no content-type lookup).
    meta = source._meta
    filed = Q(
        source_type__app_label=meta.app_label,
        source_type__model=meta.model_name,
        source_id=source.pk,
    )
    replies = Q(
        in_reply_to__source_type__app_label=meta.app_label,
        in_reply_to__source_type__model=meta.model_name,
        in_reply_to__source_id=source.pk,
    )
    documents = permissions.scope(Document.objects.filter(filed | replies), user).order_by(
        "created_at", "pk"
    )
    page = "docs_secure:detail" if permissions.is_recipient(user) else "docs:detail"
    return [
        FiledDocument(
            title=str(document.title),
            url=reverse(page, kwargs={"pk": document.pk}),
            at=document.created_at,
            reply=document.in_reply_to_id is not None,
        )
        for document in documents
    ]


def document_exists(*, pk) -> Document | None:
    """The document of a refused request, for the access log (never shown to the person)."""
    return Document.objects.filter(pk=pk).first()


def file_list(*, document: Document) -> list[DocumentFile]:
    """Every file of the document, current ones first in each language, replaced ones after."""
    return list(
        DocumentFile.objects.filter(document=document)
        .select_related("uploaded_by", "replaced_by")
        .order_by("language", F("replaced_at").desc(nulls_first=True), "-pk")
    )


def current_file_get(*, document: Document, language: str) -> DocumentFile:
    """The current file of one language; raises DocumentFile.DoesNotExist."""
    return DocumentFile.objects.get(document=document, language=language, replaced_at__isnull=True)


def receipt_for(*, user, document: Document) -> Receipt | None:
    """The receipt of the user's State or organisation for this document, if any."""
    if not permissions.is_recipient(user):
        return None
    return (
        Receipt.objects.filter(permissions.recipient_receipts(user), document=document)
        .order_by("pk")
        .first()
    )


def inbox_list(*, user) -> QuerySet[Receipt]:
    """A recipient's inbox: what was distributed to its State or organisation, newest first."""
    if not permissions.is_recipient(user):
        return Receipt.objects.none()
    return (
        Receipt.objects.filter(permissions.recipient_receipts(user))
        .select_related("document", "state", "organisation")
        .order_by("-made_available_at", "-pk")
    )


def submitted_list(*, user) -> QuerySet[Document]:
    """What the focal point's State uploaded (reports and replies), newest first."""
    if not permissions.is_focal_point(user):
        return Document.objects.none()
    return (
        Document.objects.filter(submitted_by_state_id=user.member_state_id)
        .select_related("in_reply_to")
        .order_by("-created_at", "-pk")
    )


def unacknowledged_count(*, user) -> int:
    return inbox_list(user=user).filter(acknowledged_at__isnull=True).count()


def receipt_list(*, user, document: Document, status: str = "") -> QuerySet[Receipt]:
    """The tracking table of a document: its recipients, filtered by where they are."""
    return (
        permissions.receipt_scope(Receipt.objects.filter(document=document), user)
        .filter(_receipt_filter(status))
        .select_related("state", "organisation", "first_opened_by", "acknowledged_by")
        .order_by("state__name", "organisation__name", "pk")
    )


def receipt_downloads(*, receipts: list[Receipt]) -> dict[int, list[AccessEvent]]:
    """Receipt id → the downloads its recipient's people made (who, when, which language),
    in one query for the whole table."""
    if not receipts:
        return {}
    document_id = receipts[0].document_id
    events = (
        AccessEvent.objects.filter(document_id=document_id, action=AccessAction.DOWNLOAD)
        .select_related("by")
        .order_by("at", "pk")
    )
    by_state: dict[int, list] = {}
    by_org: dict[int, list] = {}
    for event in events:
        if event.by is None:
            continue
        if event.by.member_state_id:
            by_state.setdefault(event.by.member_state_id, []).append(event)
        if event.by.organisation_id:
            by_org.setdefault(event.by.organisation_id, []).append(event)
    result = {}
    for receipt in receipts:
        if receipt.state_id:
            result[receipt.pk] = by_state.get(receipt.state_id, [])
        else:
            result[receipt.pk] = by_org.get(receipt.organisation_id, [])
    return result


def recipient_receipt_list(
    *, user, state=None, organisation=None, status: str = ""
) -> QuerySet[Receipt]:
    """Everything distributed to one recipient, pending first, for the recipient page."""
    receipts = (
        Receipt.objects.filter(state=state)
        if state
        else Receipt.objects.filter(organisation=organisation)
    )
    return (
        permissions.receipt_scope(receipts, user)
        .filter(_receipt_filter(status))
        .select_related("document")
        .order_by(F("acknowledged_at").desc(nulls_first=True), "-made_available_at", "-pk")
    )


def distribution_list(*, user, document: Document | None = None) -> QuerySet[Distribution]:
    distributions = Distribution.objects.filter(
        document__in=permissions.scope(Document.objects.all(), user)
    )
    if not permissions.can_manage(user):
        distributions = distributions.none()
    if document is not None:
        distributions = distributions.filter(document=document)
    return distributions.select_related("document", "state", "organisation", "by").order_by(
        "-at", "-pk"
    )


def group_states(group: str):
    """The States of a group at this moment (expanded into receipts when distributing)."""
    from ctc.states.enums import Resolution
    from ctc.states.models import MemberState
    from ctc.states.selectors import non_reporting_states

    if group in (
        RecipientGroup.SUBCOMMITTEE_A,
        RecipientGroup.SUBCOMMITTEE_B,
        RecipientGroup.SUBCOMMITTEE_C,
    ):
        return MemberState.objects.filter(subcommittee__code=group[-1].upper())
    if group == RecipientGroup.NON_REPORTING_1373:
        return non_reporting_states(resolution=Resolution.R1373)
    if group == RecipientGroup.NON_REPORTING_1624:
        return non_reporting_states(resolution=Resolution.R1624)
    return MemberState.objects.none()


def group_organisations(group: str):
    from ctc.organisations.enums import OrganisationKind
    from ctc.organisations.models import Organisation

    if group == RecipientGroup.PARTNER_BODIES:
        return Organisation.objects.filter(kind=OrganisationKind.PARTNER_BODY)
    return Organisation.objects.none()


def recipient_people(*, receipt: Receipt) -> list[User]:
    """Who reads for a recipient: the State's active focal points, or the organisation's
    active partner analysts and donors."""
    if receipt.state_id:
        people = User.objects.filter(
            groups__name=Role.FOCAL_POINT, member_state_id=receipt.state_id
        )
    else:
        people = User.objects.filter(
            groups__name__in=[Role.PARTNER_ANALYST, Role.DONOR],
            organisation_id=receipt.organisation_id,
        )
    return list(people.filter(is_active=True).distinct().order_by("pk"))


def reminder_due_list(*, now=None) -> QuerySet[Receipt]:
    """Receipts to remind: not acknowledged, made available more than the configured days
    ago, not reminded within the last period, of a document not withdrawn."""
    since = overdue_since(now)
    return (
        Receipt.objects.filter(
            acknowledged_at__isnull=True,
            made_available_at__lt=since,
            document__withdrawn_at__isnull=True,
        )
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lt=since))
        .order_by("pk")
    )


def pending_reports(*, user) -> QuerySet[Document]:
    """State reports waiting for CTED's confirmation."""
    return permissions.scope(Document.objects.all(), user).filter(
        report_status=ReportStatus.PENDING, withdrawn_at__isnull=True
    )


def access_event_list(
    *,
    user,
    person: str = "",
    document: str = "",
    action: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[AccessEvent]:
    """The access log for administrators, filtered; newest first."""
    events = permissions.access_event_scope(AccessEvent.objects.all(), user)
    if person:
        events = events.filter(
            Q(by__username__icontains=person)
            | Q(by__email__icontains=person)
            | Q(by__last_name__icontains=person)
        )
    if document:
        events = events.filter(
            Q(document__reference__icontains=document) | Q(requested_id=document)
        )
    if action:
        events = events.filter(action=action)
    if date_from:
        events = events.filter(at__date__gte=date_from)
    if date_to:
        events = events.filter(at__date__lte=date_to)
    return events.select_related("by", "document", "file").order_by("-at", "-pk")


def document_files_prefetch() -> Prefetch:
    return Prefetch(
        "files",
        queryset=DocumentFile.objects.filter(replaced_at__isnull=True).order_by("language"),
        to_attr="current_files",
    )


def landing(user) -> dict | None:
    """The recipients' landing block: how many documents wait for acknowledgement."""
    if not permissions.is_recipient(user):
        return None
    return {"to_acknowledge": unacknowledged_count(user=user)}


WAITING_FILES = 10


def waiting(user) -> list[WaitingItem]:
    """ "Waiting for you": documents to acknowledge (recipients), State reports to confirm
    (CTED experts and coordinators)."""
    items = []
    if permissions.is_recipient(user):
        receipts = list(
            inbox_list(user=user)
            .filter(acknowledged_at__isnull=True, document__withdrawn_at__isnull=True)
            .annotate(group_count=Window(Count("pk")))[:WAITING_FILES]
        )
        since = overdue_since()
        files = tuple(
            WaitingFile(
                title=f"{r.document.reference} · {r.document.title}",
                url=reverse("docs_secure:detail", kwargs={"pk": r.document_id}),
                status=str(_("To acknowledge")),
                since=r.made_available_at,
                overdue=r.made_available_at < since,
            )
            for r in receipts
        )
        count = receipts[0].group_count if receipts else 0
        items.append(
            WaitingItem(
                str(_("Documents to acknowledge")), count, reverse("docs_secure:inbox"), files
            )
        )
    if permissions.can_manage(user) and user.roles & permissions.CTED_WRITERS:
        reports = list(
            pending_reports(user=user)
            .select_related("state")
            .annotate(group_count=Window(Count("pk")))
            .order_by("created_at", "pk")[:WAITING_FILES]
        )
        files = tuple(
            WaitingFile(
                title=f"{d.reference} · {d.state}",
                url=reverse("docs:detail", kwargs={"pk": d.pk}),
                status=str(_("Waiting for CTED's confirmation")),
                since=d.created_at,
            )
            for d in reports
        )
        count = reports[0].group_count if reports else 0
        url = reverse("docs:list") + "?kind=" + (reports[0].kind if reports else "")
        items.append(WaitingItem(str(_("State reports to confirm")), count, url, files))
    return items
