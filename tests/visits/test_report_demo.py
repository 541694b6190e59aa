"""The demo reports: every demo visit carried out gets a report, at each stage in turn;
seeding twice starts nothing more."""

import pytest

from visits.enums import ReportStatus
from visits.report_demo import demo_reports_seed

from .report_helpers import done_visit

pytestmark = pytest.mark.django_db


def test_demo_reports_reach_every_stage_once_and_seeding_again_adds_none(
    personas, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    visits = [done_visit(personas) for _n in range(5)]

    with django_capture_on_commit_callbacks(execute=True):
        first = demo_reports_seed()
    again = demo_reports_seed()

    for visit in visits:
        visit.refresh_from_db()
    assert (first, again) == (5, 0)
    assert sorted(v.report_status for v in visits) == sorted(
        [
            ReportStatus.TRANSMITTED,
            ReportStatus.DRAFT,
            ReportStatus.APPROVED,
            ReportStatus.CTED_REVIEW,
            ReportStatus.WITH_COMMITTEE,
        ]
    )
    draft = next(v for v in visits if v.report_status == ReportStatus.DRAFT)
    assert draft.report_suggestions.count() == 1
    assert all(v.report_sections.exclude(text="").count() == 4 for v in visits)
    assert visits[0].report_transmission.document_id is not None
