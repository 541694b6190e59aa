"""The matching page: who sees it, who may start a run, and a run from the button to its
figures on the page (tasks in-process, as in every test but the worker's)."""

import datetime

import pytest

from assistance.models import Match
from ctc.accounts.enums import Role
from ctc.jobs.enums import JobStatus
from ctc.jobs.models import Job
from tests.factories import NeedFactory, OfferFactory, UserFactory

PAGE = "/en/assistance/matching/"
RUN = "/en/assistance/matching/run/"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.CTED_EXPERT, 200),
        (Role.CTED_COORDINATOR, 200),
        (Role.COMMITTEE_MEMBER, 404),
        (Role.FOCAL_POINT, 404),
        (Role.PARTNER_ANALYST, 404),
        (Role.DONOR, 404),
    ],
)
def test_matching_page_is_cteds(client, personas, role, status):
    client.force_login(personas[role])

    assert client.get(PAGE).status_code == status


def test_matching_page_sends_the_anonymous_to_sign_in(client, db):
    response = client.get(PAGE)

    assert (response.status_code, response.url.split("?")[0]) == (302, "/en/login/")


def test_matching_page_shows_the_run_button_to_coordinators_only(client, personas):
    client.force_login(personas[Role.CTED_EXPERT])
    expert_page = client.get(PAGE).content.decode()
    client.force_login(personas[Role.CTED_COORDINATOR])
    coordinator_page = client.get(PAGE).content.decode()

    assert 'data-testid="matching-run"' not in expert_page
    assert 'data-testid="matching-run"' in coordinator_page


@pytest.mark.parametrize("role", [Role.CTED_EXPERT, Role.DONOR, Role.COMMITTEE_MEMBER])
def test_matching_run_is_refused_to_all_but_coordinators(client, personas, role):
    client.force_login(personas[role])

    assert client.post(RUN).status_code == 404
    assert not Job.objects.exists()


def test_matching_run_from_the_button_stores_proposals_and_shows_its_figures(
    client, personas, django_capture_on_commit_callbacks
):
    need = NeedFactory(
        wanted_from=datetime.date(2027, 1, 1), wanted_until=datetime.date(2027, 12, 31)
    )
    offer = OfferFactory(starts_on=datetime.date(2027, 1, 1), ends_on=datetime.date(2027, 12, 31))
    client.force_login(personas[Role.CTED_COORDINATOR])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(RUN)

    job = Job.objects.get()
    assert response.status_code == 302
    assert response.url == f"/en/jobs/{job.pk}/"
    assert (job.kind, job.status, job.progress, job.result_url) == (
        "assistance.match_all",
        JobStatus.DONE,
        100,
        PAGE,
    )
    assert job.params["result"] == {
        "needs": 1,
        "offers": 1,
        "pairs": 1,
        "created": 1,
        "updated": 0,
        "removed": 0,
        "told": 0,
    }
    assert list(Match.objects.values_list("need", "offer", "score")) == [(need.pk, offer.pk, 74)]
    page = client.get(PAGE).content.decode()
    assert f'href="/en/jobs/{job.pk}/"' in page


def test_matching_run_while_one_is_under_way_starts_no_second(client, personas):
    coordinator = personas[Role.CTED_COORDINATOR]
    other = UserFactory(roles=[Role.CTED_COORDINATOR])
    client.force_login(coordinator)
    first = client.post(RUN)
    again = client.post(RUN)
    client.force_login(other)

    response = client.post(RUN, follow=True)

    job = Job.objects.get()
    assert first.url == again.url == f"/en/jobs/{job.pk}/"
    assert response.redirect_chain == [(PAGE, 302)]
    assert "A matching run is already under way; it is listed below." in response.content.decode()
    assert "0%" in response.content.decode()


def test_nightly_task_starts_one_run_by_nobody(db):
    from assistance.tasks import match_all_start_task
    from ctc.registry import site

    first = match_all_start_task()
    second = match_all_start_task()

    job = Job.objects.get()
    assert (first, second) == (str(job.pk), str(job.pk))
    assert (job.kind, job.created_by) == ("assistance.match_all", None)
    entry = site.beat["assistance.match_all (nightly)"]
    assert (entry["task"], entry["crontab"]) == (
        "assistance.match_all_start_task",
        {"minute": "15", "hour": "2"},
    )
