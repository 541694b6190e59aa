"""Background work of the reports: the one job kind that generates any report (ctc.jobs),
and beat's semi-annual run."""

from celery import shared_task
from django.utils.translation import gettext_lazy as _

from ctc.jobs.kinds import register_job_kind

from . import services
from .constants import GENERATE_JOB


@register_job_kind(GENERATE_JOB, label=_("Generation of a report"))
def report_generate(job, report_progress) -> str:
    """See services.report_generate; links to the filed document."""
    return services.report_generate(job, report_progress)


@shared_task(name="reports.semi_annual_start_task")
def semi_annual_start_task() -> str:
    """Beat's run after each half-year: the semi-annual report in English. Returns the job's id."""
    return str(services.semi_annual_start().pk)


# Periodic runs, as data; ctc.jobs writes them into beat's tables (load_reference_data).
BEAT_SCHEDULE = [
    {
        "name": "reports.semi_annual (1 January and 1 July)",
        "task": "reports.semi_annual_start_task",
        "crontab": {"minute": "30", "hour": "4", "day_of_month": "1", "month_of_year": "1,7"},
        "description": "CTED's semi-annual report to the Committee on the half-year ended.",
    },
]
