"""A report generated on a real Celery worker: started as a coordinator starts it, it runs
through its stages to 100 % and its PDF is filed as a document of the document area."""

import os

import pytest
from django.utils import translation

from ctc.accounts.enums import Role
from ctc.jobs.enums import JobStatus
from docs_tracker.models import Document
from reports import services
from tests.conftest import tasks_on_worker, wait_until
from tests.factories import UserFactory

pytestmark = pytest.mark.celery_worker


def test_real_worker_generates_and_files_the_semi_annual_report(reference_data, tmp_path):
    coordinator = UserFactory(roles=[Role.CTED_COORDINATOR])
    request = services.report_request_make(kind="semi_annual", language="fr", period="2012H1")
    env = {"DJANGO_MEDIA_ROOT": str(tmp_path)}

    with tasks_on_worker(f"test-reports-{os.getpid()}", env=env):
        with translation.override("fr"):
            job = services.report_start(request=request, by=coordinator)
        seen = set()

        def finished():
            job.refresh_from_db()
            seen.add(job.stage)
            return job.status in {JobStatus.DONE, JobStatus.FAILED}

        assert wait_until(finished, seconds=120)

    document = Document.objects.get(pk=job.params["document_id"])
    (stored,) = document.files.all()
    assert (job.status, job.progress, job.error) == (JobStatus.DONE, 100, "")
    assert job.result_url == f"/fr/docs/{document.pk}/"
    assert (document.reference, document.kind, document.classification) == (
        "S/AC.40/CTED/2012H1/FR",
        "other",
        "restricted",
    )
    assert (stored.language, stored.file.name.endswith(".pdf")) == ("fr", True)
    assert seen <= {
        "",
        services.STAGE_GATHERING,
        services.STAGE_HTML,
        services.STAGE_PDF,
        services.STAGE_FILING,
    }
