"""Demo reports: the visits of the demo that took place get a report, at every stage from a
draft (with a reviewer's suggestion) to one transmitted to the State. Idempotent: a visit
whose report was started is left as it is."""

from django.db import transaction

from ctc.accounts.enums import Role
from ctc.accounts.models import User

from . import report_services
from .enums import ReportSectionKey, ReportStatus, VisitStatus
from .models import Visit

TEXTS = {
    ReportSectionKey.SUMMARY: "<p>The team met the authorities responsible for border "
    "control, financial intelligence and prosecution.</p>",
    ReportSectionKey.FINDINGS: "<p>A financial intelligence unit exists but lacks staff.</p>"
    "<ul><li>Border posts share no watch list.</li><li>Courts lack specialised judges.</li></ul>",
    ReportSectionKey.HUMAN_RIGHTS: "<p>The team met the national human-rights institution and "
    "civil society; detention conditions were raised with the authorities.</p>",
    ReportSectionKey.CONCLUSIONS: "<p>Priority: staff the financial intelligence unit.</p>",
}
# The stage each started report reaches, in turn.
STAGES = [
    ReportStatus.TRANSMITTED,
    ReportStatus.DRAFT,
    ReportStatus.APPROVED,
    ReportStatus.CTED_REVIEW,
    ReportStatus.WITH_COMMITTEE,
]


def _holder(role: str) -> User | None:
    return User.objects.filter(groups__name=role, is_active=True).order_by("pk").first()


@transaction.atomic
def demo_reports_seed() -> int:
    """Reports for the demo visits carried out; returns how many were started now."""
    coordinator = _holder(Role.CTED_COORDINATOR)
    committee = _holder(Role.COMMITTEE_MEMBER)
    visits = Visit.objects.filter(
        status=VisitStatus.DONE, report_status=ReportStatus.NOT_STARTED
    ).order_by("starts_on", "pk")
    started = 0
    for index, visit in enumerate(visits):
        writer = visit.experts.order_by("pk").first() or visit.coordinator
        report_services.report_start(visit=visit, by=writer)
        for section in visit.report_sections.all():
            report_services.report_section_save(
                section=section, text=TEXTS[section.key], revision=0, by=writer
            )
        stage = STAGES[index % len(STAGES)]
        if stage == ReportStatus.DRAFT and coordinator:
            summary = visit.report_sections.get(key=ReportSectionKey.SUMMARY)
            report_services.report_suggestion_make(
                section=summary,
                proposed_text=TEXTS[ReportSectionKey.SUMMARY].replace(
                    "The team met", "The joint team met"
                ),
                note="The partners joined every meeting.",
                by=coordinator,
            )
        steps = [
            (ReportStatus.CTED_REVIEW, report_services.report_submit, writer),
            (ReportStatus.WITH_COMMITTEE, report_services.report_to_committee, coordinator),
            (ReportStatus.APPROVED, report_services.report_approve, committee),
            (ReportStatus.TRANSMITTED, report_services.report_transmit, coordinator),
        ]
        for reached, step, by in steps:
            if stage == ReportStatus.DRAFT or by is None:
                break
            visit.refresh_from_db()
            step(visit=visit, by=by)
            if reached == stage:
                break
        started += 1
    return started
