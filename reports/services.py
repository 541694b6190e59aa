"""Writes of the reports: a report requested, built, printed and filed in the document area.

The one job kind "reports.generate" (tasks.py) runs report_generate in the worker; the
`generate_report` command calls report_render synchronously and writes the file.
"""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ctc.accounts.enums import Role
from ctc.accounts.models import User
from ctc.jobs.enums import ACTIVE_STATUSES
from ctc.jobs.kinds import JobError
from ctc.jobs.models import Job
from ctc.jobs.services import job_create
from ctc.pdf import pdf_from_html, pdf_html
from ctc.registry import DocumentFiling, FiledFile, site
from ctc.states.models import MemberState
from docs_tracker.models import Document

from .constants import COPY_COMMITTEE, COPY_STATE, GENERATE_JOB
from .kinds import REPORT_KINDS, Built, ReportRequest, ReportUnavailable
from .periods import period_last_finished, period_parse

logger = logging.getLogger(__name__)

STAGE_GATHERING = gettext_noop("Gathering the figures")
STAGE_HTML = gettext_noop("Laying out the report")
STAGE_PDF = gettext_noop("Printing the PDF")
STAGE_FILING = gettext_noop("Filing the report as a document")
ERROR_NO_FILER = gettext_noop("There is no coordinator in whose name to file the report.")

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def report_request_make(
    *,
    kind: str,
    language: str = "",
    state: str = "",
    period: str = "",
    copy: str = COPY_COMMITTEE,
    today: datetime.date | None = None,
) -> ReportRequest:
    """Checks a request from a form, the command or a job's stored parameters and returns
    it resolved; ValidationError with a message per field (in the active language) for
    an unknown kind, language, State or period. A State's documents default to its
    preferred language. Writes nothing."""
    errors = {}
    report = REPORT_KINDS.get(kind)
    if report is None:
        errors["kind"] = _("Choose one of the kinds of report: {kinds}.").format(
            kinds=", ".join(sorted(REPORT_KINDS))
        )
    if language and language not in LANGUAGE_CODES:
        errors["language"] = _("Choose one of the languages: {languages}.").format(
            languages=", ".join(LANGUAGE_CODES)
        )
    member_state = None
    if report is not None and report.needs_state:
        member_state = MemberState.objects.filter(iso3__iexact=(state or "").strip()).first()
        if member_state is None:
            errors["state"] = _("Give the three-letter code of a member State, e.g. KEN.")
    half = None
    if report is not None and report.needs_period:
        half = period_parse(period) if period else period_last_finished(today or _today())
        if half is None:
            errors["period"] = _("Give a half-year as year and H1 or H2, e.g. 2012H1.")
    copy = copy or COPY_COMMITTEE
    if copy not in (COPY_COMMITTEE, COPY_STATE):
        errors["copy"] = _("Choose the Committee's copy or the State's.")
    if errors:
        raise ValidationError(errors)
    if not language:
        language = member_state.official_language if member_state else settings.LANGUAGE_CODE
    return ReportRequest(
        kind=kind,
        language=language,
        today=today or _today(),
        state=member_state,
        period=half,
        copy=copy if report.has_copies else COPY_COMMITTEE,
    )


def _today() -> datetime.date:
    return timezone.localdate()


def request_params(request: ReportRequest) -> dict:
    """The request as a job's JSON parameters (report_request_make reads them back)."""
    return {
        "kind": request.kind,
        "language": request.language,
        "state": request.state.iso3 if request.state else "",
        "period": request.period.code if request.period else "",
        "copy": request.copy,
    }


def report_build(request: ReportRequest) -> Built:
    """The report's figures and page context, in the request's language. Reads only; raises
    ReportUnavailable when the data needed is not there (no sent assessment…)."""
    with translation.override(request.language):
        return REPORT_KINDS[request.kind].build(request)


def report_html(request: ReportRequest, built: Built) -> str:
    """The page the report is printed from, in the request's language."""
    kind = REPORT_KINDS[request.kind]
    with translation.override(request.language):
        classification = dict(_classifications()).get(kind.classification, "")
        html = pdf_html(
            built.template,
            {
                **built.context,
                "title": built.title(),
                "symbol": built.symbol,
                "classification": classification,
                "toc": built.toc,
                "generated_on": request.today,
                "kind": kind,
            },
            language=request.language,
        )
    return html


def _classifications():
    from docs_tracker.enums import Classification

    return Classification.choices


def report_render(request: ReportRequest) -> bytes:
    """The report's PDF (reads only)."""
    return pdf_from_html(report_html(request, report_build(request)))


def _free_symbol(base: str) -> str:
    """The first of base, base/2, base/3… that no document has (symbols are unique)."""
    taken = {
        s.upper()
        for s in Document.objects.filter(reference__istartswith=base).values_list(
            "reference", flat=True
        )
    }
    symbol, number = base, 1
    while symbol.upper() in taken:
        number += 1
        symbol = f"{base}/{number}"
    return symbol


@transaction.atomic
def report_file(*, request: ReportRequest, built: Built, pdf: bytes, by) -> int:
    """Files the printed report in the document area (ctc.registry.site.file_document),
    undistributed: CTED distributes it from the document's page like any other. A report
    about a State is filed as that State's document, so the document area's scope applies:
    the subcommittee handling the State sees it, a focal point only once it is distributed.
    Returns the document's id. Side effects: the document area's (a Document, its file,
    history)."""
    kind = REPORT_KINDS[request.kind]
    symbol = _free_symbol(f"{built.symbol}/{request.language.upper()}")
    titles = {}
    for language in dict.fromkeys(["en", request.language]):
        with translation.override(language):
            titles[language] = built.title()
    filename = "{name}.pdf".format(name=symbol.replace("/", "-").replace(".", ""))
    return site.file_document(
        DocumentFiling(
            kind=kind.document_kind,
            symbol=symbol,
            titles=titles,
            files=(FiledFile(request.language, filename, pdf),),
            classification=kind.classification,
            states=(),
            state=request.state,
            by=by,
            source=None,
            notify=False,
            committee_only=kind.has_copies and request.copy == COPY_COMMITTEE,
        )
    )


def report_generate(job: Job, report_progress) -> str:
    """The work of a "reports.generate" job: figures, HTML, PDF, filing, with progress at
    each stage; returns the filed document's page. Idempotent: a redelivered job whose
    report was filed returns that document without filing again.

    Side effects: a Document filed (report_file); the document's id kept in job.params.
    """
    if job.params.get("document_id"):
        return reverse("docs:detail", args=[job.params["document_id"]])
    by = job.created_by or system_filer()
    if by is None:
        raise JobError(ERROR_NO_FILER)
    report_progress(5, STAGE_GATHERING)
    try:
        request = report_request_make(**_stored(job.params), today=_today())
        built = report_build(request)
    except ValidationError as exc:
        raise JobError(gettext_noop("The report's choices are no longer valid.")) from exc
    except ReportUnavailable as exc:
        raise JobError(exc.message, **exc.params) from exc
    report_progress(30, STAGE_HTML)
    html = report_html(request, built)
    report_progress(50, STAGE_PDF)
    pdf = pdf_from_html(html)
    report_progress(90, STAGE_FILING)
    with transaction.atomic():
        document_id = report_file(request=request, built=built, pdf=pdf, by=by)
        job.params = {**job.params, "document_id": document_id}
        job.save(update_fields=["params"])
    return reverse("docs:detail", args=[document_id])


def _stored(params: dict) -> dict:
    keys = ("kind", "language", "state", "period", "copy")
    return {key: params[key] for key in keys if key in params}


def system_filer() -> User | None:
    """Whom the scheduled report is filed by: the longest-standing active CTED coordinator."""
    return (
        User.objects.filter(is_active=True, groups__name=Role.CTED_COORDINATOR)
        .order_by("pk")
        .first()
    )


def report_start(*, request: ReportRequest, by) -> Job:
    """Starts generating a report in the background (ctc.jobs), in the request's language.

    Side effects: a queued Job; its task sent after commit (ctc.jobs.services.job_create).
    """
    return job_create(
        kind=GENERATE_JOB, by=by, params=request_params(request), language=request.language
    )


def semi_annual_start(*, today: datetime.date | None = None) -> Job:
    """Beat's run: the semi-annual report on the half-year just ended, in English, unless
    one for that period is already queued or running. Side effects: those of report_start."""
    request = report_request_make(kind="semi_annual", language=settings.LANGUAGE_CODE, today=today)
    running = (
        Job.objects.filter(
            kind=GENERATE_JOB,
            status__in=ACTIVE_STATUSES,
            params__kind="semi_annual",
            params__period=request.period.code,
        )
        .order_by("created_at")
        .first()
    )
    return running or report_start(request=request, by=None)
