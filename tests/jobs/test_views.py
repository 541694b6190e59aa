import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.urls import URLPattern, reverse

from ctc.accounts.enums import Role
from ctc.jobs import selectors, services
from ctc.jobs import urls as job_urls
from ctc.jobs.enums import JobStatus
from ctc.jobs.models import Job
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROUTES = sorted(p.name for p in job_urls.urlpatterns if isinstance(p, URLPattern))
OWNER = Role.CTED_EXPERT
# Who sees a job the CTED expert started: its owner and administrators; everyone else 404.
EXPECTED = {role: 200 if role in {OWNER, Role.ADMINISTRATOR} else 404 for role in Role}


@pytest.fixture
def job(personas):
    return Job.objects.create(
        kind="tests.halfway_then_done",
        created_by=personas[OWNER],
        status=JobStatus.RUNNING,
        progress=40,
        stage="Halfway",
    )


def _url(route, job):
    return reverse(f"jobs:{route}", kwargs={"pk": job.pk})


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("role", list(Role))
def test_job_pages_answer_each_role(client, personas, job, role, route):
    client.force_login(personas[role])

    response = client.get(_url(route, job))

    assert response.status_code == EXPECTED[role]


@pytest.mark.parametrize("route", ROUTES)
def test_job_pages_send_anonymous_visitors_to_sign_in(client, job, route):
    response = client.get(_url(route, job))

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_an_inactive_owner_sees_no_job(personas, job):
    owner = personas[OWNER]
    owner.is_active = False
    owner.save()

    assert selectors.job_list(user=owner).count() == 0
    with pytest.raises(Http404):
        selectors.job_get(user=owner, pk=job.pk)


def test_job_list_is_scoped_to_the_owner(personas, job):
    other = Job.objects.create(kind="tests.halfway_then_done", created_by=UserFactory())

    assert list(selectors.job_list(user=personas[OWNER])) == [job]
    assert set(selectors.job_list(user=personas[Role.ADMINISTRATOR])) == {job, other}
    assert list(selectors.job_list(user=personas[Role.CHAIR])) == []
    assert list(selectors.job_list(user=AnonymousUser())) == []


def test_detail_page_shows_the_job_and_polls_while_running(client, personas, job):
    client.force_login(personas[OWNER])

    html = client.get(_url("detail", job)).content.decode()

    assert "<h1>Test: halfway, then done</h1>" in html
    assert 'hx-trigger="every 1s"' in html
    assert f'hx-get="{_url("progress", job)}"' in html
    assert '<progress id="job-progress-bar" max="100" value="40"' in html
    assert "40% complete" in html
    assert 'aria-live="polite"' in html
    assert "Halfway" in html
    assert "style=" not in html


def test_progress_fragment_polls_while_queued(client, personas, job):
    Job.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED, progress=0)
    client.force_login(personas[OWNER])

    html = client.get(_url("progress", job), headers={"HX-Request": "true"}).content.decode()

    assert html.lstrip().startswith('<section id="job-progress"')
    assert "<html" not in html
    assert 'hx-trigger="every 1s"' in html
    assert "0% complete" in html


def test_progress_fragment_stops_polling_when_done_and_links_the_result(client, personas, job):
    services.job_finish(job, "/en/reports/7/")
    client.force_login(personas[OWNER])

    html = client.get(_url("progress", job), headers={"HX-Request": "true"}).content.decode()

    assert "hx-trigger" not in html
    assert "hx-get" not in html
    assert 'value="100"' in html
    assert '<a href="/en/reports/7/" data-testid="job-result">Open the result</a>' in html


def test_progress_fragment_of_a_failed_job_shows_the_error_and_stops(client, personas, job):
    services.job_fail(job, "Member state {iso3} has sent no report.", iso3="KEN")
    client.force_login(personas[OWNER])

    html = client.get(_url("progress", job), headers={"HX-Request": "true"}).content.decode()

    assert "hx-trigger" not in html
    assert "Member state KEN has sent no report." in html
    assert "Failed" in html


def test_crashed_job_page_shows_a_translated_message_and_no_traceback(client, personas):
    job = Job.objects.create(kind="tests.crashes", created_by=personas[OWNER])
    services.job_run(job)
    client.force_login(personas[OWNER])

    english = client.get(_url("detail", job)).content.decode()
    french = client.get(
        reverse("jobs:detail", kwargs={"pk": job.pk}).replace("/en/", "/fr/", 1)
    ).content.decode()

    assert "unexpected error" in english
    assert "secret" not in english
    assert "Traceback" not in english
    assert "inattendue" in french


def test_admin_lists_jobs_read_only(client, job):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    listing = client.get("/en/admin/jobs/job/", {"status__exact": "running", "q": "tests"})
    change = client.get(f"/en/admin/jobs/job/{job.pk}/change/")
    adding = client.get("/en/admin/jobs/job/add/")
    deleting = client.get(f"/en/admin/jobs/job/{job.pk}/delete/")

    assert listing.status_code == 200
    assert "tests.halfway_then_done" in listing.content.decode()
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    assert (adding.status_code, deleting.status_code) == (403, 403)
