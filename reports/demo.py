"""The demo's report: one semi-annual report in English, filed as a document (about a second
of rendering). Idempotent: seeding again finds it and files nothing."""

from ctc.jobs.enums import JobStatus
from ctc.jobs.models import Job
from ctc.jobs.services import job_run

from . import services
from .constants import GENERATE_JOB

DEMO_PERIOD = "2012H1"


def reports_demo_seed() -> int:
    """Files the semi-annual report on the first half of 2012, run in-process as a job of the
    scheduled kind so that the reports page lists it. Returns how many were made."""
    made = Job.objects.filter(
        kind=GENERATE_JOB,
        status=JobStatus.DONE,
        params__kind="semi_annual",
        params__period=DEMO_PERIOD,
    )
    if made.exists() or services.system_filer() is None:
        return 0
    request = services.report_request_make(kind="semi_annual", language="en", period=DEMO_PERIOD)
    job = Job.objects.create(
        kind=GENERATE_JOB, created_by=None, params=services.request_params(request), language="en"
    )
    job_run(job)
    return int(job.status == JobStatus.DONE)
