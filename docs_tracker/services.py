"""Writes of the document area: one service per change, each checking its actor.

Files go through ctc.files (upload_take checks type by content, size while streaming and
computes SHA-256; upload_attach stores under a server-made name); documents are never
deleted (withdrawn instead); the access log is only ever appended to.
"""

import contextlib
import datetime
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ctc import reference
from ctc.accounts.enums import Role
from ctc.accounts.models import User
from ctc.files.uploads import upload_attach, upload_take
from ctc.notifications.services import notify
from ctc.registry import DocumentFiling, site

from . import notifications, permissions, selectors
from .constants import DOCUMENT_POLICY, MAX_REASON, MAX_REPORT_SYMBOL, MAX_TITLE
from .enums import (
    STATE_REPORT_KINDS,
    AccessAction,
    Classification,
    DistributionTarget,
    DocumentKind,
    RecipientGroup,
    ReportStatus,
)
from .models import AccessEvent, Distribution, Document, DocumentFile, Receipt

LANGUAGE_CODES = list(reference.LANGUAGE_SUFFIXES)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _titles(titles: dict) -> dict:
    """{"en": …, "fr": …} → the model's title_<suffix> fields; English is required."""
    values = {}
    for code, suffix in reference.LANGUAGE_SUFFIXES.items():
        text = (titles.get(code) or "").strip()
        if len(text) > MAX_TITLE:
            raise ValidationError(
                {f"title_{suffix}": _("At most {n} characters.").format(n=MAX_TITLE)}
            )
        values[f"title_{suffix}"] = text
    if not values["title_en"]:
        raise ValidationError({"title_en": _("Give the title in English.")})
    return values


def _language(language: str) -> str:
    if language not in LANGUAGE_CODES:
        raise ValidationError({"language": _("Choose one of the six official languages.")})
    return language


# --- Access log ---------------------------------------------------------------------------


def access_record(
    *, action, by, document=None, file=None, language="", ip=None, path="", attempted=""
) -> AccessEvent:
    """Appends one event to the access log (call inside the change it records)."""
    return AccessEvent.objects.create(
        action=action,
        attempted=attempted,
        by=by if getattr(by, "is_authenticated", False) else None,
        document=document,
        requested_id=str(document.pk) if document else "",
        file=file,
        language=language or (file.language if file else ""),
        ip=ip or None,
        path=(path or "")[:300],
    )


@transaction.atomic
def access_refuse(*, by, attempted: str, requested_id, ip=None, path="") -> AccessEvent:
    """Records a refused view, download or acknowledgement (the person got a 404).

    Side effects: one AccessEvent (action "refused"), linked to the document when the
    requested id names one, so administrators see guesses at real documents too.
    """
    document = None
    with contextlib.suppress(TypeError, ValueError):
        document = selectors.document_exists(pk=int(requested_id))
    return AccessEvent.objects.create(
        action=AccessAction.REFUSED,
        attempted=attempted,
        by=by if getattr(by, "is_authenticated", False) else None,
        document=document,
        requested_id=str(requested_id)[:40],
        ip=ip or None,
        path=(path or "")[:300],
    )


# --- Documents ----------------------------------------------------------------------------


def _file_add(document: Document, *, language: str, upload, by) -> DocumentFile:
    taken = upload_take(upload, policy=DOCUMENT_POLICY)
    now = timezone.now()
    current = (
        DocumentFile.objects.select_for_update()
        .filter(document=document, language=language, replaced_at__isnull=True)
        .first()
    )
    if current is not None:
        current.replaced_at = now
        current.replaced_by = by
        current.save(update_fields=["replaced_at", "replaced_by"])
    stored = DocumentFile(document=document, language=language, uploaded_by=by)
    upload_attach(stored, taken)
    stored.save()
    return stored


@transaction.atomic
def document_create(
    *,
    kind: str,
    reference_symbol: str,
    titles: dict,
    classification: str = Classification.RESTRICTED,
    state=None,
    dated: datetime.date | None = None,
    in_reply_to: Document | None = None,
    source=None,
    files: dict | None = None,
    by,
) -> Document:
    """Creates a document with its language versions (`files`: language → upload).

    CTED only. Side effects: the Document (with its first history record), one
    DocumentFile per language (type checked by content, SHA-256 recorded).
    """
    _require(permissions.can_manage(by))
    return _create(
        kind=kind,
        reference_symbol=reference_symbol,
        titles=titles,
        classification=classification,
        state=state,
        dated=dated,
        in_reply_to=in_reply_to,
        source=source,
        files=files or {},
        by=by,
    )


def _create(
    *,
    kind,
    reference_symbol,
    titles,
    classification,
    state,
    dated,
    in_reply_to,
    source,
    files,
    by,
    submitted_by_state=None,
    report_status="",
    committee_only=False,
):
    symbol = (reference_symbol or "").strip()
    if not symbol:
        raise ValidationError({"reference": _("Give the document's symbol.")})
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Choose a kind of document.")})
    if classification not in Classification.values:
        raise ValidationError({"classification": _("Choose a classification.")})
    if Document.objects.filter(reference__iexact=symbol).exists():
        raise ValidationError({"reference": _("A document with this symbol already exists.")})
    document = Document(
        kind=kind,
        reference=symbol[:80],
        classification=classification,
        author=by,
        state=state,
        dated=dated or timezone.localdate(),
        in_reply_to=in_reply_to,
        submitted_by_state=submitted_by_state,
        report_status=report_status,
        committee_only=committee_only,
        **_titles(titles),
    )
    if source is not None:
        document.source_type = ContentType.objects.get_for_model(source)
        document.source_id = source.pk
    document._history_user = by
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError as exc:  # the same symbol, saved concurrently
        raise ValidationError(
            {"reference": _("A document with this symbol already exists.")}
        ) from exc
    for language, upload in files.items():
        _file_add(document, language=_language(language), upload=upload, by=by)
    return document


@transaction.atomic
def document_file_add(*, document: Document, language: str, upload, by) -> DocumentFile:
    """Adds the file of one language, replacing the current one of that language.

    CTED only, not on a withdrawn document. Side effects: the replaced DocumentFile keeps
    its row with replaced_at/replaced_by (the document's file history); a new DocumentFile.
    """
    _require(permissions.can_manage(by))
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.is_withdrawn:
        raise ValidationError(_("This document was withdrawn: it cannot change."))
    return _file_add(document, language=_language(language), upload=upload, by=by)


@transaction.atomic
def document_update(
    *, document: Document, titles: dict, classification: str, dated, state=None, by
) -> Document:
    """Changes a document's titles, classification, date and State.

    CTED only, not on a withdrawn document. Side effects: one history record (who, when,
    what) when something changed; nothing written otherwise.
    """
    _require(permissions.can_manage(by))
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.is_withdrawn:
        raise ValidationError(_("This document was withdrawn: it cannot change."))
    if classification not in Classification.values:
        raise ValidationError({"classification": _("Choose a classification.")})
    values = {**_titles(titles), "classification": classification, "dated": dated, "state": state}
    if all(getattr(document, key) == value for key, value in values.items()):
        return document
    for key, value in values.items():
        setattr(document, key, value)
    document._history_user = by
    document.save()
    return document


@transaction.atomic
def document_withdraw(*, document: Document, reason: str, by) -> Document:
    """Withdraws a document: recorded (who, when, why), never deleted.

    CTED only; a reason is required. Side effects: withdrawn_* fields and a history record;
    recipients then see it marked withdrawn, its files closed, nothing to acknowledge.
    """
    _require(permissions.can_manage(by))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the document is withdrawn.")})
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.is_withdrawn:
        raise ValidationError(_("This document was already withdrawn."))
    document.withdrawn_at = timezone.now()
    document.withdrawn_by = by
    document.withdrawal_reason = reason[:MAX_REASON]
    document._history_user = by
    document.save()
    return document


# --- Distribution and receipts ---------------------------------------------------------------


def _receipts_for(document, distribution, *, states=(), organisations=()) -> list[Receipt]:
    """Creates the receipts that do not exist yet; returns the new ones."""
    state_ids = {s.pk for s in states}
    org_ids = {o.pk for o in organisations}
    have_states = set(
        Receipt.objects.filter(document=document, state_id__in=state_ids).values_list(
            "state_id", flat=True
        )
    )
    have_orgs = set(
        Receipt.objects.filter(document=document, organisation_id__in=org_ids).values_list(
            "organisation_id", flat=True
        )
    )
    now = distribution.at
    fresh = [
        Receipt(document=document, distribution=distribution, state_id=pk, made_available_at=now)
        for pk in sorted(state_ids - have_states)
    ] + [
        Receipt(
            document=document, distribution=distribution, organisation_id=pk, made_available_at=now
        )
        for pk in sorted(org_ids - have_orgs)
    ]
    return Receipt.objects.bulk_create(fresh)


def _distribute(document: Document, *, states=(), organisations=(), groups=(), by, tell=True):
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.is_withdrawn:
        raise ValidationError(_("This document was withdrawn: it cannot be distributed."))
    if document.committee_only:
        raise ValidationError(
            _("This document is for the Committee only: it is never distributed.")
        )
    if not (states or organisations or groups):
        raise ValidationError(_("Choose at least one State, organisation or group."))
    for group in groups:
        if group not in RecipientGroup.values:
            raise ValidationError({"groups": _("Choose groups from the list.")})
    distributions, fresh = [], []
    now = timezone.now()
    targets = (
        [(DistributionTarget.STATE, {"state": s}, [s], []) for s in states]
        + [(DistributionTarget.ORGANISATION, {"organisation": o}, [], [o]) for o in organisations]
        + [
            (
                DistributionTarget.GROUP,
                {"group": g},
                list(selectors.group_states(g)),
                list(selectors.group_organisations(g)),
            )
            for g in groups
        ]
    )
    for target, values, target_states, target_orgs in targets:
        distribution = Distribution.objects.create(
            document=document, target=target, by=by, at=now, **values
        )
        new = _receipts_for(document, distribution, states=target_states, organisations=target_orgs)
        if new:
            distribution.new_receipts = len(new)
            distribution.save(update_fields=["new_receipts"])
        distributions.append(distribution)
        fresh.extend(new)
    if tell:
        _tell_recipients(document, fresh, by=by)
    return distributions


def _tell_recipients(document: Document, receipts: list[Receipt], *, by) -> None:
    state_ids = [r.state_id for r in receipts if r.state_id]
    org_ids = [r.organisation_id for r in receipts if r.organisation_id]
    if not receipts:
        return
    people = User.objects.filter(
        Q(groups__name=Role.FOCAL_POINT, member_state_id__in=state_ids)
        | Q(groups__name__in=[Role.PARTNER_ANALYST, Role.DONOR], organisation_id__in=org_ids),
        is_active=True,
    ).distinct()
    notify(
        event=f"docs_tracker.distributed:{document.pk}",
        kind=notifications.DISTRIBUTED,
        recipients=list(people),
        params=notifications.document_params(document),
        url=reverse("docs_secure:detail", kwargs={"pk": document.pk}),
        actor=by,
    )


@transaction.atomic
def document_distribute(
    *, document: Document, states=(), organisations=(), groups=(), by
) -> list[Distribution]:
    """Distributes a document to States, organisations and groups (expanded now).

    CTED only, not a withdrawn or Committee-only document. Idempotent per recipient: a
    recipient that already has the document keeps its receipt (no second one). Side effects:
    one Distribution per target; one Receipt per new recipient (made available now); the new
    recipients' focal points / readers notified (in the workspace and by e-mail after commit).
    """
    _require(permissions.can_manage(by))
    return _distribute(document, states=states, organisations=organisations, groups=groups, by=by)


@transaction.atomic
def receipt_open(*, document: Document, by, ip=None, path="") -> Receipt | None:
    """Records that `by` viewed the document: every view in the access log, the first
    opening by the recipient's people on its receipt (once).

    Side effects: an AccessEvent "view"; first_opened_at/by on the user's receipt if unset.
    """
    _require(_in_scope(document, by))
    access_record(action=AccessAction.VIEW, by=by, document=document, ip=ip, path=path)
    return _mark_opened(document, by)


def _in_scope(document: Document, by) -> bool:
    return permissions.scope(Document.objects.filter(pk=document.pk), by).exists()


def _mark_opened(document: Document, by) -> Receipt | None:
    receipt = selectors.receipt_for(user=by, document=document)
    if receipt is not None and receipt.first_opened_at is None:
        now = timezone.now()
        if Receipt.objects.filter(pk=receipt.pk, first_opened_at__isnull=True).update(
            first_opened_at=now, first_opened_by=by
        ):
            receipt.first_opened_at, receipt.first_opened_by = now, by
    return receipt


@transaction.atomic
def document_download_record(*, stored: DocumentFile, by, ip=None, path="") -> AccessEvent:
    """Records a download whose bytes verified (ctc.files.http.file_response's hook).

    Side effects: an AccessEvent "download" with the file and its language; the receipt's
    first opening if unset. (ctc.files records the DownloadRecord itself.)
    """
    _require(_in_scope(stored.document, by) and permissions.can_download(by, stored.document))
    event = access_record(
        action=AccessAction.DOWNLOAD,
        by=by,
        document=stored.document,
        file=stored,
        language=stored.language,
        ip=ip,
        path=path,
    )
    _mark_opened(stored.document, by)
    return event


@transaction.atomic
def receipt_acknowledge(*, document: Document, by, ip=None, path="") -> Receipt:
    """The recipient acknowledges receipt (an explicit button). Idempotent: a second
    acknowledgement changes nothing and logs nothing.

    Side effects: acknowledged_at/by (and first_opened if unset) on the receipt; an
    AccessEvent "acknowledge".
    """
    document = Document.objects.get(pk=document.pk)  # as it is now, not as the caller read it
    if not permissions.can_acknowledge(by, document):
        raise ValidationError(_("There is nothing to acknowledge for this document."))
    receipt = selectors.receipt_for(user=by, document=document)
    if receipt is None:
        raise ValidationError(_("There is nothing to acknowledge for this document."))
    _mark_opened(document, by)
    now = timezone.now()
    if Receipt.objects.filter(pk=receipt.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=now, acknowledged_by=by
    ):
        access_record(action=AccessAction.ACKNOWLEDGE, by=by, document=document, ip=ip, path=path)
    receipt.refresh_from_db()
    return receipt


# --- What States upload ----------------------------------------------------------------------


def _state_symbol(state, label: str) -> str:
    return "{iso3}/{label}/{day}/{tag}".format(
        iso3=state.iso3,
        label=label,
        day=timezone.localdate().strftime("%Y%m%d"),
        tag=uuid.uuid4().hex[:6].upper(),
    )


@transaction.atomic
def document_reply_submit(*, document: Document, title: str, language: str, upload, by) -> Document:
    """A focal point files its State's reply to a document distributed to it.

    Side effects: a Document of kind "reply" (in_reply_to set, submitted by the State) with
    its file; the replied document's source app hears of it through its reply handler
    (ctc.registry.site.reply_handlers) in this transaction: a ValidationError from the
    handler refuses the reply and nothing is kept.
    """
    document = Document.objects.get(pk=document.pk)
    _require(permissions.can_reply(by, document))
    receipt = selectors.receipt_for(user=by, document=document)
    if receipt is None:
        raise PermissionDenied
    if upload is None:
        raise ValidationError({"file": _("Attach the reply.")})
    state = by.member_state
    reply = _create(
        kind=DocumentKind.REPLY,
        reference_symbol=_state_symbol(state, "REPLY"),
        titles={"en": title or _("Reply to {reference}").format(reference=document.reference)},
        classification=document.classification,
        state=state,
        dated=None,
        in_reply_to=document,
        source=None,
        files={_language(language): upload},
        by=by,
        submitted_by_state=state,
    )
    if document.source_type_id:
        handler = site.reply_handlers.get(
            f"{document.source_type.app_label}.{document.source_type.model}"
        )
        if handler is not None:
            handler(document.source, by)
    return reply


@transaction.atomic
def state_report_submit(
    *, kind: str, symbol: str, title: str, dated, language: str, upload, by
) -> Document:
    """A focal point files its State's report on 1373 or 1624, pending CTED's confirmation.

    Side effects: a Document of that kind (report_status "pending", submitted by the State)
    with its file. The State's reporting history changes only when CTED confirms it.
    """
    _require(permissions.can_upload_report(by))
    if kind not in STATE_REPORT_KINDS:
        raise ValidationError({"kind": _("Choose the resolution the report is on.")})
    symbol = (symbol or "").strip()
    if len(symbol) > MAX_REPORT_SYMBOL:
        raise ValidationError({"symbol": _("At most {n} characters.").format(n=MAX_REPORT_SYMBOL)})
    if upload is None:
        raise ValidationError({"file": _("Attach the report.")})
    state = by.member_state
    try:
        return _create(
            kind=kind,
            reference_symbol=symbol or _state_symbol(state, STATE_REPORT_KINDS[kind]),
            titles={"en": title},
            classification=Classification.RESTRICTED,
            state=state,
            dated=dated,
            in_reply_to=None,
            source=None,
            files={_language(language): upload},
            by=by,
            submitted_by_state=state,
            report_status=ReportStatus.PENDING,
        )
    except ValidationError as exc:
        # The State calls the document's reference its symbol: the message goes there.
        if hasattr(exc, "error_dict") and "reference" in exc.error_dict:
            raise ValidationError({"symbol": exc.error_dict["reference"]}) from exc
        raise


@transaction.atomic
def state_report_confirm(*, document: Document, by) -> Document:
    """CTED confirms a State's report: it enters the State's reporting history.

    CTED experts and coordinators. Side effects: a ctc.states StateReport (State,
    resolution, received on the document's date, its symbol); report_status "confirmed",
    confirmed_at/by and a history record on the document.
    """
    from ctc.states.models import StateReport

    document = Document.objects.select_for_update().get(pk=document.pk)
    _require(permissions.can_manage(by))
    if not permissions.can_confirm(by, document):
        raise ValidationError(_("This report is not waiting for confirmation."))
    entry, _created = StateReport.objects.get_or_create(
        state=document.state,
        resolution=STATE_REPORT_KINDS[document.kind],
        document_symbol=document.reference[:MAX_REPORT_SYMBOL],
        defaults={"received_on": document.dated},
    )
    document.report_status = ReportStatus.CONFIRMED
    document.confirmed_at = timezone.now()
    document.confirmed_by = by
    document.state_report = entry
    document._history_user = by
    document.save()
    return document


# --- Reminders --------------------------------------------------------------------------------


@transaction.atomic
def receipt_remind(*, receipt: Receipt, now=None) -> bool:
    """Reminds a recipient of one unacknowledged document, at most once per period.

    The receipt row is locked and the condition checked again, so two runs (or two
    workers) send one reminder. Side effects: reminded_at, reminders + 1; a notification
    to the recipient's people (e-mail after commit, in each one's language). Returns
    whether a reminder went out.
    """
    now = now or timezone.now()
    due = selectors.reminder_due_list(now=now).filter(pk=receipt.pk).select_for_update(of=("self",))
    receipt = due.first()
    if receipt is None:
        return False
    count = receipt.reminders + 1
    Receipt.objects.filter(pk=receipt.pk).update(reminded_at=now, reminders=count)
    document = receipt.document
    notify(
        event=f"docs_tracker.reminder:{receipt.pk}:{count}",
        kind=notifications.REMINDER,
        recipients=selectors.recipient_people(receipt=receipt),
        params=notifications.document_params(document, days=(now - receipt.made_available_at).days),
        url=reverse("docs_secure:detail", kwargs={"pk": document.pk}),
    )
    return True


def reminders_send(*, now=None) -> int:
    """Reminds every receipt that is due (each in its own transaction); returns how many."""
    now = now or timezone.now()
    ids = list(selectors.reminder_due_list(now=now).values_list("pk", flat=True))
    return sum(receipt_remind(receipt=Receipt(pk=pk), now=now) for pk in ids)


# --- The registry's document filer ----------------------------------------------------------


def document_file_filing(filing: DocumentFiling) -> int:
    """Files what another app sends (ctc.registry.DocumentFiling) in the caller's
    transaction: the document with its files, distributed to the given States. Its State
    (which scopes it) is filing.state, else the one State it is distributed to.

    Side effects: those of document_create and document_distribute (the recipients are
    told unless filing.notify is False).
    """
    with transaction.atomic():
        _require(permissions.can_manage(filing.by))
        files = {f.language: SimpleUploadedFile(f.filename, f.content) for f in filing.files}
        document = _create(
            kind=filing.kind,
            reference_symbol=filing.symbol,
            titles=filing.titles,
            classification=filing.classification,
            state=filing.state or (filing.states[0] if len(filing.states) == 1 else None),
            dated=None,
            in_reply_to=None,
            source=filing.source,
            files=files,
            by=filing.by,
            committee_only=filing.committee_only,
        )
        if filing.states:
            _distribute(document, states=filing.states, by=filing.by, tell=filing.notify)
        return document.pk
