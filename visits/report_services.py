"""Every write to visit reports: one function per change, each checking its actor.

The report is edited like an assessment (ctc.revisions: revision guard, versions,
suggestions); its workflow is permissions.REPORT."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ctc import richtext
from ctc.accounts.enums import COMMITTEE_ROLES, Role
from ctc.notifications.services import notify
from ctc.pdf import pdf_from_html
from ctc.registry import DocumentFiling, FiledFile, site
from ctc.revisions import guarded_update, version_record
from ctc.revisions.enums import SuggestionStatus
from ctc.revisions.suggestions import (
    suggestion_base_check,
    suggestion_decide,
    suggestion_fresh_check,
    suggestion_note_clean,
    suggestion_open_check,
    suggestion_reason_clean,
    suggestion_text_clean,
)
from ctc.tasks import enqueue

from . import permissions, report_selectors, report_tasks
from . import report_notifications as notices
from .constants import (
    MAX_REPORT_COMMENT,
    MAX_REPORT_SECTION,
    REPORT_CLASSIFICATION,
    REPORT_DOCUMENT_KIND,
)
from .enums import Gate, ReportSectionKey, ReportStatus, VisitAction, VisitStatus
from .models import (
    Visit,
    VisitReportSection,
    VisitReportSuggestion,
    VisitReportTransmission,
    VisitReportVersion,
)

A = VisitAction


def _lock(visit: Visit) -> Visit:
    return (
        Visit.objects.select_for_update(of=("self",))
        .select_related("state", "coordinator")
        .get(pk=visit.pk)
    )


@transaction.atomic
def report_start(*, visit: Visit, by) -> Visit:
    """Starts the report of a visit carried out (CTED experts and coordinators).

    Side effects: the four sections (summary, findings, human rights, conclusions) are
    created empty, the report becomes a draft (recorded in the visit's history), version 1
    is recorded.
    """
    if not permissions.can_write(by):
        raise PermissionDenied
    locked = _lock(visit)
    if locked.status != VisitStatus.DONE:
        raise ValidationError(_("A report is written once the visit has taken place."))
    if locked.report_status != ReportStatus.NOT_STARTED:
        raise ValidationError(_("The report of this visit has already been started."))
    VisitReportSection.objects.bulk_create(
        VisitReportSection(visit=locked, key=key) for key in ReportSectionKey.values
    )
    locked.report_status = ReportStatus.DRAFT
    locked.report_status_changed_at = timezone.now()
    locked.save(update_fields=["report_status", "report_status_changed_at", "updated_at"])
    version_record(
        locked.report_versions,
        parts=report_selectors.report_content(locked),
        by=by,
        summary=_("Report started"),
    )
    return locked


def _lock_for_edit(visit: Visit, by) -> Visit:
    """The visit locked, once `by` may edit its report now."""
    if not permissions.can_write(by):
        raise PermissionDenied
    locked = _lock(visit)
    if not permissions.can_edit_report(by, locked):
        raise ValidationError(_("The report can be edited while it is a draft or in CTED review."))
    return locked


@transaction.atomic
def report_section_save(*, section: VisitReportSection, text: str, revision: int, by):
    """Saves one section if nobody saved it since `revision`; else raises EditConflict.

    Side effects: the text is sanitised, the section's revision goes up, a version of the
    report is recorded (storing this section only). An unchanged text writes nothing.
    """
    visit = _lock_for_edit(section.visit, by)
    saved, _version = _section_write(visit, section, text=text, revision=revision, by=by)
    return saved


def _section_write(
    visit: Visit,
    section: VisitReportSection,
    *,
    text: str,
    revision: int,
    by,
    co_author=None,
    summary: str = "",
) -> tuple[VisitReportSection, VisitReportVersion | None]:
    """report_section_save's guarded write on the visit locked for editing; the version
    (None when nothing changed) credits `co_author` and says `summary` if given."""
    current = VisitReportSection.objects.select_for_update().get(pk=section.pk, visit=visit)
    text = richtext.clean(text)
    if len(text) > MAX_REPORT_SECTION:
        raise ValidationError({"text": _("At most {n} characters.").format(n=MAX_REPORT_SECTION)})
    changed = guarded_update(
        current,
        {"text": text},
        revision=revision,
        extra={"updated_by": by, "updated_at": timezone.now()},
    )
    if not changed:
        return current, None
    visit.save(update_fields=["updated_at"])
    version = version_record(
        visit.report_versions,
        parts={current.key: text},
        by=by,
        summary=summary or str(current.get_key_display()),
        co_author=co_author,
    )
    return current, version


# --- Suggestions ---------------------------------------------------------------------------


@transaction.atomic
def report_suggestion_make(
    *,
    section: VisitReportSection,
    proposed_text: str,
    note: str = "",
    revision: int | None = None,
    by,
) -> VisitReportSuggestion:
    """A coordinator or a Committee member proposes new wording for a section.

    Sanitised like an edit; it keeps the text and revision it was made on, and with
    `revision` (what the reviewer's page showed) a text saved since then refuses it.

    Side effects: one open suggestion; the text does not change; the report's authors (the
    visit's coordinator and experts) are notified.
    """
    if not permissions.may_suggest_report(by):
        raise PermissionDenied
    locked = (
        permissions.scope(Visit.objects.filter(pk=section.visit_id), by)
        .select_for_update(of=("self",))
        .select_related("state", "coordinator")
        .first()
    )
    if locked is None:
        raise PermissionDenied
    if not permissions.can_suggest_report(by, locked):
        raise ValidationError(
            _("Wording can be suggested while the report is a draft or in review.")
        )
    current = VisitReportSection.objects.get(pk=section.pk, visit=locked)
    suggestion_base_check(revision=revision, base_revision=current.revision)
    proposed = suggestion_text_clean(
        proposed_text, base_text=current.text, limit=MAX_REPORT_SECTION
    )
    suggestion = VisitReportSuggestion.objects.create(
        visit=locked,
        section=current,
        base_text=current.text,
        base_revision=current.revision,
        proposed_text=proposed,
        note=suggestion_note_clean(note, limit=MAX_REPORT_COMMENT),
        author=by,
    )
    _suggestion_notify(suggestion, by=by)
    return suggestion


def _lock_open_suggestion(suggestion: VisitReportSuggestion, by):
    visit = _lock_for_edit(suggestion.visit, by)
    current = (
        VisitReportSuggestion.objects.select_for_update(of=("self",))
        .select_related("author", "section")
        .get(pk=suggestion.pk, visit=visit)
    )
    suggestion_open_check(current)
    return visit, current


def _person(user) -> str:
    return user.get_full_name() or user.get_username()


@transaction.atomic
def report_suggestion_accept(*, suggestion: VisitReportSuggestion, by) -> VisitReportSuggestion:
    """The expert takes a suggestion: its text is saved as an edit of the section would be.

    Refused, writing nothing, unless `by` may edit the report now and the section still
    holds the text the suggestion was made on (a stale suggestion).

    Side effects: the section is saved through the revision guard, a version is recorded by
    `by` with the suggestion's author as co-author; the suggestion is marked accepted with
    that version; its author is notified.
    """
    visit, current = _lock_open_suggestion(suggestion, by)
    section = VisitReportSection.objects.get(pk=current.section_id)
    suggestion_fresh_check(current, section.text)
    summary = _("{part}: suggestion by {author} accepted by {name}").format(
        part=section.get_key_display(), author=_person(current.author), name=_person(by)
    )
    _saved, version = _section_write(
        visit,
        section,
        text=current.proposed_text,
        revision=section.revision,
        by=by,
        co_author=current.author,
        summary=summary,
    )
    decided = suggestion_decide(current, SuggestionStatus.ACCEPTED, by, version=version)
    _suggestion_notify(decided, by=by)
    return decided


@transaction.atomic
def report_suggestion_reject(
    *, suggestion: VisitReportSuggestion, reason: str, by
) -> VisitReportSuggestion:
    """The expert declines a suggestion and says why; the text does not change.

    Side effects: the suggestion is marked rejected, by whom, when, why; its author is told.
    """
    _visit, current = _lock_open_suggestion(suggestion, by)
    reason = suggestion_reason_clean(reason, limit=MAX_REPORT_COMMENT)
    decided = suggestion_decide(current, SuggestionStatus.REJECTED, by, reason=reason)
    _suggestion_notify(decided, by=by)
    return decided


def _suggestion_notify(suggestion: VisitReportSuggestion, *, by) -> None:
    """An open suggestion is told to the report's authors; a decided one to its author."""
    visit = suggestion.visit
    url = reverse("visits:report", args=[visit.pk])
    if suggestion.status == SuggestionStatus.OPEN:
        event = f"visits.report_suggestion:{suggestion.pk}"
        kind, extra = notices.SUGGESTION_MADE, {}
        recipients = report_selectors.report_recipients(
            visit=visit, people=report_selectors.report_authors(visit)
        )
    else:
        event = f"visits.report_suggestion:{suggestion.pk}:answered"
        kind = notices.SUGGESTION_ANSWERED
        accepted = suggestion.status == SuggestionStatus.ACCEPTED
        extra = {"accepted": accepted, "reason": suggestion.reason}
        # The author hears the outcome even when the report is out of their sight by now.
        recipients = [suggestion.author]
        if not report_selectors.report_recipients(visit=visit, people=[suggestion.author]):
            url = reverse("notifications:list")
    notify(
        event=event,
        kind=kind,
        recipients=recipients,
        params=notices.report_params(visit, by=by, **extra),
        url=url,
        actor=by,
    )


# --- The workflow: draft → CTED review → Committee → approved → transmitted -----------------


def _human_rights_check(visit: Visit) -> None:
    text = (
        VisitReportSection.objects.filter(visit=visit, key=ReportSectionKey.HUMAN_RIGHTS)
        .values_list("text", flat=True)
        .first()
    )
    if not richtext.to_text(text or ""):
        raise ValidationError(
            _("Write the human-rights section first: a report cannot go on without it.")
        )


def _transition(visit: Visit, action: str, *, by, comment: str = "", kind: str, roles=()):
    """Takes a step of permissions.REPORT and tells the people concerned: the holders of
    `roles` who may read the report, and the report's authors."""
    if len(comment or "") > MAX_REPORT_COMMENT:
        raise ValidationError(
            {"comment": _("At most {n} characters.").format(n=MAX_REPORT_COMMENT)}
        )
    result = permissions.REPORT.transition(
        visit,
        action,
        by=by,
        comment=comment or "",
        record={"gate": Gate.REPORT, "dated": None, "reference": ""},
    )
    moved = result.subject
    people = report_selectors.report_authors(moved)
    notify(
        event=f"visits.transition:{result.record.pk}",
        kind=kind,
        recipients=report_selectors.report_recipients(visit=moved, roles=roles, people=people),
        params=notices.report_params(moved, by=by, reason=result.record.comment),
        url=reverse("visits:report", args=[moved.pk]),
        actor=by,
    )
    return moved


@transaction.atomic
def report_submit(*, visit: Visit, by, comment: str = "") -> Visit:
    """Draft → CTED review (CTED writers), once the human-rights section is written; the
    coordinators are notified."""
    _human_rights_check(visit)
    return _transition(
        visit,
        A.SUBMIT_REPORT,
        by=by,
        comment=comment,
        kind=notices.SUBMITTED,
        roles=[Role.CTED_COORDINATOR],
    )


@transaction.atomic
def report_to_committee(*, visit: Visit, by, comment: str = "") -> Visit:
    """CTED review → with the Committee (coordinators); Committee members and the Chair are
    notified."""
    _human_rights_check(visit)
    return _transition(
        visit,
        A.REPORT_TO_COMMITTEE,
        by=by,
        comment=comment,
        kind=notices.TO_COMMITTEE,
        roles=list(COMMITTEE_ROLES),
    )


@transaction.atomic
def report_approve(*, visit: Visit, by, comment: str = "") -> Visit:
    """With the Committee → approved (Committee members, the Chair); the coordinators and the
    report's authors are notified."""
    return _transition(
        visit,
        A.APPROVE_REPORT,
        by=by,
        comment=comment,
        kind=notices.APPROVED,
        roles=[Role.CTED_COORDINATOR],
    )


@transaction.atomic
def report_return(*, visit: Visit, by, comment: str) -> Visit:
    """CTED review or with the Committee → draft, with the reason (required); the report's
    authors are notified."""
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Say why the report is returned.")})
    return _transition(visit, A.RETURN_REPORT, by=by, comment=comment, kind=notices.RETURNED)


@transaction.atomic
def report_transmit(*, visit: Visit, by, comment: str = "") -> Visit:
    """Approved → transmitted to the State (coordinators, the secretariat).

    Refused while the human-rights section is empty. Side effects: the transmission is
    recorded (the latest version, in the State's language of correspondence); after commit
    a task files it in the document area as a PDF distributed to the State, whose focal
    points find it in their secure inbox with a receipt to acknowledge
    (report_transmission_file); the coordinators and the report's authors are notified.
    """
    _human_rights_check(visit)
    moved = _transition(
        visit,
        A.TRANSMIT_REPORT,
        by=by,
        comment=comment,
        kind=notices.TRANSMITTED,
        roles=[Role.CTED_COORDINATOR],
    )
    transmission = VisitReportTransmission.objects.create(
        visit=moved,
        version=moved.report_versions.order_by("-number").first(),
        language=moved.state.official_language,
        transmitted_by=by,
    )
    enqueue(report_tasks.report_transmission_file_task, transmission.pk)
    return moved


REPORT_TRANSITIONS = {
    A.SUBMIT_REPORT: report_submit,
    A.REPORT_TO_COMMITTEE: report_to_committee,
    A.APPROVE_REPORT: report_approve,
    A.RETURN_REPORT: report_return,
    A.TRANSMIT_REPORT: report_transmit,
}


def report_transition(*, visit: Visit, action: str, by, comment: str = "") -> Visit:
    """The service of `action` (one of REPORT_TRANSITIONS)."""
    if action not in REPORT_TRANSITIONS:
        raise ValidationError({"action": _("Choose an action from the list.")})
    return REPORT_TRANSITIONS[action](visit=visit, by=by, comment=comment)


@transaction.atomic
def report_transmission_file(*, transmission: VisitReportTransmission) -> int:
    """Files the transmitted report in the document area (ctc.registry.site.file_document):
    one restricted document of kind "visit_report" with its PDF in the State's language,
    distributed to the State, whose source is the visit. The document's id is kept on the
    transmission: a second run files nothing.

    Side effects: the document area's (a receipt per focal point, who are told of it).
    Returns how many documents were filed now (0 or 1).
    """
    locked = (
        VisitReportTransmission.objects.select_for_update(of=("self",))
        .select_related("visit__state", "version", "transmitted_by")
        .get(pk=transmission.pk)
    )
    if locked.document_id is not None:
        return 0
    visit = locked.visit
    symbol = report_selectors.report_document_symbol(visit)
    html = report_selectors.report_pdf_html(transmission=locked)
    filename = "{symbol}-{language}.pdf".format(
        symbol=symbol.replace("/", "-"), language=locked.language
    )
    locked.document_id = site.file_document(
        DocumentFiling(
            kind=REPORT_DOCUMENT_KIND,
            symbol=symbol,
            titles=report_selectors.report_document_titles(visit),
            files=(FiledFile(locked.language, filename, pdf_from_html(html)),),
            classification=REPORT_CLASSIFICATION,
            states=(visit.state,),
            by=locked.transmitted_by,
            source=visit,
        )
    )
    locked.save(update_fields=["document_id"])
    return 1
