"""The demo's semi-annual report: filed once, listed as a done run; seeding again adds nothing."""

import pytest

from ctc.jobs.enums import JobStatus
from ctc.jobs.models import Job
from docs_tracker.models import Document
from reports.constants import GENERATE_JOB
from reports.demo import reports_demo_seed

pytestmark = pytest.mark.django_db


def test_demo_files_one_semi_annual_report_and_seeding_again_adds_nothing(personas):
    first = reports_demo_seed()
    second = reports_demo_seed()

    job = Job.objects.get(kind=GENERATE_JOB)
    assert (first, second) == (1, 0)
    assert (job.status, job.created_by, job.params["period"]) == (JobStatus.DONE, None, "2012H1")
    assert list(Document.objects.values_list("reference", flat=True)) == ["S/AC.40/CTED/2012H1/EN"]
