"""The kinds of report, as data: each a key, a label, what it needs (a State, a period) and
a builder returning the template and context of its printed page.

Builders run under the report's language (services.report_build), so every label they read
(`gettext`, a region's or a State's name) is already in that language.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from assessments import selectors as assessment_selectors
from assessments.models import Assessment
from ctc.charts import bar_chart
from ctc.revisions import version_parts
from ctc.states.models import MemberState
from visits import report_selectors
from visits.enums import ReportSectionKey
from visits.models import VisitReportTransmission

from . import selectors
from .constants import COMMITTEE_KINDS, COPY_COMMITTEE, COPY_STATE, INTERIM_REVIEW_DUE
from .periods import Period


class ReportUnavailable(Exception):
    """The report cannot be made from the data there is (a msgid and named fields)."""

    def __init__(self, message: str, **params: Any):
        super().__init__(message)
        self.message = message
        self.params = params


@dataclass(frozen=True)
class ReportRequest:
    """What a person asked for: the kind, the language and, as the kind needs, the State,
    the period and which copy (the Committee's or the State's)."""

    kind: str
    language: str
    today: datetime.date
    state: MemberState | None = None
    period: Period | None = None
    copy: str = COPY_COMMITTEE


@dataclass
class Built:
    """A report ready to print: its page's template and context, symbol and title."""

    template: str
    context: dict
    symbol: str
    # Called under each language the document is titled in.
    title: Callable[[], str]
    toc: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class ReportKind:
    key: str
    label: Any
    build: Callable[[ReportRequest], Built] = field(repr=False)
    # The document area's kind and classification of the filed report.
    document_kind: str = "other"
    classification: str = "restricted"
    needs_state: bool = False
    needs_period: bool = False
    has_copies: bool = False
    order: int = 100

    @property
    def for_committee(self) -> bool:
        return self.key in COMMITTEE_KINDS


REPORT_KINDS: dict[str, ReportKind] = {}


def report_kind(key: str, label, **options) -> Callable:
    """Decorator: registers a builder as the report kind `key`."""

    def decorator(build: Callable[[ReportRequest], Built]) -> Callable:
        REPORT_KINDS[key] = ReportKind(key=key, label=label, build=build, **options)
        return build

    return decorator


def kinds_ordered() -> list[ReportKind]:
    return sorted(REPORT_KINDS.values(), key=lambda k: (k.order, k.key))


def _assistance_charts(period: Period | None) -> dict:
    series = [_("Needs recorded"), _("Needs still open"), _("Matches under way or given")]
    by_area = selectors.assistance_by_area(period)
    by_region = selectors.assistance_by_region(period)
    return {
        "assistance_series": series,
        "assistance_by_area": by_area,
        "assistance_by_region": by_region,
        "assistance_area_chart": bar_chart(
            title=_("Technical assistance by thematic area"), series=series, rows=by_area.rows
        ),
        "assistance_region_chart": bar_chart(
            title=_("Technical assistance by region"), series=series, rows=by_region.rows
        ),
    }


def _programme_figures(start: datetime.date, end: datetime.date, today, period) -> dict:
    stages = selectors.assessments_by_stage()
    visits = selectors.visits_in(start, end)
    return {
        "stages": stages,
        "stages_total": sum(n for _, n in stages),
        "stage_chart": bar_chart(
            title=_("Assessments by stage"),
            series=[_("Assessments")],
            rows=[(label, [n]) for label, n in stages],
        ),
        "visits": visits,
        "visit_chart": bar_chart(
            title=_("Visits against the target"),
            series=[_("Carried out"), _("Planned"), _("Target")],
            rows=[
                (_("Visits"), [visits["done"], visits["planned"], 0]),
                (_("Target"), [0, 0, visits["target"]]),
            ],
        ),
        "follow_up": selectors.follow_up_in(start, end, today),
        "non_reporting": selectors.non_reporting(),
        **_assistance_charts(period),
    }


TOC_PROGRAMME = (
    ("assessments", gettext_lazy("Preliminary implementation assessments")),
    ("visits", gettext_lazy("Visits")),
    ("follow-up", gettext_lazy("Follow-up of recommendations")),
    ("assistance", gettext_lazy("Technical assistance")),
    ("non-reporting", gettext_lazy("States that have not reported")),
)


@report_kind(
    "semi_annual",
    gettext_lazy("CTED's semi-annual report to the Committee"),
    needs_period=True,
    order=10,
)
def semi_annual(request: ReportRequest) -> Built:
    period = request.period

    def title():
        return _(
            "Semi-annual report of the Executive Directorate to the Committee: {period}"
        ).format(period=period.label)

    context = {
        "period": period,
        **_programme_figures(period.starts_on, period.ends_on, request.today, period),
    }
    return Built(
        "reports/pdf/semi_annual.html",
        context,
        symbol=f"S/AC.40/CTED/{period.code}",
        title=title,
        toc=[(key, str(label)) for key, label in TOC_PROGRAMME],
    )


@report_kind(
    "interim_review",
    gettext_lazy("Interim review of CTED (C-12, E-7)"),
    order=20,
)
def interim_review(request: ReportRequest) -> Built:
    due = datetime.date(*INTERIM_REVIEW_DUE)
    start = datetime.date(due.year, 1, 1)
    context = {
        "due": due,
        "start": start,
        "overdue": request.today > due,
        **_programme_figures(start, due, request.today, None),
    }
    return Built(
        "reports/pdf/interim_review.html",
        context,
        symbol=f"S/AC.40/CTED/IR/{due.year}",
        title=lambda: _("Interim review of the Counter-Terrorism Committee Executive Directorate"),
        toc=[("mandate", _("Mandate of the review"))]
        + [(key, str(label)) for key, label in TOC_PROGRAMME],
    )


@report_kind(
    "global_survey",
    gettext_lazy("Global implementation survey"),
    document_kind="survey",
    order=30,
)
def global_survey(request: ReportRequest) -> Built:
    states = selectors.survey_states()
    reporting = selectors.reporting_by_region()
    # The States under their regions, in the order of the reporting table; a State without a
    # region last.
    by_region = {label: [] for label, _values in reporting.rows}
    for state in states:
        by_region.setdefault(state["region"], []).append(state)
    context = {
        "regions": [(label, rows) for label, rows in by_region.items() if rows],
        "state_count": len(states),
        "reporting": reporting,
        "reporting_chart": bar_chart(
            title=_("Reporting by region"),
            series=[_("Reported on 1373"), _("Reported on 1624"), _("Never reported")],
            rows=reporting.rows,
        ),
        **_assistance_charts(None),
    }
    return Built(
        "reports/pdf/global_survey.html",
        context,
        symbol=f"S/AC.40/CTED/GIS/{request.today.year}",
        title=lambda: _(
            "Global survey of the implementation of resolutions 1373 (2001) and 1624 (2005)"
        ),
        toc=[
            ("reporting", _("Reporting by region")),
            ("assistance", _("Technical assistance")),
            ("states", _("Member States")),
        ],
    )


def _sent_assessment(state: MemberState) -> Assessment:
    assessment = (
        Assessment.objects.filter(state=state, snapshot__isnull=False)
        .select_related("state", "format", "snapshot")
        .order_by("-cycle")
        .first()
    )
    if assessment is None:
        raise ReportUnavailable(
            gettext_noop("No assessment of {state} has been sent to it yet."), state=state.name
        )
    return assessment


@report_kind(
    "state_assessment",
    gettext_lazy("A State's assessment with its letter"),
    document_kind="pia",
    needs_state=True,
    has_copies=True,
    order=40,
)
def state_assessment(request: ReportRequest) -> Built:
    """The assessment last sent to the State and its letter, printed through the assessment
    app's own templates and selectors; the Committee's copy adds the internal cover note."""
    assessment = _sent_assessment(request.state)
    content = assessment_selectors.sent_content(assessment=assessment)
    copy = COPY_COMMITTEE if request.copy == COPY_COMMITTEE else COPY_STATE
    symbol = assessment_selectors.sent_document_symbol(assessment, "pia") + "/PRINT"
    context = {
        "assessment": assessment,
        "copy": copy,
        "sent_at": assessment.snapshot.sent_at,
        "sections": assessment_selectors.snapshot_sections(assessment=assessment),
        "recommendations": content.get("recommendations", []),
        "letter": content.get("letter", ""),
        # Internal: only the Committee's copy, read from the stored snapshot.
        "cover_note": assessment.snapshot.content.get("cover_note", "")
        if copy == COPY_COMMITTEE
        else "",
    }
    toc = [("assessment", _("Assessment")), ("letter", _("Letter to the State"))]
    if copy == COPY_COMMITTEE:
        toc.insert(0, ("cover-note", _("Cover note")))
        symbol += "/COMMITTEE"

    def title():
        return _("Preliminary Implementation Assessment {cycle}: {state}").format(
            cycle=assessment.cycle, state=request.state.name
        )

    return Built("reports/pdf/state_assessment.html", context, symbol, title, toc)


@report_kind(
    "visit_report",
    gettext_lazy("A visit report"),
    document_kind="visit_report",
    needs_state=True,
    order=50,
)
def visit_report(request: ReportRequest) -> Built:
    """The report last transmitted to the State, through the visits app's own template and
    selectors, in the language chosen."""
    transmission = (
        VisitReportTransmission.objects.filter(visit__state=request.state)
        .select_related("visit__state", "version")
        .order_by("-transmitted_at")
        .first()
    )
    if transmission is None:
        raise ReportUnavailable(
            gettext_noop("No visit report has been transmitted to {state} yet."),
            state=request.state.name,
        )
    visit = transmission.visit
    parts = version_parts(visit.report_versions, transmission.version.number)
    sections = [(str(label), parts.get(key, "")) for key, label in ReportSectionKey.choices]
    context = {"visit": visit, "sections": sections, "sent_at": transmission.transmitted_at}

    def title():
        return _("Report of the visit to {state} ({reference})").format(
            state=request.state.name, reference=visit.reference
        )

    return Built(
        "reports/pdf/visit_report.html",
        context,
        symbol=report_selectors.report_document_symbol(visit) + "/PRINT",
        title=title,
    )
