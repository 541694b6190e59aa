"""Job kinds for tests only; the test worker imports this module with ``-I``."""

import time

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_noop

from ctc.jobs.kinds import JobError, register_job_kind
from ctc.jobs.models import Job


@register_job_kind("tests.halfway_then_done", label="Test: halfway, then done")
def halfway_then_done(job, report_progress):
    report_progress(50, gettext_noop("Halfway"))
    return reverse("public:home")


@register_job_kind("tests.waits_for_go", label="Test: waits for the test's go")
def waits_for_go(job, report_progress):
    """Reports 50 %, then waits until the test has seen it and set params["go"]."""
    report_progress(50, gettext_noop("Halfway"))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if Job.objects.filter(pk=job.pk, params__go=True).exists():
            break
        time.sleep(0.05)
    return reverse("public:home")


@register_job_kind("tests.refuses", label="Test: refuses with a message")
def refuses(job, report_progress):
    report_progress(10)
    raise JobError("Member state {iso3} has sent no report.", iso3="KEN")


@register_job_kind("tests.crashes", label="Test: crashes")
def crashes(job, report_progress):
    raise RuntimeError("secret detail in /srv/ctc/internal.py")


@register_job_kind("tests.reports_language", label="Test: reports its language")
def reports_language(job, report_progress):
    return f"/{translation.get_language()}/result/"
