"""Generation as the job does it, in-process: filing, idempotence, symbols, beat's run."""

import datetime

import pytest

from ctc.accounts.enums import Role
from ctc.jobs.enums import JobStatus
from ctc.jobs.models import Job
from ctc.jobs.services import job_run
from docs_tracker.models import Document
from reports import services
from reports.constants import GENERATE_JOB
from reports.periods import Period, period_last_finished, period_parse
from reports.tasks import BEAT_SCHEDULE

pytestmark = pytest.mark.django_db


def _job(by, **params):
    return Job.objects.create(
        kind=GENERATE_JOB,
        created_by=by,
        params={"kind": "interim_review", "language": "ru", "state": "", "period": "", **params},
        language="ru",
    )


def test_a_job_files_its_report_once_even_when_delivered_twice(personas):
    job = _job(personas[Role.CTED_EXPERT])

    job_run(job)
    job.status = JobStatus.RUNNING  # as a redelivered message finds it
    first = job.params["document_id"]
    url = services.report_generate(job, lambda *args, **kwargs: None)

    assert url == f"/en/docs/{first}/"
    assert list(Document.objects.values_list("reference", flat=True)) == ["S/AC.40/CTED/IR/2012/RU"]


def test_a_second_report_of_the_same_kind_gets_the_next_symbol(personas):
    expert = personas[Role.CTED_EXPERT]
    for _ in range(2):
        job_run(_job(expert))

    assert sorted(Document.objects.values_list("reference", flat=True)) == [
        "S/AC.40/CTED/IR/2012/RU",
        "S/AC.40/CTED/IR/2012/RU/2",
    ]


def test_a_job_whose_state_has_no_sent_assessment_fails_with_a_message(personas):
    job = _job(personas[Role.CTED_EXPERT], kind="state_assessment", state="KEN")

    job_run(job)

    # The State's name as the job's language (Russian) spells it.
    assert (job.status, job.error_text) == (
        JobStatus.FAILED,
        "No assessment of Кения has been sent to it yet.",
    )
    assert Document.objects.count() == 0


def test_beats_run_reports_on_the_half_year_just_ended_once(personas):
    first = services.semi_annual_start(today=datetime.date(2012, 7, 1))
    second = services.semi_annual_start(today=datetime.date(2012, 7, 1))

    assert first.pk == second.pk
    assert (first.created_by, first.language, first.params["period"]) == (None, "en", "2012H1")
    assert BEAT_SCHEDULE[0]["crontab"]["month_of_year"] == "1,7"


@pytest.mark.parametrize(
    ("code", "period"),
    [("2012H1", Period(2012, 1)), ("2013h2", Period(2013, 2)), ("2012H0", None), ("H1", None)],
)
def test_period_codes(code, period):
    assert period_parse(code) == period


def test_the_last_finished_half_year():
    assert period_last_finished(datetime.date(2013, 3, 1)) == Period(2012, 2)
    assert period_last_finished(datetime.date(2013, 7, 1)) == Period(2013, 1)
    assert (Period(2012, 2).starts_on, Period(2012, 2).ends_on) == (
        datetime.date(2012, 7, 1),
        datetime.date(2012, 12, 31),
    )
