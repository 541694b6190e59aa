"""Background work of technical assistance: the matching of all open needs against all
active offers, as a job of the platform (ctc.jobs) with progress a person watches."""

from celery import shared_task
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ctc.jobs.kinds import register_job_kind

from . import matching


@register_job_kind(
    matching.MATCH_ALL, label=_("Matching of all open needs with the active programmes")
)
def match_all(job, report_progress) -> str:
    """Runs matching.match_all_run (idempotent: a redelivered job writes nothing more) and
    keeps its figures with the job for the matching page; links to that page."""
    result = matching.match_all_run(job, report_progress)
    job.params = {**job.params, "result": result.as_dict()}
    job.save(update_fields=["params"])
    return reverse("assistance_matching:home")


@shared_task(name="assistance.match_all_start_task")
def match_all_start_task() -> str:
    """Beat's nightly run: a matching job started by nobody (the system), unless one is
    already queued or running. Returns the job's id."""
    return str(matching.match_all_start(by=None).pk)


# Periodic runs, as data; ctc.jobs writes them into beat's tables (load_reference_data).
BEAT_SCHEDULE = [
    {
        "name": "assistance.match_all (nightly)",
        "task": "assistance.match_all_start_task",
        "crontab": {"minute": "15", "hour": "2"},
        "description": "Matches all open assistance needs with the active offers.",
    },
]
