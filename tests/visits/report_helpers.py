"""Visits with a report at a given stage, for the report's tests (tests/visits/test_report_*)."""

from ctc.accounts.enums import Role
from tests.factories import VisitFactory
from visits import report_services
from visits.enums import ReportSectionKey, ReportStatus

HUMAN_RIGHTS = "<p>The team met the national human-rights institution.</p>"
# The steps up to each stage, each with who takes it.
STEPS = [
    (ReportStatus.CTED_REVIEW, report_services.report_submit, Role.CTED_EXPERT),
    (ReportStatus.WITH_COMMITTEE, report_services.report_to_committee, Role.CTED_COORDINATOR),
    (ReportStatus.APPROVED, report_services.report_approve, Role.COMMITTEE_MEMBER),
    (ReportStatus.TRANSMITTED, report_services.report_transmit, Role.CTED_COORDINATOR),
]


def done_visit(people, **fields):
    """A visit to Kenya carried out, coordinated by the coordinator persona, with the expert."""
    fields.setdefault("coordinator", people[Role.CTED_COORDINATOR])
    return VisitFactory(
        status="done", consent_status="given", experts=[people[Role.CTED_EXPERT]], **fields
    )


def section(visit, key):
    return visit.report_sections.get(key=key)


def write(visit, key, text, by):
    current = section(visit, key)
    return report_services.report_section_save(
        section=current, text=text, revision=current.revision, by=by
    )


def report_at(people, stage=ReportStatus.DRAFT, **fields):
    """A visit whose report is at `stage` (human-rights section written)."""
    visit = done_visit(people, **fields)
    report_services.report_start(visit=visit, by=people[Role.CTED_EXPERT])
    write(visit, ReportSectionKey.HUMAN_RIGHTS, HUMAN_RIGHTS, people[Role.CTED_EXPERT])
    for reached, step, role in STEPS:
        if stage == ReportStatus.DRAFT or visit.report_status == stage:
            break
        step(visit=visit, by=people[role])
        visit.refresh_from_db()
        if reached == stage:
            break
    visit.refresh_from_db()
    return visit
