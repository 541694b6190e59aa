"""The reports page: starting a report, bad choices, the runs each person sees, queries."""

import pytest
from django.urls import reverse

from ctc.accounts.enums import Role
from ctc.jobs.enums import JobStatus
from ctc.jobs.models import Job
from reports.constants import GENERATE_JOB

pytestmark = pytest.mark.django_db


def _run(kind, by=None, **params):
    return Job.objects.create(
        kind=GENERATE_JOB,
        created_by=by,
        status=JobStatus.DONE,
        params={"kind": kind, "language": "en", "state": "", "period": "", **params},
    )


def test_starting_a_report_queues_a_job_in_the_language_chosen(client, personas):
    coordinator = personas[Role.CTED_COORDINATOR]
    client.force_login(coordinator)

    response = client.post(
        reverse("reports:start"),
        {"kind": "state_assessment", "state": "ken", "language": "ar", "copy": "state"},
    )

    job = Job.objects.get(kind=GENERATE_JOB)
    assert response["Location"] == f"/en/jobs/{job.pk}/"
    assert (job.language, job.created_by, job.params) == (
        "ar",
        coordinator,
        {
            "kind": "state_assessment",
            "language": "ar",
            "state": "KEN",
            "period": "",
            "copy": "state",
        },
    )


def test_an_unknown_state_is_refused_next_to_the_field_and_nothing_starts(client, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(reverse("reports:start"), {"kind": "visit_report", "state": "XYZ"})

    assert response.status_code == 400
    assert (
        '<p class="field-error" role="alert" data-testid="error-state">'
        "Give the three-letter code of a member State, e.g. KEN.</p>"
    ) in response.content.decode()
    assert Job.objects.filter(kind=GENERATE_JOB).count() == 0


def test_committee_sees_the_reports_addressed_to_it_and_no_form(client, personas):
    expert = personas[Role.CTED_EXPERT]
    _run("semi_annual", expert, period="2012H1", document_id=41)
    _run("state_assessment", expert, state="KEN")
    client.force_login(personas[Role.COMMITTEE_MEMBER])

    response = client.get(reverse("reports:home"))

    runs = response.context["runs"]
    assert [run.params["kind"] for run in runs] == ["semi_annual"]
    assert 'href="/en/docs/41/"' in response.content.decode()
    assert response.context["can_generate"] is False
    assert b'data-testid="report-start"' not in response.content


@pytest.mark.parametrize("size", [1, 6])
def test_reports_page_runs_a_constant_number_of_queries(
    client, personas, django_assert_num_queries, size
):
    expert = personas[Role.CTED_EXPERT]
    for number in range(size):
        _run("semi_annual", expert, period="2012H1", document_id=number + 1)
    client.force_login(expert)

    with django_assert_num_queries(5):
        response = client.get(reverse("reports:home"))

    assert len(response.context["runs"]) == size
