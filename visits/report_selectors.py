"""Reads of visit reports: the report page, its versions and their comparison, the waiting
lists and who to tell; every visit through permissions.scope and report_readable."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from ctc import richtext
from ctc.accounts.enums import COMMITTEE_ROLES, Role
from ctc.accounts.models import User
from ctc.diff import SideBySide, compare_html, side_by_side, tracked_html
from ctc.pdf import pdf_html
from ctc.registry import WaitingFile, WaitingItem
from ctc.revisions import version_parts
from ctc.revisions.enums import SuggestionStatus

from . import permissions
from .enums import Gate, ReportSectionKey, ReportStatus
from .models import (
    Visit,
    VisitReportSection,
    VisitReportSuggestion,
    VisitReportTransmission,
    VisitReportVersion,
    VisitTransition,
)

# The waiting lists show at most this many reports each.
WAITING_REPORTS = 5


def _report_visit(user, pk: int) -> Visit:
    """A visit in the user's scope for the workspace's report pages: a State's focal points
    read the transmitted report in their secure inbox (the document area), not here."""
    if Role.FOCAL_POINT in user.roles and not permissions.workspace_is_possible(user):
        raise Http404
    return get_object_or_404(
        permissions.scope(Visit.objects.select_related("state", "coordinator"), user), pk=pk
    )


def report_visit_get(*, user, pk: int) -> Visit:
    """The visit whose report the user may read; 404 outside their scope or before they may."""
    visit = _report_visit(user, pk)
    if not permissions.report_readable(user, visit):
        raise Http404
    return visit


def report_page_get(*, user, pk: int) -> Visit:
    """The visit of a report page: one whose report the user may read, or, for CTED, one
    whose report is not started yet (the page then offers to start it)."""
    visit = _report_visit(user, pk)
    if permissions.report_page_open(user, visit):
        return visit
    raise Http404


def report_steps(*, visit: Visit) -> QuerySet[VisitTransition]:
    """The report's workflow steps, oldest first, with who took them."""
    return visit.transitions.filter(gate=Gate.REPORT).select_related("by").order_by("at", "pk")


def report_section_get(*, visit: Visit, pk: int) -> VisitReportSection:
    return get_object_or_404(VisitReportSection.objects.filter(visit=visit), pk=pk)


def report_suggestion_get(*, visit: Visit, pk: int) -> VisitReportSuggestion:
    return get_object_or_404(
        VisitReportSuggestion.objects.filter(visit=visit).select_related("section", "author"),
        pk=pk,
    )


def report_content(visit: Visit) -> dict[str, str]:
    """Section key → text, in the report's order: what a version stores."""
    texts = dict(visit.report_sections.values_list("key", "text"))
    return {key: texts.get(key, "") for key in ReportSectionKey.values}


def report_sections(*, visit: Visit) -> list[VisitReportSection]:
    """The sections in order, each with its open suggestions (`open`, each marked `stale`
    when the text changed since, and shown as a tracked change) and its decided ones."""
    sections = list(visit.report_sections.select_related("updated_by").order_by("pk"))
    suggestions = VisitReportSuggestion.objects.filter(visit=visit).select_related(
        "author", "decided_by"
    )
    by_section: dict[int, list] = {}
    for suggestion in suggestions:
        by_section.setdefault(suggestion.section_id, []).append(suggestion)
    for section in sections:
        section.open, section.decided = [], []
        for suggestion in by_section.get(section.pk, []):
            is_open = suggestion.status == SuggestionStatus.OPEN
            suggestion.stale = is_open and suggestion.base_text != section.text
            suggestion.tracked = tracked_html(suggestion.base_text, suggestion.proposed_text)
            (section.open if is_open else section.decided).append(suggestion)
    return sections


def report_version_list(*, visit: Visit) -> QuerySet[VisitReportVersion]:
    """The report's versions, newest first, with who saved them."""
    return visit.report_versions.select_related("created_by", "co_author").order_by("-number")


def report_version_get(*, visit: Visit, number) -> VisitReportVersion:
    try:
        number = int(number)
    except (TypeError, ValueError):
        raise Http404 from None
    return get_object_or_404(visit.report_versions.select_related("created_by"), number=number)


@dataclass
class SectionChange:
    key: str
    label: str
    text: SideBySide


def report_version_compare(
    *, visit: Visit, old: VisitReportVersion, new: VisitReportVersion
) -> list[SectionChange]:
    """Each section of two versions side by side, changed words marked."""
    before = version_parts(visit.report_versions, old.number)
    after = version_parts(visit.report_versions, new.number)
    return [
        SectionChange(key, str(label), compare_html(before.get(key, ""), after.get(key, "")))
        for key, label in ReportSectionKey.choices
    ]


@dataclass
class Conflict:
    """A save refused because someone else saved first: theirs against mine, word by word."""

    text: SideBySide
    mine: dict


def section_conflict(*, section: VisitReportSection, submitted: str) -> Conflict:
    return Conflict(
        text=side_by_side(richtext.to_text(section.text), richtext.to_text(submitted)),
        mine={"text": submitted},
    )


def report_recipients(*, visit: Visit, roles=(), people=()) -> list[User]:
    """Active holders of `roles` and the given `people` who may read the report now."""
    wanted = Q(pk__in=[p.pk for p in people if p])
    if roles:
        wanted |= Q(groups__name__in=list(roles))
    candidates = list(
        User.objects.filter(wanted, is_active=True)
        .distinct()
        .order_by("pk")
        .prefetch_related("groups")
    )
    visible = []
    for person in candidates:
        person.__dict__["roles"] = frozenset(g.name for g in person.groups.all())
        in_scope = permissions.scope(Visit.objects.filter(pk=visit.pk), person).exists()
        if in_scope and permissions.report_readable(person, visit):
            visible.append(person)
    return visible


def report_authors(visit: Visit) -> list[User]:
    """Who wrote the report: the visit's coordinator and experts."""
    return [visit.coordinator, *visit.experts.all()]


# --- The document transmitted to the State -------------------------------------------------
def report_document_symbol(visit: Visit) -> str:
    return f"{visit.reference}/REPORT"


def report_document_titles(visit: Visit) -> dict[str, str]:
    """The document's title in English and in the State's language of correspondence."""
    titles = {}
    for language in dict.fromkeys(["en", visit.state.official_language]):
        with translation.override(language):
            titles[language] = _("Report of the visit to {state} ({reference})").format(
                state=visit.state.name,
                reference=visit.reference,
            )
    return titles


def report_pdf_html(*, transmission: VisitReportTransmission) -> str:
    """The page the transmitted PDF is printed from, in the State's language."""
    visit, version, language = transmission.visit, transmission.version, transmission.language
    parts = version_parts(visit.report_versions, version.number)
    with translation.override(language):
        sections = [(str(label), parts.get(key, "")) for key, label in ReportSectionKey.choices]
        classification = _("Restricted")
    return pdf_html(
        "visits/report/pdf.html",
        {
            "visit": visit,
            "sections": sections,
            "title": report_document_titles(visit)[language],
            "symbol": report_document_symbol(visit),
            "classification": classification,
            "sent_at": transmission.transmitted_at,
        },
        language=language,
    )


# --- Waiting for you ----------------------------------------------------------------------
def _waiting(visits: QuerySet[Visit], label: str, url_name: str) -> WaitingItem:
    rows = list(visits.select_related("state").order_by("report_status_changed_at", "pk"))
    files = tuple(
        WaitingFile(
            title=f"{v.state.name} — {v.reference}",
            url=reverse(url_name, args=[v.pk]),
            status=v.get_report_status_display(),
            since=v.report_status_changed_at,
        )
        for v in rows[:WAITING_REPORTS]
    )
    url = files[0].url if files else ""
    return WaitingItem(label, len(rows), url, files)


def report_waiting(user) -> list[WaitingItem]:
    """Reports whose next step is this user's: to review (coordinators), to approve (the
    Committee)."""
    items = []
    visits = permissions.scope(Visit.objects.all(), user)
    if Role.CTED_COORDINATOR in user.roles:
        review = visits.filter(report_status=ReportStatus.CTED_REVIEW)
        items.append(_waiting(review, _("Visit reports to review"), "visits:report"))
    if user.roles & COMMITTEE_ROLES:
        approval = visits.filter(report_status=ReportStatus.WITH_COMMITTEE)
        items.append(_waiting(approval, _("Visit reports awaiting approval"), "visits:report"))
    return [item for item in items if item.count]
